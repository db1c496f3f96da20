import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame, requireInteger, requireOneOf } from "../core/errors.ts";
import { requireTemporal } from "../core/dtypes.ts";
import { DAY_MS } from "../core/time.ts";
import { studentT } from "../stats/student_t.ts";
import {
  forecastFrame,
  futureDates,
  readSeries,
  requireHorizon,
  requireLevels,
  type SeriesColumns,
  type SeriesPeriod,
} from "./_series.ts";

/** Options for {@linkcode fitCalendarRegression}. */
export interface FitCalendarRegressionOptions extends SeriesColumns {
  /** Include a linear trend (periods since the first). Default true. */
  trend?: boolean;
  /**
   * The yearly pattern: `"dummies"` (one coefficient per week of the year for weekly data, per
   * month for monthly and daily data), `"fourier"` (sine and cosine pairs of the day of the year,
   * a smooth curve; default) or `"none"`.
   */
  yearly?: "dummies" | "fourier" | "none";
  /** Sine-cosine pairs for `yearly: "fourier"`. Default 5. */
  harmonics?: number;
  /**
   * Holidays as a table with a Date column (see {@linkcode ukBankHolidays}): the regressor
   * `holidays` counts the holidays in each period. It must cover the forecast periods too: a
   * period beyond the table counts none.
   */
  holidays?: DataFrame;
  /** The holidays table's date column. Default `"date"`. */
  holidayDate?: string;
}

/** A fitted calendar regression (see {@linkcode fitCalendarRegression}). */
export interface CalendarRegressionModel {
  /** The resolved options (holidays as their count). */
  readonly options: Readonly<{
    trend: boolean;
    yearly: "dummies" | "fourier" | "none";
    harmonics: number;
    holidays: number;
  }>;
  /** One row per term: `term`, `estimate`, `std_error`. */
  readonly coefficients: DataFrame;
  /** Residual standard deviation, `sqrt(sse / (n - p))`. */
  readonly sigma: number;
  /** Sum of squared residuals. */
  readonly sse: number;
  /** Observations fitted. */
  readonly n: number;
  /** Coefficients estimated (terms kept). */
  readonly parameterCount: number;
  /** The series with `fitted` and `residual` columns. */
  readonly fitted: DataFrame;
  /** Forecasts with t-based prediction intervals. */
  forecast(options: { horizon: number; levels?: number[]; seed?: number }): DataFrame;
}

const ACTION = "fit a calendar regression";

/** ISO week number (1-53) of a UTC date. */
function isoWeek(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(ms - day * DAY_MS + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY_MS));
}

function periodLength(ms: number, period: SeriesPeriod): number {
  if (period === "day") return DAY_MS;
  if (period === "week") return 7 * DAY_MS;
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) - ms;
}

interface Design {
  names: string[];
  row(ms: number, t: number): number[];
}

function buildDesign(
  dates: number[],
  period: SeriesPeriod,
  trend: boolean,
  yearly: "dummies" | "fourier" | "none",
  harmonics: number,
  holidays: number[] | undefined,
): Design {
  const seasonKey = (ms: number) =>
    period === "week" ? Math.min(isoWeek(ms), 52) : new Date(ms).getUTCMonth() + 1;
  const seasonName = period === "week" ? "week" : "month";
  const levels = yearly === "dummies"
    ? [...new Set(dates.map(seasonKey))].sort((a, b) => a - b).slice(1)
    : [];
  const weekdays = period === "day"
    ? [...new Set(dates.map((d) => new Date(d).getUTCDay()))].sort().slice(1)
    : [];
  const names = ["intercept"];
  if (trend) names.push("trend");
  for (const level of levels) names.push(`${seasonName}_${level}`);
  if (yearly === "fourier") {
    for (let k = 1; k <= harmonics; k++) names.push(`sin_${k}`, `cos_${k}`);
  }
  for (const w of weekdays) names.push(`weekday_${w}`);
  if (holidays !== undefined) names.push("holidays");
  const row = (ms: number, t: number) => {
    const x = [1];
    if (trend) x.push(t);
    if (levels.length > 0) {
      const key = seasonKey(ms);
      for (const level of levels) x.push(key === level ? 1 : 0);
    }
    if (yearly === "fourier") {
      const mid = ms + periodLength(ms, period) / 2;
      const yearStart = Date.UTC(new Date(mid).getUTCFullYear(), 0, 1);
      const angle = (2 * Math.PI * ((mid - yearStart) / DAY_MS)) / 365.25;
      for (let k = 1; k <= harmonics; k++) x.push(Math.sin(k * angle), Math.cos(k * angle));
    }
    if (weekdays.length > 0) {
      const w = new Date(ms).getUTCDay();
      for (const level of weekdays) x.push(w === level ? 1 : 0);
    }
    if (holidays !== undefined) {
      const end = ms + periodLength(ms, period);
      x.push(holidays.filter((h) => h >= ms && h < end).length);
    }
    return x;
  };
  return { names, row };
}

/** Cholesky factor of a symmetric k x k matrix (row-major), or null when not positive definite. */
function cholesky(a: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let r = 0; r < j; r++) s -= l[i * k + r] * l[j * k + r];
      if (i === j) {
        if (!(s > 1e-10 * Math.max(1, a[i * k + i]))) return null;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  return l;
}

function solveCholesky(l: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let r = 0; r < i; r++) s -= l[i * k + r] * z[r];
    z[i] = s / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let r = i + 1; r < k; r++) s -= l[r * k + i] * x[r];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/**
 * England and Wales bank holidays, 2009 to 2012, as a table (`date` Date, `name` text), from
 * GOV.UK's published list (gov.uk/bank-holidays): the eight regular holidays with their
 * weekend substitutes, the Royal Wedding (2011-04-29), and in 2012 the Spring bank holiday moved
 * to 4 June plus the Diamond Jubilee (5 June).
 *
 * @returns A new DataFrame of 34 rows, sorted by date.
 * @throws Never.
 *
 * @example The 2011 Royal Wedding is listed
 * ```ts
 * import assert from "node:assert/strict";
 * import { ukBankHolidays } from "./calendar_regression.ts";
 *
 * const names = ukBankHolidays().getColumn("name").toArray();
 * assert.ok(names.includes("Royal Wedding"));
 * ```
 */
export function ukBankHolidays(): DataFrame {
  const rows: [string, string][] = [
    ["2009-01-01", "New Year's Day"],
    ["2009-04-10", "Good Friday"],
    ["2009-04-13", "Easter Monday"],
    ["2009-05-04", "Early May bank holiday"],
    ["2009-05-25", "Spring bank holiday"],
    ["2009-08-31", "Summer bank holiday"],
    ["2009-12-25", "Christmas Day"],
    ["2009-12-28", "Boxing Day (substitute)"],
    ["2010-01-01", "New Year's Day"],
    ["2010-04-02", "Good Friday"],
    ["2010-04-05", "Easter Monday"],
    ["2010-05-03", "Early May bank holiday"],
    ["2010-05-31", "Spring bank holiday"],
    ["2010-08-30", "Summer bank holiday"],
    ["2010-12-27", "Christmas Day (substitute)"],
    ["2010-12-28", "Boxing Day (substitute)"],
    ["2011-01-03", "New Year's Day (substitute)"],
    ["2011-04-22", "Good Friday"],
    ["2011-04-25", "Easter Monday"],
    ["2011-04-29", "Royal Wedding"],
    ["2011-05-02", "Early May bank holiday"],
    ["2011-05-30", "Spring bank holiday"],
    ["2011-08-29", "Summer bank holiday"],
    ["2011-12-26", "Boxing Day"],
    ["2011-12-27", "Christmas Day (substitute)"],
    ["2012-01-02", "New Year's Day (substitute)"],
    ["2012-04-06", "Good Friday"],
    ["2012-04-09", "Easter Monday"],
    ["2012-05-07", "Early May bank holiday"],
    ["2012-06-04", "Spring bank holiday"],
    ["2012-06-05", "Queen's Diamond Jubilee"],
    ["2012-08-27", "Summer bank holiday"],
    ["2012-12-25", "Christmas Day"],
    ["2012-12-26", "Boxing Day"],
  ];
  return pl.DataFrame([
    pl.Series("date", rows.map(([d]) => new Date(`${d}T00:00:00Z`))).cast(pl.Date),
    pl.Series("name", rows.map(([, n]) => n)),
  ]);
}

/**
 * A regression on the calendar, the second model family beside exponential smoothing: ordinary
 * least squares of the value on an intercept, a linear trend, the time of year (week-of-year or
 * month dummies, or Fourier terms) and the number of holidays in the period (day-of-week dummies
 * too for daily data). Unlike exponential smoothing it does not adapt to recent levels, but it
 * says what each calendar effect is worth, and a holiday table moves the forecast of exactly the
 * periods it falls in.
 *
 * Intervals: the classical OLS prediction interval,
 * `yhat +/- t(n - p) * sigma * sqrt(1 + x' (X'X)^-1 x)`, assuming independent normal errors (weekly
 * sales are autocorrelated, so check the backtest coverage before trusting them). Terms with no
 * variation in the fitted data (a week that never occurs) are left out.
 *
 * Cost: O(n p^2 + p^3), p the number of terms.
 *
 * @param series A regular series (see {@linkcode regularSeries}), complete periods only.
 * @param options Trend, yearly pattern, harmonics, holidays table, column names.
 * @returns The fitted model.
 * @throws {TypeError} When a column is missing or has the wrong type.
 * @throws {RangeError} When an option is out of range, the series is irregular or has incomplete
 *   periods, or it has no more rows than terms.
 *
 * @example Monthly sales with a December peak
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitCalendarRegression } from "./calendar_regression.ts";
 *
 * const months = Array.from({ length: 36 }, (_, i) => new Date(Date.UTC(2009, i, 1)));
 * const value = months.map((d, i) => 100 + 2 * i + (d.getUTCMonth() === 11 ? 50 : 0) + (i % 3));
 * const series = pl.DataFrame({ date: pl.Series("date", months).cast(pl.Date), value });
 * const model = fitCalendarRegression(series, { yearly: "dummies" });
 * const f = model.forecast({ horizon: 12 });
 * const point = f.getColumn("forecast").toArray() as number[];
 * assert.ok(point[11] - point[10] > 40); // next December
 * ```
 */
export function fitCalendarRegression(
  series: DataFrame,
  options: FitCalendarRegressionOptions = {},
): CalendarRegressionModel {
  const trend = options.trend ?? true;
  const yearly = requireOneOf(
    options.yearly ?? "fourier",
    ["dummies", "fourier", "none"] as const,
    "yearly",
    ACTION,
  );
  const harmonics = requireInteger(options.harmonics ?? 5, "harmonics", ACTION, 1, 26);
  let holidays: number[] | undefined;
  if (options.holidays !== undefined) {
    const table = requireFrame(options.holidays, "holidays", ACTION);
    const column = options.holidayDate ?? "date";
    requireColumns(table, [column], ACTION);
    requireTemporal(table, column, ACTION);
    holidays = (table.select(pl.col(column).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64))
      .getColumn(column).toArray() as (number | null)[]).filter((d): d is number => d !== null);
  }
  const { dates, values, period, dateColumn, valueColumn } = readSeries(series, options, ACTION, 3);
  const n = values.length;
  const design = buildDesign(dates, period, trend, yearly, harmonics, holidays);
  let rows = dates.map((d, t) => design.row(d, t));
  // Leave out terms that do not vary (besides the intercept).
  const keep = design.names.map((_, j) => j === 0 || rows.some((r) => r[j] !== rows[0][j]));
  const names = design.names.filter((_, j) => keep[j]);
  const select = (r: number[]) => r.filter((_, j) => keep[j]);
  rows = rows.map(select);
  const p = names.length;
  if (n <= p) {
    throw new RangeError(
      `Cannot ${ACTION} as the series has no more rows than terms: ${n} rows, ${p} terms`,
    );
  }
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    const r = rows[t];
    for (let i = 0; i < p; i++) {
      xty[i] += r[i] * values[t];
      for (let j = 0; j <= i; j++) xtx[i * p + j] += r[i] * r[j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtx[j * p + i] = xtx[i * p + j];
  const l = cholesky(xtx, p);
  if (l === null) {
    throw new RangeError(`Cannot ${ACTION} as the terms are collinear: ${names.join(", ")}`);
  }
  const beta = solveCholesky(l, xty, p);
  const fitted = rows.map((r) => r.reduce((s, x, i) => s + x * beta[i], 0));
  const residuals = fitted.map((f, t) => values[t] - f);
  const sse = residuals.reduce((s, e) => s + e * e, 0);
  const sigma = Math.sqrt(sse / (n - p));
  const leverage = (x: number[]) => {
    const v = solveCholesky(l, x, p);
    return x.reduce((s, xi, i) => s + xi * v[i], 0);
  };
  const stdErrors = names.map((_, j) => {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    return sigma * Math.sqrt(solveCholesky(l, e, p)[j]);
  });
  const lastDate = dates[n - 1];
  const forecast = (forecastOptions: { horizon: number; levels?: number[]; seed?: number }) => {
    const action = "forecast with a calendar regression";
    const horizon = requireHorizon(forecastOptions?.horizon, action);
    const levels = requireLevels(forecastOptions.levels, action);
    const ahead = futureDates(lastDate, period, horizon);
    const xs = ahead.map((d, i) => select(design.row(d, n + i)));
    const point = xs.map((x) => x.reduce((s, xi, i) => s + xi * beta[i], 0));
    const sd = xs.map((x) => sigma * Math.sqrt(1 + leverage(x)));
    return forecastFrame(
      ahead,
      point,
      levels.map((level) => {
        const q = studentT.quantile(0.5 + level / 200, { df: n - p });
        return {
          level,
          lower: point.map((y, i) => y - q * sd[i]),
          upper: point.map((y, i) => y + q * sd[i]),
        };
      }),
    );
  };
  return Object.freeze({
    options: Object.freeze({ trend, yearly, harmonics, holidays: holidays?.length ?? 0 }),
    coefficients: pl.DataFrame({
      term: names,
      estimate: Array.from(beta),
      std_error: stdErrors,
    }),
    sigma,
    sse,
    n,
    parameterCount: p,
    fitted: pl.DataFrame([
      pl.Series(dateColumn, dates.map((d) => new Date(d))).cast(series.getColumn(dateColumn).dtype),
      pl.Series(valueColumn, Array.from(values), pl.Float64),
      pl.Series("fitted", fitted, pl.Float64),
      pl.Series("residual", residuals, pl.Float64),
    ]),
    forecast,
  });
}
