import type { DataFrame } from "../core/frame.ts";
import type { Chart } from "./chart.ts";
import { combineCharts } from "./combine_charts.ts";
import { lineChart } from "./line_chart.ts";

/** Options for {@linkcode kMetricsChart}. */
export interface KMetricsChartOptions {
  /** Heading above the panels. */
  title?: string;
  /** Column of the number of clusters. Default `"k"` (as `evaluateK` names it). */
  k?: string;
  /**
   * The panels, in reading order: a metric column and the panel's title. Default: the four
   * columns of `evaluateK`'s table (`inertia`, `silhouette`, `davies_bouldin`,
   * `calinski_harabasz`), each titled with the direction that is better.
   */
  panels?: readonly (readonly [column: string, title: string])[];
}

const PANELS: readonly (readonly [string, string])[] = [
  ["inertia", "inertia (look for the elbow)"],
  ["silhouette", "silhouette (higher is better)"],
  ["davies_bouldin", "Davies-Bouldin (lower is better)"],
  ["calinski_harabasz", "Calinski-Harabasz (higher is better)"],
];

/**
 * Draws the cluster metrics by k (the table of {@linkcode evaluateK}) as four small line charts
 * in a 2 x 2 grid, each on its own scale and labelled with the direction that is better.
 *
 * @param table A frame with `k`, `inertia`, `silhouette`, `davies_bouldin`, `calinski_harabasz`
 * (or the columns named by `k` and `panels`).
 * @param options Title, and other column names.
 * @returns The combined chart.
 * @throws {TypeError} When a metric column is missing.
 *
 * @example Four panels
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kMetricsChart } from "./k_metrics_chart.ts";
 *
 * const table = pl.DataFrame({
 *   k: [2, 3, 4],
 *   inertia: [30, 12, 10],
 *   silhouette: [0.5, 0.7, 0.6],
 *   davies_bouldin: [0.8, 0.5, 0.6],
 *   calinski_harabasz: [100, 180, 150],
 * });
 * assert.match(kMetricsChart(table).svg, /Davies-Bouldin \(lower is better\)/);
 * ```
 */
export function kMetricsChart(table: DataFrame, options: KMetricsChartOptions = {}): Chart {
  const k = options.k ?? "k";
  const panels = (options.panels ?? PANELS).map(([column, title]) =>
    lineChart(table, {
      x: k,
      y: column,
      markers: true,
      title,
      width: 360,
      height: 220,
      xLabel: "k",
      yLabel: "",
    })
  );
  return combineCharts(panels, { columns: 2, title: options.title });
}
