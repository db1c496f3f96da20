import type { DataFrame } from "../core/frame.ts";
import { createRandom, type Random } from "../core/random.ts";
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import {
  countDistinctMixedRows,
  type MixedFeatures,
  mixedFeatures,
  rowKey,
} from "./_mixed_features.ts";

/** Options for {@linkcode fitKPrototypes}. */
export interface FitKPrototypesOptions {
  /** Numeric features (standardise them first: squared distances weigh them by their scale). */
  numeric: readonly string[];
  /** Categorical features (any dtype, compared as text). */
  categorical: readonly string[];
  /** Number of clusters, at least 1 and at most the number of distinct rows. */
  k: number;
  /**
   * Weight of one categorical mismatch against squared numeric distance. Default: half the mean
   * population standard deviation of the numeric features (Huang 1998 suggests a value between
   * 1/3 and 2/3 of it; 1/2 is the `kmodes` package's choice), or 1 without numeric features.
   */
  gamma?: number;
  /** Seed of the one generator behind every restart's initial prototypes. */
  seed: number;
  /** Restarts from different initial prototypes; the lowest cost wins. Default 10. */
  nInit?: number;
  /** Maximum iterations per restart. Default 100. */
  maxIter?: number;
}

/** A fitted k-prototypes model (read-only). */
export interface KPrototypesModel {
  /** The options, defaults filled in (`gamma` resolved). */
  readonly options: Readonly<Required<FitKPrototypesOptions>>;
  /** Number of clusters. */
  readonly k: number;
  /** The categorical weight used. */
  readonly gamma: number;
  /** Numeric features, in `centroids` order. */
  readonly numeric: readonly string[];
  /** Categorical features, in `modes` order. */
  readonly categorical: readonly string[];
  /** Per cluster, the mean of each numeric feature. */
  readonly centroids: readonly (readonly number[])[];
  /** Per cluster, the most frequent level of each categorical feature (ties: first in sort order). */
  readonly modes: readonly (readonly string[])[];
  /** Cluster of each training row (0 to k-1), its nearest prototype. */
  readonly labels: Int32Array;
  /** Total cost: sum over rows of squared numeric distance plus gamma x mismatches. */
  readonly cost: number;
  /** Iterations of the winning restart. */
  readonly iterations: number;
  /** Whether the winning restart stopped because no row changed cluster. */
  readonly converged: boolean;
  /** Cluster sizes. */
  readonly sizes: Int32Array;
  /**
   * Assigns rows to their nearest prototype (a level not seen in training mismatches every mode).
   *
   * @param data Rows with the model's features, on the training scale.
   * @returns One label per row.
   */
  predict(data: DataFrame): Int32Array;
}

interface Run {
  means: Float64Array; // k x dn
  modes: Int32Array; // k x dc
  labels: Int32Array;
  cost: number;
  iterations: number;
  converged: boolean;
}

/**
 * Fits k-prototypes (Huang 1998), k-means for tables that mix numbers and categories: the
 * distance from a row to a prototype is the squared Euclidean distance over the numeric features
 * plus `gamma` times the number of categorical features on which they differ; a prototype holds
 * the mean of each numeric feature and the mode of each categorical one. Each restart starts from
 * `k` distinct rows drawn at random (seeded), then alternates assigning every row to its nearest
 * prototype and recomputing the prototypes (batch updates, as k-means' Lloyd steps; Huang's paper
 * updates after each row, which reaches the same kind of local minimum) until no row moves. An
 * emptied cluster is re-seeded with the row farthest from its prototype. The restart with the
 * lowest total cost is kept.
 *
 * Standardise numeric features first: with the default `gamma` (half their mean standard
 * deviation) one mismatch then weighs about as much as half a standard deviation squared.
 *
 * Reference: Huang, Z. (1998), "Extensions to the k-means algorithm for clustering large data
 * sets with categorical values", Data Mining and Knowledge Discovery 2, 283-304.
 * Cost: O(nInit · iterations · n · k · (numeric + categorical)).
 *
 * @param df Training rows; not modified.
 * @param options Features, `k`, `seed`, and optional `gamma`, `nInit`, `maxIter`.
 * @returns A read-only fitted model.
 * @throws {TypeError} When a feature column is missing or a numeric one is not numeric.
 * @throws {RangeError} When the frame is empty, there is no feature, a numeric feature is all
 * missing or has missing values, a categorical one has missing values or one level, `k` is not
 * an integer in [1, distinct rows], or `gamma`, `nInit`, `maxIter` is out of range.
 *
 * @example Numbers and a category together
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitKPrototypes } from "./fit_k_prototypes.ts";
 *
 * const df = pl.DataFrame({
 *   spend: [0, 2, 3, 5],
 *   channel: ["web", "store", "web", "store"],
 * });
 * // A large gamma makes the channel decide; the cost is then numeric only: 4 x 1.5^2 = 9.
 * const model = fitKPrototypes(df, { numeric: ["spend"], categorical: ["channel"], k: 2, gamma: 10, seed: 1 });
 * assert.equal(model.labels[0], model.labels[2]);
 * assert.equal(model.cost, 9);
 * ```
 */
export function fitKPrototypes(df: DataFrame, options: FitKPrototypesOptions): KPrototypesModel {
  const action = "fit k-prototypes";
  const m = mixedFeatures(df, options.numeric, options.categorical, action);
  const k = requireInteger(options.k, "k", action);
  const nInit = requireInteger(options.nInit ?? 10, "nInit", action);
  const maxIter = requireInteger(options.maxIter ?? 100, "maxIter", action);
  const seed = options.seed;
  const distinct = countDistinctMixedRows(m, k);
  if (distinct < k) {
    throw new RangeError(
      `Cannot ${action} as k is larger than the number of distinct rows: k = ${k}, ${distinct} distinct of ${m.n} rows`,
    );
  }
  const gamma = options.gamma === undefined
    ? defaultGamma(m)
    : requireNonNegative(options.gamma, "gamma", action);
  const random = createRandom(seed);
  let best: Run | undefined;
  for (let run = 0; run < nInit; run++) {
    const result = fitOnce(m, k, gamma, maxIter, random);
    if (best === undefined || result.cost < best.cost) best = result;
  }
  return makeModel(m, best!, k, gamma, {
    numeric: m.numeric,
    categorical: m.categorical,
    k,
    gamma,
    seed,
    nInit,
    maxIter,
  });
}

/** Half the mean population standard deviation of the numeric features (1 without any). */
function defaultGamma(m: MixedFeatures): number {
  if (m.numericColumns.length === 0) return 1;
  let total = 0;
  for (const col of m.numericColumns) {
    let mean = 0;
    for (const v of col) mean += v;
    mean /= col.length;
    let ss = 0;
    for (const v of col) ss += (v - mean) * (v - mean);
    total += Math.sqrt(ss / col.length);
  }
  return 0.5 * (total / m.numericColumns.length);
}

function distance(
  m: MixedFeatures,
  i: number,
  means: Float64Array,
  modes: Int32Array,
  c: number,
  gamma: number,
): number {
  const dn = m.numericColumns.length;
  const dc = m.codes.length;
  let s = 0;
  for (let j = 0; j < dn; j++) {
    const diff = m.numericColumns[j][i] - means[c * dn + j];
    s += diff * diff;
  }
  let mismatches = 0;
  for (let j = 0; j < dc; j++) if (m.codes[j][i] !== modes[c * dc + j]) mismatches++;
  return s + gamma * mismatches;
}

function fitOnce(
  m: MixedFeatures,
  k: number,
  gamma: number,
  maxIter: number,
  random: Random,
): Run {
  const { n } = m;
  const dn = m.numericColumns.length;
  const dc = m.codes.length;
  const means = new Float64Array(k * dn);
  const modes = new Int32Array(k * dc);
  // k distinct rows, drawn at random.
  const chosen = new Set<string>();
  for (let c = 0; c < k;) {
    const i = random.int(n);
    const key = rowKey(m, i);
    if (chosen.has(key)) continue;
    chosen.add(key);
    setPrototype(m, i, means, modes, c);
    c++;
  }
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    iterations = iter + 1;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestD = distance(m, i, means, modes, 0, gamma);
      for (let c = 1; c < k; c++) {
        const d = distance(m, i, means, modes, c, gamma);
        if (d < bestD) {
          bestD = d;
          bestC = c;
        }
      }
      if (labels[i] !== bestC) changed++;
      labels[i] = bestC;
      dist[i] = bestD;
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    update(m, k, labels, dist, means, modes);
  }
  if (!converged) {
    // Labels must match the returned prototypes: one last assignment.
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestD = distance(m, i, means, modes, 0, gamma);
      for (let c = 1; c < k; c++) {
        const d = distance(m, i, means, modes, c, gamma);
        if (d < bestD) {
          bestD = d;
          bestC = c;
        }
      }
      labels[i] = bestC;
      dist[i] = bestD;
    }
  }
  let cost = 0;
  for (let i = 0; i < n; i++) cost += dist[i];
  return { means, modes, labels, cost, iterations, converged };
}

function setPrototype(
  m: MixedFeatures,
  i: number,
  means: Float64Array,
  modes: Int32Array,
  c: number,
): void {
  const dn = m.numericColumns.length;
  const dc = m.codes.length;
  for (let j = 0; j < dn; j++) means[c * dn + j] = m.numericColumns[j][i];
  for (let j = 0; j < dc; j++) modes[c * dc + j] = m.codes[j][i];
}

/** Means and modes of the clusters; an empty cluster takes the row farthest from its prototype. */
function update(
  m: MixedFeatures,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
  means: Float64Array,
  modes: Int32Array,
): void {
  const { n } = m;
  const dn = m.numericColumns.length;
  const dc = m.codes.length;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    for (let i = 0; i < n; i++) {
      if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
    }
    counts[labels[far]]--;
    labels[far] = c;
    dist[far] = 0;
    counts[c] = 1;
  }
  means.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    for (let j = 0; j < dn; j++) means[c * dn + j] += m.numericColumns[j][i];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < dn; j++) means[c * dn + j] /= counts[c];
  for (let j = 0; j < dc; j++) {
    const levels = m.levels[j].length;
    const tally = new Float64Array(k * levels);
    const codes = m.codes[j];
    for (let i = 0; i < n; i++) tally[labels[i] * levels + codes[i]]++;
    for (let c = 0; c < k; c++) {
      let best = 0;
      for (let l = 1; l < levels; l++) {
        if (tally[c * levels + l] > tally[c * levels + best]) best = l;
      }
      modes[c * dc + j] = best;
    }
  }
}

function makeModel(
  m: MixedFeatures,
  run: Run,
  k: number,
  gamma: number,
  options: Required<FitKPrototypesOptions>,
): KPrototypesModel {
  const dn = m.numericColumns.length;
  const dc = m.codes.length;
  const centroids = Array.from(
    { length: k },
    (_, c) => Object.freeze(Array.from(run.means.subarray(c * dn, (c + 1) * dn))),
  );
  const modes = Array.from(
    { length: k },
    (_, c) =>
      Object.freeze(Array.from({ length: dc }, (_, j) => m.levels[j][run.modes[c * dc + j]])),
  );
  const sizes = new Int32Array(k);
  for (const label of run.labels) sizes[label]++;
  const numeric = Object.freeze([...m.numeric]);
  const categorical = Object.freeze([...m.categorical]);
  return Object.freeze({
    options: Object.freeze({ ...options, numeric, categorical }),
    k,
    gamma,
    numeric,
    categorical,
    centroids: Object.freeze(centroids),
    modes: Object.freeze(modes),
    labels: run.labels,
    cost: run.cost,
    iterations: run.iterations,
    converged: run.converged,
    sizes,
    predict(data: DataFrame): Int32Array {
      const x = mixedFeatures(data, numeric, categorical, "predict with k-prototypes", {
        allowOneLevel: true,
      });
      // Map the new rows' levels onto the training codes (-1: unseen, mismatches every mode).
      const codes = x.codes.map((col, j) => {
        const index = new Map(m.levels[j].map((level, c) => [level, c]));
        return Int32Array.from(col, (code) => index.get(x.levels[j][code]) ?? -1);
      });
      const mapped: MixedFeatures = { ...x, codes };
      const labels = new Int32Array(x.n);
      for (let i = 0; i < x.n; i++) {
        let bestC = 0;
        let bestD = distance(mapped, i, run.means, run.modes, 0, gamma);
        for (let c = 1; c < k; c++) {
          const d = distance(mapped, i, run.means, run.modes, c, gamma);
          if (d < bestD) {
            bestD = d;
            bestC = c;
          }
        }
        labels[i] = bestC;
      }
      return labels;
    },
  });
}
