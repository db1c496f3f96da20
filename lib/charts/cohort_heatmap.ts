/**
 * Cohort retention heatmap: cohorts as rows, periods since the first purchase as columns.
 *
 * @module
 */
import type { Chart } from "./chart.ts";
import {
  type ChartData,
  chartRows,
  requireColumnOption,
  requireNumericColumn,
} from "./chart_data.ts";
import { requireInteger } from "../core/errors.ts";
import { WEEK_MS } from "../core/time.ts";
import { heatmap } from "./heatmap.ts";
import type { ChartOptions } from "./render_chart.ts";

/** Options for {@linkcode cohortHeatmap}. */
export interface CohortHeatmapOptions extends ChartOptions {
  /** Column of the cohorts' start dates. Default `"cohort"` (as `cohortRetention` names it). */
  cohort?: string;
  /** Column of the period indexes (0 = the first period). Default `"period_index"`. */
  period?: string;
  /** Column of the share retained, 0 to 1. Default `"retention"`. */
  retention?: string;
  /**
   * Show only the first `maxPeriods` columns (period indexes 0 to `maxPeriods - 1`). A positive
   * whole number. Default: all.
   */
  maxPeriods?: number;
  /** Plot colour scheme name. Default `"blues"`. */
  scheme?: string;
  /** Write the retention in each cell as a whole percentage. Default true. */
  labels?: boolean;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A cohort value (Date, ISO text or epoch ms) as a UTC Date, or undefined. */
function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/**
 * Draws a cohort retention table (from `cohortRetention`) as a heatmap: one row per cohort
 * (labelled `YYYY-MM` when every cohort starts on the 1st of a month, else `YYYY-MM-DD`, e.g.
 * weekly cohorts), one column per period index, each cell coloured by `retention` on a fixed
 * 0-1 scale (so charts of different data compare) and labelled with a whole percentage. Cohorts
 * run top to bottom oldest first, period indexes left to right; cells a cohort has not reached
 * yet are left blank. Built on {@linkcode heatmap}.
 *
 * Cost: O(n) after converting the table to records.
 *
 * @param retention A table from `cohortRetention` (needs `cohort`, `period_index` and
 * `retention`, or the columns named by the options of those names), as a DataFrame or records;
 * never modified.
 * @param options Column names, `maxPeriods`, colour scheme, labels, title and size. The axis labels default to
 * "Months since first purchase" (or "Weeks ..." / "Periods ...") and "Cohort".
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When a column is missing, `period_index` or `retention` is not numeric, a
 * cohort is not a date, or `maxPeriods` is not a number.
 * @throws {RangeError} When the table is empty or `maxPeriods` is not an integer >= 1.
 *
 * @example Retention of three monthly cohorts
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { cohortRetention } from "../survival/cohort_retention.ts";
 * import { cohortHeatmap } from "./cohort_heatmap.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "b", "a", "c", "b", "c"],
 *   invoice_date: ["2011-01-05", "2011-01-20", "2011-02-03", "2011-02-14", "2011-03-01", "2011-03-09"]
 *     .map((d) => new Date(`${d}T12:00:00Z`)),
 * });
 * const retention = cohortRetention(tx, { asOf: new Date("2011-03-10") });
 * const chart = cohortHeatmap(retention, { title: "Monthly retention" });
 * assert.ok(chart.svg.includes(">2011-01</text>"));
 * assert.ok(chart.svg.includes(">50%</text>"));
 * assert.ok(chart.svg.includes(">Months since first purchase</text>"));
 * ```
 */
export function cohortHeatmap(retention: ChartData, options: CohortHeatmapOptions = {}): Chart {
  const action = "draw cohort heatmap";
  const { maxPeriods, scheme = "blues", labels = true } = options;
  if (maxPeriods !== undefined) requireInteger(maxPeriods, "maxPeriods", action);
  const cohort = requireColumnOption(options.cohort ?? "cohort", "cohort", action) as string;
  const period = requireColumnOption(options.period ?? "period_index", "period", action) as string;
  const value = requireColumnOption(
    options.retention ?? "retention",
    "retention",
    action,
  ) as string;
  const rows = chartRows(retention, [cohort, period, value], action);
  requireNumericColumn(rows, period, action);
  requireNumericColumn(rows, value, action);
  const dates = rows.map((row) => asDate(row[cohort]));
  const bad = rows.findIndex((_, i) => dates[i] === undefined);
  if (bad >= 0) {
    throw new TypeError(
      `Cannot ${action} as column "${cohort}" must hold dates: row ${bad + 1} holds ${
        JSON.stringify(rows[bad][cohort])
      }`,
    );
  }
  const monthly = dates.every((d) => d!.getUTCDate() === 1);
  const format = (d: Date) =>
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` +
    (monthly ? "" : `-${pad(d.getUTCDate())}`);
  // Weekly cohorts are 7 days apart; monthly ones start on the 1st.
  const days = [...new Set(dates.map((d) => d!.getTime()))].sort((a, b) => a - b);
  const weekly = !monthly &&
    days.every((t, i) => i === 0 || (t - days[0]) % WEEK_MS === 0);
  const unit = monthly ? "Months" : weekly ? "Weeks" : "Periods";
  const cells = rows
    .map((row, i) => ({
      cohort: format(dates[i]!),
      period_index: Number(row[period]),
      retention: row[value],
      time: dates[i]!.getTime(),
    }))
    .filter((cell) => maxPeriods === undefined || cell.period_index < maxPeriods);
  if (cells.length === 0) {
    throw new RangeError(`Cannot ${action} as no row is left after maxPeriods: ${maxPeriods}`);
  }
  const cohorts = [...new Map(
    [...cells].sort((a, b) => a.time - b.time).map((cell) => [cell.cohort, cell.cohort]),
  ).keys()];
  // Period 0 is 100% by definition (every customer bought in their first period): a colour
  // scale spanning it left every later cell pale. The scale spans the later periods instead, and
  // period 0 takes the top colour.
  const later = cells.filter((cell) => cell.period_index > 0)
    .map((cell) => Number(cell.retention)).filter(Number.isFinite);
  const top = later.length > 0 && Math.max(...later) > 0 ? Math.max(...later) : 1;
  const maxIndex = cells.reduce((max, cell) => Math.max(max, cell.period_index), 0);
  const minIndex = cells.reduce((min, cell) => Math.min(min, cell.period_index), Infinity);
  return heatmap(cells, {
    x: "period_index",
    y: "cohort",
    fill: "retention",
    scheme,
    labels,
    labelFormat: (v) => `${Math.round(v * 100)}%`,
    domain: [0, top],
    xDomain: Array.from({ length: maxIndex - minIndex + 1 }, (_, i) => minIndex + i),
    yDomain: cohorts,
    title: options.title,
    subtitle: options.subtitle,
    caption: options.caption ??
      (top < 1
        ? `Colour scale from 0 to ${Math.round(top * 100)}%, the highest after period 0; ` +
          "period 0 (100% by definition) takes the top colour."
        : undefined),
    width: options.width,
    height: options.height,
    xLabel: options.xLabel ?? `${unit} since first purchase`,
    yLabel: options.yLabel ?? "Cohort",
  });
}
