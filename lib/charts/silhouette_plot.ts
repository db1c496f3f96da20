import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";

/** Options for {@linkcode silhouettePlot}. */
export interface SilhouettePlotOptions extends ChartOptions {
  /** Cluster label per row, same length as the samples (e.g. `model.labels`). */
  labels: ArrayLike<number>;
  /** Display names by label. Default `"Segment 1"`... and `"Noise"` for -1. */
  names?: Readonly<Record<number, string>>;
}

/**
 * The classic silhouette plot (Rousseeuw 1987): each row's silhouette value (from
 * {@linkcode silhouetteSamples}) as a horizontal band, sorted within its cluster, clusters stacked
 * top to bottom, with a dashed rule at the mean. Thin or mostly negative bands are clusters that
 * do not hold together. Drawn as one filled area per cluster, so the SVG stays small for
 * thousands of rows.
 *
 * @param samples Silhouette value per row.
 * @param options Cluster labels, and optional names, title and size.
 * @returns The chart.
 * @throws {RangeError} When the inputs are empty or differ in length.
 *
 * @example Two clusters
 * ```ts
 * import assert from "node:assert/strict";
 * import { silhouettePlot } from "./silhouette_plot.ts";
 *
 * const chart = silhouettePlot([0.8, 0.7, 0.6, 0.9], { labels: [0, 0, 1, 1] });
 * assert.match(chart.svg, /Segment 2/);
 * ```
 */
export function silhouettePlot(samples: ArrayLike<number>, options: SilhouettePlotOptions): Chart {
  const action = "draw silhouette plot";
  const { labels, ...chartOptions } = options;
  if (samples.length === 0) throw new RangeError(`Cannot ${action} as there are no rows: 0`);
  if (samples.length !== labels.length) {
    throw new RangeError(
      `Cannot ${action} as samples and labels differ in length: ${samples.length} and ${labels.length}`,
    );
  }
  const name = (l: number) => options.names?.[l] ?? (l === -1 ? "Noise" : `Segment ${l + 1}`);
  const byCluster = new Map<number, number[]>();
  for (let i = 0; i < samples.length; i++) {
    const list = byCluster.get(labels[i]) ?? [];
    list.push(samples[i]);
    byCluster.set(labels[i], list);
  }
  const rows: { position: number; value: number; segment: string }[] = [];
  const ticks: { position: number; segment: string }[] = [];
  let position = 0;
  const gap = Math.max(2, Math.round(samples.length / 60));
  for (const label of [...byCluster.keys()].sort((a, b) => a - b)) {
    const values = byCluster.get(label)!.sort((a, b) => b - a);
    const segment = name(label);
    ticks.push({ position: position + values.length / 2, segment });
    // Start and end each band at 0 so the area closes cleanly.
    rows.push({ position, value: 0, segment });
    values.forEach((value, i) => rows.push({ position: position + i + 0.5, value, segment }));
    rows.push({ position: position + values.length, value: 0, segment });
    position += values.length + gap;
  }
  let mean = 0;
  for (let i = 0; i < samples.length; i++) mean += samples[i];
  mean /= samples.length;
  return renderChart(
    {
      marks: [
        Plot.areaX(rows, {
          y: "position",
          x: "value",
          z: "segment",
          fill: "segment",
          curve: "step",
        }),
        Plot.ruleX([0]),
        Plot.ruleX([mean], { stroke: "#d62728", strokeDasharray: "4,3" }),
        Plot.text(ticks, { y: "position", x: 0, text: "segment", textAnchor: "end", dx: -6 }),
      ],
      x: { domain: [rows.reduce((m, r) => Math.min(m, r.value), -0.1), 1], grid: true },
      y: { axis: null, reverse: true },
      color: { legend: false },
      marginLeft: 90,
      height: options.height ?? 360,
    },
    {
      xLabel: "silhouette value (dashed: mean)",
      ...chartOptions,
    },
  );
}
