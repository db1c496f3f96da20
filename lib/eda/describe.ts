/**
 * Summary statistics per column, for numeric, text and date columns alike.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { dtypeName, isNumericDtype, isTemporalDtype } from "../core/dtypes.ts";
import { DAY_MS, formatDate, formatWallClock } from "../core/time.ts";
import { quantileSorted, sortedPresent } from "../core/quantile.ts";
import { requireColumns, requireInteger, requireRows } from "../core/errors.ts";
import { mean, sampleStd } from "./_util.ts";

/** Options for {@linkcode describe}. */
export interface DescribeOptions {
  /** Columns to describe, in this order. Default: every column of the frame. */
  columns?: string[];
  /** Significant digits for numbers in the statistic cells, an integer 1-21. Default 6. */
  digits?: number;
}

const STATS = ["mean", "std", "min", "q25", "median", "q75", "max"] as const;
type Stat = typeof STATS[number];

/**
 * Describe columns: one row per column with its dtype, how many values are present, missing and
 * distinct, and for numeric and Date/Datetime columns the mean, sample standard deviation
 * (ddof = 1, as pandas), minimum, quartiles and maximum. It is pandas `DataFrame.describe()`
 * turned sideways, and unlike Polars' `describe()` it accepts Date columns.
 *
 * A column cannot mix types, so the statistic cells (`mean` to `max`) are strings:
 * - numbers with `digits` significant digits in their shortest form (`"3.7"`, `"14.0667"`);
 * - Datetime values as `YYYY-MM-DD HH:MM:SS` in UTC, truncated to the second; Date values as
 *   `YYYY-MM-DD` (a mean or quartile falling inside a day is truncated to that day);
 * - the standard deviation of a date column in days, e.g. `"16.3692 days"`.
 *
 * Other columns (text, Boolean, lists, ...) get only `count`, `nulls` and `distinct`; their statistic
 * cells are null. `distinct` counts distinct non-null values (pandas `nunique()`). Quartiles use
 * linear interpolation between closest ranks (pandas `Series.quantile` default). Statistics skip
 * nulls and NaN; `std` is null with fewer than two values. Cost: O(n log n) per described column
 * (sorting for the quartiles).
 *
 * @see {@link https://pandas.pydata.org/pandas-docs/version/1.5/reference/api/pandas.DataFrame.describe.html}
 *
 * @param df The frame to describe; not modified.
 * @param options Which columns, and how many significant digits.
 * @returns A new frame with columns `column`, `dtype` (Utf8), `count`, `nulls`, `distinct`
 * (Int64), and `mean`, `std`, `min`, `q25`, `median`, `q75`, `max` (Utf8, nullable).
 * @throws {TypeError} When a requested column is missing.
 * @throws {RangeError} When the frame has no rows, no column is selected, or `digits` is not an
 * integer from 1 to 21.
 *
 * @example Describe a price column with a missing value
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { describe } from "./describe.ts";
 *
 * const df = pl.DataFrame({ price: [1, 2, 3, 4, null] });
 * const summary = describe(df);
 * assert.equal(summary.getColumn("count").toArray()[0], 4);
 * assert.equal(summary.getColumn("nulls").toArray()[0], 1);
 * assert.equal(summary.getColumn("median").toArray()[0], "2.5");
 * assert.equal(summary.getColumn("std").toArray()[0], "1.29099");
 * ```
 *
 * @example Dates are summarised as dates
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { describe } from "./describe.ts";
 *
 * const df = pl.DataFrame({
 *   at: [new Date("2024-01-01T00:00:00Z"), new Date("2024-01-03T12:00:00Z")],
 * });
 * const row = describe(df).toRecords()[0];
 * assert.equal(row.mean, "2024-01-02 06:00:00");
 * assert.equal(row.max, "2024-01-03 12:00:00");
 * ```
 */
export function describe(df: DataFrame, options: DescribeOptions = {}): DataFrame {
  const action = "describe columns";
  const columns = options.columns ?? df.columns;
  const digits = options.digits ?? 6;
  requireInteger(digits, "digits", action, 1, 21);
  requireColumns(df, columns, action);
  requireRows(df, action);
  if (columns.length === 0) {
    throw new RangeError(`Cannot ${action} as no column was selected: columns is []`);
  }

  const formatNumber = (v: number): string | null =>
    Number.isNaN(v) ? null : String(Number(v.toPrecision(digits)));

  const names: string[] = [];
  const dtypes: string[] = [];
  const counts: number[] = [];
  const nulls: number[] = [];
  const distinct: number[] = [];
  const cells: Record<Stat, (string | null)[]> = {
    mean: [],
    std: [],
    min: [],
    q25: [],
    median: [],
    q75: [],
    max: [],
  };

  for (const column of columns) {
    const series = df.getColumn(column);
    const nullCount = series.nullCount();
    names.push(column);
    dtypes.push(dtypeName(series.dtype));
    counts.push(series.len() - nullCount);
    nulls.push(nullCount);
    distinct.push(series.dropNulls().nUnique());

    let stats: Record<Stat, string | null> | null = null;
    if (isNumericDtype(series.dtype)) {
      const sorted = sortedPresent(asFloat64(series, false));
      stats = summarise(sorted, formatNumber, formatNumber);
    } else if (isTemporalDtype(series.dtype)) {
      const dateOnly = series.dtype.variant === "Date";
      const sorted = sortedPresent(asFloat64(series, true));
      const formatTime = (ms: number): string | null => {
        if (Number.isNaN(ms)) return null;
        return dateOnly
          ? formatDate(Math.floor(ms / DAY_MS) * DAY_MS)
          : formatWallClock(Math.floor(ms / 1000) * 1000);
      };
      const formatDays = (ms: number): string | null => {
        const days = formatNumber(ms / DAY_MS);
        return days === null ? null : `${days} days`;
      };
      stats = summarise(sorted, formatTime, formatDays);
    }
    for (const stat of STATS) cells[stat].push(stats ? stats[stat] : null);
  }

  return pl.DataFrame([
    pl.Series("column", names, pl.Utf8),
    pl.Series("dtype", dtypes, pl.Utf8),
    pl.Series("count", counts, pl.Int64),
    pl.Series("nulls", nulls, pl.Int64),
    pl.Series("distinct", distinct, pl.Int64),
    ...STATS.map((stat) => pl.Series(stat, cells[stat], pl.Utf8)),
  ]);
}

/** Numeric or temporal series as Float64 (temporal: milliseconds since the epoch), NaN = null. */
function asFloat64(series: Series, temporal: boolean): Float64Array {
  let expr = pl.col(series.name);
  if (temporal) {
    expr = series.dtype.variant === "Date"
      ? expr.cast(pl.Int32).cast(pl.Float64).mul(DAY_MS)
      : expr.cast(pl.Datetime("ms")).cast(pl.Int64);
  }
  return pl.DataFrame([series]).select(expr.cast(pl.Float64).fillNull(pl.lit(NaN)))
    .getColumn(series.name).toTypedArray() as Float64Array;
}

/** The seven statistics of sorted values; the mean is taken around the minimum for precision. */
function summarise(
  sorted: Float64Array,
  formatValue: (v: number) => string | null,
  formatSpread: (v: number) => string | null,
): Record<Stat, string | null> {
  const origin = sorted.length > 0 ? sorted[0] : 0;
  const shifted = sorted.map((v) => v - origin);
  return {
    mean: formatValue(origin + mean(shifted)),
    std: formatSpread(sampleStd(shifted)),
    min: formatValue(sorted.length > 0 ? sorted[0] : NaN),
    q25: formatValue(quantileSorted(sorted, 0.25)),
    median: formatValue(quantileSorted(sorted, 0.5)),
    q75: formatValue(quantileSorted(sorted, 0.75)),
    max: formatValue(sorted.length > 0 ? sorted[sorted.length - 1] : NaN),
  };
}
