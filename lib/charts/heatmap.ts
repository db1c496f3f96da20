/**
 * Heatmap: a grid of cells coloured by a numeric value.
 *
 * @module
 */
import { hoverTitle } from "./_hover.ts";
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData, type ChartRow } from "./chart_data.ts";
import { categoryAxisLayout } from "./axis_layout.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";

/** Options for {@linkcode heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  /** Column of the horizontal categories (sorted ascending). */
  x: string;
  /** Column of the vertical categories (sorted ascending). */
  y: string;
  /** Numeric column that colours each cell; one row per (x, y) cell (aggregate first). */
  fill: string;
  /** Plot colour scheme name, e.g. `"blues"`, `"viridis"`, `"rdbu"`. Default `"blues"`. */
  scheme?: string;
  /** Write each cell's value in the cell. Default false. */
  labels?: boolean;
  /** Formats a value for the cell labels. Default: up to 2 decimals, e.g. `1,234.57`. */
  labelFormat?: (value: number) => string;
  /** Order of the x categories (e.g. hours 0-23). Default: ascending. */
  xDomain?: readonly unknown[];
  /** Order of the y categories (e.g. weekdays Mon-Sun). Default: ascending. */
  yDomain?: readonly unknown[];
  /** Colour scale domain `[min, max]`, e.g. `[-1, 1]` for correlations. Default: the data's. */
  domain?: readonly [number, number];
}

const defaultFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Relative luminance (0 dark to 1 light) of a `#rrggbb` or `rgb(r, g, b)` colour. */
function luminance(color: string): number {
  let channels: number[] | undefined;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) channels = hex.slice(1).map((h) => parseInt(h, 16));
  const rgb = /^rgb\((\d+), ?(\d+), ?(\d+)\)$/.exec(color);
  if (rgb) channels = rgb.slice(1).map(Number);
  if (channels === undefined) return 1;
  const [r, g, b] = channels.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Draws a heatmap (`Plot.cell`, plus `Plot.text` for labels) with a continuous colour scale and
 * its colour-ramp legend, e.g. retention by cohort and month, or average spend by segment and
 * weekday. Cells whose value is missing are not drawn.
 *
 * Cost: O(n), after converting the data to records.
 *
 * @param data A nodejs-polars DataFrame or an array of records, one row per cell.
 * @param options x, y and fill columns, colour scheme, labels, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or `fill` is not numeric.
 * @throws {RangeError} When the data is empty.
 *
 * @example Retention by cohort and month, with values written in the cells
 * ```ts
 * import assert from "node:assert/strict";
 * import { heatmap } from "./heatmap.ts";
 *
 * const data = ["2024-01", "2024-02"].flatMap((cohort, i) =>
 *   [0, 1, 2].map((month) => ({ cohort, month, retention: 1 / (1 + month + i) }))
 * );
 * const chart = heatmap(data, { x: "month", y: "cohort", fill: "retention", labels: true });
 * const cells = chart.svg.slice(chart.svg.indexOf('aria-label="cell"'));
 * assert.equal(cells.slice(0, cells.indexOf("</g>")).match(/<rect /g)?.length, 6);
 * assert.ok(chart.svg.includes("data:image/svg+xml;base64,")); // the colour ramp
 * assert.ok(chart.svg.includes(">0.33</text>"));
 * ```
 */
export function heatmap(data: ChartData, options: HeatmapOptions): Chart {
  const action = "draw heatmap";
  const { rows, columns: { x, y, fill } } = chartColumns(data, options, {
    required: ["x", "y", "fill"],
    numeric: ["fill"],
  }, action);
  const { scheme = "blues", labels = false, labelFormat = (v) => defaultFormat.format(v) } =
    options;
  const values = rows.map((row) => row[fill]).filter((v): v is number =>
    typeof v === "number" && !Number.isNaN(v)
  );
  const domain = options.domain ? [...options.domain] : [
    values.reduce((min, v) => Math.min(min, v), Infinity),
    values.reduce((max, v) => Math.max(max, v), -Infinity),
  ];
  const color = {
    type: "linear" as const,
    scheme: scheme as Plot.ColorScheme,
    domain,
    legend: true,
    label: fill,
  };
  const marks: Plot.Markish[] = [
    Plot.cell(rows, { x, y, fill, inset: 0.5, ...hoverTitle(rows, [y, x, fill]) }),
  ];
  if (labels) {
    // Dark text on light cells, white text on dark cells, from the cell's actual colour.
    const scale = Plot.scale({ color });
    const labelled = rows.filter((row) =>
      typeof row[fill] === "number" && !Number.isNaN(row[fill])
    );
    const isDark = (row: ChartRow) => luminance(String(scale.apply(row[fill]))) < 0.3;
    const text = (row: ChartRow) => labelFormat(row[fill] as number);
    marks.push(
      Plot.text(labelled.filter((row) => !isDark(row)), { x, y, text, fill: "black" }),
      Plot.text(labelled.filter(isDark), { x, y, text, fill: "white" }),
    );
  }
  const width = options.width ?? 640;
  const xLayout = categoryAxisLayout([...new Set(rows.map((row) => row[x]))], "x", width);
  const yLayout = categoryAxisLayout([...new Set(rows.map((row) => row[y]))], "y", width);
  return renderChart(
    {
      marks,
      x: {
        type: "band",
        ...xLayout.scale,
        ...(options.xDomain ? { domain: [...options.xDomain] } : {}),
      },
      y: { type: "band", ...(options.yDomain ? { domain: [...options.yDomain] } : {}) },
      color,
      ...xLayout.margins,
      marginLeft: Math.max(xLayout.margins.marginLeft ?? 40, yLayout.margins.marginLeft ?? 40),
    },
    options,
  );
}
