import type { Chart } from "./chart.ts";
import { makeChart } from "./chart.ts";
import { svgAsGroup } from "./_svg_group.ts";
import { escapeXml } from "../core/xml.ts";

/** Options for {@linkcode combineCharts}. */
export interface CombineChartsOptions {
  /** Charts per row. Default: all in one row. */
  columns?: number;
  /** Space between charts in pixels. Default 16. */
  gap?: number;
  /** Bold heading above the grid. */
  title?: string;
}

/**
 * Lays out several charts in a grid as one chart (one standalone SVG), e.g. the four cluster
 * metrics by k side by side, each on its own y scale, which Plot's facets cannot do.
 *
 * Cost: O(total SVG length).
 *
 * @param charts The charts, in reading order (left to right, then down).
 * @param options Columns, gap and an optional title.
 * @returns The combined chart.
 * @throws {RangeError} When `charts` is empty or `columns` is not a positive integer.
 *
 * @example Two charts in a row
 * ```ts
 * import assert from "node:assert/strict";
 * import { combineCharts } from "./combine_charts.ts";
 * import { barChart } from "./bar_chart.ts";
 *
 * const a = barChart([{ k: "a", v: 1 }], { x: "k", y: "v", width: 200, height: 150 });
 * const both = combineCharts([a, a], { gap: 10 });
 * assert.equal(both.width, 410);
 * assert.equal(both.height, 150);
 * ```
 */
export function combineCharts(charts: readonly Chart[], options: CombineChartsOptions = {}): Chart {
  if (charts.length === 0) {
    throw new RangeError("Cannot combine charts as none were given: 0 charts");
  }
  const columns = options.columns ?? charts.length;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`Cannot combine charts as columns must be a positive integer: ${columns}`);
  }
  const gap = options.gap ?? 16;
  const top = options.title ? 30 : 0;
  const rows = Math.ceil(charts.length / columns);
  const colWidths = Array.from(
    { length: columns },
    (_, c) => Math.max(0, ...charts.filter((_, i) => i % columns === c).map((ch) => ch.width)),
  );
  const rowHeights = Array.from(
    { length: rows },
    (_, r) => Math.max(0, ...charts.slice(r * columns, (r + 1) * columns).map((ch) => ch.height)),
  );
  const width = colWidths.reduce((s, w) => s + w, 0) + gap * (columns - 1);
  const height = top + rowHeights.reduce((s, h) => s + h, 0) + gap * (rows - 1);
  const parts = charts.map((chart, i) => {
    const c = i % columns;
    const r = Math.floor(i / columns);
    const x = colWidths.slice(0, c).reduce((s, w) => s + w, 0) + gap * c;
    const y = top + rowHeights.slice(0, r).reduce((s, h) => s + h, 0) + gap * r;
    // Each chart becomes a group at its grid position (not a nested <svg>: see _svg_group.ts).
    return svgAsGroup(chart.svg, x, y);
  });
  const title = options.title
    ? `<text x="8" y="20" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`
    : "";
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="system-ui, sans-serif" font-size="10"><rect width="100%" height="100%" fill="white" />` +
    `${title}${parts.join("")}</svg>`;
  const panels = charts.map((chart) => chart.alt).join(" | ");
  const alt = `${options.title ? `Chart "${options.title}"` : "Chart"} of ${charts.length} ${
    charts.length === 1 ? "panel" : "panels"
  }: ${panels}`;
  return makeChart(svg, { width, height, alt });
}
