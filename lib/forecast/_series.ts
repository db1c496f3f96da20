/**
 * The shared reading of a regular time series (a frame with a date column and a value column)
 * for the forecasting functions: checks, the step between dates, future dates and the forecast
 * table. Private to `forecast`.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { formatExamples, requireColumns, requireFrame, requireInteger } from "../core/errors.ts";
import { numericValues, requireTemporal } from "../core/dtypes.ts";
import { DAY_MS, formatDate, WEEK_MS } from "../core/time.ts";
import { standardNormalQuantile } from "../stats/normal.ts";

/** Steps a regular series can take. */
export type SeriesPeriod = "day" | "week" | "month";

/** Column names of a series frame (defaults `"date"` and `"value"`). */
export interface SeriesColumns {
  /** The date column (Date or Datetime), one row per period. Default `"date"`. */
  date?: string;
  /** The numeric value column. Default `"value"`. */
  value?: string;
}

/** A series read into arrays. */
export interface SeriesData {
  /** Period starts, epoch milliseconds. */
  dates: number[];
  /** Values, in date order. */
  values: Float64Array;
  /** The step between dates. */
  period: SeriesPeriod;
  /** The date and value column names. */
  dateColumn: string;
  valueColumn: string;
}

/**
 * Reads and checks a series: both columns present, dates temporal, unique, increasing and
 * regular (one day, one week or one calendar month apart), values numeric and finite, at least
 * `minRows` rows, and no row flagged `complete == false` (partial periods are refused, never
 * silently fitted).
 */
export function readSeries(
  series: DataFrame,
  options: SeriesColumns,
  action: string,
  minRows = 2,
): SeriesData {
  requireFrame(series, "series", action);
  const dateColumn = options.date ?? "date";
  const valueColumn = options.value ?? "value";
  requireColumns(series, [dateColumn, valueColumn], action);
  requireTemporal(series, dateColumn, action);
  const values = numericValues(series, valueColumn, action);
  if (series.height < minRows) {
    throw new RangeError(
      `Cannot ${action} as the series needs at least ${minRows} rows: it has ${series.height}`,
    );
  }
  const dates = series.select(
    pl.col(dateColumn).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64),
  ).getColumn(dateColumn).toArray() as (number | null)[];
  const badDate = dates.flatMap((d, i) => d === null ? [i + 1] : []);
  if (badDate.length > 0) {
    throw new TypeError(
      `Cannot ${action} as column "${dateColumn}" has ${badDate.length} missing dates: rows ${
        formatExamples(badDate)
      }`,
    );
  }
  const badValue = [...values].flatMap((v, i) => Number.isFinite(v) ? [] : [i + 1]);
  if (badValue.length > 0) {
    throw new RangeError(
      `Cannot ${action} as column "${valueColumn}" has ${badValue.length} missing or non-finite values: rows ${
        formatExamples(badValue)
      }`,
    );
  }
  if (
    series.columns.includes("complete") && series.getColumn("complete").dtype.variant === "Bool"
  ) {
    const flags = series.getColumn("complete").toArray() as (boolean | null)[];
    const partial = flags.flatMap((f, i) => f === false ? [formatDate(dates[i] as number)] : []);
    if (partial.length > 0) {
      throw new RangeError(
        `Cannot ${action} as the series has incomplete periods (column "complete" is false): ${partial.length}, e.g. ${
          formatExamples(partial)
        }; keep complete periods only, e.g. series.filter(pl.col("complete"))`,
      );
    }
  }
  const ms = dates as number[];
  const period = inferPeriod(ms, dateColumn, action);
  return { dates: ms, values, period, dateColumn, valueColumn };
}

function monthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function sameDayAndTime(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getUTCDate() === y.getUTCDate() && a % DAY_MS === b % DAY_MS;
}

/** The step of a regular series, or a RangeError naming the irregular dates. */
function inferPeriod(dates: number[], column: string, action: string): SeriesPeriod {
  const first = dates[1] - dates[0];
  let period: SeriesPeriod | undefined;
  if (first === DAY_MS) period = "day";
  else if (first === WEEK_MS) period = "week";
  else if (
    monthIndex(dates[1]) - monthIndex(dates[0]) === 1 && sameDayAndTime(dates[0], dates[1])
  ) {
    period = "month";
  }
  if (period === undefined) {
    throw new RangeError(
      `Cannot ${action} as the dates in column "${column}" are not one day, one week or one month apart: ${
        formatDate(dates[0])
      } is followed by ${formatDate(dates[1])}`,
    );
  }
  const bad: string[] = [];
  for (let i = 1; i < dates.length; i++) {
    const ok = period === "month"
      ? monthIndex(dates[i]) - monthIndex(dates[i - 1]) === 1 &&
        sameDayAndTime(dates[i - 1], dates[i])
      : dates[i] - dates[i - 1] === (period === "day" ? DAY_MS : WEEK_MS);
    if (!ok) bad.push(`${formatDate(dates[i - 1])} -> ${formatDate(dates[i])}`);
  }
  if (bad.length > 0) {
    throw new RangeError(
      `Cannot ${action} as the dates in column "${column}" are not regular ${period}ly steps: ${bad.length} of ${
        dates.length - 1
      } steps differ, e.g. ${
        formatExamples(bad)
      }; fill gaps explicitly (regularSeries does) and sort by date`,
    );
  }
  return period;
}

/** The `h` dates after `last`, one period apart. */
export function futureDates(last: number, period: SeriesPeriod, horizon: number): number[] {
  const out: number[] = [];
  const d = new Date(last);
  for (let h = 1; h <= horizon; h++) {
    if (period === "day") out.push(last + h * DAY_MS);
    else if (period === "week") out.push(last + h * WEEK_MS);
    else {
      out.push(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + h, d.getUTCDate()) + (last % DAY_MS),
      );
    }
  }
  return out;
}

/** Checks a horizon: a positive integer. */
export function requireHorizon(horizon: unknown, action: string): number {
  return requireInteger(horizon, "horizon", action, 1);
}

/** Checks interval levels: percentages in [1, 100) (a fraction such as 0.95 is refused), default [80, 95]. */
export function requireLevels(levels: unknown, action: string): number[] {
  if (levels === undefined) return [80, 95];
  if (!Array.isArray(levels)) {
    throw new TypeError(
      `Cannot ${action} as levels is not an array of percentages: got ${String(levels)}`,
    );
  }
  for (const level of levels) {
    if (typeof level !== "number" || !(level >= 1 && level < 100)) {
      throw new RangeError(
        `Cannot ${action} as each level must be a percentage from 1 to below 100 (e.g. 80, 95, not 0.95): got ${
          String(level)
        }`,
      );
    }
  }
  return [...levels];
}

/** The standard normal quantile for a central interval of `level` percent. */
export function levelZ(level: number): number {
  return standardNormalQuantile(0.5 + level / 200);
}

/** Column names of the lower and upper bound for a level: `lower_80`, `upper_80`. */
export function boundColumns(level: number): [string, string] {
  const name = String(level).replace(".", "_");
  return [`lower_${name}`, `upper_${name}`];
}

/**
 * The forecast table every forecaster returns: `date` (Date), `horizon` (1..h), `forecast`, then
 * `lower_<level>` / `upper_<level>` for each level.
 */
export function forecastFrame(
  dates: number[],
  point: ArrayLike<number>,
  bounds: { level: number; lower: ArrayLike<number>; upper: ArrayLike<number> }[],
): DataFrame {
  const columns: Series[] = [
    pl.Series("date", dates.map((d) => new Date(d))).cast(pl.Date),
    pl.Series("horizon", dates.map((_, i) => i + 1), pl.Int32),
    pl.Series("forecast", Array.from(point), pl.Float64),
  ];
  for (const { level, lower, upper } of bounds) {
    const [lo, hi] = boundColumns(level);
    columns.push(pl.Series(lo, Array.from(lower), pl.Float64));
    columns.push(pl.Series(hi, Array.from(upper), pl.Float64));
  }
  return pl.DataFrame(columns);
}

/** Normal bounds `point ± z * sd` for each level. */
export function normalBounds(
  point: ArrayLike<number>,
  sd: ArrayLike<number>,
  levels: number[],
): { level: number; lower: number[]; upper: number[] }[] {
  return levels.map((level) => {
    const z = levelZ(level);
    return {
      level,
      lower: Array.from(point, (p, i) => p - z * sd[i]),
      upper: Array.from(point, (p, i) => p + z * sd[i]),
    };
  });
}
