/**
 * Scatter plot of two numeric columns.
 *
 * @module
 */
import { hoverTitle } from "./_hover.ts";
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData } from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";
import { valueAxisMargin } from "./axis_layout.ts";
import { radiusColumn, requireOpacity, sampleDots, withCaptionNote } from "./_dots.ts";

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
  const { color = DEFAULT_COLOR, r = 3, opacity = 0.7 } = options ?? {};
  const rColumn = radiusColumn(r, action);
  requireOpacity(opacity, action);
  const { rows: all, columns: { x, y, fill, stroke } } = chartColumns(
    data,
    { ...options, r: rColumn },
    {
      required: ["x", "y"],
      optional: ["fill", "stroke", "r"],
      numeric: ["y", "r"],
      numericOrDate: ["x"],
    },
    action,
  );
  const { rows, note } = sampleDots(all, options.maxPoints, options.seed ?? 0, "points", action);
  const hover = hoverTitle(rows, [x, y, fill, stroke, rColumn]);
  const dot = stroke === undefined
    ? Plot.dot(rows, { x, y, r, fill: fill ?? color, fillOpacity: opacity, ...hover })
    : Plot.dot(rows, {
      x,
      y,
      r,
      stroke,
      fill,
      fillOpacity: opacity,
      strokeOpacity: opacity,
      ...hover,
    });
  const colorColumn = fill ?? stroke;
  return renderChart(
    {
      marks: [dot],
      // An inset keeps dots at the largest and smallest values inside the frame (they were
      // clipped in half at the right edge).
      x: { grid: true, inset: 6 },
      y: { grid: true, inset: 6 },
      ...valueAxisMargin(rows.map((row) => row[y])),
      ...(colorColumn === undefined ? {} : { color: { legend: true, label: colorColumn } }),
    },
    withCaptionNote(options, note),
  );
}
