import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame, requireInteger, requirePositive } from "../core/errors.ts";
import { quantileSorted } from "../core/quantile.ts";

/**
 * The usual population stability index thresholds: below `moderate` (0.1) the population is
 * stable; from 0.1 to `major` (0.25) it has shifted moderately (watch it); at 0.25 or more it has
 * shifted enough that models fitted on the old population should be refitted.
 *
 * @example The thresholds
 * ```ts
 * import assert from "node:assert/strict";
 * import { PSI_THRESHOLDS } from "./segment_drift.ts";
 *
 * assert.deepEqual(PSI_THRESHOLDS, { moderate: 0.1, major: 0.25 });
 * ```
 */
export const PSI_THRESHOLDS: Readonly<{ moderate: number; major: number }> = Object.freeze({
  moderate: 0.1,
  major: 0.25,
});

/** Options for {@linkcode populationStability}. */
export interface PopulationStabilityOptions {
  /**
   * Numeric values: number of quantile bins, cut at the expected (fit-time) values' quantiles
   * (linear, as numpy), an integer from 2 to 100. Default 10 (deciles). Ignored for text values.
   */
  bins?: number;
  /** Shares of 0 are replaced by this before the logarithm, > 0. Default 1e-4. */
  epsilon?: number;
}

/** The population stability index of one variable, with its bins. */
export interface PopulationStability {
  /** `sum((actual - expected) * ln(actual / expected))` over the bins. */
  psi: number;
  /** `"stable"` (< 0.1), `"moderate"` (0.1 to 0.25) or `"major"` (>= 0.25). */
  level: "stable" | "moderate" | "major";
  /**
   * One row per bin: `bin` (text: a category, or `"<= e"` / `"> e"` ranges), `expected_share`,
   * `actual_share` and `contribution` (its term of the sum).
   */
  bins: DataFrame;
}

function levelOf(psi: number): PopulationStability["level"] {
  return psi >= PSI_THRESHOLDS.major
    ? "major"
    : psi >= PSI_THRESHOLDS.moderate
    ? "moderate"
    : "stable";
}

/**
 * The population stability index (PSI) between an expected (fit-time) population and an actual
 * (current) one: `PSI = sum over bins of (a - e) * ln(a / e)`, with `e` and `a` the shares of
 * each population in the bin. Text values (segments) are binned by category; numbers by the
 * expected values' quantiles (`bins` of them, duplicate edges merged), each bin `(lower, upper]`,
 * the first open below and the last open above. A share of 0 becomes `epsilon`. Missing values
 * (null, NaN) are left out of both populations.
 *
 * Read it with {@linkcode PSI_THRESHOLDS}: below 0.1 stable, 0.1 to 0.25 a moderate shift, 0.25
 * or more a major shift (refit).
 *
 * @param expected The fit-time values (numbers, or texts for categories).
 * @param actual The current values, the same kind.
 * @param options `bins` (numbers, default 10) and `epsilon` (default 1e-4).
 * @returns The PSI, its level and the per-bin table.
 * @throws {TypeError} When one population is numbers and the other texts.
 * @throws {RangeError} When a population has no values, or `bins` / `epsilon` is out of range.
 *
 * @example Half and half becoming a quarter and three quarters
 * ```ts
 * import assert from "node:assert/strict";
 * import { populationStability } from "./segment_drift.ts";
 *
 * const result = populationStability(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
 * // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5)
 * assert.ok(Math.abs(result.psi - 0.2746530722) < 1e-9);
 * assert.equal(result.level, "major");
 * ```
 */
export function populationStability(
  expected: ArrayLike<unknown>,
  actual: ArrayLike<unknown>,
  options: PopulationStabilityOptions = {},
): PopulationStability {
  const action = "compute the population stability index";
  const bins = requireInteger(options.bins ?? 10, "bins", action, 2, 100);
  const epsilon = requirePositive(options.epsilon ?? 1e-4, "epsilon", action);
  const present = (values: ArrayLike<unknown>) =>
    Array.from(values).filter((v) => v != null && !(typeof v === "number" && Number.isNaN(v)));
  const e = present(expected);
  const a = present(actual);
  for (const [name, values] of [["expected", e], ["actual", a]] as const) {
    if (values.length === 0) {
      throw new RangeError(`Cannot ${action} as the ${name} population has no values`);
    }
  }
  const numeric = typeof e[0] === "number" || typeof e[0] === "bigint";
  if (numeric !== (typeof a[0] === "number" || typeof a[0] === "bigint")) {
    throw new TypeError(
      `Cannot ${action} as one population holds numbers and the other texts: ${typeof e[
        0
      ]} and ${typeof a[
        0
      ]}`,
    );
  }
  let labels: string[];
  let eCounts: number[];
  let aCounts: number[];
  if (numeric) {
    const sorted = Float64Array.from(e, Number).sort();
    const edges = [
      ...new Set(
        Array.from({ length: bins - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / bins)),
      ),
    ];
    const binOf = (x: number) => {
      let b = 0;
      while (b < edges.length && x > edges[b]) b++;
      return b;
    };
    labels = [
      ...edges.map((edge) => `<= ${edge}`),
      `> ${edges[edges.length - 1]}`,
    ];
    eCounts = new Array(labels.length).fill(0);
    aCounts = new Array(labels.length).fill(0);
    for (const x of e) eCounts[binOf(Number(x))]++;
    for (const x of a) aCounts[binOf(Number(x))]++;
  } else {
    labels = [...new Set([...e, ...a].map(String))].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    eCounts = new Array(labels.length).fill(0);
    aCounts = new Array(labels.length).fill(0);
    for (const x of e) eCounts[index.get(String(x))!]++;
    for (const x of a) aCounts[index.get(String(x))!]++;
  }
  const eShares = eCounts.map((c) => Math.max(c / e.length, epsilon));
  const aShares = aCounts.map((c) => Math.max(c / a.length, epsilon));
  const contributions = eShares.map((s, i) => (aShares[i] - s) * Math.log(aShares[i] / s));
  const psi = contributions.reduce((sum, c) => sum + c, 0);
  return {
    psi,
    level: levelOf(psi),
    bins: pl.DataFrame({
      bin: labels,
      expected_share: eCounts.map((c) => c / e.length),
      actual_share: aCounts.map((c) => c / a.length),
      contribution: contributions,
    }),
  };
}

/** Options for {@linkcode segmentTransitions}. */
export interface SegmentTransitionsOptions {
  /** The segment column of both frames. Default `"kmeans_segment"`. */
  segment?: string;
  /** The customer column of both frames, matched as text. Default `"customer_id"`. */
  customer?: string;
}

/**
 * Who moved between segments: a matrix of customer counts, one row per segment before
 * (`from_segment`, plus `"(new)"` for customers absent before) and one column per segment after
 * (plus `"(gone)"` for customers absent after, when there are any). Segments are sorted as text.
 * Diagonal cells are the customers who stayed.
 *
 * @param before One row per customer with the segment at the earlier date.
 * @param after One row per customer with the segment at the later date.
 * @param options The segment and customer columns.
 * @returns The matrix: `from_segment` (Utf8) and one Int64 count column per segment after.
 * @throws {TypeError} When a column is missing.
 *
 * @example Two customers stay, one moves, one is new
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { segmentTransitions } from "./segment_drift.ts";
 *
 * const before = pl.DataFrame({ customer_id: ["a", "b", "c"], segment: ["X", "X", "Y"] });
 * const after = pl.DataFrame({ customer_id: ["a", "b", "c", "d"], segment: ["X", "Y", "Y", "Y"] });
 * const m = segmentTransitions(before, after, { segment: "segment" });
 * assert.deepEqual(m.toRecords(), [
 *   { from_segment: "X", X: 1, Y: 1 },
 *   { from_segment: "Y", X: 0, Y: 1 },
 *   { from_segment: "(new)", X: 0, Y: 1 },
 * ]);
 * ```
 */
export function segmentTransitions(
  before: DataFrame,
  after: DataFrame,
  options: SegmentTransitionsOptions = {},
): DataFrame {
  const action = "count segment transitions";
  const segment = options.segment ?? "kmeans_segment";
  const customer = options.customer ?? "customer_id";
  requireFrame(before, "before", action);
  requireFrame(after, "after", action);
  requireColumns(before, [customer, segment], action);
  requireColumns(after, [customer, segment], action);
  const read = (df: DataFrame) => {
    const ids = df.getColumn(customer).toArray() as unknown[];
    const segs = df.getColumn(segment).toArray() as unknown[];
    return new Map(ids.map((id, i) => [String(id), String(segs[i])]));
  };
  const from = read(before);
  const to = read(after);
  const fromLabels = [...new Set(from.values())].sort();
  const toLabels = [...new Set(to.values())].sort();
  const gone = [...from.keys()].some((id) => !to.has(id));
  const rows = [...fromLabels];
  if ([...to.keys()].some((id) => !from.has(id))) rows.push("(new)");
  const columns = gone ? [...toLabels, "(gone)"] : toLabels;
  const counts = rows.map(() => new Array(columns.length).fill(0));
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(columns.map((c, i) => [c, i]));
  for (const [id, s] of to) {
    counts[rowIndex.get(from.get(id) ?? "(new)")!][colIndex.get(s)!]++;
  }
  for (const [id, s] of from) {
    if (!to.has(id)) counts[rowIndex.get(s)!][colIndex.get("(gone)")!]++;
  }
  return pl.DataFrame([
    pl.Series("from_segment", rows, pl.Utf8),
    ...columns.map((c, j) => pl.Series(c, counts.map((row) => row[j]), pl.Int64)),
  ]);
}

/** Options for {@linkcode driftReport}. */
export interface DriftReportOptions {
  /**
   * Numeric columns compared by quantile-binned PSI. Default `recency_days`, `frequency`,
   * `monetary`, `tenure_days`, `clv`, `churn_probability` (those present in both frames).
   */
  features?: readonly string[];
  /** Segment columns compared by share PSI. Default `rfm_segment`, `kmeans_segment` (if present). */
  segments?: readonly string[];
  /** Quantile bins of the numeric PSI. Default 10. */
  bins?: number;
  /** The customer column. Default `"customer_id"`. */
  customer?: string;
}

/** A drift report between the fit-time customers and the current ones. */
export interface DriftReport {
  /**
   * One row per variable: `variable`, `kind` (`"segment share"` or `"feature"`), `psi` and
   * `level` (`"stable"`, `"moderate"` or `"major"`), segments first.
   */
  table: DataFrame;
  /** Whether any PSI reached the major threshold (0.25): refit the models. */
  refit: boolean;
  /** The recommendation in words, naming the variables that drove it. */
  recommendation: string;
  /** The transition matrix of each segment column (see {@linkcode segmentTransitions}). */
  transitions: Readonly<Record<string, DataFrame>>;
}

const DEFAULT_FEATURES = [
  "recency_days",
  "frequency",
  "monetary",
  "tenure_days",
  "clv",
  "churn_probability",
];

/**
 * The drift report of dynamic segments: the population stability index of each segment column's
 * shares and of each numeric feature between the fit-time customers (`before`, e.g. the
 * snapshot the models were fitted on) and the current ones (`after`, e.g. after
 * `updateSnapshot`), with the thresholds of {@linkcode PSI_THRESHOLDS}: below 0.1 stable, 0.1 to
 * 0.25 moderate (watch), 0.25 or more major: refit (new score edges, centroids, CLV parameters
 * and churn model on the current data). Also who moved between segments.
 *
 * @param before The fit-time customers, one row per customer.
 * @param after The current customers, one row per customer.
 * @param options Features, segment columns, bins and the customer column.
 * @returns The PSI table, the refit flag, the recommendation and the transition matrices.
 * @throws {TypeError} When a listed column is missing from either frame.
 * @throws {RangeError} When a column has no values in either frame.
 *
 * @example A shifted segment mix calls for a refit
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { driftReport } from "./segment_drift.ts";
 *
 * const before = pl.DataFrame({ customer_id: ["a", "b", "c", "d"], kmeans_segment: ["X", "X", "Y", "Y"] });
 * const after = pl.DataFrame({ customer_id: ["a", "b", "c", "d"], kmeans_segment: ["X", "Y", "Y", "Y"] });
 * const report = driftReport(before, after);
 * assert.equal(report.refit, true);
 * assert.equal(report.table.getColumn("level").toArray()[0], "major");
 * ```
 */
export function driftReport(
  before: DataFrame,
  after: DataFrame,
  options: DriftReportOptions = {},
): DriftReport {
  const action = "build the drift report";
  requireFrame(before, "before", action);
  requireFrame(after, "after", action);
  const both = (c: string) => before.columns.includes(c) && after.columns.includes(c);
  const segments = options.segments ?? ["rfm_segment", "kmeans_segment"].filter(both);
  const features = options.features ?? DEFAULT_FEATURES.filter(both);
  requireColumns(before, [...segments, ...features], action);
  requireColumns(after, [...segments, ...features], action);
  const rows: { variable: string; kind: string; psi: number; level: string }[] = [];
  for (const s of segments) {
    const r = populationStability(
      (before.getColumn(s).toArray() as unknown[]).map((v) => v == null ? null : String(v)),
      (after.getColumn(s).toArray() as unknown[]).map((v) => v == null ? null : String(v)),
    );
    rows.push({ variable: s, kind: "segment share", psi: r.psi, level: r.level });
  }
  for (const f of features) {
    const r = populationStability(
      (before.getColumn(f).toArray() as unknown[]).map((v) => v == null ? null : Number(v)),
      (after.getColumn(f).toArray() as unknown[]).map((v) => v == null ? null : Number(v)),
      { bins: options.bins },
    );
    rows.push({ variable: f, kind: "feature", psi: r.psi, level: r.level });
  }
  const major = rows.filter((r) => r.level === "major").map((r) => r.variable);
  const moderate = rows.filter((r) => r.level === "moderate").map((r) => r.variable);
  const recommendation = major.length > 0
    ? `Refit: PSI >= ${PSI_THRESHOLDS.major} (major shift) for ${major.join(", ")}`
    : moderate.length > 0
    ? `Watch: PSI between ${PSI_THRESHOLDS.moderate} and ${PSI_THRESHOLDS.major} (moderate shift) for ${
      moderate.join(", ")
    }; no refit yet`
    : `No refit needed: every PSI is below ${PSI_THRESHOLDS.moderate}`;
  const transitions: Record<string, DataFrame> = {};
  for (const s of segments) {
    transitions[s] = segmentTransitions(before, after, {
      segment: s,
      customer: options.customer ?? "customer_id",
    });
  }
  return {
    table: pl.DataFrame({
      variable: rows.map((r) => r.variable),
      kind: rows.map((r) => r.kind),
      psi: rows.map((r) => r.psi),
      level: rows.map((r) => r.level),
    }),
    refit: major.length > 0,
    recommendation,
    transitions,
  };
}
