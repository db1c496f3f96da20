import type { DataFrame } from "../core/frame.ts";
import type { ClvTimeUnit } from "./_time_unit.ts";
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import { digamma, logAddExp, logBeta, logGamma } from "./_special.ts";
import { bgNbdKernel, registerModel } from "./_kernels.ts";
import {
  fitFields,
  fitLogParameters,
  logWarnings,
  NO_DROPOUT,
  preparePurchaseFit,
} from "./_fit_model.ts";
import {
  type ClvSummaryColumns,
  type CompressedSummary,
  perLevel,
  readSummary,
} from "./_summary_input.ts";
import { summaryTimeUnit } from "./_time_unit.ts";

/** Options for {@linkcode fitBgNbd}: the summary's column names and the optimiser's limits. */
export interface FitBgNbdOptions extends ClvSummaryColumns {
  /** Most optimiser iterations (quasi-Newton and Newton). Default 500 (CDNOW needs about 25). */
  maxIter?: number;
  /**
   * Converged when the Hessian of the negative log-likelihood (in log-parameters) is positive
   * definite and the Newton decrement `sqrt(g' H^-1 g)` is at most `tol`: the distance left to
   * the maximum, in standard errors. Default 1e-4.
   */
  tol?: number;
}

/** BG/NBD parameters (Fader, Hardie and Lee 2005). */
export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates λ. */
  r: number;
  /** Scale of that gamma distribution, in the summary's time unit (mean rate r / alpha). */
  alpha: number;
  /** First shape of the beta distribution of the dropout probability p after each purchase. */
  a: number;
  /** Second shape of that beta distribution (mean dropout a / (a + b)). */
  b: number;
}

/** A fitted BG/NBD model (read-only). */
export interface BgNbdModel {
  /** Options, defaults filled in. */
  readonly options: Readonly<Required<FitBgNbdOptions>>;
  /** Maximum-likelihood parameters. */
  readonly params: Readonly<BgNbdParams>;
  /**
   * The full log-likelihood at `params` (equation 6 of the paper summed over customers, as the
   * paper and lifetimes report it: -9582.4 on CDNOW).
   */
  readonly logLikelihood: number;
  /**
   * Standard errors from the observed information: the inverse of the Hessian of the negative
   * log-likelihood in log-parameters (the central-difference Jacobian of its exact gradient), carried to the parameters by the delta
   * method (`se(θ) = θ · se(log θ)`). NaN (with a warning) when that Hessian is not positive
   * definite.
   */
  readonly standardErrors: Readonly<BgNbdParams>;
  /**
   * Covariance of the log-parameters `[log r, log alpha, log a, log b]` (inverse observed
   * information), for drawing parameters; NaN-filled when the Hessian is not positive definite.
   */
  readonly logParameterCovariance: readonly (readonly number[])[];
  /** Whether the optimiser met its gradient tolerance. When false, `warnings` says so. */
  readonly converged: boolean;
  /** Optimiser iterations (quasi-Newton plus Newton polishing steps). */
  readonly iterations: number;
  /** Customers fitted. */
  readonly n: number;
  /** What makes the fit doubtful (no convergence, a parameter at an extreme); also logged. */
  readonly warnings: readonly string[];
  /**
   * The time unit of the summary fitted, when it came straight from {@linkcode clvSummary}
   * (undefined for a summary read from a file or derived with Polars): the unit of `alpha` and of
   * every `t`. {@linkcode customerLifetimeValue} refuses a `timeUnit` that contradicts it.
   */
  readonly timeUnit: ClvTimeUnit | undefined;
  /**
   * Expected purchases of a new customer in (0, t] (equation 9): for one just acquired, with no
   * history. Cost: one 2F1 series.
   *
   * @param t Length of the period, in the summary's time unit (>= 0).
   * @returns E[X(t)].
   * @throws {RangeError} When t is negative or not finite.
   */
  expectedPurchases(t: number): number;
  /**
   * Expected purchases in the next `t` time units of each summarised customer, given their
   * history (equation 10): E[Y(t) | x, t_x, T]. Cost: O(n) 2F1 series.
   *
   * @param summary Rows with the model's frequency, recency and T columns.
   * @param options `t`: length of the future period, in the summary's time unit (>= 0).
   * @returns One value per summary row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When t or a row is invalid (see {@linkcode fitBgNbd}).
   */
  conditionalExpectedPurchases(summary: DataFrame, options: { t: number }): Float64Array;
  /**
   * The probability that each summarised customer is still alive at T (Fader, Hardie and Lee
   * 2005, "Computing P(alive) using the BG/NBD model", equation 2): 1 for customers with no
   * repeat purchase, as the model assumes nobody drops out before a first repeat purchase
   * (the Modified BG/NBD drops that assumption).
   *
   * @param summary Rows with the model's frequency, recency and T columns.
   * @returns One probability per summary row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When a row is invalid.
   */
  probabilityAlive(summary: DataFrame): Float64Array;
  /**
   * The probability that a new customer makes exactly `n` purchases in (0, t] (equation 8).
   *
   * @param n A whole number of purchases (>= 0).
   * @param options `t`: length of the period, in the summary's time unit (>= 0).
   * @returns P(X(t) = n).
   * @throws {RangeError} When n is not a whole number >= 0 or t is invalid.
   */
  probabilityOfPurchases(n: number, options: { t: number }): number;
}

const ACTION = "fit BG/NBD";
const NAMES = ["r", "alpha", "a", "b"] as const;

/** The BG/NBD log-likelihood (equation 6), weighted rows. */
function bgNbdLogLikelihood(p: BgNbdParams, d: CompressedSummary, buffer: Float64Array): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T, w, level } = d;
  const head = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const byX = perLevel(
    d.levels,
    (v) => logGamma(r + v) + logGamma(b + v) - logGamma(a + b + v) + head,
    buffer,
  );
  const logA = Math.log(a);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const a3 = -(r + xi) * Math.log(alpha + T[i]);
    const a4 = xi > 0
      ? logA - Math.log(b + xi - 1) - (r + xi) * Math.log(alpha + tx[i])
      : -Infinity;
    sum += w[i] * (byX[level[i]] + logAddExp(a3, a4));
  }
  return sum;
}

/** The gradient of {@linkcode bgNbdLogLikelihood} with respect to r, alpha, a and b. */
function bgNbdGradient(p: BgNbdParams, d: CompressedSummary): BgNbdParams {
  const { r, alpha, a, b } = p;
  const { x, tx, T, w, level, levels } = d;
  const psiR = new Float64Array(levels.length);
  const psiAB = new Float64Array(levels.length);
  const psiB = new Float64Array(levels.length);
  const dR0 = -digamma(r) + Math.log(alpha);
  const dAB0 = digamma(a + b);
  const dB0 = dAB0 - digamma(b);
  for (let k = 0; k < levels.length; k++) {
    psiR[k] = digamma(r + levels[k]) + dR0;
    psiAB[k] = dAB0 - digamma(a + b + levels[k]);
    psiB[k] = dB0 + digamma(b + levels[k]) - digamma(a + b + levels[k]);
  }
  const logA = Math.log(a);
  let gr = 0, galpha = 0, ga = 0, gb = 0, sumW = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const logT = Math.log(alpha + T[i]);
    let p4 = 0, logTx = 0;
    if (xi > 0) {
      logTx = Math.log(alpha + tx[i]);
      const a3 = -(r + xi) * logT;
      const a4 = logA - Math.log(b + xi - 1) - (r + xi) * logTx;
      p4 = 1 / (1 + Math.exp(a3 - a4));
    }
    const p3 = 1 - p4;
    const wi = w[i];
    const lv = level[i];
    gr += wi * (psiR[lv] - p3 * logT - p4 * logTx);
    galpha -= wi * (r + xi) * (p3 / (alpha + T[i]) + (xi > 0 ? p4 / (alpha + tx[i]) : 0));
    ga += wi * (psiAB[lv] + p4 / a);
    gb += wi * (psiB[lv] - (xi > 0 ? p4 / (b + xi - 1) : 0));
    sumW += wi;
  }
  return { r: gr, alpha: galpha + (sumW * r) / alpha, a: ga, b: gb };
}

/**
 * Fits the BG/NBD ("beta-geometric / negative binomial distribution") purchase model of Fader,
 * Hardie and Lee (2005), "Counting your customers the easy way: an alternative to the Pareto/NBD
 * model", Marketing Science 24(2):275-284, by maximum likelihood, as lifetimes'
 * `BetaGeoFitter` does. While alive, a customer buys at a Poisson rate λ ~ Gamma(r, alpha); after
 * each purchase they drop out with probability p ~ Beta(a, b).
 *
 * The log-likelihood (equation 6, constants included) is maximised over the log-parameters, so
 * every parameter stays positive: quasi-Newton (BFGS) with the exact gradient (digamma terms) and
 * a backtracking line search from `r = a = b = 1`, `alpha` = total T / total frequency, then
 * Newton polishing with a finite-difference Hessian, which also gives the standard errors. Identical
 * (frequency, recency, T) rows are merged first, so the cost is O(distinct rows) per evaluation.
 * A fit that does not meet its tolerance returns `converged: false` and says so in `warnings` and
 * with `console.warn`: it is never passed off as a maximum. No penalty is added (lifetimes'
 * `penalizer_coef` defaults to 0 too).
 *
 * The summary's time unit (days or weeks, see {@linkcode clvSummary}) is the unit of `alpha` and of
 * every `t` the model's methods take.
 *
 * @param summary One row per customer: `frequency` (repeat purchases, whole, >= 0), `recency`
 *   (first to last purchase) and `T` (first purchase to the end of the period), e.g. from
 *   {@linkcode clvSummary}; other names through the options.
 * @param options Column names and optimiser limits.
 * @returns The fitted model.
 * @throws {TypeError} When the summary is not a DataFrame or a column is missing or not numeric.
 * @throws {RangeError} When it is empty, all customers are one-time buyers, or a row is invalid:
 *   a missing or non-finite value, a frequency that is not a whole number >= 0, a negative
 *   recency, recency > T, or recency > 0 with frequency 0 (the message counts them and names
 *   examples).
 *
 * @example Fit CDNOW's calibration summary (Fader, Hardie and Lee 2005: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426)
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitBgNbd } from "./fit_bg_nbd.ts";
 *
 * const summary = pl.readCSV("data/cdnow_customers_summary.csv");
 * const model = fitBgNbd(summary);
 * assert.ok(model.converged);
 * assert.equal(model.params.r.toFixed(3), "0.243");
 * assert.equal(model.params.alpha.toFixed(3), "4.414");
 * assert.equal(model.logLikelihood.toFixed(1), "-9582.4");
 * // Customer 1 (x = 2, t_x = 30.43, T = 38.86) is expected to buy 1.226 times in the next 39 weeks.
 * const next = model.conditionalExpectedPurchases(summary.head(1), { t: 39 });
 * assert.equal(next[0].toFixed(3), "1.226");
 * ```
 */
export function fitBgNbd(summary: DataFrame, options: FitBgNbdOptions = {}): BgNbdModel {
  const { resolved, data, compressed, totals } = preparePurchaseFit(summary, options, ACTION);
  const { maxIter, tol } = resolved;
  const buffer = new Float64Array(compressed.levels.length);
  const fit = fitLogParameters({
    model: "BG/NBD",
    names: NAMES,
    logLik: (p) => bgNbdLogLikelihood(p, compressed, buffer),
    logLikGradient: (p) => bgNbdGradient(p, compressed),
    start: { r: 1, alpha: Math.max(totals.age, 1e-9) / totals.purchases, a: 1, b: 1 },
    maxIter,
    tol,
    boundary: (p) =>
      p.a / (p.a + p.b) < 1e-6
        ? `mean dropout probability per purchase a / (a + b) = ${
          (p.a / (p.a + p.b)).toExponential(2)
        }; ${NO_DROPOUT}`
        : undefined,
  });
  logWarnings("fitBgNbd", fit.warnings);
  const params = fit.params;
  const { r, alpha, a, b } = params;

  const kernel = bgNbdKernel([r, alpha, a, b]);
  const expectedPurchases = (t: number): number =>
    kernel.expected(requireNonNegative(t, "t", "compute BG/NBD expected purchases"));
  const conditionalExpectedPurchases = (rows: DataFrame, opts: { t: number }): Float64Array => {
    const action = "compute BG/NBD conditional expected purchases";
    const t = requireNonNegative(opts?.t, "t", action);
    const s = readSummary(rows, resolved, action);
    return s.x.map((xi, i) => kernel.conditional(xi, s.tx[i], s.T[i], t));
  };
  const probabilityAlive = (rows: DataFrame): Float64Array => {
    const s = readSummary(rows, resolved, "compute BG/NBD probability alive");
    return s.x.map((xi, i) => kernel.alive(xi, s.tx[i], s.T[i]));
  };
  const probabilityOfPurchases = (n: number, opts: { t: number }): number => {
    const action = "compute BG/NBD probability of purchases";
    requireInteger(n, "n", action, 0);
    const t = requireNonNegative(opts?.t, "t", action);
    if (t === 0) return n === 0 ? 1 : 0;
    const logStay = Math.log(alpha / (alpha + t));
    const logBuy = Math.log(t / (alpha + t));
    const lbAB = logBeta(a, b);
    let p = Math.exp(
      logBeta(a, b + n) - lbAB + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * logStay +
        n * logBuy,
    );
    if (n > 0) {
      let partial = 0;
      for (let j = 0; j < n; j++) {
        partial += Math.exp(
          logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + j * logBuy,
        );
      }
      p += Math.exp(logBeta(a + 1, b + n - 1) - lbAB) * (1 - partial);
    }
    return p;
  };

  const timeUnit = summaryTimeUnit(summary);
  const model = Object.freeze({
    ...fitFields(fit, resolved, data.x.length),
    timeUnit,
    expectedPurchases,
    conditionalExpectedPurchases,
    probabilityAlive,
    probabilityOfPurchases,
  });
  return registerModel(model, {
    name: "BG/NBD",
    names: NAMES,
    kernel: bgNbdKernel,
    timeUnit,
    // The formulas need a != 1 and c = a + b - 1 not 0, -1, -2, ... (2F1's series; a + b < 1 is
    // fine, as in scipy).
    valid: (q) =>
      Math.abs(q[2] - 1) > 1e-9 &&
      (q[2] + q[3] - 1 > 0 || Math.abs(q[2] + q[3] - 1 - Math.round(q[2] + q[3] - 1)) > 1e-9),
    fitted: NAMES.map((k) => params[k]),
    covariance: fit.logParameterCovariance,
  });
}
