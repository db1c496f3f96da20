/**
 * Charts for sales forecasts: history with the forecast and its prediction bands, and backtest
 * errors by horizon.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { type ChartData, type ChartRow, chartRows, requireNumericColumn } from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";
import { valueAxisMargin } from "./axis_layout.ts";
import { lineChart } from "./line_chart.ts";

/** Options for {@linkcode forecastChart}. */
export interface ForecastChartOptions extends ChartOptions {
  /**
   * The forecast table (`date`, `forecast`, `lower_<level>`, `upper_<level>`), as the
   * forecasters of `lib/forecast` return it.
   */
  forecast: ChartData;
  /** The history's date column. Default `"date"`. */
  x?: string;
  /** The history's value column. Default `"value"`. */
  y?: string;
  /** Interval levels to shade, widest drawn lightest. Default `[80, 95]`. */
  levels?: number[];
  /** Actual values over the forecast period (same `x` / `y` columns), drawn as dots. */
  actual?: ChartData;
}

/**
 * Draws a series' history as a line, the forecast as a dashed line continuing it, and a shaded
 * band per prediction-interval level (the 95% band lighter than the 80% one), optionally with
 * what actually happened as dots, so a reader sees at once where the forecast goes and how sure
 * it is.
 *
 * Cost: O(n) after converting the data to records.
 *
 * @param data The history: a date column and a value column (`date`, `value` by default).
 * @param options The `forecast` table (required), column names, levels, actuals, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the history or the forecast is empty.
 *
 * @example History and a three-week forecast
 * ```ts
 * import assert from "node:assert/strict";
 * import { forecastChart } from "./forecast_charts.ts";
 *
 * const week = (i: number) => new Date(Date.UTC(2011, 0, 3 + 7 * i));
 * const history = [0, 1, 2, 3].map((i) => ({ date: week(i), value: 10 + i }));
 * const forecast = [4, 5, 6].map((i, h) => ({
 *   date: week(i), forecast: 14, lower_80: 13 - h, upper_80: 15 + h, lower_95: 12 - h, upper_95: 16 + h,
 * }));
 * const chart = forecastChart(history, { forecast, title: "Weekly revenue" });
 * assert.equal(chart.svg.match(/aria-label="area"/g)?.length, 2);
 * ```
 */
export function forecastChart(data: ChartData, options: ForecastChartOptions): Chart {
  const action = "draw forecast chart";
  const x = options.x ?? "date";
  const y = options.y ?? "value";
  const levels = [...(options.levels ?? [80, 95])].sort((a, b) => b - a);
  const history = chartRows(data, [x, y], action);
  requireNumericColumn(history, y, action);
  const bandColumns = levels.flatMap((l) => [`lower_${l}`, `upper_${l}`]);
  const forecast = chartRows(options.forecast, ["date", "forecast", ...bandColumns], action);
  for (const column of ["forecast", ...bandColumns]) requireNumericColumn(forecast, column, action);
  const last = history.reduce((a, b) =>
    ((b[x] as Date)?.getTime?.() ?? Number(b[x])) > ((a[x] as Date)?.getTime?.() ?? Number(a[x]))
      ? b
      : a
  );
  // The forecast line starts at the last observation, so the two lines join.
  const joined: ChartRow[] = [{ date: last[x], forecast: last[y] }, ...forecast];
  const marks: Plot.Markish[] = [];
  const opacity = levels.length === 1
    ? [0.3]
    : levels.map((_, i) => 0.15 + (0.25 * i) / (levels.length - 1));
  levels.forEach((level, i) => {
    marks.push(
      Plot.areaY(forecast, {
        x: "date",
        y1: `lower_${level}`,
        y2: `upper_${level}`,
        fill: DEFAULT_COLOR,
        fillOpacity: opacity[i],
      }),
    );
  });
  marks.push(Plot.lineY(history, { x, y, stroke: "#333" }));
  marks.push(
    Plot.lineY(joined, { x: "date", y: "forecast", stroke: DEFAULT_COLOR, strokeDasharray: "4,3" }),
  );
  if (options.actual !== undefined) {
    const actual = chartRows(options.actual, [x, y], action);
    marks.push(Plot.dot(actual, { x, y, fill: "#333", r: 2.5 }));
  }
  const values = [
    ...history.map((r) => r[y]),
    ...forecast.flatMap((r) => bandColumns.map((c) => r[c])),
  ];
  return renderChart(
    {
      marks,
      x: { type: "utc", label: null },
      y: { grid: true, label: options.yLabel ?? y },
      ...valueAxisMargin(values),
      marginBottom: 42,
    },
    options,
  );
}

/** Options for {@linkcode backtestErrorChart}. */
export interface BacktestErrorChartOptions extends ChartOptions {
  /** The error measure: `"mae"` (default), `"rmse"`, `"mape"` or `"mase"`. */
  metric?: "mae" | "rmse" | "mape" | "mase";
}

/**
 * Draws a backtest's error by forecast horizon, one line per model (the `metrics` table of
 * `backtest`): how fast each model's accuracy decays with the distance ahead, and which model
 * wins at which horizon.
 *
 * @param data The `metrics` table: `model`, `horizon` and the metric's column.
 * @param options `metric`, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the data is empty.
 *
 * @example Two models over three horizons
 * ```ts
 * import assert from "node:assert/strict";
 * import { backtestErrorChart } from "./forecast_charts.ts";
 *
 * const metrics = [1, 2, 3].flatMap((h) => [
 *   { model: "naive", horizon: h, mae: 10 * h },
 *   { model: "ets", horizon: h, mae: 6 * h },
 * ]);
 * const chart = backtestErrorChart(metrics, { metric: "mae" });
 * assert.ok(chart.svg.includes("naive") && chart.svg.includes("ets"));
 * ```
 */
export function backtestErrorChart(
  data: ChartData,
  options: BacktestErrorChartOptions = {},
): Chart {
  const metric = options.metric ?? "mae";
  return lineChart(data, {
    ...options,
    x: "horizon",
    y: metric,
    stroke: "model",
    markers: true,
    zero: true,
    xLabel: options.xLabel ?? "periods ahead",
    yLabel: options.yLabel ?? metric.toUpperCase(),
  });
}
