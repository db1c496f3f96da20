import type { DataFrame } from "../core/frame.ts";
import { requireInteger } from "../core/errors.ts";
import {
  forecastFrame,
  futureDates,
  normalBounds,
  readSeries,
  requireHorizon,
  requireLevels,
  type SeriesColumns,
} from "./_series.ts";

/** Options for {@linkcode naiveForecast} and {@linkcode driftForecast}. */
export interface BaselineForecastOptions extends SeriesColumns {
  /** Periods ahead to forecast: a positive integer. */
  horizon: number;
  /** Central prediction-interval levels, in percent. Default `[80, 95]`. */
  levels?: number[];
}

/** Options for {@linkcode seasonalNaiveForecast}. */
export interface SeasonalNaiveForecastOptions extends BaselineForecastOptions {
  /** Periods in one season: 52 for weekly data with a yearly pattern, 12 for monthly, 7 daily. */
  seasonalPeriods: number;
}

function sumSquares(values: number[]): number {
  let s = 0;
  for (const v of values) s += v * v;
  return s;
}

/**
 * The naive forecast: every future period equals the last observed value (a random walk),
 * the baseline any model must beat. Intervals assume normal one-step errors, estimated from the
 * in-sample residuals `y[t] - y[t-1]` as `sigma^2 = mean(residual^2)`, and grow as
 * `sigma * sqrt(h)` (Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 3rd
 * ed., section 5.5, table 5.2). O(n).
 *
 * @param series A regular series (see {@linkcode regularSeries}): a date column and a value
 *   column (`date` and `value` by default); every row complete.
 * @param options `horizon` (required), `levels`, and the column names.
 * @returns A new DataFrame: `date`, `horizon`, `forecast`, `lower_<level>`, `upper_<level>`.
 * @throws {TypeError} When a column is missing or has the wrong type.
 * @throws {RangeError} When the horizon is not a positive integer, a level is not in [1, 100),
 *   the series has fewer than 2 rows, missing or non-finite values, irregular dates or
 *   incomplete periods.
 *
 * @example Forecast three weeks ahead
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { naiveForecast } from "./baselines.ts";
 *
 * const series = pl.DataFrame({
 *   date: pl.Series("date", [0, 7, 14, 21].map((d) => new Date(Date.UTC(2011, 0, 3 + d)))).cast(pl.Date),
 *   value: [10, 12, 11, 13],
 * });
 * const f = naiveForecast(series, { horizon: 3 });
 * assert.deepEqual(f.getColumn("forecast").toArray(), [13, 13, 13]);
 * assert.ok(f.getColumn("upper_95").get(2) > f.getColumn("upper_95").get(0));
 * ```
 */
export function naiveForecast(series: DataFrame, options: BaselineForecastOptions): DataFrame {
  const action = "make a naive forecast";
  const horizon = requireHorizon(options?.horizon, action);
  const levels = requireLevels(options.levels, action);
  const { dates, values, period } = readSeries(series, options, action, 2);
  const n = values.length;
  const residuals: number[] = [];
  for (let t = 1; t < n; t++) residuals.push(values[t] - values[t - 1]);
  const sigma = Math.sqrt(sumSquares(residuals) / residuals.length);
  const point = new Array<number>(horizon).fill(values[n - 1]);
  const sd = point.map((_, i) => sigma * Math.sqrt(i + 1));
  return forecastFrame(
    futureDates(dates[n - 1], period, horizon),
    point,
    normalBounds(point, sd, levels),
  );
}

/**
 * The seasonal naive forecast: each future period equals the last observed value of the same
 * season (last year's week for weekly data with `seasonalPeriods: 52`). Intervals from the
 * residuals `y[t] - y[t-m]` (`sigma^2 = mean(residual^2)`), growing as `sigma * sqrt(k + 1)`
 * with `k = floor((h - 1) / m)` the number of whole seasons ahead (Hyndman and Athanasopoulos,
 * FPP3 table 5.2). Needs more than one season of data (one season to repeat, and at least one
 * residual). O(n).
 *
 * @param series A regular series (see {@linkcode naiveForecast}).
 * @param options `seasonalPeriods` and `horizon` (required), `levels`, the column names.
 * @returns A new DataFrame: `date`, `horizon`, `forecast`, `lower_<level>`, `upper_<level>`.
 * @throws {TypeError} When a column is missing or has the wrong type.
 * @throws {RangeError} As {@linkcode naiveForecast}, and when `seasonalPeriods` is not an integer
 *   >= 2 or the series is not longer than one season.
 *
 * @example Repeat last season
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { seasonalNaiveForecast } from "./baselines.ts";
 *
 * const series = pl.DataFrame({
 *   date: pl.Series("date", [0, 1, 2, 3, 4, 5].map((m) => new Date(Date.UTC(2011, m, 1)))).cast(pl.Date),
 *   value: [1, 5, 3, 2, 6, 4],
 * });
 * const f = seasonalNaiveForecast(series, { seasonalPeriods: 3, horizon: 4 });
 * assert.deepEqual(f.getColumn("forecast").toArray(), [2, 6, 4, 2]);
 * ```
 */
export function seasonalNaiveForecast(
  series: DataFrame,
  options: SeasonalNaiveForecastOptions,
): DataFrame {
  const action = "make a seasonal naive forecast";
  const horizon = requireHorizon(options?.horizon, action);
  const m = requireInteger(options.seasonalPeriods, "seasonalPeriods", action, 2);
  const levels = requireLevels(options.levels, action);
  const { dates, values, period } = readSeries(series, options, action, 2);
  const n = values.length;
  if (n <= m) {
    throw new RangeError(
      `Cannot ${action} as the series is not longer than one season: ${n} rows, seasonalPeriods ${m} needs at least ${
        m + 1
      }`,
    );
  }
  const residuals: number[] = [];
  for (let t = m; t < n; t++) residuals.push(values[t] - values[t - m]);
  const sigma = Math.sqrt(sumSquares(residuals) / residuals.length);
  const point = Array.from({ length: horizon }, (_, i) => values[n - m + (i % m)]);
  const sd = point.map((_, i) => sigma * Math.sqrt(Math.floor(i / m) + 1));
  return forecastFrame(
    futureDates(dates[n - 1], period, horizon),
    point,
    normalBounds(point, sd, levels),
  );
}

/**
 * The drift forecast: the line from the first to the last observation, extended, so each period
 * adds the average change `(y[n] - y[1]) / (n - 1)`. Intervals from the residuals
 * `y[t] - y[t-1] - drift` (`sigma^2 = sum(residual^2) / (n - 2)`, one estimated parameter), growing
 * as `sigma * sqrt(h * (1 + h / (n - 1)))`: the random walk's `h sigma^2` plus the drift's
 * estimation variance `h^2 sigma^2 / (n - 1)` (FPP3 table 5.2). Needs 3 rows. O(n).
 *
 * @param series A regular series (see {@linkcode naiveForecast}).
 * @param options `horizon` (required), `levels`, the column names.
 * @returns A new DataFrame: `date`, `horizon`, `forecast`, `lower_<level>`, `upper_<level>`.
 * @throws {TypeError} When a column is missing or has the wrong type.
 * @throws {RangeError} As {@linkcode naiveForecast}, and when the series has fewer than 3 rows.
 *
 * @example Extend the average change
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { driftForecast } from "./baselines.ts";
 *
 * const series = pl.DataFrame({
 *   date: pl.Series("date", [1, 2, 3].map((d) => new Date(Date.UTC(2011, 0, d)))).cast(pl.Date),
 *   value: [10, 13, 16],
 * });
 * const f = driftForecast(series, { horizon: 2 });
 * assert.deepEqual(f.getColumn("forecast").toArray(), [19, 22]);
 * ```
 */
export function driftForecast(series: DataFrame, options: BaselineForecastOptions): DataFrame {
  const action = "make a drift forecast";
  const horizon = requireHorizon(options?.horizon, action);
  const levels = requireLevels(options.levels, action);
  const { dates, values, period } = readSeries(series, options, action, 3);
  const n = values.length;
  const drift = (values[n - 1] - values[0]) / (n - 1);
  const residuals: number[] = [];
  for (let t = 1; t < n; t++) residuals.push(values[t] - values[t - 1] - drift);
  const sigma = Math.sqrt(sumSquares(residuals) / (n - 2));
  const point = Array.from({ length: horizon }, (_, i) => values[n - 1] + (i + 1) * drift);
  const sd = point.map((_, i) => sigma * Math.sqrt((i + 1) * (1 + (i + 1) / (n - 1))));
  return forecastFrame(
    futureDates(dates[n - 1], period, horizon),
    point,
    normalBounds(point, sd, levels),
  );
}
