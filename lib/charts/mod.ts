/**
 * Charts for customer analytics, drawn with Observable Plot without a browser. Every builder is
 * `(data, options)`, takes a nodejs-polars DataFrame or an array of records, and returns a
 * {@linkcode Chart}: one self-contained SVG that a Deno Jupyter notebook displays (with a PNG
 * beside it for untrusted notebooks, and alt text) and
 * {@linkcode saveChart} writes as SVG or PNG.
 *
 * @example A histogram, displayed in a notebook as SVG, with a PNG and alt text beside it
 * ```ts
 * import assert from "node:assert/strict";
 * import { histogram, JUPYTER_DISPLAY } from "./mod.ts";
 *
 * const chart = histogram([{ days: 3 }, { days: 8 }, { days: 9 }], { x: "days", bins: 3 });
 * assert.deepEqual(Object.keys(chart[JUPYTER_DISPLAY]()), ["image/svg+xml", "image/png", "text/plain"]);
 * ```
 *
 * @module
 */
export * from "./bar_chart.ts";
export * from "./box_plot.ts";
export * from "./chart.ts";
export type { ChartData, ChartRow } from "./chart_data.ts";
export * from "./heatmap.ts";
export * from "./histogram.ts";
export * from "./line_chart.ts";
export * from "./render_chart.ts";
export * from "./save_chart.ts";
export * from "./scatter_plot.ts";
export * from "./correlation_heatmap.ts";
export * from "./combine_charts.ts";
export * from "./k_metrics_chart.ts";
export * from "./silhouette_plot.ts";
export * from "./profile_heatmap.ts";
export * from "./snake_plot.ts";
export * from "./kaplan_meier_chart.ts";
export * from "./cohort_heatmap.ts";
export * from "./model_curves.ts";
export * from "./rules_scatter.ts";
export * from "./recommendation_charts.ts";
export * from "./clv_charts.ts";
export * from "./forecast_charts.ts";
export * from "./transition_chart.ts";
