/**
 * The nodejs-polars types the public API names, as documented aliases. Every module imports its
 * frame types from here rather than from `nodejs-polars`, so the public API (and `deno doc`)
 * refers to types the library itself exports.
 *
 * @module
 */
import type * as polars from "nodejs-polars";

/** A nodejs-polars `DataFrame` (nodejs-polars 0.25.2): the table every function takes and returns. */
export type DataFrame = polars.DataFrame;

/** A nodejs-polars `Series`: one named, typed column. */
export type Series = polars.Series;

/** A nodejs-polars expression (`pl.col("quantity").gt(0)`), as the quality rules return. */
export type Expr = polars.Expr;

/** A nodejs-polars `LazyFrame`: a query plan over a file or frame, run by `collect`. */
export type LazyFrame = polars.LazyDataFrame;

/** A nodejs-polars data type, e.g. `pl.Float64`. */
export type DataType = polars.DataType;
