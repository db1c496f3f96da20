/**
 * Charts of customer lifetime value (lib/clv): the P(alive) / expected-purchases grid, the
 * holdout check by calibration frequency, the purchase tracking plot, the distribution of CLV and
 * CLV by segment with its uncertainty.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Chart } from "./chart.ts";
import { chartColumns, type ChartData, type ChartRow, chartRows } from "./chart_data.ts";
import { hoverTitle } from "./_hover.ts";
import { heatmap } from "./heatmap.ts";
import { categoryAxisLayout, valueAxisMargin } from "./axis_layout.ts";
import { type ChartOptions, DEFAULT_COLOR, renderChart } from "./render_chart.ts";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const number2 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Options for {@linkcode probabilityAliveChart}. */
export interface ProbabilityAliveChartOptions extends ChartOptions {
  /** What colours the cells: `"probability_alive"` (default) or `"expected_purchases"`. */
  value?: "probability_alive" | "expected_purchases";
  /** Write each cell's value in it (readable for small grids only). Default false. */
  labels?: boolean;
}

/**
 * Draws a purchase model's frequency x recency grid ({@linkcode modelGrid} in lib/clv) as a heat
 * map: recency across, frequency up (0 at the bottom), cells coloured by P(alive) on a fixed 0-1
 * scale (blues) or by expected purchases (greens). The classic picture: customers who bought
 * often but not lately (top left) are probably gone.
 *
 * @param grid The grid: `frequency`, `recency`, and the `value` column.
 * @param options `value`, `labels`, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the grid is empty or `value` is unknown.
 *
 * @example A tiny grid
 * ```ts
 * import assert from "node:assert/strict";
 * import { probabilityAliveChart } from "./clv_charts.ts";
 *
 * const grid = [
 *   { frequency: 0, recency: 0, probability_alive: 1, expected_purchases: 0.2 },
 *   { frequency: 1, recency: 5, probability_alive: 0.6, expected_purchases: 0.3 },
 *   { frequency: 1, recency: 10, probability_alive: 0.9, expected_purchases: 0.5 },
 * ];
 * const chart = probabilityAliveChart(grid, { title: "P(alive)" });
 * assert.equal(chart.svg.match(/<rect [^>]*fill="rgb/g)?.length, 3);
 * ```
 */
export function probabilityAliveChart(
  grid: ChartData,
  options: ProbabilityAliveChartOptions = {},
): Chart {
  const action = "draw probability alive chart";
  const value = options.value ?? "probability_alive";
  if (value !== "probability_alive" && value !== "expected_purchases") {
    throw new RangeError(
      `Cannot ${action} as value must be "probability_alive" or "expected_purchases": ${
        String(value)
      }`,
    );
  }
  const { rows } = chartColumns(grid, { x: "recency", y: "frequency", fill: value }, {
    required: ["x", "y", "fill"],
    numeric: ["x", "y", "fill"],
  }, action);
  const recencies = [...new Set(rows.map((row) => row.recency as number))].sort((a, b) => a - b);
  const frequencies = [...new Set(rows.map((row) => row.frequency as number))]
    .sort((a, b) => b - a);
  const labelled = rows.map((row) => ({ ...row, recency: number.format(row.recency as number) }));
  return heatmap(labelled, {
    xLabel: "recency (time from first to last purchase)",
    yLabel: "frequency (repeat purchases)",
    ...options,
    x: "recency",
    y: "frequency",
    fill: value,
    scheme: value === "probability_alive" ? "blues" : "greens",
    labels: options.labels ?? false,
    xDomain: [...new Set(recencies.map((r) => number.format(r)))],
    yDomain: frequencies,
    ...(value === "probability_alive" ? { domain: [0, 1] as const } : {}),
  });
}

/** Options for {@linkcode holdoutChart}. */
export interface HoldoutChartOptions extends ChartOptions {
  /** Draw the naive baseline (past purchase rate) too. Default true. */
  naive?: boolean;
}

const SERIES_COLORS = { actual: "#222222", model: DEFAULT_COLOR, naive: "#efb118" } as const;

/**
 * Draws the holdout check of Fader, Hardie and Lee (2005, Figure 4): mean purchases per customer
 * in the holdout period by calibration frequency, actual against the model's prediction and the
 * naive baseline, as lines with dots (the table `byFrequency` of `evaluateHoldout`).
 *
 * @param byFrequency Rows with `calibration_frequency` (text, in order), `actual`, `predicted`
 *   and `naive`.
 * @param options `naive`, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the table is empty.
 *
 * @example Three frequencies
 * ```ts
 * import assert from "node:assert/strict";
 * import { holdoutChart } from "./clv_charts.ts";
 *
 * const table = ["0", "1", "2+"].map((f, i) => ({
 *   calibration_frequency: f, actual: i + 0.2, predicted: i + 0.1, naive: 2 * i,
 * }));
 * const chart = holdoutChart(table, { title: "Holdout" });
 * assert.equal(chart.svg.slice(chart.svg.indexOf('aria-label="line"')).match(/<path /g)?.length, 3);
 * ```
 */
export function holdoutChart(byFrequency: ChartData, options: HoldoutChartOptions = {}): Chart {
  const action = "draw holdout chart";
  const { rows } = chartColumns(
    byFrequency,
    {
      x: "calibration_frequency",
      actual: "actual",
      predicted: "predicted",
      naive: "naive",
    },
    { required: ["x", "actual", "predicted", "naive"], numeric: ["actual", "predicted", "naive"] },
    action,
  );
  const showNaive = options.naive ?? true;
  const domain = rows.map((row) => String(row.calibration_frequency));
  const series: [keyof typeof SERIES_COLORS, string][] = [
    ["actual", "actual"],
    ["model", "predicted"],
    ...(showNaive ? [["naive", "naive"] as [keyof typeof SERIES_COLORS, string]] : []),
  ];
  const long = series.flatMap(([name, column]) =>
    rows.map((row) => ({
      calibration_frequency: String(row.calibration_frequency),
      series: name,
      purchases: row[column] as number,
    }))
  );
  const names = series.map(([name]) => name);
  return renderChart(
    {
      marks: [
        Plot.lineY(long, { x: "calibration_frequency", y: "purchases", stroke: "series" }),
        Plot.dot(long, {
          x: "calibration_frequency",
          y: "purchases",
          fill: "series",
          r: 3,
          ...hoverTitle(long, ["series", "calibration_frequency", "purchases"]),
        }),
        Plot.ruleY([0]),
      ],
      x: { type: "point", domain, inset: 20 },
      y: { grid: true },
      color: {
        legend: true,
        domain: names,
        range: names.map((name) => SERIES_COLORS[name]),
      },
      ...valueAxisMargin(long.map((row) => row.purchases)),
    },
    {
      xLabel: "purchases in the calibration period",
      yLabel: "mean purchases in the holdout period",
      ...options,
    },
  );
}

/** Options for {@linkcode trackingChart}. */
export interface TrackingChartOptions extends ChartOptions {
  /** Plot the cumulative counts instead of those per period. Default false. */
  cumulative?: boolean;
}

/**
 * Draws the tracking plot of Fader, Hardie and Lee (2005, Figure 3): repeat purchases per period
 * (or cumulative), actual (solid) against the model's expectation (dashed), with a vertical rule
 * where the holdout begins (the table of `purchaseTracking`).
 *
 * @param tracking Rows with `period`, `actual`, `expected`, `cumulative_actual`,
 *   `cumulative_expected` and `holdout`.
 * @param options `cumulative`, title and size.
 * @returns The chart.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When the table is empty.
 *
 * @example Four periods, the last two held out
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackingChart } from "./clv_charts.ts";
 *
 * const tracking = [1, 2, 3, 4].map((period) => ({
 *   period, actual: period, expected: 1.1 * period, cumulative_actual: period * (period + 1) / 2,
 *   cumulative_expected: 0.55 * period * (period + 1), holdout: period > 2,
 * }));
 * const chart = trackingChart(tracking, { cumulative: true });
 * assert.ok(chart.svg.includes(">holdout →</text>"));
 * ```
 */
export function trackingChart(tracking: ChartData, options: TrackingChartOptions = {}): Chart {
  const action = "draw tracking chart";
  const cumulative = options.cumulative ?? false;
  const actual = cumulative ? "cumulative_actual" : "actual";
  const expected = cumulative ? "cumulative_expected" : "expected";
  const { rows } = chartColumns(tracking, { x: "period", actual, expected }, {
    required: ["x", "actual", "expected"],
    numeric: ["x", "actual", "expected"],
  }, action);
  const holdoutRows = chartRows(tracking, ["holdout"], action);
  const long = [["actual", actual], ["expected", expected]].flatMap(([name, column]) =>
    rows.map((row) => ({
      period: row.period as number,
      series: name,
      purchases: Number(row[column]),
    }))
  ).sort((a, b) => a.period - b.period);
  const firstHoldout = holdoutRows.find((row) => row.holdout === true)?.period;
  const marks: Plot.Markish[] = [
    Plot.lineY(long.filter((row) => row.series === "actual"), {
      x: "period",
      y: "purchases",
      stroke: "series",
    }),
    Plot.lineY(long.filter((row) => row.series === "expected"), {
      x: "period",
      y: "purchases",
      stroke: "series",
      strokeDasharray: "5,3",
    }),
  ];
  if (typeof firstHoldout === "number") {
    const at = firstHoldout - 1;
    marks.push(
      Plot.ruleX([at], { stroke: "#888888", strokeDasharray: "2,2" }),
      Plot.text([at], {
        x: (d: number) => d,
        frameAnchor: "top",
        text: () => "holdout →",
        textAnchor: "start",
        dx: 4,
        dy: 4,
        fill: "#555555",
      }),
    );
  }
  marks.push(Plot.ruleY([0]));
  return renderChart(
    {
      marks,
      y: { grid: true },
      color: {
        legend: true,
        domain: ["actual", "expected"],
        range: [SERIES_COLORS.actual, SERIES_COLORS.model],
      },
      ...valueAxisMargin(long.map((row) => row.purchases)),
    },
    {
      xLabel: "period",
      yLabel: cumulative ? "cumulative repeat purchases" : "repeat purchases",
      ...options,
    },
  );
}

/** Options for {@linkcode clvDistributionChart}. */
export interface ClvDistributionChartOptions extends ChartOptions {
  /** The CLV column. Default `"clv"`. */
  value?: string;
  /** Approximate number of bins. Default 40. */
  bins?: number;
  /**
   * Bin on a log10 scale (ticks in the original units), which spreads out the long right tail;
   * values <= 0 are then left out and counted in the caption. Default false.
   */
  logX?: boolean;
  /** Bar colour. Default `"#4269d0"`. */
  color?: string;
}

/**
 * Draws the distribution of per-customer CLV as a histogram, with rules at the median (solid) and
 * the mean (dashed). CLV is strongly right-skewed (a few customers carry much of the value), so
 * the mean sits well above the median; the default caption says by how much, and `logX` shows the
 * tail.
 *
 * @param clvTable One row per customer with the `value` column.
 * @param options `value`, `bins`, `logX`, colour, title and size.
 * @returns The chart.
 * @throws {TypeError} When the column is missing or not numeric.
 * @throws {RangeError} When the table is empty, `bins` is not a whole number >= 1, or `logX` is
 *   set and no value is positive.
 *
 * @example A skewed distribution
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvDistributionChart } from "./clv_charts.ts";
 *
 * const table = [1, 2, 2, 3, 3, 3, 4, 5, 40].map((clv) => ({ clv }));
 * const chart = clvDistributionChart(table, { logX: true });
 * assert.ok(chart.svg.includes("median 3, mean 7"));
 * ```
 */
export function clvDistributionChart(
  clvTable: ChartData,
  options: ClvDistributionChartOptions = {},
): Chart {
  const action = "draw CLV distribution chart";
  const { rows, columns: { x } } = chartColumns(clvTable, { x: options.value ?? "clv" }, {
    required: ["x"],
    numeric: ["x"],
  }, action);
  const { bins = 40, logX = false, color = DEFAULT_COLOR } = options;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Cannot ${action} as bins must be a positive integer: ${bins}`);
  }
  const values = rows.map((row) => row[x]).filter((v): v is number =>
    typeof v === "number" && Number.isFinite(v)
  ).sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const mid = values.length >> 1;
  const median = values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  const shown = logX ? values.filter((v) => v > 0) : values;
  if (shown.length === 0) {
    throw new RangeError(
      `Cannot ${action} as logX needs positive values: all ${values.length} values of "${x}" are <= 0`,
    );
  }
  const left = values.length - shown.length;
  const scale = (v: number) => (logX ? Math.log10(v) : v);
  const points = shown.map((v) => ({ v: scale(v) }));
  const caption = options.caption ??
    `median ${number2.format(median)}, mean ${number2.format(mean)}` +
      (mean > median ? ": the mean sits above the median, pulled up by a few high values" : "") +
      (left > 0
        ? `; ${left} customer${left === 1 ? "" : "s"} with ${x} <= 0 not shown on the log scale`
        : "");
  const rules: Plot.Markish[] = [];
  if (!logX || median > 0) rules.push(Plot.ruleX([scale(median)], { stroke: "#222222" }));
  if (!logX || mean > 0) {
    rules.push(Plot.ruleX([scale(mean)], { stroke: "#222222", strokeDasharray: "4,3" }));
  }
  return renderChart(
    {
      marks: [
        Plot.rectY(
          points,
          Plot.binX<Plot.RectYOptions>(
            { y: "count" },
            { x: "v", thresholds: bins, fill: color, insetLeft: 0.5, insetRight: 0.5 },
          ),
        ),
        Plot.ruleY([0]),
        ...rules,
      ],
      x: logX
        ? {
          ticks: logTicks(shown[0], shown[shown.length - 1]),
          tickFormat: (v: number) => number2.format(10 ** v),
        }
        : {},
      y: { grid: true },
    },
    {
      xLabel: logX ? `${x} (log scale)` : x,
      yLabel: "customers",
      ...options,
      caption,
    },
  );
}

/**
 * Tick positions (log10 of the value) for a log axis from `min` to `max` (both > 0): the values
 * 1, 2 and 5 times a power of ten inside the range, or only the powers of ten when those are
 * more than ten.
 */
function logTicks(min: number, max: number): number[] {
  const ticks = (multipliers: number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
      for (const m of multipliers) {
        const v = m * 10 ** k;
        if (v >= min && v <= max) out.push(Math.log10(v));
      }
    }
    return out;
  };
  const fine = ticks([1, 2, 5]);
  return fine.length > 10
    ? ticks([1])
    : fine.length >= 2
    ? fine
    : [Math.log10(min), Math.log10(max)];
}

/** Options for {@linkcode clvBySegmentChart}. */
export interface ClvBySegmentChartOptions extends ChartOptions {
  /** Segment column. Default `"segment"`. */
  segment?: string;
  /** The bar's value. Default `"clv_total"`. */
  value?: string;
  /**
   * Lower end of the range mark. Default `"clv_total_p10"`; when left at its default and the
   * column is absent, no range is drawn.
   */
  low?: string;
  /** Upper end of the range mark. Default `"clv_total_p90"` (same rule as `low`). */
  high?: string;
  /** Bar colour. Default `"#4269d0"`. */
  color?: string;
}

function columnsOf(data: ChartData): readonly string[] {
  if (Array.isArray(data)) {
    return [...new Set((data as readonly ChartRow[]).flatMap((row) => Object.keys(row ?? {})))];
  }
  const columns = (data as { columns?: unknown }).columns;
  return Array.isArray(columns) ? columns : [];
}

/**
 * Draws CLV by segment as horizontal bars, largest first, each with a black range mark from
 * `low` to `high` (e.g. the p10-p90 interval of the segment's total CLV from parameter
 * uncertainty), so a reader sees both which segments matter and how sure the estimate is.
 *
 * @param table One row per segment with the `segment`, `value` and (optionally) `low` and `high`
 *   columns.
 * @param options Column names, colour, title and size.
 * @returns The chart.
 * @throws {TypeError} When a named column is missing or not numeric.
 * @throws {RangeError} When the table is empty.
 *
 * @example Two segments with their ranges
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvBySegmentChart } from "./clv_charts.ts";
 *
 * const table = [
 *   { segment: "Champions", clv_total: 900, clv_total_p10: 800, clv_total_p90: 1000 },
 *   { segment: "At risk", clv_total: 300, clv_total_p10: 200, clv_total_p90: 450 },
 * ];
 * const chart = clvBySegmentChart(table, { title: "CLV by segment" });
 * assert.equal(chart.svg.slice(chart.svg.indexOf('aria-label="bar"')).match(/<rect /g)?.length, 2);
 * ```
 */
export function clvBySegmentChart(table: ChartData, options: ClvBySegmentChartOptions = {}): Chart {
  const action = "draw CLV by segment chart";
  const available = columnsOf(table);
  const low = options.low ?? (available.includes("clv_total_p10") ? "clv_total_p10" : undefined);
  const high = options.high ?? (available.includes("clv_total_p90") ? "clv_total_p90" : undefined);
  const { rows, columns } = chartColumns(table, {
    segment: options.segment ?? "segment",
    value: options.value ?? "clv_total",
    low,
    high,
  }, {
    required: ["segment", "value"],
    optional: ["low", "high"],
    numeric: ["value", "low", "high"],
  }, action);
  const { segment, value } = columns;
  const sorted = [...rows].sort((a, b) => Number(b[value]) - Number(a[value]));
  const domain = sorted.map((row) => row[segment]);
  const layout = categoryAxisLayout(domain, "y", options.width ?? 640);
  const marks: Plot.Markish[] = [
    Plot.barX(sorted, {
      x: value,
      y: segment,
      fill: options.color ?? DEFAULT_COLOR,
      ...hoverTitle(sorted, [segment, value, columns.low, columns.high]),
    }),
    Plot.ruleX([0]),
  ];
  if (columns.low !== undefined && columns.high !== undefined) {
    marks.push(
      Plot.ruleY(sorted, { y: segment, x1: columns.low, x2: columns.high, stroke: "#222222" }),
      Plot.tickX(sorted, { y: segment, x: columns.low, stroke: "#222222", inset: 6 }),
      Plot.tickX(sorted, { y: segment, x: columns.high, stroke: "#222222", inset: 6 }),
    );
  }
  return renderChart(
    {
      marks,
      x: { grid: true },
      y: { type: "band", domain },
      ...layout.margins,
    },
    { xLabel: value, yLabel: segment, ...options },
  );
}
