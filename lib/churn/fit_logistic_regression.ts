import type { DataFrame } from "../core/frame.ts";
import jStat from "jstat";
import type { BinaryClassifier } from "../core/classifier.ts";
import pl from "nodejs-polars";
import { featureMatrix, MAX_FEATURE_MAGNITUDE, resolveFeatures } from "../core/feature_matrix.ts";
import {
  formatExamples,
  MAX_EXAMPLES,
  requireColumns,
  requireInteger,
  requireNonNegative,
  requirePositive,
  requireRows,
} from "../core/errors.ts";
import { resolveThreads, runParallel, sharedArray } from "../core/worker_pool.ts";
import { binaryTarget } from "./_target.ts";
import { LOGISTIC_CHUNK, logisticPass, passStride } from "./_logistic_kernels.ts";

/** The key of the intercept in {@linkcode LogisticRegressionModel.standardErrors} and friends. */
export const INTERCEPT = "(intercept)";

/** Options for {@linkcode fitLogisticRegression}. */
export interface FitLogisticRegressionOptions {
  /** Numeric feature columns, in order (scaled by the caller, e.g. with `fitStandardScaler`). */
  features: readonly string[];
  /** The target column: numeric 0/1 or boolean (`true` is the positive class, 1). */
  target: string;
  /**
   * Ridge penalty λ on the coefficients (not the intercept): the fit minimises
   * `sum(log-loss) + λ/2 ||w||²`, i.e. scikit-learn's `LogisticRegression(C=1/λ)`. `0` fits the
   * unpenalised maximum-likelihood model (statsmodels' `Logit`). Default: 1 (scikit-learn's
   * default `C=1`), which also keeps redundant features and separable data finite.
   */
  l2?: number;
  /** Most Newton steps to take. Default: 100 (well-conditioned data needs 5 to 10). */
  maxIter?: number;
  /**
   * Converged when the largest absolute change of any parameter in a full Newton step is below
   * `tol`. Absolute, so it assumes features of unit scale. Default: 1e-10.
   */
  tol?: number;
  /**
   * Threads that build X'WX, the gradient and the log-loss (fixed chunks of 2,048 rows, summed
   * in chunk order, so the fit is the same bit for bit at any thread count). Default: the
   * project-wide default, `getDefaultThreads()`, the cores available; 1 runs everything in the
   * calling thread. Not recorded in `options`, as it does not change the result.
   */
  threads?: number;
}

/**
 * A fitted logistic regression (read-only). Parameter records are keyed by feature name, in
 * feature order; `standardErrors`, `zScores` and `pValues` also hold the intercept under
 * {@linkcode INTERCEPT} (`"(intercept)"`), listed first.
 */
export interface LogisticRegressionModel extends BinaryClassifier {
  /** The options it was fitted with, defaults filled in. */
  readonly options: Readonly<{
    features: readonly string[];
    target: string;
    l2: number;
    maxIter: number;
    tol: number;
  }>;
  /** The ridge penalty λ it was fitted with (`1 / C` in scikit-learn). */
  readonly l2: number;
  /** Coefficient of each feature on the log-odds scale (scikit-learn's `coef_[0]`). */
  readonly coefficients: Readonly<Record<string, number>>;
  /** The intercept on the log-odds scale (scikit-learn's `intercept_[0]`), never penalised. */
  readonly intercept: number;
  /** `exp(coefficient)`: the factor on the odds for one unit more of the feature. */
  readonly oddsRatios: Readonly<Record<string, number>>;
  /**
   * Square roots of the diagonal of the inverse penalised Hessian `X'WX + λ·diag(0, 1, …, 1)` at
   * the solution (X with the intercept column). With `l2 = 0` these are the usual
   * maximum-likelihood standard errors (statsmodels' `Logit(...).fit().bse`); with `l2 > 0` they
   * are approximate, Bayesian-style (the posterior standard deviations under a Gaussian prior
   * with variance 1/λ), smaller than the unpenalised ones, and the coefficients they go with are
   * shrunk towards 0: read them as a guide, not as exact sampling errors. `NaN` (with a warning)
   * when that Hessian is singular.
   */
  readonly standardErrors: Readonly<Record<string, number>>;
  /** `parameter / standardError` (Wald z), intercept included. */
  readonly zScores: Readonly<Record<string, number>>;
  /** Two-sided normal p-values of the z-scores, `2 Φ(-|z|)` (jStat); approximate when l2 > 0. */
  readonly pValues: Readonly<Record<string, number>>;
  /** Whether the largest parameter change fell below `tol` within `maxIter` Newton steps. */
  readonly converged: boolean;
  /** Newton steps taken. */
  readonly iterations: number;
  /**
   * Whether the fitted model classifies every training row correctly (log-odds > 0 exactly for
   * the positives). That proves the data are perfectly separable: unpenalised coefficients would
   * be infinite, and penalised ones are set by `l2` rather than by the data. A strong penalty
   * may misclassify some rows of separable data, which then goes unreported.
   */
  readonly separable: boolean;
  /** Plain-language notes on anything that makes the fit doubtful (separation, no convergence). */
  readonly warnings: readonly string[];
  /** Training rows. */
  readonly nSamples: number;
  /** Training rows with target 1. */
  readonly nPositive: number;
  /** Unpenalised log-likelihood of the training data at the solution (≤ 0). */
  readonly logLikelihood: number;
  /**
   * The log-odds `intercept + x·w` of each row (scikit-learn's `decision_function`).
   * Cost: O(n d).
   *
   * @param data Rows with the model's feature columns, prepared (scaled, encoded) as for fitting.
   * @returns One log-odds value per row.
   * @throws {TypeError} When a feature is missing or not numeric.
   * @throws {RangeError} When the frame is empty or a feature has a missing, NaN or infinite value.
   */
  decisionFunction(data: DataFrame): Float64Array;
  /**
   * The probability of target 1 for each row, `1 / (1 + exp(-logOdds))`, computed without
   * overflow. Cost: O(n d).
   *
   * @param data Rows with the model's feature columns, prepared (scaled, encoded) as for fitting.
   * @returns One probability per row.
   * @throws {TypeError} When a feature is missing or not numeric.
   * @throws {RangeError} When the frame is empty or a feature has a missing, NaN or infinite value.
   */
  predictProba(data: DataFrame): Float64Array;
}

const ACTION = "fit logistic regression";

/** `1 / (1 + exp(-x))` without overflow. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Checks the options and fills in defaults. */
function resolveOptions(df: DataFrame, options: FitLogisticRegressionOptions) {
  const { features, target, l2 = 1, maxIter = 100, tol = 1e-10 } = options ?? {};
  const threads = resolveThreads(options?.threads, ACTION);
  if (!Array.isArray(features) || features.length === 0) {
    throw new TypeError(
      `Cannot ${ACTION} as no features were given: features is ${JSON.stringify(features)}`,
    );
  }
  if (typeof target !== "string") {
    throw new TypeError(`Cannot ${ACTION} as target is not a column name: ${target}`);
  }
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f)) {
      throw new TypeError(
        `Cannot ${ACTION} as feature "${f}" is listed twice: ${features.join(", ")}`,
      );
    }
    seen.add(f);
  }
  if (seen.has(target)) {
    throw new TypeError(`Cannot ${ACTION} as the target "${target}" is also a feature`);
  }
  if (seen.has(INTERCEPT)) {
    throw new TypeError(
      `Cannot ${ACTION} as a feature is named "${INTERCEPT}", the key reserved for the intercept`,
    );
  }
  requireColumns(df, [...features, target], ACTION);
  requireNonNegative(l2, "l2", ACTION);
  requireInteger(maxIter, "maxIter", ACTION);
  requirePositive(tol, "tol", ACTION);
  return {
    resolved: { features: Object.freeze([...features]), target, l2, maxIter, tol },
    threads,
  };
}

/** Log-odds of each row, `beta[0] + sum_j columns[j][i] beta[j + 1]`, into `out`. O(n d). */
function linearPredictor(
  columns: readonly Float64Array[],
  beta: Float64Array,
  out: Float64Array,
): Float64Array {
  out.fill(beta[0]);
  for (let j = 0; j < columns.length; j++) {
    const x = columns[j];
    const b = beta[j + 1];
    for (let i = 0; i < out.length; i++) out[i] += x[i] * b;
  }
  return out;
}

const KERNELS = new URL("./_logistic_kernels.ts", import.meta.url).href;

/**
 * The features as one column-major array in shared memory (feature j of row i at `j n + i`),
 * checked as `featureMatrix` and `requireModerateValues` check them, with the same messages, in
 * one pass over each column and without featureMatrix's row-major copy (measured here at
 * 80,000 x 20, 2026-12-03: featureMatrix took 10-40 ms on a quiet machine, as long as one to
 * three Newton steps; this takes about half).
 */
function sharedFeatures(df: DataFrame, features: readonly string[]): Float64Array {
  resolveFeatures(df, { features, action: ACTION });
  requireRows(df, ACTION);
  const n = df.height;
  const x = sharedArray(Float64Array, n * features.length);
  let large: { name: string; count: number; rows: number[]; values: number[] } | undefined;
  features.forEach((name, j) => {
    const series = df.getColumn(name).cast(pl.Float64);
    const column = series.nullCount() === 0
      ? series.toTypedArray() as Float64Array
      : Float64Array.from(series.toArray() as (number | null)[], (v) => v ?? Number.NaN);
    x.set(column, j * n);
    const bad: number[] = [];
    let count = 0;
    let big = 0;
    for (let i = j * n, end = i + n; i < end; i++) {
      const v = x[i];
      if (!Number.isFinite(v)) {
        count++;
        if (bad.length < MAX_EXAMPLES) bad.push(i - j * n + 1);
      } else if (Math.abs(v) > MAX_FEATURE_MAGNITUDE) big++;
    }
    if (count > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as feature "${name}" has ${count} ${
          count === 1 ? "row" : "rows"
        } with missing, NaN or infinite values: rows ${formatExamples(bad, count)}`,
      );
    }
    if (big > 0 && large === undefined) {
      const rows: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < n && rows.length < MAX_EXAMPLES; i++) {
        if (Math.abs(x[j * n + i]) > MAX_FEATURE_MAGNITUDE) {
          rows.push(i + 1);
          values.push(x[j * n + i]);
        }
      }
      large = { name, count: big, rows, values };
    }
  });
  // Unscaled values near 1e200 overflow the Hessian (NaN pivots in the Cholesky factorisation).
  if (large !== undefined) {
    const { name, count, rows, values } = large;
    throw new RangeError(
      `Cannot ${ACTION} as feature "${name}" has ${count} ${
        count === 1 ? "row" : "rows"
      } with magnitude above 1e100, which overflows its arithmetic: ${
        rows.length === 1 ? "row" : "rows"
      } ${rows.join(", ")} ${rows.length === 1 ? "holds" : "hold"} ${
        formatExamples(values, count)
      } (standardise it first with fitStandardScaler)`,
    );
  }
  return x;
}

/** The training data in shared memory and the pool settings, for the kernels. */
interface Problem {
  /** Features, column-major (feature j of row i at `j * n + i`). */
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  tasks: number;
  threads: number;
}

/** What one pass over the rows found: the log-loss, and the unpenalised derivatives if asked. */
interface PassResult {
  /** Sum of the rows' log-losses at the pass's parameters. */
  loss: number;
  /** `X'(p - y)`, intercept first (empty without derivatives). */
  gradient: Float64Array;
  /** `X'WX`, dense row-major p x p (empty without derivatives). */
  hessian: Float64Array;
}

/**
 * One pass over the rows on the pool (lib/churn/_logistic_kernels.ts), per fixed chunk of rows,
 * the chunks' partial sums added in chunk order: with `loss`, sets `eta` to the log-odds at `beta`
 * and sums the log-losses; with `derivatives`, the gradient and X'WX at `eta`, O(n d²).
 */
function pass(
  problem: Problem,
  beta: Float64Array,
  eta: Float64Array,
  what: { loss: boolean; derivatives: boolean },
): PassResult {
  const { x, y, n, d, tasks, threads } = problem;
  const p = d + 1;
  const stride = passStride(d, what.derivatives);
  const out = sharedArray(Float64Array, tasks * stride);
  const buffer = (array: Float64Array) => array.buffer as SharedArrayBuffer;
  runParallel({
    module: KERNELS,
    name: "logisticPass",
    kernel: logisticPass,
    tasks,
    // Raw buffers in params rather than typed arrays in arrays: see _logistic_kernels.ts.
    arrays: {},
    params: {
      x: buffer(x),
      y: buffer(y),
      beta: buffer(beta),
      eta: buffer(eta),
      out: buffer(out),
      n,
      d,
      ...what,
    },
  }, { threads, action: ACTION });
  const sums = new Float64Array(stride);
  for (let t = 0; t < tasks; t++) {
    const base = t * stride;
    for (let k = 0; k < stride; k++) sums[k] += out[base + k];
  }
  if (!what.derivatives) return { loss: sums[0], gradient: sums.subarray(1), hessian: sums };
  const gradient = sums.slice(1, 1 + p);
  const hessian = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      hessian[a * p + b] = hessian[b * p + a] = sums[1 + p + (a * (a + 1)) / 2 + b];
    }
  }
  return { loss: sums[0], gradient, hessian };
}

/** `l2/2 ||w||²` (intercept excluded). */
function ridge(beta: Float64Array, l2: number): number {
  let sum = 0;
  for (let j = 1; j < beta.length; j++) sum += beta[j] * beta[j];
  return 0.5 * l2 * sum;
}

/**
 * Gradient and Hessian of the penalised objective (intercept first): `X'(p - y) + l2 [0, w]` and
 * `X'WX + l2 diag(0, 1, ..., 1)` (dense, row-major p x p), W = p(1 - p).
 */
function penalised(
  found: PassResult,
  beta: Float64Array,
  l2: number,
): { gradient: Float64Array; hessian: Float64Array } {
  const p = beta.length;
  const gradient = found.gradient.slice();
  const hessian = found.hessian.slice();
  for (let a = 1; a < p; a++) {
    gradient[a] += l2 * beta[a];
    hessian[a * p + a] += l2;
  }
  return { gradient, hessian };
}

/**
 * Pivots at most this share of their diagonal entry count as zero: the column is a linear
 * combination of the earlier ones to within rounding (exactly collinear features leave a pivot of
 * about 1e-16 of the diagonal, of either sign).
 */
const SINGULAR_PIVOT = 1e-12;

/**
 * Cholesky factor L (row-major, lower) of the p x p matrix `a + damping I`, or null when a pivot
 * is not positive to working precision (not positive definite, singular, or NaN). O(p³).
 */
function cholesky(a: Float64Array, p: number, damping = 0): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const diagonalEntry = a[j * p + j] + damping;
    let pivot = diagonalEntry;
    for (let k = 0; k < j; k++) pivot -= l[j * p + k] * l[j * p + k];
    if (!(pivot > SINGULAR_PIVOT * Math.abs(diagonalEntry))) return null;
    const diagonal = Math.sqrt(pivot);
    l[j * p + j] = diagonal;
    for (let i = j + 1; i < p; i++) {
      let v = a[i * p + j];
      for (let k = 0; k < j; k++) v -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = v / diagonal;
    }
  }
  return l;
}

/** Solves `L L' x = b` for x, given the Cholesky factor L. O(p²). */
function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let v = x[i];
    for (let k = 0; k < i; k++) v -= l[i * p + k] * x[k];
    x[i] = v / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let v = x[i];
    for (let k = i + 1; k < p; k++) v -= l[k * p + i] * x[k];
    x[i] = v / l[i * p + i];
  }
  return x;
}

/**
 * Cholesky factor of `hessian`, adding a growing ridge to the diagonal when it is not positive
 * definite (collinear features or separation with l2 = 0). Returns the damping used (0 if none).
 */
function factor(hessian: Float64Array, p: number): { chol: Float64Array; damping: number } {
  const chol = cholesky(hessian, p);
  if (chol !== null) return { chol, damping: 0 };
  let scale = 1e-300;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(hessian[j * p + j]));
  for (let damping = scale * 1e-12; damping <= scale * 1e6; damping *= 100) {
    const c = cholesky(hessian, p, damping);
    if (c !== null) return { chol: c, damping };
  }
  const diagonal = Array.from({ length: p }, (_, j) => hessian[j * p + j]);
  throw new RangeError(
    `Cannot ${ACTION} as the Hessian cannot be factorised even with damping: diagonal ${
      diagonal.join(", ")
    }`,
  );
}

function frozenRecord(names: readonly string[], values: ArrayLike<number>, offset = 0) {
  return Object.freeze(Object.fromEntries(names.map((name, j) => [name, values[j + offset]])));
}

/**
 * Fits a binary logistic regression by Newton's method (iteratively reweighted least squares)
 * with an L2 (ridge) penalty on the coefficients and an unpenalised intercept: it minimises
 * `sum_i [log(1 + exp(η_i)) - y_i η_i] + (l2 / 2) ||w||²` with `η_i = b + x_i·w`, the objective of
 * scikit-learn's `LogisticRegression(penalty="l2", C=1/l2, fit_intercept=True)`; `l2 = 0` gives
 * the plain maximum-likelihood fit of statsmodels' `Logit`. Reference: Hastie, Tibshirani and
 * Friedman, *The Elements of Statistical Learning*, 2nd ed., section 4.4.1
 * (https://hastie.su.domains/ElemStatLearn/).
 *
 * Each Newton step solves `H δ = g` with a Cholesky factorisation of the penalised
 * Hessian `H = X'WX + l2·diag(0, 1, …, 1)`, then halves the step until the penalised objective
 * decreases (Armijo line search), so it cannot diverge on badly scaled starts. It starts from the
 * intercept-only model and stops when the largest parameter change of a full Newton step is below
 * `tol` (converging quadratically: 5 to 10 steps on well-conditioned data). Sigmoid and
 * `log(1 + exp)` are computed without overflow.
 *
 * Agrees with scikit-learn 1.2.1 (`solver="newton-cholesky"`, `tol=1e-12`) to about 1e-10 on
 * coefficients and probabilities (tests: tests/reference/logistic_reference.py, and at
 * 80,000 x 20 tests/reference/logistic_wide_reference.py).
 *
 * **Scaling is the caller's job**: the penalty treats all coefficients alike and `tol` is absolute,
 * so standardise numeric features first (`fitStandardScaler`; 0/1 indicators may stay as they
 * are), and encode categories with `fitOneHotEncoder` (`dropFirst: true` when `l2 = 0`).
 *
 * **Separable data**: if some hyperplane classifies every training row correctly, the unpenalised
 * coefficients are infinite. With `l2 > 0` the optimum is finite and the fit converges; the model
 * reports `separable: true` with a warning when it classifies every training row correctly. With
 * `l2 = 0` the fit stops as soon as its current coefficients separate the data (or after
 * `maxIter` steps), returning `converged: false` and a warning, never NaN. Collinear features with
 * `l2 = 0` make the Hessian singular: a tiny damping keeps Newton going, the result is flagged in
 * `warnings` and standard errors become NaN.
 *
 * Cost: O(n d²) time per Newton step (building X'WX) plus O(d³) for the factorisation; O(n d)
 * memory (one copy of the features, in shared memory). X'WX, the gradient and the log-loss are
 * summed over fixed chunks of 2,048 rows on `threads` threads (lib/core/worker_pool.ts), each
 * chunk in 1 x 4 tiles that keep its columns in cache, and the chunk sums are added in chunk
 * order: the fit is the same bit for bit at any thread count. Measured here (2-core VM, load
 * average 2.5, bench/churn.ts): 80,000 x 20 in 0.2-0.3 s on one thread and 0.1 s on two, beside
 * scikit-learn's `newton-cholesky` at 0.1 s.
 *
 * @param df Training rows; never modified.
 * @param options `features`, `target`, `l2` (default 1), `maxIter` (100), `tol` (1e-10),
 * `threads` (default: the project-wide default, `getDefaultThreads()`).
 * @returns A frozen {@linkcode LogisticRegressionModel}.
 * @throws {TypeError} When a feature or the target is missing, a feature is not numeric, listed
 * twice, equal to the target or named `"(intercept)"`, no features are given, the target is
 * neither numeric nor boolean (naming its values), or `threads` is not a number.
 * @throws {RangeError} When the frame is empty; a feature has missing, NaN or infinite values
 * (naming the column, the count and the first rows); the target has missing values, values other
 * than 0 and 1, or only one class; `l2`, `maxIter`, `tol` or `threads` (an integer from 1 to
 * 64) is out of range; or a feature has
 * values of magnitude above 1e100 (unscaled: the Hessian would overflow), naming the feature,
 * the count, rows and values.
 *
 * @example Churn falls with tenure
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitLogisticRegression } from "./fit_logistic_regression.ts";
 *
 * const df = pl.DataFrame({
 *   tenure: [-1.5, -1.2, -0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8],
 *   churn: [1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0],
 * });
 * const model = fitLogisticRegression(df, { features: ["tenure"], target: "churn" });
 * assert.ok(model.converged);
 * assert.ok(model.coefficients.tenure < 0);
 * assert.ok(model.oddsRatios.tenure < 1);
 * const [p] = model.predictProba(pl.DataFrame({ tenure: [2] }));
 * assert.ok(p > 0 && p < 0.5);
 * ```
 */
export function fitLogisticRegression(
  df: DataFrame,
  options: FitLogisticRegressionOptions,
): LogisticRegressionModel {
  const { resolved, threads } = resolveOptions(df, options);
  const { features, target, l2, maxIter, tol } = resolved;
  const x = sharedFeatures(df, features);
  const n = df.height;
  const d = features.length;
  const y = sharedArray(Float64Array, n);
  y.set(binaryTarget(df, target, ACTION));
  const problem: Problem = { x, y, n, d, tasks: Math.ceil(n / LOGISTIC_CHUNK), threads };
  let nPositive = 0;
  for (let i = 0; i < n; i++) nPositive += y[i];

  const p = d + 1;
  const warnings: string[] = [];
  let beta: Float64Array = sharedArray(Float64Array, p);
  beta[0] = Math.log(nPositive / (n - nPositive)); // the intercept-only optimum when l2 = 0
  let eta: Float64Array = sharedArray(Float64Array, n);
  // The loss and derivatives at beta/eta (one pass over the rows computes both).
  let current = pass(problem, beta, eta, { loss: true, derivatives: true });
  let value = current.loss + ridge(beta, l2);
  let trialBeta: Float64Array = sharedArray(Float64Array, p);
  let trialEta: Float64Array = sharedArray(Float64Array, n);
  let converged = false;
  let iterations = 0;
  let dampedAt = 0;
  let stopped = "";
  const misclassified = (lp: Float64Array) => {
    let count = 0;
    for (let i = 0; i < n; i++) if (y[i] === 1 ? !(lp[i] > 0) : !(lp[i] < 0)) count++;
    return count;
  };

  while (iterations < maxIter) {
    const { gradient, hessian } = penalised(current, beta, l2);
    const { chol, damping } = factor(hessian, p);
    if (damping > 0 && dampedAt === 0) dampedAt = iterations + 1;
    const step = choleskySolve(chol, p, gradient);
    let decrement = 0;
    let largest = 0;
    for (let j = 0; j < p; j++) {
      decrement += gradient[j] * step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    if (!Number.isFinite(largest)) {
      stopped = `the Newton step was not finite at iteration ${iterations + 1}`;
      break;
    }
    // Armijo backtracking; differences below rounding noise of the objective count as no increase.
    const slack = 1e-12 * (1 + Math.abs(value));
    let t = 1;
    let accepted = false;
    for (let halving = 0; halving <= 40; halving++, t /= 2) {
      for (let j = 0; j < p; j++) trialBeta[j] = beta[j] - t * step[j];
      // The full step, usually accepted, comes with the next step's derivatives in the same pass.
      const found = pass(problem, trialBeta, trialEta, { loss: true, derivatives: halving === 0 });
      const trial = found.loss + ridge(trialBeta, l2);
      if (trial <= value - 1e-4 * t * decrement || trial - value <= slack) {
        [beta, trialBeta] = [trialBeta, beta];
        [eta, trialEta] = [trialEta, eta];
        value = trial;
        current = halving === 0
          ? found
          : { ...pass(problem, beta, eta, { loss: false, derivatives: true }), loss: found.loss };
        accepted = true;
        break;
      }
    }
    iterations++;
    if (!accepted) {
      stopped = `the line search found no decrease of the objective at iteration ${iterations}` +
        ` (largest Newton step ${largest.toPrecision(3)})`;
      break;
    }
    if (largest < tol) {
      converged = true;
      break;
    }
    if (l2 === 0 && misclassified(eta) === 0) {
      stopped = `the coefficients of iteration ${iterations} classify every training row ` +
        `correctly, so the data are perfectly separable and the unpenalised coefficients are ` +
        `infinite; use l2 > 0 (e.g. 1) or drop the separating features`;
      break;
    }
  }

  const separable = misclassified(eta) === 0;
  if (!converged) {
    warnings.push(
      `Did not converge after ${iterations} Newton ${iterations === 1 ? "step" : "steps"}: ${
        stopped ||
        `the largest parameter change was still above tol = ${tol}; standardise the features, ` +
          "raise maxIter or tol, or use l2 > 0"
      }`,
    );
    if (l2 === 0 && !separable) {
      let extreme = 0;
      for (let i = 0; i < n; i++) if (Math.abs(eta[i]) > 23) extreme++; // p within 1e-10 of 0/1
      if (extreme > 0) {
        warnings.push(
          `${extreme} training ${
            extreme === 1 ? "row is" : "rows are"
          } fitted with a probability within 1e-10 of 0 or 1: the data may be quasi-completely separated; use l2 > 0`,
        );
      }
    }
  }
  if (separable && l2 > 0) {
    warnings.push(
      `The training data are perfectly separable (every row classified correctly): the ` +
        `coefficients are set by the penalty l2 = ${l2}, not by the data, and probabilities near ` +
        `0 or 1 are overconfident`,
    );
  }
  if (dampedAt > 0) {
    warnings.push(
      `The Hessian was singular from iteration ${dampedAt} (collinear or constant features, or ` +
        `separation with l2 = 0): a small damping was added; the coefficients are not unique`,
    );
  }

  // Standard errors from the inverse penalised Hessian at the solution.
  const { hessian } = penalised(current, beta, l2);
  const chol = cholesky(hessian, p);
  const se = new Float64Array(p).fill(Number.NaN);
  if (separable && l2 === 0) {
    warnings.push(
      "Standard errors, z-scores and p-values are NaN: with separable data and l2 = 0 the " +
        "maximum-likelihood estimate does not exist",
    );
  } else if (chol !== null) {
    for (let j = 0; j < p; j++) {
      const unit = new Float64Array(p);
      unit[j] = 1;
      se[j] = Math.sqrt(choleskySolve(chol, p, unit)[j]);
    }
  } else {
    warnings.push(
      "Standard errors, z-scores and p-values are NaN: the Hessian is singular at the solution " +
        "(collinear or constant features, or separation); use l2 > 0",
    );
  }
  const z = beta.map((b, j) => b / se[j]);
  const pv = z.map((v) => 2 * jStat.normal.cdf(-Math.abs(v), 0, 1));
  const logLikelihood = -current.loss;

  const names = [INTERCEPT, ...features];
  const coefficients = frozenRecord(features, beta, 1);
  const weights = Float64Array.from(beta);
  const decisionFunction = (data: DataFrame) => {
    const m = featureMatrix(data, { features, action: "predict with logistic regression" });
    return linearPredictor(m.columns, weights, new Float64Array(m.n));
  };
  return Object.freeze({
    options: Object.freeze({ ...resolved }),
    features,
    target,
    l2,
    coefficients,
    intercept: beta[0],
    oddsRatios: frozenRecord(features, beta.map(Math.exp), 1),
    standardErrors: frozenRecord(names, se),
    zScores: frozenRecord(names, z),
    pValues: frozenRecord(names, pv),
    converged,
    iterations,
    separable,
    warnings: Object.freeze(warnings),
    nSamples: n,
    nPositive,
    logLikelihood,
    decisionFunction,
    predictProba: (data: DataFrame) => decisionFunction(data).map(sigmoid),
  });
}
