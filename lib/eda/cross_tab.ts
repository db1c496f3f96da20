import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireRows } from "../core/errors.ts";

/** Options for {@linkcode crossTab}. */
export interface CrossTabOptions {
  /** Column whose values become rows. */
  rows: string;
  /** Column whose values become columns. */
  columns: string;
  /** `"count"` (default), or `"row_share"`: each row's counts divided by the row total. */
  normalize?: "count" | "row_share";
}

/**
 * Cross-tabulates two categorical columns (pandas `crosstab`): one row per value of `rows`, one
 * column per value of `columns` (both sorted as text), counts or row shares in the cells, and a
 * `total` column of row counts. Nulls are counted as the value `"null"`.
 *
 * Cost: one Polars group-by, O(n).
 *
 * @param df The frame.
 * @param options The two columns and the normalisation.
 * @returns A new frame.
 * @throws {TypeError} When a column is missing.
 * @throws {RangeError} When the frame is empty.
 *
 * @example Segments by country
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { crossTab } from "./cross_tab.ts";
 *
 * const df = pl.DataFrame({ seg: ["a", "a", "b"], country: ["UK", "FR", "UK"] });
 * const t = crossTab(df, { rows: "seg", columns: "country" });
 * assert.deepEqual(t.toRecords(), [
 *   { seg: "a", FR: 1, UK: 1, total: 2 },
 *   { seg: "b", FR: 0, UK: 1, total: 1 },
 * ]);
 * ```
 */
export function crossTab(df: DataFrame, options: CrossTabOptions): DataFrame {
  const action = "cross-tabulate";
  requireColumns(df, [options.rows, options.columns], action);
  requireRows(df, action);
  const normalize = options.normalize ?? "count";
  if (normalize !== "count" && normalize !== "row_share") {
    throw new RangeError(
      `Cannot ${action} as normalize must be "count" or "row_share": ${normalize}`,
    );
  }
  const r = options.rows;
  const c = options.columns;
  const counts = df.select(
    pl.col(r).cast(pl.Utf8).fillNull("null").alias("__r"),
    pl.col(c).cast(pl.Utf8).fillNull("null").alias("__c"),
  ).groupBy(["__r", "__c"]).agg(pl.len().alias("n")).toRecords();
  const rowValues = [...new Set(counts.map((x) => String(x.__r)))].sort();
  const colValues = [...new Set(counts.map((x) => String(x.__c)))].sort();
  const cell = new Map(counts.map((x) => [`${x.__r}\u0000${x.__c}`, Number(x.n)]));
  const totals = rowValues.map((rv) =>
    colValues.reduce((s, cv) => s + (cell.get(`${rv}\u0000${cv}`) ?? 0), 0)
  );
  const columns: pl.Series[] = [pl.Series(r, rowValues, pl.Utf8)];
  for (const cv of colValues) {
    const values = rowValues.map((rv, i) => {
      const n = cell.get(`${rv}\u0000${cv}`) ?? 0;
      return normalize === "count" ? n : n / totals[i];
    });
    columns.push(pl.Series(cv, values, normalize === "count" ? pl.Int64 : pl.Float64));
  }
  columns.push(pl.Series("total", totals, pl.Int64));
  return pl.DataFrame(columns);
}
