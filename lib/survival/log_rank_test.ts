import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import jStat from "jstat";
import { formatExamples } from "../core/errors.ts";
import { survivalInput } from "./_survival_input.ts";

/** Options for {@linkcode logRankTest}. */
export interface LogRankTestOptions {
  /** Numeric column of durations, finite and `>= 0` (see {@linkcode kaplanMeier}). */
  duration: string;
  /** Column of event flags: 1 / true for an event, 0 / false for censored. */
  event: string;
  /** Column of the groups to compare (two or more distinct values). */
  group: string;
}

/** What {@linkcode logRankTest} returns: the house shape of a statistical test. */
export interface LogRankTestResult {
  /** The log-rank chi-square statistic `U' V^-1 U`. */
  readonly statistic: number;
  /** Upper-tail probability of the chi-square distribution with `degreesOfFreedom`. */
  readonly pValue: number;
  /** Number of groups minus one. */
  readonly degreesOfFreedom: number;
  /** Number of rows (customers) compared. */
  readonly n: number;
  /**
   * Always null: the log-rank test compares whole curves and has no single estimate to give an
   * interval for. Use {@linkcode kaplanMeier}'s bands or {@linkcode medianSurvival} per group.
   */
  readonly confidenceInterval: null;
  /**
   * Always null: the test has no standard effect size. `groups` shows the direction (observed
   * more or fewer events than expected); `observed / expected` per group is the usual informal
   * relative hazard.
   */
  readonly effect: null;
  /**
   * One row per group, in group order: `group` (Utf8), `n`, `observed` (events, Int64) and
   * `expected` (Float64: events expected if every group had the pooled hazard).
   */
  readonly groups: DataFrame;
}

/** Solves `a x = b` for a small symmetric positive semi-definite `a`; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i])));
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) {
      if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    }
    if (!(Math.abs(m[pivot][col]) > 1e-12 * scale)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= k; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[k] / row[i]);
}

/**
 * Tests whether two or more survival curves differ with the log-rank (Mantel-Haenszel) test,
 * e.g. whether churn timing differs between contract types. At every distinct event time the
 * events in each group are compared with those expected if all groups shared one hazard;
 * the differences are summed over time and weighed by their hypergeometric covariance.
 *
 * Formula: with `n_j`, `d_j` at risk and events at event time `t_j`, and `n_gj`, `d_gj` in group
 * `g`: `O_g = sum d_gj`, `E_g = sum d_j n_gj / n_j`,
 * `V_gh = sum d_j (n_j - d_j) / (n_j - 1) (n_gj / n_j) (delta_gh - n_hj / n_j)`;
 * `statistic = U' V^-1 U` with `U = (O - E)` over the first K - 1 groups, referred to a
 * chi-square distribution with K - 1 degrees of freedom (p-value from `jstat`). With two
 * groups this is `(O_1 - E_1)^2 / V_11`, as R's `survdiff` and lifelines'
 * `multivariate_logrank_test` / `logrank_test` compute it.
 *
 * `confidenceInterval` and `effect` are null (see {@linkcode LogRankTestResult}); the per-group
 * `observed` and `expected` are in `groups`.
 *
 * Reference: Mantel (1966), Cancer Chemotherapy Reports 50; Peto & Peto (1972); Kleinbaum &
 * Klein, "Survival Analysis: A Self-Learning Text", 3rd ed. (2012), ch. 2 (the Freireich
 * remission data give 16.79).
 *
 * Cost: O(n log n + T K^2) for T distinct event times and K groups.
 *
 * @param df One row per customer; never modified.
 * @param options Duration, event and group columns.
 * @returns `{ statistic, pValue, degreesOfFreedom, n, confidenceInterval, effect, groups }`.
 * @throws {TypeError} When an option is not a column name, a column is missing, `duration` is
 * not numeric or `event` is neither numeric nor boolean.
 * @throws {RangeError} When the frame is empty, a value is bad (see {@linkcode kaplanMeier}),
 * there are fewer than two groups, no row has an event, or the variance is singular (a group
 * has no one at risk at any event time).
 *
 * @example Monthly versus yearly contracts
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { logRankTest } from "./log_rank_test.ts";
 *
 * const customers = pl.DataFrame({
 *   contract: ["month", "month", "month", "month", "year", "year", "year", "year"],
 *   tenure: [1, 2, 2, 4, 3, 6, 8, 9],
 *   churned: [1, 1, 1, 1, 1, 0, 1, 0],
 * });
 * const test = logRankTest(customers, { duration: "tenure", event: "churned", group: "contract" });
 * assert.equal(test.degreesOfFreedom, 1);
 * assert.equal(test.n, 8);
 * assert.ok(test.statistic > 0 && test.pValue > 0 && test.pValue < 0.05);
 * assert.deepEqual(test.groups.getColumn("observed").toArray(), [4, 2]);
 * ```
 */
export function logRankTest(df: DataFrame, options: LogRankTestOptions): LogRankTestResult {
  const action = "run the log-rank test";
  const { durations, events, groups, groupOrder } = survivalInput(df, options, action, true);
  const order = groupOrder!;
  const k = order.length;
  if (k < 2) {
    throw new RangeError(
      `Cannot ${action} as it needs at least 2 groups: column "${options.group}" has 1 (${
        formatExamples(order)
      })`,
    );
  }
  const totalEvents = events.reduce((sum, e) => sum + e, 0);
  if (totalEvents === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has an event: all ${durations.length} rows are censored`,
    );
  }
  const index = new Map(order.map((g, i) => [g, i]));
  const groupOf = Int32Array.from(groups!, (g) => index.get(g)!);
  const rows = Array.from(durations, (_, i) => i).sort((a, b) => durations[a] - durations[b]);
  const size = new Array<number>(k).fill(0);
  for (const g of groupOf) size[g]++;
  const atRisk = [...size];
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const deaths = new Array<number>(k).fill(0);
  const leaving = new Array<number>(k).fill(0);
  let i = 0;
  while (i < rows.length) {
    const time = durations[rows[i]];
    deaths.fill(0);
    leaving.fill(0);
    let d = 0;
    while (i < rows.length && durations[rows[i]] === time) {
      const g = groupOf[rows[i]];
      leaving[g]++;
      if (events[rows[i]] === 1) {
        deaths[g]++;
        d++;
      }
      i++;
    }
    if (d > 0) {
      const n = atRisk.reduce((sum, v) => sum + v, 0);
      for (let g = 0; g < k; g++) {
        observed[g] += deaths[g];
        expected[g] += d * atRisk[g] / n;
      }
      if (n > 1) {
        const factor = d * (n - d) / (n - 1);
        for (let g = 0; g < k; g++) {
          const pg = atRisk[g] / n;
          for (let h = 0; h < k; h++) {
            variance[g][h] += factor * pg * ((g === h ? 1 : 0) - atRisk[h] / n);
          }
        }
      }
    }
    for (let g = 0; g < k; g++) atRisk[g] -= leaving[g];
  }
  const u = observed.slice(0, k - 1).map((o, g) => o - expected[g]);
  const x = solve(variance.slice(0, k - 1).map((row) => row.slice(0, k - 1)), u);
  if (x === null) {
    throw new RangeError(
      `Cannot ${action} as the variance matrix is singular: a group has no one at risk at any event time (groups ${
        formatExamples(order)
      }, events per group ${observed.join(", ")})`,
    );
  }
  const statistic = u.reduce((sum, v, g) => sum + v * x[g], 0);
  const degreesOfFreedom = k - 1;
  return Object.freeze({
    statistic,
    pValue: 1 - jStat.chisquare.cdf(statistic, degreesOfFreedom),
    degreesOfFreedom,
    n: durations.length,
    confidenceInterval: null,
    effect: null,
    groups: pl.DataFrame([
      pl.Series("group", [...order], pl.Utf8),
      pl.Series("n", size, pl.Int64),
      pl.Series("observed", observed, pl.Int64),
      pl.Series("expected", expected, pl.Float64),
    ]),
  });
}
