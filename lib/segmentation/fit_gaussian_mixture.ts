import type { DataFrame } from "../core/frame.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";
import {
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from "../core/errors.ts";
import {
  type FeatureMatrix,
  featureMatrix,
  requireModerateValues,
} from "../core/feature_matrix.ts";
import { fitKMeans } from "./fit_kmeans.ts";
import pl from "nodejs-polars";

/** Options for {@linkcode fitGaussianMixture}. */
export interface FitGaussianMixtureOptions {
  /** Numeric feature columns (standardise them first when their scales differ). */
  features: readonly string[];
  /** Number of components, at least 1 and at most the number of distinct rows. */
  k: number;
  /** `"full"`: each component has its own covariance matrix; `"diag"`: its own variances only. */
  covariance: "full" | "diag";
  /** Seed of the one generator behind the k-means initialisations. */
  seed: number;
  /** Restarts from different k-means initialisations; the highest likelihood wins. Default 5. */
  nInit?: number;
  /** Maximum EM iterations per restart. Default 500. */
  maxIter?: number;
  /** Stop when the mean log-likelihood per row changes by less than this. Default 1e-6. */
  tol?: number;
  /** Added to every variance so that no component collapses onto a point. Default 1e-6. */
  regCovar?: number;
}

/** A fitted Gaussian mixture (read-only). */
export interface GaussianMixtureModel {
  /** The options, defaults filled in. */
  readonly options: Readonly<Required<FitGaussianMixtureOptions>>;
  /** Number of components. */
  readonly k: number;
  /** Feature columns, in `means` order. */
  readonly features: readonly string[];
  /** Mixing weight of each component (sum 1). */
  readonly weights: readonly number[];
  /** Mean vector of each component. */
  readonly means: readonly (readonly number[])[];
  /** Covariance matrix of each component (`"diag"`: zero off the diagonal), `regCovar` included. */
  readonly covariances: readonly (readonly (readonly number[])[])[];
  /** Total log-likelihood of the training rows. */
  readonly logLikelihood: number;
  /** Number of free parameters (means, covariances, k - 1 weights). */
  readonly nParameters: number;
  /** Bayesian information criterion, `-2 logLikelihood + nParameters ln n`: lower is better. */
  readonly bic: number;
  /** Akaike information criterion, `-2 logLikelihood + 2 nParameters`: lower is better. */
  readonly aic: number;
  /** Most probable component of each training row. */
  readonly labels: Int32Array;
  /** EM iterations of the winning restart. */
  readonly iterations: number;
  /** Whether the winning restart met `tol` before `maxIter`. */
  readonly converged: boolean;
  /**
   * Probability of each component for each row (soft assignment).
   *
   * @param data Rows with the model's features.
   * @returns A frame with one column `p0` ... `p{k-1}` per component.
   */
  predictProba(data: DataFrame): DataFrame;
  /**
   * Most probable component of each row.
   *
   * @param data Rows with the model's features.
   * @returns One label per row.
   */
  predict(data: DataFrame): Int32Array;
}

interface Params {
  weights: Float64Array; // k
  means: Float64Array; // k x d
  /** Cholesky factor of each covariance, lower triangle, k x d x d (diag: only the diagonal used). */
  chol: Float64Array;
  cov: Float64Array; // k x d x d
}

/**
 * Fits a Gaussian mixture by expectation-maximisation, as scikit-learn's
 * `GaussianMixture(covariance_type=..., init_params="kmeans")`: each restart starts from a
 * k-means partition (one seeded k-means run), then alternates computing each row's component
 * probabilities (E step) and re-estimating weights, means and covariances from them (M step),
 * with `regCovar` added to every variance, until the mean log-likelihood per row changes by less
 * than `tol`. The restart with the highest likelihood is kept. Unlike k-means it gives soft
 * assignments, allows elongated and differently sized segments, and has a likelihood, so k can be
 * chosen by `bic` (lowest wins; it penalises each parameter by ln n).
 *
 * Reference: Bishop (2006), *Pattern Recognition and Machine Learning*, section 9.2; matched to
 * scikit-learn 1.2.1 in tests/reference/gaussian_mixture_reference.py.
 * Cost: O(nInit · iterations · n · k · d²).
 *
 * @param df Training rows; features numeric without missing values; not modified.
 * @param options `features`, `k`, `covariance`, `seed` and optional `nInit`, `maxIter`, `tol`,
 * `regCovar`.
 * @returns A read-only fitted model.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing or not finite, `k` is not an
 * integer in [1, distinct rows], `covariance` is not `"full"` or `"diag"`, or another option is
 * out of range.
 *
 * @example Two groups, and BIC prefers two components to one
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitGaussianMixture } from "./fit_gaussian_mixture.ts";
 *
 * const df = pl.DataFrame({ x: [0, 0.2, 0.4, 0.1, 0.3, 9, 9.2, 9.4, 9.1, 9.3] });
 * const one = fitGaussianMixture(df, { features: ["x"], k: 1, covariance: "full", seed: 1 });
 * const two = fitGaussianMixture(df, { features: ["x"], k: 2, covariance: "full", seed: 1 });
 * assert.ok(two.bic < one.bic);
 * assert.notEqual(two.labels[0], two.labels[9]);
 * ```
 */
export function fitGaussianMixture(
  df: DataFrame,
  options: FitGaussianMixtureOptions,
): GaussianMixtureModel {
  const action = "fit Gaussian mixture";
  const covariance = requireOneOf(
    options.covariance,
    ["full", "diag"] as const,
    "covariance",
    action,
  );
  const m = featureMatrix(df, { features: options.features, action });
  requireModerateValues(m, action);
  const k = requireInteger(options.k, "k", action);
  const nInit = requireInteger(options.nInit ?? 5, "nInit", action);
  const maxIter = requireInteger(options.maxIter ?? 500, "maxIter", action);
  const tol = requireNonNegative(options.tol ?? 1e-6, "tol", action);
  const regCovar = requirePositive(options.regCovar ?? 1e-6, "regCovar", action);
  const distinct = countDistinct(m, k);
  if (distinct < k) {
    throw new RangeError(
      `Cannot ${action} as k is larger than the number of distinct rows: k = ${k}, ${distinct} distinct of ${m.n} rows`,
    );
  }
  const random = createRandom(options.seed);
  const diag = covariance === "diag";
  const resp = new Float64Array(m.n * k);
  let best: { params: Params; ll: number; iterations: number; converged: boolean } | undefined;
  for (let run = 0; run < nInit; run++) {
    const kmSeed = Math.floor(random.next() * MAX_SEED);
    const labels = k === 1
      ? new Int32Array(m.n)
      : fitKMeans(df, { features: m.features, k, seed: kmSeed, nInit: 1 }).labels;
    resp.fill(0);
    for (let i = 0; i < m.n; i++) resp[i * k + labels[i]] = 1;
    let params = mStep(m, k, resp, diag, regCovar);
    let previous = -Infinity;
    let ll = -Infinity;
    let iterations = 0;
    let converged = false;
    for (let iter = 0; iter < maxIter; iter++) {
      iterations = iter + 1;
      ll = eStep(m, k, params, diag, resp);
      const change = ll / m.n - previous / m.n;
      previous = ll;
      if (Math.abs(change) < tol) {
        converged = true;
        break;
      }
      params = mStep(m, k, resp, diag, regCovar);
    }
    if (!converged) ll = eStep(m, k, params, diag, resp);
    if (best === undefined || ll > best.ll) best = { params, ll, iterations, converged };
  }
  const { params, ll, iterations, converged } = best!;
  const d = m.d;
  const nParameters = k * d + (diag ? k * d : (k * d * (d + 1)) / 2) + k - 1;
  const fullOptions = {
    features: Object.freeze([...m.features]),
    k,
    covariance,
    seed: options.seed,
    nInit,
    maxIter,
    tol,
    regCovar,
  };
  const probabilities = (data: DataFrame): { x: FeatureMatrix; r: Float64Array } => {
    const x = featureMatrix(data, {
      features: m.features,
      action: "predict with Gaussian mixture",
    });
    const r = new Float64Array(x.n * k);
    eStep(x, k, params, diag, r);
    return { x, r };
  };
  const argmax = (r: Float64Array, n: number) => {
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      for (let c = 1; c < k; c++) if (r[i * k + c] > r[i * k + bestC]) bestC = c;
      labels[i] = bestC;
    }
    return labels;
  };
  eStep(m, k, params, diag, resp);
  return Object.freeze({
    options: Object.freeze(fullOptions),
    k,
    features: fullOptions.features,
    weights: Object.freeze(Array.from(params.weights)),
    means: Object.freeze(
      Array.from(
        { length: k },
        (_, c) => Object.freeze(Array.from(params.means.subarray(c * d, (c + 1) * d))),
      ),
    ),
    covariances: Object.freeze(
      Array.from({ length: k }, (_, c) =>
        Object.freeze(
          Array.from({ length: d }, (_, a) =>
            Object.freeze(
              Array.from({ length: d }, (_, b) => params.cov[c * d * d + a * d + b]),
            )),
        )),
    ),
    logLikelihood: ll,
    nParameters,
    bic: -2 * ll + nParameters * Math.log(m.n),
    aic: -2 * ll + 2 * nParameters,
    labels: argmax(resp, m.n),
    iterations,
    converged,
    predictProba(data: DataFrame): DataFrame {
      const { x, r } = probabilities(data);
      return pl.DataFrame(
        Array.from(
          { length: k },
          (_, c) =>
            pl.Series(
              `p${c}`,
              Float64Array.from({ length: x.n }, (_, i) => r[i * k + c]),
              pl.Float64,
            ),
        ),
      );
    },
    predict(data: DataFrame): Int32Array {
      const { x, r } = probabilities(data);
      return argmax(r, x.n);
    },
  });
}

function countDistinct(m: FeatureMatrix, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < m.n && seen.size < limit; i++) {
    seen.add(Array.prototype.join.call(m.data.subarray(i * m.d, (i + 1) * m.d), ","));
  }
  return seen.size;
}

/** Weights, means and covariances from responsibilities (scikit-learn adds 10 eps to each N_k). */
function mStep(
  m: FeatureMatrix,
  k: number,
  resp: Float64Array,
  diag: boolean,
  regCovar: number,
): Params {
  const { data, n, d } = m;
  const nk = new Float64Array(k).fill(10 * Number.EPSILON);
  const means = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      nk[c] += r;
      for (let j = 0; j < d; j++) means[c * d + j] += r * data[i * d + j];
    }
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] /= nk[c];
  const cov = new Float64Array(k * d * d);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      if (r === 0) continue;
      for (let j = 0; j < d; j++) diff[j] = data[i * d + j] - means[c * d + j];
      const base = c * d * d;
      if (diag) {
        for (let a = 0; a < d; a++) cov[base + a * d + a] += r * diff[a] * diff[a];
      } else {
        for (let a = 0; a < d; a++) {
          for (let b = 0; b <= a; b++) cov[base + a * d + b] += r * diff[a] * diff[b];
        }
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const v = cov[base + a * d + b] / nk[c] + (a === b ? regCovar : 0);
        cov[base + a * d + b] = v;
        cov[base + b * d + a] = v;
      }
    }
  }
  const weights = new Float64Array(k);
  for (let c = 0; c < k; c++) weights[c] = nk[c] / n;
  return { weights, means, cov, chol: cholesky(cov, k, d) };
}

/** Lower Cholesky factors of k d x d matrices. */
function cholesky(cov: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        let s = cov[base + a * d + b];
        for (let t = 0; t < b; t++) s -= out[base + a * d + t] * out[base + b * d + t];
        if (a === b) {
          if (!(s > 0)) {
            throw new RangeError(
              `Cannot fit Gaussian mixture as component ${c}'s covariance is not positive definite: pivot ${s} (raise regCovar or standardise the features)`,
            );
          }
          out[base + a * d + a] = Math.sqrt(s);
        } else {
          out[base + a * d + b] = s / out[base + b * d + b];
        }
      }
    }
  }
  return out;
}

/** Fills `resp` with component probabilities; returns the total log-likelihood. */
function eStep(
  m: FeatureMatrix,
  k: number,
  p: Params,
  diag: boolean,
  resp: Float64Array,
): number {
  const { data, n, d } = m;
  const logConst = d * Math.log(2 * Math.PI);
  const logDet = new Float64Array(k);
  const logW = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += Math.log(p.chol[c * d * d + a * d + a]);
    logDet[c] = 2 * s;
    logW[c] = Math.log(p.weights[c]);
  }
  const z = new Float64Array(d);
  const lp = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const base = c * d * d;
      let quad = 0;
      for (let a = 0; a < d; a++) {
        // Forward substitution L z = x - mu (diag: only the diagonal).
        let s = data[i * d + a] - p.means[c * d + a];
        if (!diag) { for (let t = 0; t < a; t++) s -= p.chol[base + a * d + t] * z[t]; }
        z[a] = s / p.chol[base + a * d + a];
        quad += z[a] * z[a];
      }
      lp[c] = logW[c] - 0.5 * (logConst + logDet[c] + quad);
      if (lp[c] > max) max = lp[c];
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(lp[c] - max);
    const logSum = max + Math.log(sum);
    total += logSum;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(lp[c] - logSum);
  }
  return total;
}
