import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFinite,
  requireFrame,
  requireInteger,
  requireNumericColumns,
  requireProbability,
} from "../core/errors.ts";
import { requireColumnOption } from "../core/column_option.ts";

/** Options for {@linkcode contractualLifetimeValue}. */
export interface ContractualLifetimeValueOptions {
  /**
   * A Kaplan-Meier table as `kaplanMeier` (lib/survival) returns it: columns `time` and
   * `survival`, plus `group` when it was fitted with a group (one curve per group), each curve
   * sorted by time. Time is in months (the unit of `tenure` and `horizon`).
   */
  survival: DataFrame;
  /** Numeric column of each customer's tenure so far, in months, finite and >= 0. */
  tenure: string;
  /**
   * Column holding each customer's group (e.g. `"contract"`), matched to the table's `group`
   * column by its text (`String(value)`, dates as ISO text), as `kaplanMeier` labels its groups.
   * Required when the table has a `group` column, refused when it has none.
   */
  group?: string;
  /** Numeric column of each customer's monthly revenue (e.g. monthly charges), finite and >= 0. */
  monthlyValue: string;
  /** Share of revenue kept as profit, in [0, 1]. */
  margin: number;
  /** Discount rate per month, finite and > -1 (0.01 is about 12.7% a year). */
  discountRate: number;
  /** Months ahead to value, a whole number >= 1. */
  horizon: number;
}

const ACTION = "compute contractual lifetime value";
/** Months of the curve's end used to estimate the hazard of its geometric tail. */
const TAIL_MONTHS = 12;

/** One survival curve as a step function, with its geometric tail. */
interface Curve {
  readonly times: Float64Array;
  readonly survival: Float64Array;
  /** Last observed time. */
  readonly end: number;
  /** Survival at `end`. */
  readonly last: number;
  /** Monthly survival ratio beyond `end`: S(t) = last × ratio^(t − end). */
  readonly ratio: number;
}

/** S(t) of a step curve: the survival of the last time <= t, 1 before the first time. */
function stepAt(times: Float64Array, survival: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (t < times[0]) return 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return survival[lo];
}

function survivalAt(curve: Curve, t: number): number {
  if (t <= curve.end) return stepAt(curve.times, curve.survival, t);
  return curve.last === 0 ? 0 : curve.last * curve.ratio ** (t - curve.end);
}

function buildCurve(label: string, times: number[], survival: number[]): Curve {
  const t = Float64Array.from(times);
  const s = Float64Array.from(survival);
  const end = t[t.length - 1];
  const name = label === "" ? "the survival curve" : `the survival curve of group ${label}`;
  if (!(end > 0)) {
    throw new RangeError(
      `Cannot ${ACTION} as ${name} has too few points to extend: it is observed only up to time ${end}`,
    );
  }
  const last = s[s.length - 1];
  const span = Math.min(TAIL_MONTHS, end);
  const before = stepAt(t, s, end - span);
  const ratio = last === 0 ? 0 : (last / before) ** (1 / span);
  return { times: t, survival: s, end, last, ratio };
}

/** Reads the Kaplan-Meier table into one curve per group label ("" when ungrouped). */
function readCurves(table: DataFrame, grouped: boolean): Map<string, Curve> {
  requireFrame(table, "survival", ACTION);
  requireColumns(table, grouped ? ["group", "time", "survival"] : ["time", "survival"], ACTION);
  if (!grouped && table.columns.includes("group")) {
    throw new TypeError(
      `Cannot ${ACTION} as the survival table has one curve per group but no group option was given: pass the customers' group column as group`,
    );
  }
  requireNumericColumns(table, ["time", "survival"], ACTION);
  if (table.height === 0) {
    throw new RangeError(`Cannot ${ACTION} as the survival table is empty: 0 rows`);
  }
  const times = table.getColumn("time").cast(pl.Float64).toArray() as (number | null)[];
  const survival = table.getColumn("survival").cast(pl.Float64).toArray() as (number | null)[];
  const groups = grouped
    ? (table.getColumn("group").cast(pl.Utf8).toArray() as (string | null)[])
    : undefined;
  const parts = new Map<string, { times: number[]; survival: number[] }>();
  const bad: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const s = survival[i];
    const g = groups === undefined ? "" : groups[i];
    if (
      t === null || s === null || g === null || !Number.isFinite(t) || t < 0 ||
      !Number.isFinite(s) || s < 0 || s > 1
    ) {
      bad.push(i + 1);
      continue;
    }
    const part = parts.get(g) ?? { times: [], survival: [] };
    const k = part.times.length;
    if (k > 0 && (t <= part.times[k - 1] || s > part.survival[k - 1])) {
      bad.push(i + 1);
      continue;
    }
    part.times.push(t);
    part.survival.push(s);
    parts.set(g, part);
  }
  if (bad.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${bad.length} survival table ${
        bad.length === 1 ? "row is" : "rows are"
      } not a Kaplan-Meier curve (time finite >= 0 and increasing, survival in [0, 1] and not increasing, within each group): rows ${
        formatExamples(bad, bad.length)
      }`,
    );
  }
  const curves = new Map<string, Curve>();
  for (const [g, part] of parts) curves.set(g, buildCurve(g, part.times, part.survival));
  return curves;
}

/** A numeric column as finite values >= 0, or a RangeError naming the bad rows. */
function nonNegativeColumn(df: DataFrame, column: string): Float64Array {
  const raw = df.getColumn(column).cast(pl.Float64).toArray() as (number | null)[];
  const out = new Float64Array(raw.length);
  const rows: number[] = [];
  const values: unknown[] = [];
  raw.forEach((v, i) => {
    if (v === null || !Number.isFinite(v) || v < 0) {
      rows.push(i + 1);
      values.push(v);
    } else out[i] = v;
  });
  if (rows.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${rows.length} ${
        rows.length === 1 ? "row has" : "rows have"
      } a missing, NaN, infinite or negative value in column "${column}": rows ${
        formatExamples(rows, rows.length)
      } (values ${formatExamples(values.slice(0, 5))})`,
    );
  }
  return out;
}

/**
 * Contractual customer lifetime value: for subscription customers (a telecom, a SaaS plan), whose
 * churn is observed, the expected discounted margin of each customer over the next `horizon`
 * months, from the survival curve of customers like them (Kaplan-Meier, one curve per contract):
 *
 *     clv = Σ_{m=1..horizon} monthlyValue × margin × S(tenure + m) / S(tenure) / (1 + discountRate)^m
 *     expected_months = Σ_{m=1..horizon} S(tenure + m) / S(tenure)
 *
 * `S(tenure + m) / S(tenure)` is the probability of still being a customer m months from now
 * given that the customer has already stayed `tenure` months (so a long-tenured customer is not
 * charged again for the early months in which most churn happens). A month's revenue is counted
 * when the customer is still there at its end. `expected_months` is undiscounted (the expected
 * number of further months paid within the horizon); `clv` is discounted. Revenue and margin are
 * held at today's monthly charge: no price changes, no upgrades.
 *
 * **Beyond the curve.** `S(t)` is the Kaplan-Meier step function up to the last time the curve
 * observed (`end`). Past it, the curve is extended with the constant monthly hazard of its last
 * 12 months, a geometric tail: `S(end + x) = S(end) × (S(end) / S(end − 12))^(x / 12)` (over its
 * whole span when the curve covers fewer than 12 months). A curve that has reached 0 stays at 0;
 * a customer whose tenure is already at or beyond the time their curve reached 0 cannot be
 * conditioned on and is refused. A curve observed only at time 0 has no hazard to extend and is
 * refused. The hazard of the last year is an assumption, and it matters most for the longest
 * contracts, whose curves barely fall within the data: compare a shorter `horizon`.
 *
 * Reference: Fader, P. S. and Hardie, B. G. S. (2010), "Customer-base valuation in a contractual
 * setting: the perils of ignoring heterogeneity", Marketing Science 29(1), 85-93 (why a single
 * retention rate undervalues the base: the survival curve by cohort carries the heterogeneity);
 * Gupta, S. and Lehmann, D. R. (2003), "Customers as assets", Journal of Interactive Marketing
 * 17(1) (CLV as discounted margin x retention).
 *
 * Cost: O(g × horizon × log k) for g distinct (group, tenure) pairs and curves of k points, plus
 * one pass over the rows.
 *
 * @param customers One row per customer; never modified.
 * @param options The survival table, the tenure, group and monthly value columns, the margin, the
 * monthly discount rate and the horizon in months.
 * @returns A new DataFrame: every input column plus `expected_months` and `clv` (Float64),
 * replacing input columns of those names.
 * @throws {TypeError} When `customers` or `survival` is not a DataFrame, a column is missing or
 * not numeric, an option is not a number, or `group` is given without a grouped table (or the
 * table is grouped and `group` is not given).
 * @throws {RangeError} When a tenure or monthly value is missing, NaN, infinite or negative; a
 * customer's group has no curve in the table; a curve is not a valid Kaplan-Meier curve, has only
 * its time-0 point, or reached 0 before a customer's tenure; `margin` is outside [0, 1];
 * `discountRate` is not finite or <= -1; or `horizon` is not a whole number >= 1.
 *
 * @example Three months of a curve losing 10% a month
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { contractualLifetimeValue } from "./contractual_value.ts";
 *
 * const survival = pl.DataFrame({ time: [0, 1, 2, 3, 4], survival: [1, 0.9, 0.81, 0.729, 0.6561] });
 * const customers = pl.DataFrame({ id: ["a"], tenure: [1], charge: [50] });
 * const value = contractualLifetimeValue(customers, {
 *   survival,
 *   tenure: "tenure",
 *   monthlyValue: "charge",
 *   margin: 0.5,
 *   discountRate: 0,
 *   horizon: 3,
 * });
 * // 25 x (0.9 + 0.81 + 0.729)
 * assert.ok(Math.abs((value.getColumn("clv").get(0) as number) - 25 * 2.439) < 1e-9);
 * assert.ok(Math.abs((value.getColumn("expected_months").get(0) as number) - 2.439) < 1e-12);
 * ```
 */
export function contractualLifetimeValue(
  customers: DataFrame,
  options: ContractualLifetimeValueOptions,
): DataFrame {
  requireFrame(customers, "customers", ACTION);
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${ACTION} as options are missing: pass { survival, tenure, monthlyValue, margin, discountRate, horizon }`,
    );
  }
  const tenureColumn = requireColumnOption(options.tenure, "tenure", ACTION);
  const valueColumn = requireColumnOption(options.monthlyValue, "monthlyValue", ACTION);
  const groupColumn = options.group === undefined
    ? undefined
    : requireColumnOption(options.group, "group", ACTION);
  const margin = requireProbability(options.margin, "margin", ACTION, true);
  const discountRate = requireFinite(options.discountRate, "discountRate", ACTION);
  if (discountRate <= -1) {
    throw new RangeError(
      `Cannot ${ACTION} as discountRate must be a finite number > -1: got ${discountRate}`,
    );
  }
  const horizon = requireInteger(options.horizon, "horizon", ACTION, 1);
  const columns = [tenureColumn, valueColumn, ...(groupColumn === undefined ? [] : [groupColumn])];
  requireColumns(customers, columns, ACTION);
  requireNumericColumns(customers, [tenureColumn, valueColumn], ACTION);
  const curves = readCurves(options.survival, groupColumn !== undefined);

  const tenure = nonNegativeColumn(customers, tenureColumn);
  const monthly = nonNegativeColumn(customers, valueColumn);
  const n = customers.height;
  let labels: string[];
  if (groupColumn === undefined) labels = new Array(n).fill("");
  else {
    const raw = customers.getColumn(groupColumn).toArray() as unknown[];
    labels = raw.map((g) => g instanceof Date ? g.toISOString() : g === null ? "null" : String(g));
    const unknown = new Map<string, number>();
    labels.forEach((g) => {
      if (!curves.has(g)) unknown.set(g, (unknown.get(g) ?? 0) + 1);
    });
    if (unknown.size > 0) {
      const count = [...unknown.values()].reduce((a, b) => a + b, 0);
      throw new RangeError(
        `Cannot ${ACTION} as ${count} ${count === 1 ? "customer is" : "customers are"} in ${
          unknown.size === 1 ? "a group" : "groups"
        } with no survival curve in column "${groupColumn}": ${
          formatExamples([...unknown.keys()])
        } (the table has ${formatExamples([...curves.keys()])})`,
      );
    }
  }

  const discount = Float64Array.from({ length: horizon }, (_, m) => (1 + discountRate) ** -(m + 1));
  const cache = new Map<string, { months: number; discounted: number }>();
  const expectedMonths = new Float64Array(n);
  const clv = new Float64Array(n);
  const dead: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${labels[i]}\u0000${tenure[i]}`;
    let factor = cache.get(key);
    if (factor === undefined) {
      const curve = curves.get(labels[i])!;
      const start = survivalAt(curve, tenure[i]);
      if (start === 0) {
        dead.push(i + 1);
        continue;
      }
      let months = 0;
      let discounted = 0;
      for (let m = 1; m <= horizon; m++) {
        const p = survivalAt(curve, tenure[i] + m) / start;
        months += p;
        discounted += p * discount[m - 1];
      }
      factor = { months, discounted };
      cache.set(key, factor);
    }
    expectedMonths[i] = factor.months;
    clv[i] = monthly[i] * margin * factor.discounted;
  }
  if (dead.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${dead.length} ${
        dead.length === 1 ? "customer has" : "customers have"
      } a tenure at or beyond the time their survival curve reached 0, so no survival can be conditioned on it: rows ${
        formatExamples(dead, dead.length)
      }`,
    );
  }
  return customers.withColumns(
    pl.Series("expected_months", expectedMonths, pl.Float64),
    pl.Series("clv", clv, pl.Float64),
  );
}
