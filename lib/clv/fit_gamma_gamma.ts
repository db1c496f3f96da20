import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireInteger, requirePositive } from "../core/errors.ts";
import { requireNumericColumns } from "../core/errors.ts";
import { digamma, logGamma } from "./_special.ts";
import { fitLogParameters, logWarnings } from "./_fit_model.ts";
import {
  type ClvSummaryColumns,
  finiteColumn,
  readSummary,
  refuseRows,
  requireRepeatBuyers,
  resolveSummaryColumns,
} from "./_summary_input.ts";

/** Options for {@linkcode fitGammaGamma}: column names and the optimiser's limits. */
export interface FitGammaGammaOptions extends ClvSummaryColumns {
  /** Most optimiser iterations. Default 500. */
  maxIter?: number;
  /** Newton-decrement tolerance, as in {@linkcode FitBgNbdOptions}. Default 1e-4. */
  tol?: number;
  /**
   * Warn when the Pearson correlation of frequency and mean spend among repeat customers is
   * larger than this in absolute value, as the model assumes they are independent. Default 0.3.
   */
  maxCorrelation?: number;
}

/** Gamma-Gamma parameters (Fader, Hardie and Lee 2005, JMR). */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of each transaction's value (given the customer). */
  p: number;
  /** Shape of the gamma distribution of the customers' scale ν. */
  q: number;
  /** Scale of that distribution (the population mean spend is p v / (q - 1)). */
  v: number;
}

/** A fitted Gamma-Gamma spend model (read-only). */
export interface GammaGammaModel {
  /** Options, defaults filled in. */
  readonly options: Readonly<Required<FitGammaGammaOptions>>;
  /** Maximum-likelihood parameters. */
  readonly params: Readonly<GammaGammaParams>;
  /**
   * The full log-likelihood of the repeat customers' mean spends at `params` (the density of the
   * mean of x gamma values, Jacobian included, as lifetimes' `GammaGammaFitter` computes it).
   */
  readonly logLikelihood: number;
  /** Standard errors from the observed information (see {@linkcode BgNbdModel.standardErrors}). */
  readonly standardErrors: Readonly<GammaGammaParams>;
  /** Covariance of `[log p, log q, log v]` (inverse observed information). */
  readonly logParameterCovariance: readonly (readonly number[])[];
  /** Whether the optimiser met its gradient tolerance. */
  readonly converged: boolean;
  /** Optimiser iterations. */
  readonly iterations: number;
  /** Repeat customers fitted (frequency > 0). */
  readonly n: number;
  /** Pearson correlation of frequency and mean spend among the repeat customers. */
  readonly frequencySpendCorrelation: number;
  /** What makes the fit doubtful (no convergence, correlated frequency and spend); also logged. */
  readonly warnings: readonly string[];
  /**
   * The population mean spend per transaction, `p v / (q - 1)` (Infinity when q <= 1).
   */
  readonly expectedAverageProfit: number;
  /**
   * The expected mean spend per transaction of each summarised customer (equation 5 of the
   * paper): a weighted mean of the population mean and their own mean spend,
   * `(q - 1) / (p x + q - 1) · p v / (q - 1) + p x / (p x + q - 1) · m`. Customers with
   * frequency 0 get the population mean. lifetimes calls it `conditional_expected_average_profit`.
   *
   * @param summary Rows with the model's frequency and monetary columns.
   * @returns One value per row.
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When a value is missing or a repeat customer's spend is not positive.
   */
  conditionalExpectedAverageProfit(summary: DataFrame): Float64Array;
}

const ACTION = "fit Gamma-Gamma";
const NAMES = ["p", "q", "v"] as const;

function gammaGammaLogLikelihood(
  { p, q, v }: GammaGammaParams,
  x: Float64Array,
  m: Float64Array,
): number {
  const head = -logGamma(q) + q * Math.log(v);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    sum += logGamma(px + q) - logGamma(px) + head + (px - 1) * Math.log(m[i]) +
      px * Math.log(x[i]) - (px + q) * Math.log(x[i] * m[i] + v);
  }
  return sum;
}

/** The gradient of {@linkcode gammaGammaLogLikelihood} with respect to p, q and v. */
function gammaGammaGradient(
  { p, q, v }: GammaGammaParams,
  x: Float64Array,
  m: Float64Array,
): GammaGammaParams {
  const psiQ = digamma(q);
  const logV = Math.log(v);
  let gp = 0, gq = 0, gv = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    const psiSum = digamma(px + q);
    const logXmV = Math.log(x[i] * m[i] + v);
    gp += x[i] * (psiSum - digamma(px) + Math.log(m[i]) + Math.log(x[i]) - logXmV);
    gq += psiSum - psiQ + logV - logXmV;
    gv += q / v - (px + q) / (x[i] * m[i] + v);
  }
  return { p: gp, q: gq, v: gv };
}

/** Frequency and monetary columns, checked: frequency whole >= 0, repeat spend > 0. */
function readSpend(
  summary: DataFrame,
  columns: ReturnType<typeof resolveSummaryColumns>,
  action: string,
) {
  const s = readSummary(summary, columns, action);
  requireColumns(summary, [columns.monetary], action);
  requireNumericColumns(summary, [columns.monetary], action);
  const m = finiteColumn(summary, columns.monetary, s.label, action);
  refuseRows(
    m.length,
    (i) => s.x[i] > 0 && !(m[i] > 0),
    (i) => `${s.label(i)} (${m[i]})`,
    action,
    `have repeat purchases but a ${columns.monetary} that is not positive (the model's spend is ` +
      `gamma-distributed, > 0; drop or fix zero-value and refund-only customers)`,
  );
  return { x: s.x, m };
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis", Journal of Marketing Research
 * 42(4):415-430; lifetimes' `GammaGammaFitter`) by maximum likelihood on the repeat customers
 * (frequency > 0), whose `monetary_value` is the mean of their x repeat purchases. Each purchase's
 * value is Gamma(p, ν); across customers ν ~ Gamma(q, v).
 *
 * Optimised as {@linkcode fitBgNbd} is (log-parameters, quasi-Newton with the exact gradient then
 * Newton, observed information), from `p = q = 1` and `v` = the mean spend. The model assumes spend and purchase
 * frequency are independent: when their Pearson correlation among repeat customers exceeds
 * `maxCorrelation` in absolute value, a warning names it (in `warnings` and on the console).
 *
 * @param summary One row per customer with `frequency` and `monetary_value` (other names through
 *   the options), e.g. from {@linkcode clvSummary} with its `monetary` option; one-time buyers are
 *   ignored in the fit.
 * @param options Column names, optimiser limits and the correlation threshold.
 * @returns The fitted model.
 * @throws {TypeError} When the summary is not a DataFrame or a column is missing or not numeric.
 * @throws {RangeError} When it is empty, has no repeat customer, or a row is invalid (see
 *   {@linkcode fitBgNbd}); or when a repeat customer's spend is zero, negative or missing.
 *
 * @example Fit CDNOW's 946 repeat customers (Fader, Hardie and Lee 2005, JMR: p = 6.25, q = 3.74, v = 15.44)
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitGammaGamma } from "./fit_gamma_gamma.ts";
 *
 * const summary = pl.readCSV("data/cdnow_customers_summary_with_transactions.csv");
 * const model = fitGammaGamma(summary, {
 *   frequency: "x",
 *   recency: "t_x",
 *   monetary: "zbar",
 * });
 * assert.equal(model.n, 946);
 * assert.equal(model.params.p.toFixed(2), "6.25");
 * assert.equal(model.params.q.toFixed(2), "3.74");
 * assert.ok(Math.abs(model.params.v - 15.448) < 0.001);
 * ```
 */
export function fitGammaGamma(
  summary: DataFrame,
  options: FitGammaGammaOptions = {},
): GammaGammaModel {
  const columns = resolveSummaryColumns(options, ACTION);
  const maxIter = requireInteger(options.maxIter ?? 500, "maxIter", ACTION);
  const tol = requirePositive(options.tol ?? 1e-4, "tol", ACTION);
  const maxCorrelation = requirePositive(options.maxCorrelation ?? 0.3, "maxCorrelation", ACTION);
  const resolved = Object.freeze({ ...columns, maxIter, tol, maxCorrelation });
  const all = readSpend(summary, columns, ACTION);
  requireRepeatBuyers(all.x, ACTION);
  const keep: number[] = [];
  for (let i = 0; i < all.x.length; i++) if (all.x[i] > 0) keep.push(i);
  const x = Float64Array.from(keep, (i) => all.x[i]);
  const m = Float64Array.from(keep, (i) => all.m[i]);
  const meanSpend = m.reduce((s, v) => s + v, 0) / m.length;
  const fit = fitLogParameters({
    model: "Gamma-Gamma",
    names: NAMES,
    logLik: (params) => gammaGammaLogLikelihood(params, x, m),
    logLikGradient: (params) => gammaGammaGradient(params, x, m),
    start: { p: 1, q: 1, v: meanSpend },
    maxIter,
    tol,
  });
  const params = fit.params;
  const warnings = fit.warnings;
  const correlation = pearson(x, m);
  if (Math.abs(correlation) > maxCorrelation) {
    warnings.push(
      `Gamma-Gamma assumes spend and purchase frequency are independent, but their Pearson ` +
        `correlation among the ${x.length} repeat customers is ${correlation.toFixed(3)} ` +
        `(|r| > ${maxCorrelation}): its expected spends are biased`,
    );
  }
  if (params.q <= 1) {
    warnings.push(
      `Gamma-Gamma q = ${params.q} <= 1: the population mean spend p v / (q - 1) is infinite`,
    );
  }
  logWarnings("fitGammaGamma", warnings);
  const { p, q, v } = params;
  const populationMean = q > 1 ? (p * v) / (q - 1) : Infinity;

  const conditionalExpectedAverageProfit = (rows: DataFrame): Float64Array => {
    const s = readSpend(rows, columns, "compute Gamma-Gamma expected average profit");
    return s.x.map((xi, i) =>
      xi === 0 ? populationMean : (p * (v + xi * s.m[i])) / (p * xi + q - 1)
    );
  };

  return Object.freeze({
    options: resolved,
    params,
    logLikelihood: fit.logLikelihood,
    standardErrors: fit.standardErrors,
    logParameterCovariance: fit.logParameterCovariance,
    converged: fit.converged,
    iterations: fit.iterations,
    n: x.length,
    frequencySpendCorrelation: correlation,
    warnings: Object.freeze(warnings),
    expectedAverageProfit: populationMean,
    conditionalExpectedAverageProfit,
  });
}
