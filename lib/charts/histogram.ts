/**
 * Histogram of one numeric (or date) column.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import {
  type ChartData,
  chartRows,
  requireColumnOption,
  requireNumericColumn,
} from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";

/** Options for {@linkcode histogram}. */
export interface HistogramOptions extends ChartOptions {
  /** Column to bin: numbers or dates. */
  x: string;
  /**
   * Approximate number of bins. Plot rounds the thresholds to "nice" values, so the count drawn
   * may differ a little. Default 30.
   */
  bins?: number;
  /** Column whose categories split (stack) each bar by colour, with a legend. */
  fill?: string;
  /** Constant bar colour when `fill` is not set, e.g. `"steelblue"`. Default `"#4269d0"` (blue, the first colour of Plot's categorical scheme). */
  color?: string;
  /**
   * Log scale for the counts. Bars then start at 0.5 instead of 0, and bars split by `fill` are
   * overlaid (half transparent) instead of stacked. Default false.
   */
  logY?: boolean;
}

/**
 * Draws a histogram: the rows counted in bins of `x`, one bar per non-empty bin
 * (`Plot.rectY` + `Plot.binX`). Missing values (null, NaN) are left out.
 *
 * Cost: O(n) after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records.
 * @param options The column to bin, bins, colours, log scale, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or `x` is not numeric or dates.
 * @throws {RangeError} When the data is empty or `bins` is not a positive integer.
 *
 * @example Ten values, five bins
 * ```ts
 * import assert from "node:assert/strict";
 * import { histogram } from "./histogram.ts";
 *
 * const data = [1, 2, 2, 3, 3, 3, 4, 4, 5, 9].map((amount) => ({ amount }));
 * const chart = histogram(data, { x: "amount", bins: 5, title: "Order amounts" });
 * assert.ok(chart.svg.includes(">Order amounts</text>"));
 * assert.ok(chart.svg.includes('aria-label="rect"'));
 * ```
 */
export function histogram(data: ChartData, options: HistogramOptions): Chart {
  const action = "draw histogram";
  const { bins = 30, color = DEFAULT_COLOR, logY = false } = options ?? {};
  const x = requireColumnOption(options?.x, "x", action) as string;
  const fill = requireColumnOption(options.fill, "fill", action, true);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Cannot ${action} as bins must be a positive integer: ${bins}`);
  }
  const rows = chartRows(data, [x, fill], action);
  requireNumericColumn(rows, x, action, true);
  const fillChannel = fill ?? color;
  const marks = logY
    ? [
      Plot.rectY(
        rows,
        Plot.binX<Plot.RectYOptions>(
          { y2: "count" },
          {
            x,
            y1: 0.5,
            thresholds: bins,
            fill: fillChannel,
            fillOpacity: fill === undefined ? 1 : 0.5,
            insetLeft: 0.5,
            insetRight: 0.5,
          },
        ),
      ),
    ]
    : [
      Plot.rectY(
        rows,
        Plot.binX<Plot.RectYOptions>(
          { y: "count" },
          { x, thresholds: bins, fill: fillChannel, insetLeft: 0.5, insetRight: 0.5 },
        ),
      ),
      Plot.ruleY([0]),
    ];
  return renderChart(
    {
      marks,
      y: { grid: true, ...(logY ? { type: "log" as const } : {}) },
      ...(fill === undefined ? {} : { color: { legend: true, label: fill } }),
    },
    options,
  );
}
