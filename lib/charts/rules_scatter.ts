/**
 * Association rules at a glance: support against confidence, coloured by lift.
 *
 * @module
 */
import { hoverTitle } from "./_hover.ts";
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData, type ChartRow } from "./chart_data.ts";
import { type ChartOptions, renderChart } from "./render_chart.ts";
import { radiusColumn, requireOpacity, sampleDots, withCaptionNote } from "./_dots.ts";

/** Options for {@linkcode rulesScatter}. */
export interface RulesScatterOptions extends ChartOptions {
  /** Column along the horizontal axis. Default `"support"` (as `associationRules` names it). */
  x?: string;
  /** Column along the vertical axis. Default `"confidence"`. */
  y?: string;
  /** Column that colours the dots (and orders them: highest on top). Default `"lift"`. */
  fill?: string;
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
 * legend (other columns through the `x`, `y` and `fill` options). Dots are drawn in increasing lift, so the strongest rules sit on top where dots
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
 * `confidence` and `lift` columns (or those named by `x`, `y` and `fill`, and the `r` column,
 * when named).
 * @param options Columns, dot size, colour scheme and scale, opacity, sampling, title and size.
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
  const named = {
    x: options?.x ?? "support",
    y: options?.y ?? "confidence",
    fill: options?.fill ?? "lift",
    r: radiusColumn(r, action),
  };
  requireOpacity(opacity, action);
  if (colorType !== "log" && colorType !== "linear") {
    throw new RangeError(`Cannot ${action} as colorType must be "log" or "linear": ${colorType}`);
  }
  const plotted = Object.values(named).filter((c): c is string => typeof c === "string");
  const { rows: all, columns: { x, y, fill, r: rColumn } } = chartColumns(
    narrow(rules, plotted),
    named,
    { required: ["x", "y", "fill"], optional: ["r"], numeric: ["x", "y", "fill", "r"] },
    action,
  );
  const { rows: sampled, note } = sampleDots(all, maxPoints, seed, "rules", action);
  const colour = (row: ChartRow) => {
    const value = row[fill];
    return typeof value === "number" && !Number.isNaN(value) ? value : -Infinity;
  };
  if (colorType === "log") {
    const bad = sampled.filter((row) =>
      typeof row[fill] === "number" && !((row[fill] as number) > 0)
    );
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as a log colour scale needs positive ${fill} values: ${bad.length} rule${
          bad.length > 1 ? "s have" : " has"
        } ${fill} <= 0, e.g. ${bad[0][fill]}`,
      );
    }
  }
  // Stable sort: the highest lift drawn last, on top.
  const rows = sampled.map((row, i) => ({ row, i }))
    .sort((a, b) => colour(a.row) - colour(b.row) || a.i - b.i)
    .map(({ row }) => row);
  return renderChart(
    {
      marks: [
        Plot.dot(rows, {
          x,
          y,
          r: rColumn ?? r,
          fill,
          fillOpacity: opacity,
          ...hoverTitle(rows, [x, y, fill, rColumn]),
        }),
      ],
      // Nice round ends, and an inset so dots at the minimum do not sit on the axis.
      x: { grid: true, nice: true, inset: 6 },
      y: { grid: true, nice: true, inset: 6 },
      color: {
        type: colorType,
        scheme: scheme as Plot.ColorScheme,
        legend: true,
        label: fill,
      },
    },
    withCaptionNote(options, note),
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
