/**
 * Splitting a big lazy summary into passes over disjoint groups of customers (issue 15's memory
 * targets): each pass keeps only its customers' rows, so a group-by or an in-memory summary
 * holds a fraction of the log. Private to the library.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Expr } from "./frame.ts";

/**
 * Lazy inputs with more rows than this are summarised in several passes (one group of customers
 * each) rather than one; smaller ones keep the single pass, so their results are computed exactly
 * as before. Measured on 20M generated lines (bench/scale.ts): one pass of RFM's group-by peaked
 * at 2.5 GB (default engine) or 1.2 GB (streaming engine), four streaming passes at 0.55 GB.
 */
export const SPLIT_ROWS = 4_000_000;

/**
 * A mask keeping the rows whose `column` falls in group `chunk` of `chunks`, by its hash: every
 * value lands in exactly one group whatever its type, about evenly. The 64-bit hash is scaled
 * to [0, chunks) from its high bits (nodejs-polars' modulo with a number goes through Float64
 * and loses the low digits; FIELD_NOTES), which Float64 keeps.
 *
 * @param column The key column (e.g. the customer id).
 * @param chunks How many groups.
 * @param chunk Which group, 0 to `chunks - 1`.
 * @returns A Boolean expression.
 */
export function inHashChunk(column: string, chunks: number, chunk: number): Expr {
  return pl.col(column).hash(1, 2, 3, 4).cast(pl.Float64).div(pl.lit(2 ** 64)).mul(pl.lit(chunks))
    .floor().eq(pl.lit(chunk));
}
