import type { DataFrame } from "../core/frame.ts";
import type { ClvTimeUnit } from "./_time_unit.ts";
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import { hyp2f1, logBeta, logGamma } from "./_special.ts";
import { paretoNbdGradient, paretoNbdLogLikelihood } from "./_pareto_nbd_likelihood.ts";
import { paretoNbdKernel, registerModel } from "./_kernels.ts";
import {
  fitFields,
  fitLogParameters,
  logWarnings,
  NO_DROPOUT,
  preparePurchaseFit,
} from "./_fit_model.ts";
import { type ClvSummaryColumns, readSummary } from "./_summary_input.ts";
import { summaryTimeUnit } from "./_time_unit.ts";

/** Options for {@linkcode fitParetoNbd}: column names and the optimiser's limits. */
export interface FitParetoNbdOptions extends ClvSummaryColumns {
  /** Most optimiser iterations. Default 500. */
  maxIter?: number;
  /** Newton-decrement tolerance, as in {@linkcode FitBgNbdOptions}. Default 1e-4. */
  tol?: number;
}

/** Pareto/NBD parameters (Schmittlein, Morrison and Colombo 1987). */
export interface ParetoNbdParams {
  /** Shape of the gamma distribution of purchase rates λ. */
  r: number;
  /** Scale of that distribution, in the summary's time unit. */
  alpha: number;
  /** Shape of the gamma distribution of dropout rates μ. */
  s: number;
  /** Scale of that distribution, in the summary's time unit. */
  beta: number;
}

/** A fitted Pareto/NBD model (read-only); the methods mirror {@linkcode BgNbdModel}'s. */
export interface ParetoNbdModel {
  /** Options, defaults filled in. */
  readonly options: Readonly<Required<FitParetoNbdOptions>>;
  /** Maximum-likelihood parameters. */
  readonly params: Readonly<ParetoNbdParams>;
  /** The full log-likelihood at `params` (-9595.0 on CDNOW). */
  readonly logLikelihood: number;
  /** Standard errors from the observed information (see {@linkcode BgNbdModel.standardErrors}). */
  readonly standardErrors: Readonly<ParetoNbdParams>;
  /** Covariance of `[log r, log alpha, log s, log beta]` (inverse observed information). */
  readonly logParameterCovariance: readonly (readonly number[])[];
  /** Whether the optimiser converged. When false, `warnings` says so. */
  readonly converged: boolean;
  /** Optimiser iterations. */
  readonly iterations: number;
  /** Customers fitted. */
  readonly n: number;
  /** What makes the fit doubtful; also logged. */
  readonly warnings: readonly string[];
  /** The fitted summary's time unit, when known (see {@linkcode BgNbdModel.timeUnit}). */
  readonly timeUnit: ClvTimeUnit | undefined;
  /**
   * Expected purchases of a new customer in (0, t]: `r beta / (alpha (s - 1)) (1 - (beta /
   * (beta + t))^(s - 1))` (its limit `r beta / alpha · log((beta + t) / beta)` at s = 1).
   *
   * @param t Length of the period, in the summary's time unit (>= 0).
   * @returns E[X(t)].
   * @throws {RangeError} When t is negative or not finite.
   */
  expectedPurchases(t: number): number;
  /**
   * Expected purchases in the next `t` time units of each summarised customer:
   * `(r + x)(beta + T) / ((alpha + T)(s - 1)) (1 - ((beta + T) / (beta + T + t))^(s - 1))
   * · P(alive)`.
   *
   * @param summary Rows with the model's frequency, recency and T columns.
   * @param options `t`: length of the future period, in the summary's time unit (>= 0).
   * @returns One value per summary row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When t or a row is invalid.
   */
  conditionalExpectedPurchases(summary: DataFrame, options: { t: number }): Float64Array;
  /**
   * The probability that each summarised customer is still alive at T: `1 / (1 + s / (r + s + x)
   * (alpha + T)^(r + x) (beta + T)^s A0)`. Unlike BG/NBD's, it falls below 1 for one-time buyers.
   *
   * @param summary Rows with the model's frequency, recency and T columns.
   * @returns One probability per summary row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When a row is invalid.
   */
  probabilityAlive(summary: DataFrame): Float64Array;
  /**
   * The probability that a new customer makes exactly `n` purchases in (0, t] (Fader and Hardie
   * 2006, "Deriving an expression for P(X(t) = x) under the Pareto/NBD model"). The formula
   * subtracts two nearly equal terms, so for large n its absolute error is about 1e-16 (values
   * that round below 0 are returned as 0).
   *
   * @param n A whole number of purchases (>= 0).
   * @param options `t`: length of the period, in the summary's time unit (>= 0).
   * @returns P(X(t) = n).
   * @throws {RangeError} When n is not a whole number >= 0 or t is invalid.
   */
  probabilityOfPurchases(n: number, options: { t: number }): number;
}

const ACTION = "fit Pareto/NBD";
const NAMES = ["r", "alpha", "s", "beta"] as const;

/**
 * Fits the Pareto/NBD purchase model (Schmittlein, Morrison and Colombo 1987, "Counting your
 * customers: who are they and what will they do next?", Management Science 33(1):1-24) by
 * maximum likelihood, as lifetimes' `ParetoNBDFitter` does: while alive a customer buys at a
 * Poisson rate λ ~ Gamma(r, alpha) and drops out after an exponential lifetime with rate
 * μ ~ Gamma(s, beta), unobserved.
 *
 * The likelihood is Fader and Hardie's (2005) closed form with the Gaussian hypergeometric function
 * 2F1 (a positive-term series, see the module's tests), computed in log space with the
 * difference of its two 2F1 terms taken as `log(1 - exp(·))`. The optimiser, standard errors and
 * convergence warnings are {@linkcode fitBgNbd}'s; it starts from `r = s = 1`, `alpha` = total T /
 * total frequency and `beta` = mean T. The exact gradient comes from the series' derivatives in
 * its parameters and argument. Each evaluation costs two 2F1 series per distinct (frequency,
 * recency, T) row, so it is slower than BG/NBD.
 *
 * @param summary One row per customer: `frequency`, `recency`, `T` (see {@linkcode fitBgNbd}).
 * @param options Column names and optimiser limits.
 * @returns The fitted model.
 * @throws {TypeError} When the summary is not a DataFrame or a column is missing or not numeric.
 * @throws {RangeError} When it is empty, all customers are one-time buyers, or a row is invalid
 *   (see {@linkcode fitBgNbd}).
 *
 * @example Fit CDNOW's calibration summary (Fader, Hardie and Lee 2005: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669)
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitParetoNbd } from "./fit_pareto_nbd.ts";
 *
 * const model = fitParetoNbd(pl.readCSV("data/cdnow_customers_summary.csv"));
 * assert.ok(model.converged);
 * assert.equal(model.params.r.toFixed(3), "0.553");
 * assert.equal(model.params.s.toFixed(3), "0.606");
 * assert.equal(model.logLikelihood.toFixed(1), "-9595.0");
 * ```
 */
export function fitParetoNbd(
  summary: DataFrame,
  options: FitParetoNbdOptions = {},
): ParetoNbdModel {
  const { resolved, data, compressed, totals } = preparePurchaseFit(summary, options, ACTION);
  const { maxIter, tol } = resolved;
  const { x, tx, T, w } = compressed;
  const fit = fitLogParameters({
    model: "Pareto/NBD",
    names: NAMES,
    logLik: (p) => paretoNbdLogLikelihood(p, x, tx, T, w),
    logLikGradient: (p) => paretoNbdGradient(p, compressed),
    start: {
      r: 1,
      alpha: Math.max(totals.age, 1e-9) / totals.purchases,
      s: 1,
      beta: Math.max(totals.age / totals.customers, 1e-9),
    },
    maxIter,
    tol,
    boundary: (p) =>
      p.s / p.beta < 1e-6
        ? `mean dropout rate s / beta = ${
          (p.s / p.beta).toExponential(2)
        } per time unit; ${NO_DROPOUT}`
        : undefined,
  });
  logWarnings("fitParetoNbd", fit.warnings);
  const params = fit.params;
  const { r, alpha, s, beta } = params;

  const kernel = paretoNbdKernel([r, alpha, s, beta]);
  const probabilityAlive = (rows: DataFrame): Float64Array => {
    const d = readSummary(rows, resolved, "compute Pareto/NBD probability alive");
    return d.x.map((xi, i) => kernel.alive(xi, d.tx[i], d.T[i]));
  };
  const expectedPurchases = (t: number): number =>
    kernel.expected(requireNonNegative(t, "t", "compute Pareto/NBD expected purchases"));
  const conditionalExpectedPurchases = (rows: DataFrame, opts: { t: number }): Float64Array => {
    const action = "compute Pareto/NBD conditional expected purchases";
    const t = requireNonNegative(opts?.t, "t", action);
    const d = readSummary(rows, resolved, action);
    return d.x.map((xi, i) => kernel.conditional(xi, d.tx[i], d.T[i], t));
  };
  const probabilityOfPurchases = (count: number, opts: { t: number }): number => {
    const action = "compute Pareto/NBD probability of purchases";
    requireInteger(count, "n", action, 0);
    const t = requireNonNegative(opts?.t, "t", action);
    if (t === 0) return count === 0 ? 1 : 0;
    // Alive throughout (0, t]: NBD purchases times the survival (beta / (beta + t))^s.
    const alive = Math.exp(
      logGamma(r + count) - logGamma(r) - logGamma(count + 1) + r * Math.log(alpha / (alpha + t)) +
        count * Math.log(t / (alpha + t)) + s * Math.log(beta / (beta + t)),
    );
    // Dies in (0, t] after exactly `count` purchases.
    const maxAB = Math.max(alpha, beta);
    const absAB = Math.abs(alpha - beta);
    const second = alpha >= beta ? s + 1 : r + count;
    const c = r + s + count + 1;
    const b1 = Math.exp(
      Math.log(hyp2f1(r + s, second, c, absAB / maxAB)) - (r + s) * Math.log(maxAB),
    );
    let b2 = 0;
    for (let j = 0; j <= count; j++) {
      b2 += Math.exp(
        logGamma(r + s + j) - logGamma(r + s) - logGamma(j + 1) + j * Math.log(t) +
          Math.log(hyp2f1(r + s + j, second, c, absAB / (maxAB + t))) -
          (r + s + j) * Math.log(maxAB + t),
      );
    }
    const scale = Math.exp(
      r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + count, s + 1) - logBeta(r, s),
    );
    // b1 - b2 cancels for large n (absolute error about 1e-16): clamp round-off below 0.
    return Math.max(0, alive + scale * (b1 - b2));
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
    name: "Pareto/NBD",
    names: NAMES,
    kernel: paretoNbdKernel,
    timeUnit,
    valid: () => true,
    fitted: NAMES.map((k) => params[k]),
    covariance: fit.logParameterCovariance,
  });
}
