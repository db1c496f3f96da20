/**
 * Scatter plot of two numeric columns.
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
import { valueAxisMargin } from "./axis_layout.ts";
import { createRandom } from "../core/random.ts";

/** Options for {@linkcode scatterPlot}. */
export interface ScatterPlotOptions extends ChartOptions {
  /** Numeric (or date) column along the horizontal axis. */
  x: string;
  /** Numeric column along the vertical axis. */
  y: string;
  /** Column that colours the dots' fill, with a legend (categories or a colour ramp). */
  fill?: string;
  /** Column that colours the dots' outline (hollow dots), with a legend. */
  stroke?: string;
  /** Constant colour when neither `fill` nor `stroke` is set. Default `"#4269d0"` (blue, the first colour of Plot's categorical scheme). */
  color?: string;
  /** Dot radius: a constant in pixels, or a numeric column (area proportional). Default 3. */
  r?: number | string;
  /** Opacity of the dots, 0 to 1, to show overlap. Default 0.7. */
  opacity?: number;
  /**
   * Draw at most this many points: a seeded random sample (in data order) when there are more,
   * noted in the caption. Keeps notebook outputs small (each dot is an SVG element).
   */
  maxPoints?: number;
  /** Seed of the sample when `maxPoints` applies. Default 0. */
  seed?: number;
}

/**
 * Draws a scatter plot (`Plot.dot`): one dot per row at (`x`, `y`), optionally coloured by a
 * column and sized by another. Rows with a missing x or y are not drawn.
 *
 * Cost: O(n), after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records, e.g. one row per customer.
 * @param options x and y columns, colour, radius, opacity, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing, or `x`, `y` or an `r` column is not numeric.
 * @throws {RangeError} When the data is empty, `r` is not a positive number, or `opacity` is
 * outside 0 to 1.
 *
 * @example Frequency against spend, coloured by segment
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterPlot } from "./scatter_plot.ts";
 *
 * const data = [
 *   { orders: 1, spend: 20, segment: "new" },
 *   { orders: 5, spend: 180, segment: "loyal" },
 *   { orders: 9, spend: 410, segment: "loyal" },
 * ];
 * const chart = scatterPlot(data, { x: "orders", y: "spend", fill: "segment" });
 * assert.equal(chart.svg.match(/<circle /g)?.length, 3);
 * assert.ok(chart.svg.includes(">loyal</text>")); // the legend
 * ```
 */
export function scatterPlot(data: ChartData, options: ScatterPlotOptions): Chart {
  const action = "draw scatter plot";
  const x = requireColumnOption(options?.x, "x", action) as string;
  const y = requireColumnOption(options.y, "y", action) as string;
  const fill = requireColumnOption(options.fill, "fill", action, true);
  const stroke = requireColumnOption(options.stroke, "stroke", action, true);
  const { color = DEFAULT_COLOR, r = 3, opacity = 0.7 } = options;
  const rColumn = typeof r === "string" ? requireColumnOption(r, "r", action) : undefined;
  if (typeof r === "number" && !(Number.isFinite(r) && r > 0)) {
    throw new RangeError(`Cannot ${action} as r must be a positive number or a column: ${r}`);
  }
  if (typeof r !== "number" && typeof r !== "string") {
    throw new TypeError(`Cannot ${action} as r must be a number or a column: got ${typeof r}`);
  }
  if (typeof opacity !== "number" || !(opacity >= 0 && opacity <= 1)) {
    throw new RangeError(`Cannot ${action} as opacity must be between 0 and 1: ${opacity}`);
  }
  const all = chartRows(data, [x, y, fill, stroke, rColumn], action);
  const { maxPoints } = options;
  if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints > 0)) {
    throw new RangeError(`Cannot ${action} as maxPoints must be a positive integer: ${maxPoints}`);
  }
  const rows = maxPoints !== undefined && all.length > maxPoints
    ? sampleInOrder(all, maxPoints, options.seed ?? 0)
    : all;
  const note = rows.length < all.length
    ? `Showing a random ${rows.length.toLocaleString("en-US")} of ${
      all.length.toLocaleString("en-US")
    } points.`
    : undefined;
  requireNumericColumn(rows, x, action, true);
  requireNumericColumn(rows, y, action);
  if (rColumn !== undefined) requireNumericColumn(rows, rColumn, action);
  const dot = stroke === undefined
    ? Plot.dot(rows, { x, y, r, fill: fill ?? color, fillOpacity: opacity })
    : Plot.dot(rows, { x, y, r, stroke, fill, fillOpacity: opacity, strokeOpacity: opacity });
  const colorColumn = fill ?? stroke;
  return renderChart(
    {
      marks: [dot],
      x: { grid: true },
      y: { grid: true },
      ...valueAxisMargin(rows.map((row) => row[y])),
      ...(colorColumn === undefined ? {} : { color: { legend: true, label: colorColumn } }),
    },
    note === undefined
      ? options
      : { ...options, caption: options.caption ? `${options.caption} ${note}` : note },
  );
}

/** A seeded sample of `k` rows without replacement, kept in their original order. */
function sampleInOrder<T>(rows: readonly T[], k: number, seed: number): T[] {
  const random = createRandom(seed);
  const index = Array.from(rows, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(index.length - i);
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index.slice(0, k).sort((a, b) => a - b).map((i) => rows[i]);
}
