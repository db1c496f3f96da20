import * as Plot from "@observablehq/plot";
import type { DataFrame } from "../core/frame.ts";
import type { Chart } from "./chart.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";
import { featureMatrix, toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode snakePlot}. */
export interface SnakePlotOptions extends ChartOptions {
  /** Segment label per row (e.g. `model.labels`), -1 for DBSCAN noise. */
  labels: ArrayLike<number>;
  /** Features, in drawing order. Default: every numeric column. */
  features?: readonly string[];
  /** Display names by label. Default `"Segment 1"`... and `"Noise"` for -1. */
  names?: Readonly<Record<number, string>>;
}

/**
 * The marketing "snake plot": each segment's mean of every feature after standardising it over
 * all rows (z-score: 0 = average, +1 = one standard deviation above), one line per segment across
 * the features. Segments whose lines cross are told apart by those features.
 *
 * Cost: O(n·d).
 *
 * @param df The segmented rows (any scale: standardised here).
 * @param options Segment labels, and optional features, names, title and size.
 * @returns The chart.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When labels and rows differ in length.
 *
 * @example Two segments across two features
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { snakePlot } from "./snake_plot.ts";
 *
 * const df = pl.DataFrame({ recency: [5, 10, 200, 300], spend: [900, 800, 20, 10] });
 * assert.match(snakePlot(df, { labels: [0, 0, 1, 1] }).svg, /Segment 2/);
 * ```
 */
export function snakePlot(df: DataFrame, options: SnakePlotOptions): Chart {
  const action = "draw snake plot";
  const { labels, features, names, ...chartOptions } = options;
  const m = featureMatrix(df, { features, action });
  const label = toLabels(labels, m.n, action);
  const name = (l: number) => names?.[l] ?? (l === -1 ? "Noise" : `Segment ${l + 1}`);
  const clusters = [...new Set(label)].sort((a, b) => a - b);
  const rows: { feature: string; segment: string; z: number }[] = [];
  m.features.forEach((feature, j) => {
    let mean = 0;
    for (let i = 0; i < m.n; i++) mean += m.data[i * m.d + j];
    mean /= m.n;
    let ss = 0;
    for (let i = 0; i < m.n; i++) ss += (m.data[i * m.d + j] - mean) ** 2;
    const sd = Math.sqrt(ss / Math.max(1, m.n - 1)) || 1;
    for (const c of clusters) {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < m.n; i++) {
        if (label[i] !== c) continue;
        sum += m.data[i * m.d + j];
        count++;
      }
      rows.push({ feature, segment: name(c), z: (sum / count - mean) / sd });
    }
  });
  return renderChart(
    {
      marks: [
        Plot.ruleY([0], { stroke: "#888" }),
        Plot.lineY(rows, { x: "feature", y: "z", stroke: "segment", marker: "circle" }),
      ],
      x: { type: "point", domain: [...m.features], padding: 0.3 },
      y: { grid: true },
      color: { legend: true, label: "segment" },
    },
    { xLabel: "", yLabel: "mean z-score (0 = average)", ...chartOptions },
  );
}
