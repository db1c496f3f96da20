import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { confidenceZ, survivalInput } from "./_survival_input.ts";

/** Options for {@linkcode kaplanMeier}. */
export interface KaplanMeierOptions {
  /**
   * Numeric column of durations (time from the start, e.g. tenure in months, until the event or
   * until observation stopped). Finite and `>= 0`.
   */
  duration: string;
  /**
   * Column saying whether the event (e.g. churn) was observed: `1` / `true` for an event, `0` /
   * `false` for a censored row (still a customer when observation stopped). Numbers other than 0
   * and 1, text and missing values are rejected.
   */
  event: string;
  /** Column splitting the rows into groups, one curve per group (e.g. `"contract"`). */
  group?: string;
  /** Confidence level of the `lower` / `upper` band, in (0, 1). Default 0.95. */
  confidence?: number;
}

/** Output columns of one group, appended to as the estimate is computed. */
interface Columns {
  group: string[];
  time: number[];
  atRisk: number[];
  events: number[];
  censored: number[];
  survival: number[];
  stdError: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}

const clip = (value: number) => Math.min(1, Math.max(0, value));

/** Appends the product-limit rows of one group (`rows` are its row numbers in the input). */
function estimateGroup(
  durations: Float64Array,
  events: Uint8Array,
  rows: number[],
  z: number,
  label: string,
  out: Columns,
): void {
  rows.sort((a, b) => durations[a] - durations[b]);
  let atRisk = rows.length;
  let survival = 1;
  let greenwood = 0; // sum of d / (n (n - d)): the variance of log S(t)
  const push = (time: number, d: number, c: number, n: number) => {
    out.group.push(label);
    out.time.push(time);
    out.atRisk.push(n);
    out.events.push(d);
    out.censored.push(c);
    out.survival.push(survival);
    if (survival === 0) {
      // Greenwood's sum is infinite once everyone left has had the event: R prints NaN, Stata
      // ".", so the error and band are missing here.
      out.stdError.push(null);
      out.lower.push(null);
      out.upper.push(null);
    } else if (survival === 1) {
      out.stdError.push(0);
      out.lower.push(1);
      out.upper.push(1);
    } else {
      const root = Math.sqrt(greenwood);
      const logS = Math.log(survival);
      out.stdError.push(survival * root);
      // log(-log) band: S ** exp(-+ z sqrt(V) / log S), always inside [0, 1].
      out.lower.push(clip(survival ** Math.exp(-z * root / logS)));
      out.upper.push(clip(survival ** Math.exp(z * root / logS)));
    }
  };
  if (durations[rows[0]] > 0) push(0, 0, 0, atRisk);
  let i = 0;
  while (i < rows.length) {
    const time = durations[rows[i]];
    let d = 0;
    let c = 0;
    while (i < rows.length && durations[rows[i]] === time) {
      if (events[rows[i]] === 1) d++;
      else c++;
      i++;
    }
    const n = atRisk;
    survival *= 1 - d / n;
    if (d > 0 && d < n) greenwood += d / (n * (n - d));
    push(time, d, c, n);
    atRisk -= d + c;
  }
}

/**
 * Estimates the survival curve with the Kaplan-Meier product-limit estimator: the share of
 * customers still active (not churned) after each time, accounting for customers who are still
 * active when observation stops (censored). One curve per group when `group` is given. The same
 * table as lifelines' `KaplanMeierFitter` (`event_table` joined to `survival_function_` and
 * `confidence_interval_`) or R's `summary(survfit(Surv(duration, event) ~ group))` with
 * `censored = TRUE` (plus a row at time 0).
 *
 * Formulas, at each distinct time `t_j` with `n_j` rows at risk (`duration >= t_j`) and `d_j`
 * events:
 * - survival `S(t) = prod_{t_j <= t} (1 - d_j / n_j)` (Kaplan & Meier, 1958);
 * - `std_error = S(t) sqrt(sum_{t_j <= t} d_j / (n_j (n_j - d_j)))` (Greenwood, 1926);
 * - the pointwise band from the log(-log) transform, as R's `survfit(conf.type = "log-log")`,
 *   Stata's `sts list` and lifelines' default:
 *   `lower, upper = S(t) ** exp(-+ z sqrt(V(t)) / log S(t))` with `V(t)` the sum above and `z`
 *   the normal quantile of `(1 + confidence) / 2`. It always lies within [0, 1] (clipped
 *   anyway). Where `S = 1` the band is `[1, 1]` and `std_error` 0; where `S` reaches 0 (everyone
 *   left has the event) `std_error`, `lower` and `upper` are missing (null), as R and Stata
 *   leave them.
 *
 * Output: one row per group and distinct time, sorted by group (numbers and dates by value,
 * text by code point) then time, each group starting with a row at time 0 (`at_risk` = all its
 * rows, `survival` 1, unless rows have duration 0, which then count on that row). Columns:
 * `group` (Utf8, only when grouped), `time` (Float64), `at_risk`, `events`, `censored` (Int64),
 * `survival`, `std_error`, `lower`, `upper` (Float64). Ties: events at a time count before the
 * censorings at that time (censored rows are still at risk at their own time).
 *
 * Reference: Kaplan & Meier (1958), "Nonparametric estimation from incomplete observations",
 * JASA 53; Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", 3rd ed. (2012), ch. 2;
 * https://lifelines.readthedocs.io/en/latest/fitters/univariate/KaplanMeierFitter.html
 *
 * Cost: O(n log n) (a sort per group) after copying the three columns out of Polars.
 *
 * @param df One row per customer (or subscription); never modified.
 * @param options Duration, event and group columns, and the band's confidence level.
 * @returns A new DataFrame with the survival table.
 * @throws {TypeError} When an option is not a column name, a column is missing, `duration` is
 * not numeric, `event` is neither numeric nor boolean, or `confidence` is not a number.
 * @throws {RangeError} When the frame is empty; a duration is missing, NaN, infinite or
 * negative; an event is missing or not 0/1 (naming the column, the values and the rows, from 1);
 * a group is missing; or `confidence` is not in (0, 1).
 *
 * @example Five customers, one churning at month 2 and two at month 5
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kaplanMeier } from "./kaplan_meier.ts";
 *
 * const customers = pl.DataFrame({
 *   tenure: [2, 3, 5, 5, 8],
 *   churned: [1, 0, 1, 1, 0],
 * });
 * const km = kaplanMeier(customers, { duration: "tenure", event: "churned" });
 * assert.deepEqual(km.getColumn("time").toArray(), [0, 2, 3, 5, 8]);
 * assert.deepEqual(km.getColumn("at_risk").toArray(), [5, 5, 4, 3, 1]);
 * // 1, then 4/5, then 4/5 * (1 - 2/3)
 * assert.deepEqual(km.getColumn("survival").toArray(), [1, 0.8, 0.8, 0.8 * (1 - 2 / 3), 0.8 * (1 - 2 / 3)]);
 * ```
 */
export function kaplanMeier(df: DataFrame, options: KaplanMeierOptions): DataFrame {
  const action = "estimate Kaplan-Meier survival";
  const input = survivalInput(df, options, action);
  const z = confidenceZ(options.confidence ?? 0.95, action);
  const { durations, events, groups, groupOrder } = input;
  const out: Columns = {
    group: [],
    time: [],
    atRisk: [],
    events: [],
    censored: [],
    survival: [],
    stdError: [],
    lower: [],
    upper: [],
  };
  if (groups === undefined || groupOrder === undefined) {
    estimateGroup(durations, events, Array.from(durations, (_, i) => i), z, "", out);
  } else {
    const members = new Map<string, number[]>(groupOrder.map((g) => [g, []]));
    groups.forEach((g, i) => members.get(g)!.push(i));
    for (const g of groupOrder) estimateGroup(durations, events, members.get(g)!, z, g, out);
  }
  const columns = [
    pl.Series("time", out.time, pl.Float64),
    pl.Series("at_risk", out.atRisk, pl.Int64),
    pl.Series("events", out.events, pl.Int64),
    pl.Series("censored", out.censored, pl.Int64),
    pl.Series("survival", out.survival, pl.Float64),
    pl.Series("std_error", out.stdError, pl.Float64),
    pl.Series("lower", out.lower, pl.Float64),
    pl.Series("upper", out.upper, pl.Float64),
  ];
  if (groups !== undefined) columns.unshift(pl.Series("group", out.group, pl.Utf8));
  return pl.DataFrame(columns);
}
