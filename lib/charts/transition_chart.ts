/**
 * Segment transition chart: who moved between segments, as a heatmap of customer counts.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame } from "../core/errors.ts";
import type { Chart } from "./chart.ts";
import { heatmap } from "./heatmap.ts";
import type { ChartOptions } from "./render_chart.ts";

/** Options for {@linkcode transitionChart}. */
export interface TransitionChartOptions extends ChartOptions {
  /** Plot colour scheme name. Default `"blues"`. */
  scheme?: string;
}

/**
 * Draws a segment transition matrix (see `segmentTransitions`) as a heatmap: one row per segment
 * before (`from_segment`, `"(new)"` last), one column per segment after, each cell coloured by
 * and labelled with its count of customers. Rows and columns keep the matrix's order; the
 * diagonal holds the customers who stayed.
 *
 * @param matrix A transition matrix: `from_segment` and one numeric count column per segment
 * after; never modified.
 * @param options Scheme, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When `from_segment` is missing or a count column is not numeric.
 * @throws {RangeError} When the matrix has no rows.
 *
 * @example Three segments, one mover
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { transitionChart } from "./transition_chart.ts";
 *
 * const matrix = pl.DataFrame({ from_segment: ["X", "Y"], X: [5, 0], Y: [1, 4] });
 * const chart = transitionChart(matrix, { title: "Who moved" });
 * assert.ok(chart.svg.includes(">Who moved<"));
 * assert.ok(chart.svg.includes(">5</text>"));
 * ```
 */
export function transitionChart(matrix: DataFrame, options: TransitionChartOptions = {}): Chart {
  const action = "draw the transition chart";
  requireFrame(matrix, "the transition matrix", action);
  requireColumns(matrix, ["from_segment"], action);
  const to = matrix.columns.filter((c) => c !== "from_segment");
  const from = (matrix.getColumn("from_segment").toArray() as unknown[]).map(String);
  const rows = from.flatMap((f, i) =>
    to.map((t) => ({ from: f, to: t, customers: Number(matrix.getColumn(t).get(i)) }))
  );
  if (rows.length === 0) {
    throw new RangeError(`Cannot ${action} as the transition matrix has no cells`);
  }
  return heatmap(rows, {
    ...options,
    x: "to",
    y: "from",
    fill: "customers",
    labels: true,
    labelFormat: (v) => String(v),
    xDomain: to,
    yDomain: from,
  });
}
