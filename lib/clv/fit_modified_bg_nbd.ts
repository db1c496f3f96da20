import type { DataFrame } from "../core/frame.ts";
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import { digamma, logAddExp, logBeta, logGamma } from "./_special.ts";
import { modifiedBgNbdKernel, registerModel } from "./_kernels.ts";
import {
  fitFields,
  fitLogParameters,
  logWarnings,
  NO_DROPOUT,
  preparePurchaseFit,
} from "./_fit_model.ts";
import { type CompressedSummary, perLevel, readSummary } from "./_summary_input.ts";
import { summaryTimeUnit } from "./_time_unit.ts";
import type { BgNbdModel, BgNbdParams, FitBgNbdOptions } from "./fit_bg_nbd.ts";

/** Options for {@linkcode fitModifiedBgNbd}: the same as {@linkcode FitBgNbdOptions}. */
export type FitModifiedBgNbdOptions = FitBgNbdOptions;

/**
 * A fitted Modified BG/NBD model: the same shape as {@linkcode BgNbdModel}, with
 * `params` `{ r, alpha, a, b }`, but `probabilityAlive` below 1 for one-time buyers.
 */
export type ModifiedBgNbdModel = BgNbdModel;

const ACTION = "fit Modified BG/NBD";
const NAMES = ["r", "alpha", "a", "b"] as const;

function modifiedLogLikelihood(
  p: BgNbdParams,
  d: CompressedSummary,
  buffer: Float64Array,
): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T, w, level } = d;
  const head = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const byX = perLevel(
    d.levels,
    (v) => logGamma(r + v) + logGamma(b + v + 1) - logGamma(a + b + v + 1) + head,
    buffer,
  );
  const logA = Math.log(a);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const a3 = -(r + xi) * Math.log(alpha + T[i]);
    const a4 = logA - Math.log(b + xi) +
      (r + xi) * (Math.log(alpha + T[i]) - Math.log(alpha + tx[i]));
    sum += w[i] * (byX[level[i]] + a3 + logAddExp(a4, 0));
  }
  return sum;
}

/** The gradient of {@linkcode modifiedLogLikelihood} with respect to r, alpha, a and b. */
function modifiedGradient(p: BgNbdParams, d: CompressedSummary): BgNbdParams {
  const { r, alpha, a, b } = p;
  const { x, tx, T, w, level, levels } = d;
  const psiR = new Float64Array(levels.length);
  const psiA = new Float64Array(levels.length);
  const psiB = new Float64Array(levels.length);
  const dR0 = -digamma(r) + Math.log(alpha);
  const dAB0 = digamma(a + b);
  const dB0 = dAB0 - digamma(b);
  for (let k = 0; k < levels.length; k++) {
    const v = levels[k];
    psiR[k] = digamma(r + v) + dR0;
    psiA[k] = dAB0 - digamma(a + b + v + 1);
    psiB[k] = dB0 + digamma(b + v + 1) - digamma(a + b + v + 1);
  }
  const logA = Math.log(a);
  let gr = 0, galpha = 0, ga = 0, gb = 0, sumW = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const logT = Math.log(alpha + T[i]);
    const logTx = Math.log(alpha + tx[i]);
    const a4 = logA - Math.log(b + xi) + (r + xi) * (logT - logTx);
    const pi = 1 / (1 + Math.exp(-a4));
    const wi = w[i];
    const lv = level[i];
    gr += wi * (psiR[lv] - logT + pi * (logT - logTx));
    galpha += wi * (r + xi) *
      (-1 / (alpha + T[i]) + pi * (1 / (alpha + T[i]) - 1 / (alpha + tx[i])));
    ga += wi * (psiA[lv] + pi / a);
    gb += wi * (psiB[lv] - pi / (b + xi));
    sumW += wi;
  }
  return { r: gr, alpha: galpha + (sumW * r) / alpha, a: ga, b: gb };
}

/**
 * Fits the Modified BG/NBD model (Batislam, Denizel and Filiztekin 2007, "Empirical validation
 * and comparison of models for customer base analysis", International Journal of Research in
 * Marketing 24(3):201-209), as lifetimes' `ModifiedBetaGeoFitter`: the BG/NBD with one change,
 * a customer may also drop out right after the first purchase, so a one-time buyer who has
 * been silent for long is no longer certainly alive (BG/NBD's P(alive) = 1 for them).
 *
 * Likelihood, per customer: `Γ(r + x) alpha^r / Γ(r) · B(a, b + x + 1) / B(a, b) ·
 * (alpha + T)^-(r + x) · (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))`. Optimiser
 * (with the exact gradient), standard errors and warnings as in {@linkcode fitBgNbd}.
 *
 * @param summary One row per customer: `frequency`, `recency`, `T` (see {@linkcode fitBgNbd}).
 * @param options Column names and optimiser limits.
 * @returns The fitted model.
 * @throws {TypeError} When the summary is not a DataFrame or a column is missing or not numeric.
 * @throws {RangeError} When it is empty, all customers are one-time buyers, or a row is invalid
 *   (see {@linkcode fitBgNbd}).
 *
 * @example One-time buyers are no longer certainly alive
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitModifiedBgNbd } from "./fit_modified_bg_nbd.ts";
 *
 * const summary = pl.readCSV("data/cdnow_customers_summary.csv");
 * const model = fitModifiedBgNbd(summary);
 * assert.ok(model.converged);
 * const oneTime = pl.DataFrame({ frequency: [0], recency: [0], T: [38.86] });
 * assert.ok(model.probabilityAlive(oneTime)[0] < 1);
 * ```
 */
export function fitModifiedBgNbd(
  summary: DataFrame,
  options: FitModifiedBgNbdOptions = {},
): ModifiedBgNbdModel {
  const { resolved, data, compressed, totals } = preparePurchaseFit(summary, options, ACTION);
  const { maxIter, tol } = resolved;
  const buffer = new Float64Array(compressed.levels.length);
  const fit = fitLogParameters({
    model: "Modified BG/NBD",
    names: NAMES,
    logLik: (p) => modifiedLogLikelihood(p, compressed, buffer),
    logLikGradient: (p) => modifiedGradient(p, compressed),
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
  logWarnings("fitModifiedBgNbd", fit.warnings);
  const params = fit.params;
  const { r, alpha, a, b } = params;

  const kernel = modifiedBgNbdKernel([r, alpha, a, b]);
  const expectedPurchases = (t: number): number =>
    kernel.expected(requireNonNegative(t, "t", "compute Modified BG/NBD expected purchases"));
  const conditionalExpectedPurchases = (rows: DataFrame, opts: { t: number }): Float64Array => {
    const action = "compute Modified BG/NBD conditional expected purchases";
    const t = requireNonNegative(opts?.t, "t", action);
    const d = readSummary(rows, resolved, action);
    return d.x.map((xi, i) => kernel.conditional(xi, d.tx[i], d.T[i], t));
  };
  const probabilityAlive = (rows: DataFrame): Float64Array => {
    const d = readSummary(rows, resolved, "compute Modified BG/NBD probability alive");
    return d.x.map((xi, i) => kernel.alive(xi, d.tx[i], d.T[i]));
  };
  const probabilityOfPurchases = (n: number, opts: { t: number }): number => {
    const action = "compute Modified BG/NBD probability of purchases";
    requireInteger(n, "n", action, 0);
    const t = requireNonNegative(opts?.t, "t", action);
    if (t === 0) return n === 0 ? 1 : 0;
    // Given p: (1 - p)^(n + 1) NBD(n) + p (1 - p)^n P(at least n purchase events by t).
    const logStay = Math.log(alpha / (alpha + t));
    const logBuy = Math.log(t / (alpha + t));
    const lbAB = logBeta(a, b);
    const nbd = (j: number) =>
      Math.exp(
        logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + j * logBuy,
      );
    let partial = 0;
    for (let j = 0; j < n; j++) partial += nbd(j);
    return Math.exp(logBeta(a, b + n + 1) - lbAB) * nbd(n) +
      Math.exp(logBeta(a + 1, b + n) - lbAB) * (1 - partial);
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
    name: "Modified BG/NBD",
    names: NAMES,
    kernel: modifiedBgNbdKernel,
    timeUnit,
    valid: () => true,
    fitted: NAMES.map((k) => params[k]),
    covariance: fit.logParameterCovariance,
  });
}
