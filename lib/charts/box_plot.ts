/**
 * Box plot of a numeric column, optionally one box per category.
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
import { formatExamples } from "../core/errors.ts";
import { categoryAxisLayout } from "./axis_layout.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";

/** Options for {@linkcode boxPlot}. */
export interface BoxPlotOptions extends ChartOptions {
  /** Category column: one box per category. Default: a single box for all rows. */
  x?: string;
  /** Numeric column summarised by the boxes. */
  y: string;
  /** Draw boxes horizontally (categories down the side, values along the bottom). Default false. */
  horizontal?: boolean;
  /** Log scale on the value axis; all values must then be positive. Default false. */
  logY?: boolean;
}

/**
 * Draws a Tukey box plot (`Plot.boxY`, or `Plot.boxX` when horizontal): per category, a box from
 * the first to the third quartile with a line at the median, whiskers to the most extreme values
 * within 1.5 IQR of the box, and dots for values beyond them. `xLabel` labels the category axis
 * and `yLabel` the value axis, also when horizontal.
 *
 * Cost: O(n log n) for the quantiles, after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records.
 * @param options Value column, optional category column, orientation, log scale, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or `y` is not numeric.
 * @throws {RangeError} When the data is empty, or `logY` is set and a value is zero or negative.
 *
 * @example Spend per segment
 * ```ts
 * import assert from "node:assert/strict";
 * import { boxPlot } from "./box_plot.ts";
 *
 * const data = [1, 2, 3, 4, 50].flatMap((v) => [
 *   { segment: "new", spend: v },
 *   { segment: "loyal", spend: v * 3 },
 * ]);
 * const chart = boxPlot(data, { x: "segment", y: "spend" });
 * const boxes = chart.svg.slice(chart.svg.indexOf('aria-label="bar"'));
 * assert.equal(boxes.slice(0, boxes.indexOf("</g>")).match(/<rect /g)?.length, 2);
 * ```
 */
export function boxPlot(data: ChartData, options: BoxPlotOptions): Chart {
  const action = "draw box plot";
  const y = requireColumnOption(options?.y, "y", action) as string;
  const x = requireColumnOption(options.x, "x", action, true);
  const { horizontal = false, logY = false } = options;
  const rows = chartRows(data, [x, y], action);
  requireNumericColumn(rows, y, action);
  if (logY) {
    const nonPositive = rows.map((row) => row[y]).filter((v) => typeof v === "number" && v <= 0);
    if (nonPositive.length > 0) {
      throw new RangeError(
        `Cannot ${action} with logY as ${nonPositive.length} values of "${y}" are zero or negative: ${
          formatExamples(nonPositive)
        }`,
      );
    }
  }
  const valueScale = { grid: true, ...(logY ? { type: "log" as const } : {}) };
  const categories = x === undefined ? [] : [...new Set(rows.map((row) => row[x]))];
  const layout = categoryAxisLayout(categories, horizontal ? "y" : "x", options.width ?? 640);
  const categoryScale = x === undefined ? {} : { type: "band" as const, ...layout.scale };
  if (horizontal) {
    return renderChart(
      {
        marks: [Plot.boxX(rows, { x: y, y: x })],
        x: valueScale,
        y: categoryScale,
        ...layout.margins,
      },
      { ...options, xLabel: options.yLabel, yLabel: options.xLabel },
    );
  }
  return renderChart(
    { marks: [Plot.boxY(rows, { x, y })], x: categoryScale, y: valueScale, ...layout.margins },
    options,
  );
}
