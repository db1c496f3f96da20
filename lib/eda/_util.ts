/**
 * Internal numeric helpers shared by the eda functions: dtype checks, moving a column into a
 * `Float64Array`, quantiles, moments and ranks. Not part of the public API (not re-exported).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, DataType } from "../core/frame.ts";

const NUMERIC_VARIANTS = new Set([
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
  "Float32",
  "Float64",
]);

/** Whether a dtype is an integer or floating-point type (Boolean and Decimal are not). */
export function isNumericDtype(dtype: DataType): boolean {
  return NUMERIC_VARIANTS.has(dtype.variant);
}

/** Whether a dtype is `Date` or `Datetime`. */
export function isTemporalDtype(dtype: DataType): boolean {
  return dtype.variant === "Date" || dtype.variant === "Datetime";
}

/** A readable dtype name: `Float64`, `String`, `Date`, `Datetime(ms)`, `Datetime(us, UTC)`. */
export function dtypeName(dtype: DataType): string {
  if (dtype.variant === "Datetime") {
    const [unit, zone] = (dtype as unknown as { inner: (string | null | undefined)[] }).inner;
    return zone ? `Datetime(${unit}, ${zone})` : `Datetime(${unit})`;
  }
  return dtype.variant;
}

/**
 * Throws a `TypeError` unless `column` of `df` is numeric.
 *
 * @param df The frame holding the column (the column must exist).
 * @param column The column name.
 * @param action What the caller was doing, for the message.
 */
export function requireNumeric(df: DataFrame, column: string, action: string): void {
  const dtype = df.getColumn(column).dtype;
  if (!isNumericDtype(dtype)) {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not numeric: its dtype is ${dtypeName(dtype)}`,
    );
  }
}

/**
 * Throws a `TypeError` unless `column` of `df` is a Date or Datetime column.
 *
 * @param df The frame holding the column (the column must exist).
 * @param column The column name.
 * @param action What the caller was doing, for the message.
 */
export function requireTemporal(df: DataFrame, column: string, action: string): void {
  const dtype = df.getColumn(column).dtype;
  if (!isTemporalDtype(dtype)) {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not a Date or Datetime: its dtype is ${
        dtypeName(dtype)
      }`,
    );
  }
}

/**
 * A numeric column as a `Float64Array`, with `NaN` where the value is null (or already NaN).
 * Costs one Polars cast and one copy, O(n).
 *
 * @param df The frame (the column must exist).
 * @param column The column name.
 * @param action What the caller was doing, for the message when the column is not numeric.
 * @returns The values, `NaN` marking missing ones.
 */
export function numericValues(df: DataFrame, column: string, action: string): Float64Array {
  requireNumeric(df, column, action);
  return df.select(pl.col(column).cast(pl.Float64).fillNull(pl.lit(NaN))).getColumn(column)
    .toTypedArray() as Float64Array;
}

/**
 * The non-missing values of `values`, sorted ascending. O(n log n).
 *
 * @param values Values with `NaN` marking missing ones.
 * @returns A new sorted array without NaN.
 */
export function sortedPresent(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/**
 * Quantile of sorted values with linear interpolation between closest ranks, the default of
 * pandas `Series.quantile` and numpy `percentile` (numpy "method 7"); the interpolation follows
 * numpy's `_lerp` so results agree to the last bit. O(1).
 *
 * @param sorted Values sorted ascending, no NaN.
 * @param p The probability, in [0, 1].
 * @returns The quantile, or `NaN` when `sorted` is empty.
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
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
 * Throws a `RangeError` unless `value` is a finite number greater than zero.
 *
 * @param value The value to check.
 * @param name The option name, for the message.
 * @param action What the caller was doing.
 */
export function requirePositive(value: number, name: string, action: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Cannot ${action} as ${name} must be a finite number > 0: got ${value}`);
  }
}

/**
 * Throws a `RangeError` unless `value` is an integer >= `min`.
 *
 * @param value The value to check.
 * @param name The option name, for the message.
 * @param action What the caller was doing.
 * @param min The smallest allowed value.
 */
export function requireInteger(value: number, name: string, action: string, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Cannot ${action} as ${name} must be an integer >= ${min}: got ${value}`);
  }
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
