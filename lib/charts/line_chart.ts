/**
 * Line chart of a value over an ordered x (numbers or dates), one line per series.
 *
 * @module
 */
import { hoverTitle } from "./_hover.ts";
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData, type ChartRow } from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";
import { valueAxisMargin } from "./axis_layout.ts";

/** Options for {@linkcode lineChart}. */
export interface LineChartOptions extends ChartOptions {
  /** Column along the horizontal axis: numbers, dates, or categories (kept in data order). */
  x: string;
  /** Numeric column along the vertical axis. */
  y: string;
  /** Series column: one coloured line per value, with a legend. */
  stroke?: string;
  /** Series column: one line per value, all in the same colour (no legend). */
  z?: string;
  /** Constant line colour when `stroke` is not set. Default `"#4269d0"` (blue, the first colour of Plot's categorical scheme). */
  color?: string;
  /** Draw a dot at every data point. Default false. */
  markers?: boolean;
  /** Start the y axis at zero (e.g. for revenue, so drops are not exaggerated). Default false. */
  zero?: boolean;
}

function sortKey(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value instanceof Date) return value.getTime();
  return undefined;
}

/** Rows sorted by x when x is numbers or dates (stable), else in data order. */
function sortedByX(rows: readonly ChartRow[], x: string): ChartRow[] {
  const ordered = rows.every((row) => row[x] == null || sortKey(row[x]) !== undefined);
  if (!ordered) return [...rows];
  return [...rows].sort((a, b) => (sortKey(a[x]) ?? Infinity) - (sortKey(b[x]) ?? Infinity));
}

/**
 * Draws a line chart (`Plot.lineY`, plus `Plot.dot` for markers). Rows are sorted by `x` when it
 * holds numbers or dates, so the data need not be sorted; dates use a UTC time axis. A missing
 * `y` breaks the line.
 *
 * Cost: O(n log n) for the sort, after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records, e.g. revenue per month.
 * @param options x and y columns, series, colour, markers, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or `y` is not numeric.
 * @throws {RangeError} When the data is empty.
 *
 * @example Monthly revenue for two channels
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./line_chart.ts";
 *
 * const data = [0, 1, 2].flatMap((m) => [
 *   { month: new Date(Date.UTC(2024, m, 1)), channel: "web", revenue: 10 + m },
 *   { month: new Date(Date.UTC(2024, m, 1)), channel: "store", revenue: 8 + 2 * m },
 * ]);
 * const chart = lineChart(data, { x: "month", y: "revenue", stroke: "channel" });
 * const lines = chart.svg.slice(chart.svg.indexOf('aria-label="line"'));
 * assert.equal(lines.match(/<path /g)?.length, 2);
 * ```
 */
export function lineChart(data: ChartData, options: LineChartOptions): Chart {
  const action = "draw line chart";
  const { rows: unsorted, columns: { x, y, stroke, z } } = chartColumns(data, options, {
    required: ["x", "y"],
    optional: ["stroke", "z"],
    numeric: ["y"],
  }, action);
  const { color = DEFAULT_COLOR, markers = false, zero = false } = options;
  const rows = sortedByX(unsorted, x);
  const strokeChannel = stroke ?? color;
  const marks: Plot.Markish[] = [Plot.lineY(rows, { x, y, z, stroke: strokeChannel })];
  if (markers) {
    marks.push(
      Plot.dot(rows, {
        x,
        y,
        fill: strokeChannel,
        r: 2.5,
        ...hoverTitle(rows, [z ?? stroke, x, y]),
      }),
    );
  }
  return renderChart(
    {
      marks,
      y: { grid: true, zero },
      ...valueAxisMargin(rows.map((row) => row[y])),
      // Date ticks take two lines (month, then year): move the axis label below them.
      ...(rows.some((row) => row[x] instanceof Date) ? { marginBottom: 42 } : {}),
      ...(stroke === undefined ? {} : { color: { legend: true, label: stroke } }),
    },
    options,
  );
}
