import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";

/** Options for {@linkcode rowsWhere}. */
export interface RowsWhereOptions {
  /** The column to test. */
  column: string;
  /** Keep rows whose value equals this (text or number). */
  equals?: string | number;
  /** Keep rows whose value is one of these. */
  oneOf?: readonly (string | number)[];
  /** Keep the other rows instead. Default false. */
  not?: boolean;
}

/**
 * Keeps the rows whose column equals a value (or one of several), e.g. one country's
 * transactions, so notebooks can slice data without writing Polars expressions. Rows whose value
 * is null are dropped either way (with or without `not`).
 *
 * @param df The frame; not modified.
 * @param options Column, value(s) and negation.
 * @returns A new frame with the matching rows, in their original order.
 * @throws {TypeError} When the column is missing, or neither `equals` nor `oneOf` is given.
 *
 * @example One country
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { rowsWhere } from "./rows_where.ts";
 *
 * const df = pl.DataFrame({ country: ["France", "EIRE", "France"], n: [1, 2, 3] });
 * assert.deepEqual(rowsWhere(df, { column: "country", equals: "France" }).getColumn("n").toArray(), [1, 3]);
 * ```
 */
export function rowsWhere(df: DataFrame, options: RowsWhereOptions): DataFrame {
  const action = "select rows";
  requireColumns(df, [options.column], action);
  const values = options.oneOf ?? (options.equals === undefined ? undefined : [options.equals]);
  if (values === undefined) {
    throw new TypeError(
      `Cannot ${action} as neither equals nor oneOf is given: column "${options.column}"`,
    );
  }
  const col = pl.col(options.column);
  let mask = col.eq(pl.lit(values[0]));
  for (const value of values.slice(1)) mask = mask.or(col.eq(pl.lit(value)));
  mask = mask.fillNull(false);
  return df.filter(options.not ? mask.not().and(col.isNotNull()) : mask);
}
