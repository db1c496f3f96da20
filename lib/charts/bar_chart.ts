/**
 * Bar chart of a value per category.
 *
 * @module
 */
import { hoverTitle } from "./_hover.ts";
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData, type ChartRow } from "./chart_data.ts";
import { categoryAxisLayout, valueAxisMargin } from "./axis_layout.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";

/** Options for {@linkcode barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** Category column: one bar per category. */
  x: string;
  /** Numeric column: the bar's length. Several rows of one category are stacked. */
  y: string;
  /** Bars along the horizontal axis, categories down the side. Default false. */
  horizontal?: boolean;
  /**
   * Order of the categories: `"value"` from the largest total to the smallest, `"none"` in the
   * order they first appear in the data (sort the data to choose). Default `"none"`.
   */
  sort?: "value" | "none";
  /** Column whose categories split (stack) each bar by colour, with a legend. */
  fill?: string;
  /** Constant bar colour when `fill` is not set. Default `"#4269d0"` (blue, the first colour of Plot's categorical scheme). */
  color?: string;
}

/** Categories in first-seen order, or by descending total of `y` (ties keep first-seen order). */
function categoryOrder(rows: readonly ChartRow[], x: string, y: string, byValue: boolean) {
  const totals = new Map<unknown, number>();
  for (const row of rows) {
    const value = row[y];
    totals.set(row[x], (totals.get(row[x]) ?? 0) + (typeof value === "number" ? value : 0));
  }
  const order = [...totals.keys()];
  return byValue ? order.sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0)) : order;
}

/**
 * Draws a bar chart (`Plot.barY`, or `Plot.barX` when horizontal) with one bar per category of
 * `x` and length `y`, starting at zero. `xLabel` labels the category axis and `yLabel` the value
 * axis, also when horizontal.
 *
 * Cost: O(n log n) to order categories, after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records, e.g. one row per segment.
 * @param options Category and value columns, orientation, order, colours, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or `y` is not numeric.
 * @throws {RangeError} When the data is empty or `sort` is not `"value"` or `"none"`.
 *
 * @example Customers per segment, largest first
 * ```ts
 * import assert from "node:assert/strict";
 * import { barChart } from "./bar_chart.ts";
 *
 * const data = [
 *   { segment: "At risk", customers: 120 },
 *   { segment: "Champions", customers: 310 },
 *   { segment: "New", customers: 75 },
 * ];
 * const chart = barChart(data, { x: "segment", y: "customers", sort: "value" });
 * const bars = chart.svg.slice(chart.svg.indexOf('aria-label="bar"'));
 * assert.equal(bars.match(/<rect /g)?.length, 3);
 * ```
 */
export function barChart(data: ChartData, options: BarChartOptions): Chart {
  const action = "draw bar chart";
  const { rows, columns: { x, y, fill } } = chartColumns(data, options, {
    required: ["x", "y"],
    optional: ["fill"],
    numeric: ["y"],
  }, action);
  const { horizontal = false, sort = "none", color = DEFAULT_COLOR } = options;
  if (sort !== "value" && sort !== "none") {
    throw new RangeError(`Cannot ${action} as sort must be "value" or "none": ${String(sort)}`);
  }
  const domain = categoryOrder(rows, x, y, sort === "value");
  const fillChannel = fill ?? color;
  const legend = fill === undefined ? {} : { color: { legend: true, label: fill } };
  const layout = categoryAxisLayout(domain, horizontal ? "y" : "x", options.width ?? 640);
  if (horizontal) {
    return renderChart(
      {
        marks: [
          Plot.barX(rows, { x: y, y: x, fill: fillChannel, ...hoverTitle(rows, [x, y, fill]) }),
          Plot.ruleX([0]),
        ],
        x: { grid: true },
        y: { type: "band", domain },
        ...layout.margins,
        ...legend,
      },
      { ...options, xLabel: options.yLabel, yLabel: options.xLabel },
    );
  }
  return renderChart(
    {
      marks: [
        Plot.barY(rows, { x, y, fill: fillChannel, ...hoverTitle(rows, [x, y, fill]) }),
        Plot.ruleY([0]),
      ],
      x: { type: "band", domain, ...layout.scale },
      y: { grid: true },
      ...layout.margins,
      marginLeft: Math.max(
        layout.margins.marginLeft ?? 40,
        valueAxisMargin(rows.map((row) => row[y])).marginLeft ?? 40,
      ),
      ...legend,
    },
    options,
  );
}
