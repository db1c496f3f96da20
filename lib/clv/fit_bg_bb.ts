import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireFrame,
  requireInteger,
  requirePositive,
  requireRows,
} from "../core/errors.ts";
import { requireColumnOption } from "../core/column_option.ts";
import { logBeta, logGamma } from "./_special.ts";
import { fitLogParameters, logWarnings, NO_DROPOUT } from "./_fit_model.ts";
import { finiteColumn, refuseRows } from "./_summary_input.ts";

/** Options for {@linkcode fitBgBb}: the summary's column names and the optimiser's limits. */
export interface FitBgBbOptions {
  /** Transactions: periods with a transaction after the first opportunity. Default `"frequency"`. */
  frequency?: string;
  /** The last period with a transaction (0 when none). Default `"recency"`. */
  recency?: string;
  /** Transaction opportunities observed (periods). Default `"n"`. */
  periods?: string;
  /**
   * Optional column of row counts, for a summary tabulated by (frequency, recency, n) as the
   * papers publish it. Default: every row is one customer.
   */
  weights?: string;
  /** Most optimiser iterations. Default 500. */
  maxIter?: number;
  /** Newton-decrement tolerance (see {@linkcode FitBgNbdOptions}). Default 1e-4. */
  tol?: number;
}

/** BG/BB parameters (Fader, Hardie and Shang 2010). */
export interface BgBbParams {
  /** First shape of the beta distribution of the transaction probability p while alive. */
  alpha: number;
  /** Second shape of that distribution (mean p = alpha / (alpha + beta)). */
  beta: number;
  /** First shape of the beta distribution of the dropout probability θ per period. */
  gamma: number;
  /** Second shape of that distribution (mean θ = gamma / (gamma + delta)). */
  delta: number;
}

/** A fitted BG/BB model (read-only). */
export interface BgBbModel {
  /** Options, defaults filled in (`weights` empty when not given). */
  readonly options: Readonly<Required<FitBgBbOptions>>;
  /** Maximum-likelihood parameters. */
  readonly params: Readonly<BgBbParams>;
  /** The full log-likelihood at `params` (-33,225.6 on the paper's donation data). */
  readonly logLikelihood: number;
  /** Standard errors from the observed information. */
  readonly standardErrors: Readonly<BgBbParams>;
  /** Covariance of `[log alpha, log beta, log gamma, log delta]`. */
  readonly logParameterCovariance: readonly (readonly number[])[];
  /** Whether the optimiser converged. */
  readonly converged: boolean;
  /** Optimiser iterations. */
  readonly iterations: number;
  /** Customers fitted (the sum of the weights). */
  readonly n: number;
  /** What makes the fit doubtful; also logged. */
  readonly warnings: readonly string[];
  /**
   * Expected transactions of a new customer in their first `n` opportunities (equation 7).
   *
   * @param n Opportunities, a whole number >= 0.
   * @returns E[X(n)].
   * @throws {RangeError} When n is not a whole number >= 0.
   */
  expectedPurchases(n: number): number;
  /**
   * Expected transactions of each summarised customer in the next `t` opportunities (equation 13).
   *
   * @param summary Rows with the model's frequency, recency and periods columns.
   * @param options `t`: future opportunities, a whole number >= 0.
   * @returns One value per row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When t or a row is invalid.
   */
  conditionalExpectedPurchases(summary: DataFrame, options: { t: number }): Float64Array;
  /**
   * The probability that each summarised customer is alive at the next opportunity, n + 1
   * (equation 11).
   *
   * @param summary Rows with the model's frequency, recency and periods columns.
   * @returns One probability per row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When a row is invalid.
   */
  probabilityAlive(summary: DataFrame): Float64Array;
}

const ACTION = "fit BG/BB";
const NAMES = ["alpha", "beta", "gamma", "delta"] as const;

/** Frequency, recency and opportunities, checked for the discrete-time model. */
function readDiscrete(
  df: DataFrame,
  columns: { frequency: string; recency: string; periods: string; weights: string },
  action: string,
) {
  requireFrame(df, "the summary", action);
  const needed = [columns.frequency, columns.recency, columns.periods];
  if (columns.weights) needed.push(columns.weights);
  requireColumns(df, needed, action);
  requireRows(df, action);
  const label = (i: number) => `row ${i}`;
  const x = finiteColumn(df, columns.frequency, label, action);
  const tx = finiteColumn(df, columns.recency, label, action);
  const n = finiteColumn(df, columns.periods, label, action);
  const w = columns.weights
    ? finiteColumn(df, columns.weights, label, action)
    : new Float64Array(x.length).fill(1);
  const rows = x.length;
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  refuseRows(
    rows,
    (i) => !whole(x[i]) || !whole(tx[i]) || !whole(n[i]),
    (i) => `${label(i)} (${x[i]}, ${tx[i]}, ${n[i]})`,
    action,
    `have a ${columns.frequency}, ${columns.recency} or ${columns.periods} that is not a whole ` +
      `number >= 0 (the BG/BB counts discrete opportunities)`,
  );
  refuseRows(
    rows,
    (i) => x[i] > tx[i] || tx[i] > n[i] || (x[i] > 0) !== (tx[i] > 0),
    (i) => `${label(i)} (x ${x[i]}, t_x ${tx[i]}, n ${n[i]})`,
    action,
    `have an impossible history: it needs x <= t_x <= n, and t_x = 0 exactly when x = 0`,
  );
  refuseRows(
    rows,
    (i) => !(w[i] >= 0),
    (i) => `${label(i)} (${w[i]})`,
    action,
    `have a negative ${columns.weights}`,
  );
  return { x, tx, n, w };
}

/** log L of one history (Fader, Hardie and Shang 2010, equation 5), with its two parts. */
function logLikelihoodParts(p: BgBbParams, x: number, tx: number, n: number) {
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  // Alive through all n opportunities.
  const alive = logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD;
  // Died after opportunity t_x + i, i = 0 .. n - t_x - 1.
  let maxTerm = alive;
  const terms: number[] = [];
  for (let i = 0; i < n - tx; i++) {
    const term = logBeta(alpha + x, beta + tx - x + i) - lbAB +
      logBeta(gamma + 1, delta + tx + i) - lbGD;
    terms.push(term);
    if (term > maxTerm) maxTerm = term;
  }
  let sum = Math.exp(alive - maxTerm);
  for (const term of terms) sum += Math.exp(term - maxTerm);
  return { alive, total: maxTerm + Math.log(sum) };
}

/**
 * Fits the BG/BB ("beta-geometric / beta-Bernoulli") model of Fader, Hardie and Shang (2010),
 * "Customer-base analysis in a discrete-time noncontractual setting", Marketing Science
 * 29(6):1086-1108, for transactions that can only happen at discrete opportunities (a yearly
 * donation, an annual event, a weekly delivery slot): while alive, a customer transacts at each
 * opportunity with probability p ~ Beta(alpha, beta), and after each opportunity dies with
 * probability θ ~ Beta(gamma, delta). lifetimes calls it `BetaGeoBetaBinomFitter`.
 *
 * Maximum likelihood in log-parameters, as {@linkcode fitBgNbd} (numerical gradient: the
 * likelihood is a short sum of beta functions per distinct history), from all parameters 1. A fit
 * that runs to the no-dropout boundary (mean θ below one in a million) says so.
 *
 * @param summary One row per customer (or per distinct history, with `weights`): `frequency` x
 *   (opportunities with a transaction, not counting the first purchase that made them a customer),
 *   `recency` t_x (the last such opportunity, 0 when none) and `n` (opportunities observed).
 * @param options Column names, weights and optimiser limits.
 * @returns The fitted model.
 * @throws {TypeError} When the summary is not a DataFrame or a column is missing or not numeric.
 * @throws {RangeError} When it is empty, or a row is not a possible history (x <= t_x <= n, whole
 *   numbers, t_x = 0 exactly when x = 0), or a weight is negative.
 *
 * @example The donation data of the paper (alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783)
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitBgBb } from "./fit_bg_bb.ts";
 *
 * const donations = pl.readCSV("tests/fixtures/bgbb_donations.csv");
 * const model = fitBgBb(donations, { weights: "n_custs" });
 * assert.equal(model.n, 11_104);
 * assert.equal(model.params.alpha.toFixed(3), "1.204");
 * assert.equal(model.logLikelihood.toFixed(1), "-33225.6");
 * ```
 */
export function fitBgBb(summary: DataFrame, options: FitBgBbOptions = {}): BgBbModel {
  const o = options ?? {};
  const columns = {
    frequency: requireColumnOption(o.frequency ?? "frequency", "frequency", ACTION),
    recency: requireColumnOption(o.recency ?? "recency", "recency", ACTION),
    periods: requireColumnOption(o.periods ?? "n", "periods", ACTION),
    weights: requireColumnOption(o.weights, "weights", ACTION, true) ?? "",
  };
  const maxIter = requireInteger(o.maxIter ?? 500, "maxIter", ACTION);
  const tol = requirePositive(o.tol ?? 1e-4, "tol", ACTION);
  const resolved = Object.freeze({ ...columns, maxIter, tol });
  const rows = readDiscrete(summary, columns, ACTION);
  const customers = rows.w.reduce((s, v) => s + v, 0);
  // Identical histories are merged, so a likelihood costs O(distinct histories).
  const merged = new Map<string, number>();
  rows.x.forEach((xi, i) => {
    const key = `${xi}|${rows.tx[i]}|${rows.n[i]}`;
    merged.set(key, (merged.get(key) ?? 0) + rows.w[i]);
  });
  const keys = [...merged.keys()].map((k) => k.split("|").map(Number));
  const x = Float64Array.from(keys, (k) => k[0]);
  const tx = Float64Array.from(keys, (k) => k[1]);
  const n = Float64Array.from(keys, (k) => k[2]);
  const w = Float64Array.from(merged.values());
  const fit = fitLogParameters({
    model: "BG/BB",
    names: NAMES,
    logLik: (p) => {
      let sum = 0;
      for (let i = 0; i < x.length; i++) {
        if (w[i] > 0) sum += w[i] * logLikelihoodParts(p, x[i], tx[i], n[i]).total;
      }
      return sum;
    },
    start: { alpha: 1, beta: 1, gamma: 1, delta: 1 },
    maxIter,
    tol,
    boundary: (p) =>
      p.gamma / (p.gamma + p.delta) < 1e-6
        ? `mean dropout per opportunity gamma / (gamma + delta) = ${
          (p.gamma / (p.gamma + p.delta)).toExponential(2)
        }; ${
          NO_DROPOUT.replace("the NBD", "the beta-Bernoulli").replace("NBD's", "beta-Bernoulli's")
        }`
        : undefined,
  });
  logWarnings("fitBgBb", fit.warnings);
  const params = fit.params;
  const { alpha, beta, gamma, delta } = params;
  const mean = alpha / (alpha + beta);

  /**
   * `δ / (γ - 1) · Γ(γ + δ) / Γ(1 + δ) · [Γ(1 + δ + n) / Γ(γ + δ + n) - Γ(1 + δ + n + t) /
   * Γ(γ + δ + n + t)]`: the factor equations 7 and 13 share.
   */
  const future = (observed: number, t: number) =>
    (delta / (gamma - 1)) * Math.exp(logGamma(gamma + delta) - logGamma(1 + delta)) *
    (Math.exp(logGamma(1 + delta + observed) - logGamma(gamma + delta + observed)) -
      Math.exp(logGamma(1 + delta + observed + t) - logGamma(gamma + delta + observed + t)));

  const expectedPurchases = (periods: number): number => {
    requireInteger(periods, "n", "compute BG/BB expected purchases", 0);
    return mean * future(0, periods);
  };
  const conditionalExpectedPurchases = (rows: DataFrame, opts: { t: number }): Float64Array => {
    const action = "compute BG/BB conditional expected purchases";
    const t = requireInteger(opts?.t, "t", action, 0);
    const d = readDiscrete(rows, { ...columns, weights: "" }, action);
    return d.x.map((xi, i) => {
      const logL = logLikelihoodParts(params, xi, d.tx[i], d.n[i]).total;
      return Math.exp(logBeta(alpha + xi + 1, beta + d.n[i] - xi) - logBeta(alpha, beta) - logL) *
        future(d.n[i], t);
    });
  };
  const probabilityAlive = (rows: DataFrame): Float64Array => {
    const d = readDiscrete(rows, { ...columns, weights: "" }, "compute BG/BB probability alive");
    return d.x.map((xi, i) => {
      const parts = logLikelihoodParts(params, xi, d.tx[i], d.n[i]);
      return Math.exp(
        logBeta(alpha + xi, beta + d.n[i] - xi) - logBeta(alpha, beta) +
          logBeta(gamma, delta + d.n[i] + 1) - logBeta(gamma, delta) - parts.total,
      );
    });
  };

  return Object.freeze({
    options: resolved,
    params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    logParameterCovariance: fit.logParameterCovariance,
    converged: fit.converged,
    iterations: fit.iterations,
    n: customers,
    warnings: Object.freeze(fit.warnings),
    expectedPurchases,
    conditionalExpectedPurchases,
    probabilityAlive,
  });
}
