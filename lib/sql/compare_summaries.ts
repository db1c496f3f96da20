/**
 * Whether two summary tables agree: the check that a summary computed lazily or by a query
 * engine equals the eager one.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { requireColumns, requireFrame, requireNonNegative } from "../core/errors.ts";

/** Options for {@linkcode compareSummaries}. */
export interface CompareSummariesOptions {
  /** The column that identifies a row in both tables (e.g. `"customer_id"`, `"period"`). */
  key: string;
  /** The largest relative difference counted as equal, `|a - e| / max(1, |e|)`. Default 1e-9. */
  tolerance?: number;
}

const ACTION = "compare summaries";

/** A key column as text: dates and timestamps by their milliseconds, so Date equals Datetime. */
function keyText(s: Series): string[] {
  const kind = s.dtype.variant;
  const t = kind === "Date" || kind === "Datetime"
    ? s.cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Utf8)
    : s.cast(pl.Utf8);
  return t.toArray() as string[];
}

/** A value column as numbers (dates as milliseconds, booleans as 0/1), or null when text. */
function numbers(s: Series): (number | null)[] | null {
  const kind = s.dtype.variant;
  if (kind === "Date" || kind === "Datetime") {
    return s.cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).toArray() as number[];
  }
  if (kind === "Bool") {
    return (s.toArray() as (boolean | null)[]).map((v) => v === null ? null : +v);
  }
  if (kind === "String" || kind === "Utf8" || kind === "Categorical") return null;
  return s.cast(pl.Float64).toArray() as (number | null)[];
}

/**
 * Compares two summary tables column by column, rows matched by `key`: for each column of
 * `expected`, how many rows were compared, how many rows of either table found no partner, the
 * largest relative difference `|a - e| / max(1, |e|)` (null for text columns, compared exactly),
 * and whether the column agrees (every row matched, the same missing values, every difference
 * within `tolerance`). Use it to show that a summary from `scanTransactions`, `queryDuckDb` or
 * another engine equals the eager result. Dates compare by their instant, so a DuckDB timestamp
 * equals a Polars Date at midnight; booleans as 0 and 1.
 *
 * Meant for summary-size tables (every value passes through JavaScript). Cost: O(rows x columns).
 *
 * @param actual The table to check, e.g. from SQL; never modified.
 * @param expected The reference table, e.g. `computeRfm`'s; never modified.
 * @param options The key column and the tolerance.
 * @returns A new DataFrame, one row per column of `expected` (the key first): `column`,
 *   `rows_compared`, `rows_unmatched`, `max_relative_difference` (Float64, null for text and for
 *   the key) and `equal` (Bool).
 * @throws {TypeError} When a table is not a DataFrame or a column of `expected` (or the key) is
 *   missing from either table.
 * @throws {RangeError} When `tolerance` is negative or not finite, or a key repeats in a table.
 *
 * @example A summary that differs in one value
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { compareSummaries } from "./compare_summaries.ts";
 *
 * const eager = pl.DataFrame({ customer_id: ["a", "b"], monetary: [10, 20] });
 * const sql = pl.DataFrame({ customer_id: ["b", "a"], monetary: [20, 10.5] });
 * const diff = compareSummaries(sql, eager, { key: "customer_id" });
 * assert.deepEqual(diff.getColumn("equal").toArray(), [true, false]);
 * assert.equal(diff.getColumn("max_relative_difference").get(1), 0.05);
 * ```
 */
export function compareSummaries(
  actual: DataFrame,
  expected: DataFrame,
  options: CompareSummariesOptions,
): DataFrame {
  requireFrame(actual, "actual", ACTION);
  requireFrame(expected, "expected", ACTION);
  const key = options?.key;
  const tolerance = requireNonNegative(options?.tolerance ?? 1e-9, "tolerance", ACTION);
  requireColumns(expected, [key], ACTION);
  requireColumns(actual, expected.columns, ACTION);
  const index = (df: DataFrame, name: string) => {
    const map = new Map<string, number>();
    keyText(df.getColumn(key)).forEach((k, i) => {
      if (map.has(k)) {
        throw new RangeError(`Cannot ${ACTION} as key "${key}" repeats in ${name}: ${k}`);
      }
      map.set(k, i);
    });
    return map;
  };
  const a = index(actual, "actual");
  const e = index(expected, "expected");
  const pairs: [number, number][] = [];
  for (const [k, i] of e) if (a.has(k)) pairs.push([a.get(k)!, i]);
  const unmatched = a.size + e.size - 2 * pairs.length;
  const out = {
    column: [] as string[],
    rows_compared: [] as number[],
    rows_unmatched: [] as number[],
    max_relative_difference: [] as (number | null)[],
    equal: [] as boolean[],
  };
  for (const c of expected.columns) {
    let worst: number | null = null;
    let ok = unmatched === 0;
    if (c !== key) {
      const x = numbers(actual.getColumn(c));
      const y = numbers(expected.getColumn(c));
      if (x === null || y === null) {
        const xs = actual.getColumn(c).cast(pl.Utf8).toArray();
        const ys = expected.getColumn(c).cast(pl.Utf8).toArray();
        for (const [i, j] of pairs) if (xs[i] !== ys[j]) ok = false;
      } else {
        worst = 0;
        for (const [i, j] of pairs) {
          const u = x[i];
          const v = y[j];
          if (u === null || v === null) {
            if (u !== v) ok = false;
            continue;
          }
          const d = u === v ? 0 : Math.abs(u - v) / Math.max(1, Math.abs(v));
          if (!(d <= tolerance)) ok = false;
          worst = Number.isNaN(d) ? NaN : Math.max(worst, d);
        }
      }
    }
    out.column.push(c);
    out.rows_compared.push(pairs.length);
    out.rows_unmatched.push(unmatched);
    out.max_relative_difference.push(worst);
    out.equal.push(ok);
  }
  return pl.DataFrame([
    pl.Series("column", out.column, pl.Utf8),
    pl.Series("rows_compared", out.rows_compared, pl.Int64),
    pl.Series("rows_unmatched", out.rows_unmatched, pl.Int64),
    pl.Series("max_relative_difference", out.max_relative_difference, pl.Float64),
    pl.Series("equal", out.equal, pl.Bool),
  ]);
}
