/**
 * Kaplan-Meier survival curves: stepped lines with their confidence bands.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { type ChartData, type ChartRow, chartRows, requireNumericColumn } from "./chart_data.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";

/** Options for {@linkcode kaplanMeierChart}. */
export interface KaplanMeierChartOptions extends ChartOptions {
  /** Draw the pointwise confidence band from `lower` / `upper`. Default true. */
  band?: boolean;
  /** Opacity of the band. Default 0.15. */
  bandOpacity?: number;
  /** Mark censoring times (rows with `censored > 0`) with a small cross. Default true. */
  censorMarks?: boolean;
  /**
   * Times at which to write the number at risk (customers whose duration is `>= t`, as R's
   * `summary(fit, times = ...)$n.risk`) under the x axis, one line per curve, like the risk
   * table under a clinical KM plot. Needs the `at_risk`, `events` and `censored` columns.
   * Default: none.
   */
  atRiskTimes?: readonly number[];
  /** Line colour when the table has no `group` column. Default `"#4269d0"`. */
  color?: string;
  /** Column of the times. Default `"time"` (the columns of `kaplanMeier` are the defaults). */
  time?: string;
  /** Column of the survival estimate. Default `"survival"`. */
  survival?: string;
  /** Column of the groups, one curve each. Default `"group"` when the table has it. */
  group?: string;
  /** Column of the band's lower limit. Default `"lower"`. */
  lower?: string;
  /** Column of the band's upper limit. Default `"upper"`. */
  upper?: string;
  /** Column of the censored counts. Default `"censored"`. */
  censored?: string;
  /** Column of the numbers at risk. Default `"at_risk"`. */
  atRisk?: string;
  /** Column of the event counts. Default `"events"`. */
  events?: string;
}

/** The columns a Kaplan-Meier table is read from. */
interface KmColumns {
  time: string;
  atRisk: string;
  events: string;
  censored: string;
}

function columnsOf(data: ChartData): readonly string[] {
  if (Array.isArray(data)) {
    return [...new Set((data as readonly ChartRow[]).flatMap((row) => Object.keys(row ?? {})))];
  }
  const columns = (data as { columns?: unknown }).columns;
  return Array.isArray(columns) ? columns : [];
}

/** Number at risk at `time` in one group's rows (sorted by time). */
function atRiskAt(rows: readonly ChartRow[], time: number, columns: KmColumns): number {
  let count = Number(rows[0]?.[columns.atRisk] ?? 0);
  for (const row of rows) {
    const t = Number(row[columns.time]);
    if (t === time) return Number(row[columns.atRisk]);
    if (t > time) return count;
    count = Number(row[columns.atRisk]) - Number(row[columns.events] ?? 0) -
      Number(row[columns.censored] ?? 0);
  }
  return count;
}

/** Approximate advance of one character of 10px text. */
const CHAR_WIDTH = 6.2;
/** Gap between the at-risk table's row labels and the frame (room for a centred count at 0). */
const LABEL_GAP = 16;
/** Height of one line of the at-risk table. */
const RISK_LINE = 13;

/**
 * Draws Kaplan-Meier survival curves from a {@linkcode kaplanMeier} table: one stepped line per
 * group (`Plot.lineY` with `curve: "step-after"`, since the estimate is constant between event
 * times and drops at them), the pointwise confidence band as a stepped, translucent area
 * (`Plot.areaY` from `lower` to `upper`), small crosses at censoring times, and optionally the
 * numbers at risk under the x axis. The y axis runs from 0 to 1; a colour legend names the
 * groups. Where the band is missing (after the curve reaches 0) it is not drawn.
 *
 * Cost: O(n) marks after converting the table to records, plus O(groups x times) for the
 * at-risk table.
 *
 * @param km A table from `kaplanMeier` (needs `time` and `survival`; uses `group`, `lower`,
 * `upper`, `censored`, `at_risk` and `events` when present), as a DataFrame or records.
 * @param options Band, censoring marks, at-risk times, colour, title, size, and the column names
 * when they are not `kaplanMeier`'s.
 * @returns The chart, displayable in Jupyter and savable with `saveChart`.
 * @throws {TypeError} When `time` or `survival` is missing or not numeric, or `atRiskTimes` is
 * given without the `at_risk` column or holds a value that is not a finite number.
 * @throws {RangeError} When the table is empty.
 *
 * @example Two survival curves with their bands
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kaplanMeier } from "../survival/kaplan_meier.ts";
 * import { kaplanMeierChart } from "./kaplan_meier_chart.ts";
 *
 * const customers = pl.DataFrame({
 *   plan: ["basic", "basic", "basic", "pro", "pro", "pro"],
 *   months: [1, 3, 4, 2, 6, 8],
 *   churned: [1, 1, 0, 1, 0, 1],
 * });
 * const km = kaplanMeier(customers, { duration: "months", event: "churned", group: "plan" });
 * const chart = kaplanMeierChart(km, { title: "Survival by plan", atRiskTimes: [0, 4] });
 * const lines = chart.svg.slice(chart.svg.indexOf('aria-label="line"'));
 * assert.equal(lines.slice(0, lines.indexOf("</g>")).match(/<path /g)?.length, 2);
 * assert.ok(chart.svg.includes(">Survival by plan</text>"));
 * ```
 */
export function kaplanMeierChart(km: ChartData, options: KaplanMeierChartOptions = {}): Chart {
  const action = "draw Kaplan-Meier chart";
  const available = new Set(columnsOf(km));
  const {
    band = true,
    bandOpacity = 0.15,
    censorMarks = true,
    color = DEFAULT_COLOR,
    time = "time",
    survival = "survival",
    lower = "lower",
    upper = "upper",
    censored = "censored",
    atRisk = "at_risk",
    events = "events",
  } = options;
  const group = options.group ?? (available.has("group") ? "group" : undefined);
  const atRiskTimes = options.atRiskTimes ?? [];
  const withBand = band && available.has(lower) && available.has(upper);
  if (atRiskTimes.length > 0 && !available.has(atRisk)) {
    throw new TypeError(
      `Cannot ${action} as atRiskTimes needs the column "${atRisk}": available columns are ${
        [...available].join(", ")
      }`,
    );
  }
  const badTime = Array.isArray(atRiskTimes)
    ? atRiskTimes.find((t) => typeof t !== "number" || !Number.isFinite(t))
    : atRiskTimes;
  if (badTime !== undefined || !Array.isArray(atRiskTimes)) {
    throw new TypeError(
      `Cannot ${action} as atRiskTimes must be an array of finite numbers: got ${String(badTime)}`,
    );
  }
  const rows = chartRows(km, [time, survival, group], action);
  requireNumericColumn(rows, time, action);
  requireNumericColumn(rows, survival, action);
  // Sort by group (in first-seen order) then time, so each step line runs left to right.
  const groupOrder = [...new Set(rows.map((row) => String(group ? row[group] : "")))];
  const rank = new Map(groupOrder.map((g, i) => [g, i]));
  const sorted = [...rows].sort((a, b) =>
    (rank.get(String(group ? a[group] : ""))! - rank.get(String(group ? b[group] : ""))!) ||
    Number(a[time]) - Number(b[time])
  );
  const stroke = group ?? color;
  const marks: Plot.Markish[] = [];
  if (withBand) {
    marks.push(
      Plot.areaY(sorted, {
        x: time,
        y1: lower,
        y2: upper,
        z: group,
        fill: stroke,
        fillOpacity: bandOpacity,
        curve: "step-after",
      }),
    );
  }
  marks.push(
    Plot.lineY(sorted, { x: time, y: survival, z: group, stroke, curve: "step-after" }),
  );
  if (censorMarks && available.has(censored)) {
    marks.push(
      Plot.dot(sorted.filter((row) => Number(row[censored]) > 0), {
        x: time,
        y: survival,
        stroke,
        symbol: "times",
        r: 2.5,
      }),
    );
  }
  let marginBottom: number | undefined;
  let marginLeft: number | undefined;
  if (atRiskTimes.length > 0) {
    const times = [...new Set(atRiskTimes)].sort((a, b) => a - b);
    const counts = groupOrder.flatMap((g, line) => {
      const groupRows = sorted.filter((row) => String(group ? row[group] : "") === g);
      return times.map((t) => ({
        time: t,
        count: String(atRiskAt(groupRows, t, { time, atRisk, events, censored })),
        group: g,
        line,
      }));
    });
    const top = 46; // below the tick labels and the axis label
    marks.push(
      Plot.text([""], {
        frameAnchor: "bottom-left",
        dx: -LABEL_GAP,
        dy: top,
        textAnchor: "end",
        text: () => "At risk",
        fontWeight: "bold",
      }),
      ...groupOrder.map((_, line) =>
        Plot.text(counts.filter((c) => c.line === line), {
          x: "time",
          text: "count",
          frameAnchor: "bottom",
          dy: top + RISK_LINE * (line + 1),
          fill: group ? "group" : color,
        })
      ),
    );
    if (group) {
      marks.push(
        ...groupOrder.map((g, line) =>
          Plot.text([g], {
            frameAnchor: "bottom-left",
            dx: -LABEL_GAP,
            dy: top + RISK_LINE * (line + 1),
            textAnchor: "end",
            text: (d: string) => d,
            fill: (d: string) => d,
          })
        ),
      );
    }
    marginBottom = top + RISK_LINE * (groupOrder.length + 1) + 6;
    const longest = Math.max("At risk".length, ...groupOrder.map((g) => g.length));
    marginLeft = Math.max(40, Math.ceil(longest * CHAR_WIDTH) + LABEL_GAP + 8);
  }
  return renderChart(
    {
      marks,
      x: {
        label: time,
        ...(atRiskTimes.length > 0 ? { ticks: [...atRiskTimes], labelOffset: 32 } : {}),
      },
      y: { domain: [0, 1], grid: true, label: survival },
      ...(group === undefined ? {} : { color: { legend: true, label: group } }),
      ...(marginBottom === undefined ? {} : { marginBottom }),
      ...(marginLeft === undefined ? {} : { marginLeft }),
    },
    options,
  );
}
