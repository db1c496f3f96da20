/**
 * Sales forecasting: {@linkcode regularSeries} turns a transaction log into a regular daily,
 * weekly or monthly series (gaps filled explicitly, partial periods flagged); baselines
 * ({@linkcode naiveForecast}, {@linkcode seasonalNaiveForecast}, {@linkcode driftForecast});
 * Holt-Winters / ETS ({@linkcode fitExponentialSmoothing}, least squares, analytic or simulated
 * intervals); a calendar regression ({@linkcode fitCalendarRegression}, with
 * {@linkcode ukBankHolidays}); and rolling-origin {@linkcode backtest}s with MAE, RMSE, MAPE,
 * MASE and interval coverage; {@linkcode customerBaseForecast} sets today's customers' expected
 * repeat purchases (from a `lib/clv` model) beside them.
 *
 * @example Weekly revenue, a baseline and its forecast
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { naiveForecast, regularSeries } from "./mod.ts";
 *
 * const tx = pl.DataFrame({
 *   invoice_id: ["1", "2", "3"],
 *   invoice_date: ["2011-01-03", "2011-01-12", "2011-01-19"].map((d) => new Date(`${d}T09:00:00Z`)),
 *   quantity: [2, 1, 3],
 *   unit_price: [5, 8, 4],
 * });
 * const weekly = regularSeries(tx, { period: "week", value: "revenue", asOf: new Date("2011-01-24") });
 * const f = naiveForecast(weekly, { horizon: 2 });
 * assert.deepEqual(f.getColumn("forecast").toArray(), [12, 12]);
 * ```
 *
 * @module
 */
export * from "./regular_series.ts";
export * from "./baselines.ts";
export * from "./exponential_smoothing.ts";
export * from "./calendar_regression.ts";
export * from "./backtest.ts";
export * from "./customer_base_forecast.ts";
export type { SeriesColumns, SeriesPeriod } from "./_series.ts";
