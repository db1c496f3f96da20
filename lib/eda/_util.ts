/**
 * Internal helpers shared by the eda functions: moments, ranks, deterministic group sums and the
 * default column choice. Dtype checks, quantiles and argument checks live in `lib/core`. Not part
 * of the public API (not re-exported).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireRows } from "../core/errors.ts";
import { numericColumns } from "../core/feature_matrix.ts";

/**
 * The columns an eda summary looks at: the given ones, or every numeric column. Checks that they
 * exist, that the frame has rows, and that at least one column is chosen.
 *
 * @param df The frame.
 * @param columns The caller's `columns` option.
 * @param action What the caller was doing, for the messages.
 * @returns The column names.
 * @throws {TypeError} When a column is missing.
 * @throws {RangeError} When the frame is empty or no numeric column is available.
 */
export function summaryColumns(
  df: DataFrame,
  columns: readonly string[] | undefined,
  action: string,
): string[] {
  const chosen = columns ? [...columns] : numericColumns(df);
  requireColumns(df, chosen, action);
  requireRows(df, action);
  if (chosen.length === 0) {
    throw new RangeError(
      `Cannot ${action} as no numeric column is available: columns are ${
        df.columns.join(", ") || "none"
      }`,
    );
  }
  return chosen;
}

/** Arithmetic mean of values without NaN (NaN when empty). O(n). */
export function mean(values: Float64Array): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample standard deviation (ddof = 1, as pandas `Series.std`), two-pass. O(n).
 *
 * @param values Values without NaN.
 * @returns The standard deviation, or `NaN` with fewer than two values.
 */
export function sampleStd(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Average ranks (1-based; ties get the mean of their ranks), as pandas `rank()` and
 * `scipy.stats.rankdata`. O(n log n).
 *
 * @param values Values without NaN.
 * @returns The ranks, in the order of `values`.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Per-key totals of a frame, summed in JS in row order with Neumaier's compensated sum, as a
 * frame of `by` (original dtype) and `total` (Float64), keys in first-seen order. Polars'
 * parallel group-by adds partial sums in whatever order its threads finish, so float totals could
 * differ in the last bits between runs (seen: a notebook that did not reproduce); these cannot.
 * Null keys are dropped; null values count as 0; without `value`, each row counts 1.
 */
export function deterministicGroupSums(df: DataFrame, by: string, value?: string): DataFrame {
  const keyed = df.filter(pl.col(by).isNotNull());
  const keys = keyed.getColumn(by).toArray() as unknown[];
  const values = value === undefined ? null : Float64Array.from(
    keyed.getColumn(value).cast(pl.Float64).toArray() as (number | null)[],
    (v) => v ?? 0,
  );
  const sums = new Map<unknown, { sum: number; compensation: number; key: unknown }>();
  for (let i = 0; i < keys.length; i++) {
    const id = keys[i] instanceof Date ? (keys[i] as Date).getTime() : keys[i];
    let entry = sums.get(id);
    if (entry === undefined) {
      entry = { sum: 0, compensation: 0, key: keys[i] };
      sums.set(id, entry);
    }
    const x = values === null ? 1 : values[i];
    const t = entry.sum + x;
    entry.compensation += Math.abs(entry.sum) >= Math.abs(x)
      ? (entry.sum - t) + x
      : (x - t) + entry.sum;
    entry.sum = t;
  }
  const entries = [...sums.values()];
  return pl.DataFrame([
    pl.Series(by, entries.map((e) => e.key)).cast(keyed.getColumn(by).dtype),
    pl.Series("total", entries.map((e) => e.sum + e.compensation), pl.Float64),
  ]);
}
