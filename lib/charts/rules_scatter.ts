/**
 * Association rules at a glance: support against confidence, coloured by lift.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import {
  type ChartData,
  type ChartRow,
  chartRows,
  requireColumnOption,
  requireNumericColumn,
} from "./chart_data.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";
import { createRandom } from "../core/random.ts";

/** Options for {@linkcode rulesScatter}. */
export interface RulesScatterOptions extends ChartOptions {
  /**
   * Dot radius: a constant in pixels, or a numeric column such as `"leverage"` (area
   * proportional). Default 2.5.
   */
  r?: number | string;
  /** Plot colour scheme for lift, e.g. `"viridis"`, `"magma"`, `"blues"`. Default `"viridis"`. */
  scheme?: string;
  /**
   * Colour scale of lift: `"log"` (default; lift is a ratio with a long right tail, so 0.5 and 2
   * sit at equal distances from 1) or `"linear"`.
   */
  colorType?: "log" | "linear";
  /** Opacity of the dots, 0 to 1. Default 0.8. */
  opacity?: number;
  /**
   * Draw at most this many rules: a seeded random sample when there are more, noted in the
   * caption. Each dot is an SVG element of about 80 bytes, so the default 1,000 keeps the chart
   * near 100 kB (2,000 rules would take about 180 kB). Default 1000.
   */
  maxPoints?: number;
  /** Seed of the sample when `maxPoints` applies. Default 0. */
  seed?: number;
}

/**
 * Draws a rules frame (from `associationRules`) as a scatter plot: one dot per rule at
 * (`support`, `confidence`), filled by `lift` on a continuous colour scale with a colour-ramp
 * legend. Dots are drawn in increasing lift, so the strongest rules sit on top where dots
 * overlap. Rules with a missing support or confidence are not drawn. The interesting rules are
 * usually top left (rare but reliable) and bright (far above chance).
 *
 * Tooltips are left out on purpose: the chart is a static SVG. To read off the rules behind a
 * cluster of dots, filter the rules frame.
 *
 * Cost: O(n log n) to order the dots by lift, after converting the data to records (a DataFrame
 * is narrowed to the plotted columns first, so list columns are never converted).
 *
 * @param rules A nodejs-polars DataFrame or an array of records with numeric `support`,
 * `confidence` and `lift` columns (and the `r` column, when named).
 * @param options Dot size, colour scheme and scale, opacity, sampling, title and size.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When there are no rules, `r` is not a positive number, `opacity` is
 * outside 0 to 1, `maxPoints` is not a positive integer, `colorType` is unknown, or a lift is not
 * positive on a log colour scale.
 *
 * @example Three rules
 * ```ts
 * import assert from "node:assert/strict";
 * import { rulesScatter } from "./rules_scatter.ts";
 *
 * const rules = [
 *   { support: 0.02, confidence: 0.7, lift: 12 },
 *   { support: 0.05, confidence: 0.4, lift: 3 },
 *   { support: 0.03, confidence: 0.6, lift: 1.2 },
 * ];
 * const chart = rulesScatter(rules, { title: "Rules" });
 * assert.equal(chart.svg.match(/<circle /g)?.length, 3);
 * assert.ok(chart.svg.includes("data:image/svg+xml;base64,")); // the lift colour ramp
 * assert.ok(chart.svg.includes(">Rules</text>"));
 * ```
 */
export function rulesScatter(rules: ChartData, options: RulesScatterOptions = {}): Chart {
  const action = "draw rules scatter";
  const {
    r = 2.5,
    scheme = "viridis",
    colorType = "log",
    opacity = 0.8,
    maxPoints = 1000,
    seed = 0,
  } = options ?? {};
  const rColumn = typeof r === "string" ? requireColumnOption(r, "r", action) : undefined;
  if (typeof r === "number" && !(Number.isFinite(r) && r > 0)) {
    throw new RangeError(`Cannot ${action} as r must be a positive number or a column: ${r}`);
  }
  if (typeof r !== "number" && typeof r !== "string") {
    throw new TypeError(`Cannot ${action} as r must be a number or a column: got ${typeof r}`);
  }
  if (typeof opacity !== "number" || !(opacity >= 0 && opacity <= 1)) {
    throw new RangeError(`Cannot ${action} as opacity must be between 0 and 1: ${opacity}`);
  }
  if (!(Number.isInteger(maxPoints) && maxPoints > 0)) {
    throw new RangeError(`Cannot ${action} as maxPoints must be a positive integer: ${maxPoints}`);
  }
  if (colorType !== "log" && colorType !== "linear") {
    throw new RangeError(`Cannot ${action} as colorType must be "log" or "linear": ${colorType}`);
  }
  const columns = ["support", "confidence", "lift", ...(rColumn === undefined ? [] : [rColumn])];
  const all = chartRows(narrow(rules, columns), columns, action);
  for (const column of columns) requireNumericColumn(all, column, action);
  const sampled = all.length > maxPoints ? sampleInOrder(all, maxPoints, seed) : all;
  const lift = (row: ChartRow) => {
    const value = row.lift;
    return typeof value === "number" && !Number.isNaN(value) ? value : -Infinity;
  };
  if (colorType === "log") {
    const bad = sampled.filter((row) => typeof row.lift === "number" && !(row.lift > 0));
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as a log colour scale needs positive lifts: ${bad.length} rule${
          bad.length > 1 ? "s have" : " has"
        } lift <= 0, e.g. ${bad[0].lift}`,
      );
    }
  }
  // Stable sort: the highest lift drawn last, on top.
  const rows = sampled.map((row, i) => ({ row, i }))
    .sort((a, b) => lift(a.row) - lift(b.row) || a.i - b.i)
    .map(({ row }) => row);
  const note = sampled.length < all.length
    ? `Showing a random ${sampled.length.toLocaleString("en-US")} of ${
      all.length.toLocaleString("en-US")
    } rules.`
    : undefined;
  return renderChart(
    {
      marks: [
        Plot.dot(rows, {
          x: "support",
          y: "confidence",
          r: rColumn ?? r,
          fill: "lift",
          fillOpacity: opacity,
        }),
      ],
      // Nice round ends, and an inset so dots at the minimum do not sit on the axis.
      x: { grid: true, nice: true, inset: 6 },
      y: { grid: true, nice: true, inset: 6 },
      color: {
        type: colorType,
        scheme: scheme as Plot.ColorScheme,
        legend: true,
        label: "lift",
      },
    },
    note === undefined
      ? options
      : { ...options, caption: options.caption ? `${options.caption} ${note}` : note },
  );
}

/** Keeps only the plotted columns of a DataFrame (skipping list columns); arrays pass through. */
function narrow(data: ChartData, columns: readonly string[]): ChartData {
  if (Array.isArray(data)) return data;
  const df = data as Exclude<ChartData, readonly ChartRow[]>;
  if (typeof df?.select !== "function" || !Array.isArray(df.columns)) return data;
  const present = columns.filter((c) => df.columns.includes(c));
  // Missing columns are reported by chartRows with the full list of available ones.
  return present.length === columns.length ? df.select(...present) : data;
}

/** A seeded sample of `k` rows without replacement, kept in their original order. */
function sampleInOrder<T>(rows: readonly T[], k: number, seed: number): T[] {
  const random = createRandom(seed);
  const index = Array.from(rows, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(index.length - i);
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index.slice(0, k).sort((a, b) => a - b).map((i) => rows[i]);
}
