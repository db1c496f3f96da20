import type { DataFrame } from "../core/frame.ts";
import { createRandom } from "../core/random.ts";
import { featureMatrix, requireModerateValues } from "../core/feature_matrix.ts";
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import { resolveThreads, runParallel, sharedArray, toShared } from "../core/worker_pool.ts";
import { packShared } from "./_shared_views.ts";
import {
  type ChunkExecutor,
  createKMeansState,
  inlineChunks,
  KMEANS_CHUNK,
  kmeansChunk,
  kmeansRestart,
  type KMeansRun,
  type KMeansShape,
  type KMeansState,
  refine,
  releaseRestartWorkspace,
  runRestart,
} from "./_kmeans_kernels.ts";

const KERNELS = new URL("./_kmeans_kernels.ts", import.meta.url).href;
/**
 * From this many rows, each restart's passes over the rows run as parallel chunk tasks (restarts
 * one after another); below it, whole restarts run as parallel tasks. Either way the results are
 * the same bits (see `_kmeans_kernels.ts`); this only chooses the faster split.
 */
const CHUNKED_FROM_ROWS = 131_072;
/** Below this many row-restarts (n · nInit), a fit runs in the calling thread only. */
const PARALLEL_FROM_WORK = 40_000;

/** Options for {@linkcode fitKMeans}. */
export interface FitKMeansOptions {
  /** Number of clusters, at least 1 and at most the number of distinct points. */
  k: number;
  /**
   * Seed of the k-means++ initialisations: restart r draws from its own stream,
   * `taskSeed(seed, r)`, so restarts can run on different threads. An integer from 0 to 2^32 - 1.
   */
  seed: number;
  /** Restarts from different k-means++ initialisations; the lowest inertia wins. Default 10. */
  nInit?: number;
  /** Maximum Lloyd iterations per restart. Default 300. */
  maxIter?: number;
  /**
   * Convergence tolerance, relative to the data: a restart stops when the squared movement of
   * all centroids sums to at most `tol` times the mean per-feature variance (scikit-learn's
   * rule). Default 1e-4.
   */
  tol?: number;
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The result is the same bits at every
   * thread count.
   */
  threads?: number;
}

/** A fitted k-means model (read-only). */
export interface KMeansModel {
  /**
   * The options the model was fitted with, defaults filled in (`features` resolved; `threads`
   * left out, as it does not change the result).
   */
  readonly options: Readonly<Required<Omit<FitKMeansOptions, "threads">>>;
  /** Number of clusters. */
  readonly k: number;
  /** Feature columns, in centroid order. */
  readonly features: readonly string[];
  /** `k` centroids, each `features.length` long. */
  readonly centroids: readonly (readonly number[])[];
  /** Cluster of each training row (0 to k-1), nearest centroid of `centroids`. */
  readonly labels: Int32Array;
  /** Sum of squared distances of the training rows to their centroid. */
  readonly inertia: number;
  /** Lloyd iterations of the winning restart. */
  readonly iterations: number;
  /** Whether the winning restart met the tolerance (or stopped changing) before `maxIter`. */
  readonly converged: boolean;
  /** Cluster size of each centroid. */
  readonly sizes: Int32Array;
  /**
   * Assigns each row of `data` to its nearest centroid.
   *
   * @param data A frame with the model's feature columns, on the same scale as the training data.
   * @returns The labels.
   */
  predict(data: DataFrame): Int32Array;
}

/**
 * Fits k-means (Lloyd's algorithm with k-means++ initialisation and restarts), the way
 * scikit-learn's `KMeans(n_init=nInit, init="k-means++", algorithm="lloyd")` does: greedy
 * k-means++ with `2 + floor(ln k)` candidates per centre (Arthur and Vassilvitskii 2007), a
 * tolerance relative to the data's variance, empty clusters re-seeded with the points farthest
 * from their centroids, a final assignment step so that labels and inertia always match the
 * returned centroids, and the restart with the lowest inertia kept. One departure: the winning
 * restart is then refined with Hartigan-Wong moves (see `refine`), which can only lower inertia.
 *
 * Why not `ml-kmeans` alone (measured here, see FIELD_NOTES): no restarts, no inertia, an
 * absolute (scale-dependent) tolerance, labels that can disagree with the returned centroids
 * when it stops early, stale centres for empty clusters, and 34-48x slower than scikit-learn at
 * 100k x 4. This kernel runs on one Float64Array; `ml-kmeans` stays as a test oracle.
 *
 * Threads (`threads`, lib/core/worker_pool.ts): restarts run as parallel tasks, each from its own
 * seeded stream; from 131,072 rows each restart's passes over the rows run instead as parallel
 * tasks over fixed chunks of 4,096 rows, whose centre sums are added in chunk order. Every sum is
 * taken that way at any thread count, so the result is the same bits on 1 thread or 16.
 *
 * Cost: O(nInit · iterations · n · k · d) time, O(n + k·d) memory beyond the n·d matrix (plus
 * O(nInit · n) labels and O(n) workspace per thread when restarts run in parallel).
 * Reference: <https://scikit-learn.org/stable/modules/clustering.html#k-means>.
 *
 * @param df Training rows; features must be numeric without missing values.
 * @param options `k`, `seed` and optional restarts, iterations, tolerance, features and threads.
 * @returns A read-only fitted model.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, `k` is not an
 * integer in [1, distinct points], `nInit`, `maxIter`, `tol`, `seed` or `threads` (1 to 64) is
 * out of range, or a value's magnitude is above 1e100 (squared distances would overflow:
 * standardise first).
 *
 * @example Two obvious clusters
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitKMeans } from "./fit_kmeans.ts";
 *
 * const df = pl.DataFrame({ x: [0, 0.1, 0.2, 10, 10.1, 10.2] });
 * const model = fitKMeans(df, { k: 2, seed: 1 });
 * assert.equal(model.labels[0], model.labels[2]);
 * assert.notEqual(model.labels[0], model.labels[3]);
 * assert.ok(Math.abs(model.inertia - 0.04) < 1e-12);
 * ```
 */
export function fitKMeans(df: DataFrame, options: FitKMeansOptions): KMeansModel {
  const action = "fit k-means";
  const threads = resolveThreads(options.threads, action);
  const { seed, nInit = 10, maxIter = 300, tol = 1e-4 } = options;
  const m = featureMatrix(df, { features: options.features, action: action });
  // Squared distances of values near 1e200 overflow: the inertia would be Infinity.
  requireModerateValues(m, action);
  const k = requireInteger(options.k, "k", action);
  requireInteger(nInit, "nInit", action);
  requireInteger(maxIter, "maxIter", action);
  requireNonNegative(tol, "tol", action);
  createRandom(seed); // checks the seed
  const distinct = countDistinctRows(m.data, m.n, m.d, k);
  if (distinct < k) {
    throw new RangeError(
      `Cannot ${action} as k is larger than the number of distinct points: k = ${k}, ${distinct} distinct of ${m.n} rows`,
    );
  }
  const { n, d } = m;
  const absTol = tol * meanVariance(m.data, n, d);
  const shape: KMeansShape = {
    n,
    d,
    k,
    chunks: Math.ceil(n / KMEANS_CHUNK),
    trials: 2 + Math.floor(Math.log(k)),
  };
  const data = toShared(m.data);
  const cols = sharedArray(Float64Array, n * d);
  m.columns.forEach((column, j) => cols.set(column, j * n));
  // The thread count changes only where tasks run, never what they compute.
  const use = n * nInit < PARALLEL_FROM_WORK ? 1 : threads;
  const chunked = n >= CHUNKED_FROM_ROWS || nInit < use;
  const state = createKMeansState(shape, data, cols, true);
  const exec = chunked ? poolChunks(state, use, action) : inlineChunks(state);
  let best: KMeansRun | undefined;
  if (chunked) {
    for (let r = 0; r < nInit; r++) {
      const result = runRestart(state, shape, seed, r, maxIter, absTol, exec);
      if (best === undefined || result.inertia < best.inertia) {
        best = { ...result, centroids: state.centers.slice(), labels: state.labels.slice() };
      }
    }
  } else {
    const arrays = {
      data,
      cols,
      allLabels: sharedArray(Int32Array, nInit * n),
      allCenters: sharedArray(Float64Array, nInit * k * d),
      stats: sharedArray(Float64Array, nInit * 3),
    };
    try {
      runParallel({
        module: KERNELS,
        name: "kmeansRestart",
        kernel: kmeansRestart,
        tasks: nInit,
        arrays: {},
        params: { ...shape, seed, maxIter, absTol, buffers: packShared(arrays) },
      }, { threads: use, action });
    } finally {
      releaseRestartWorkspace();
    }
    // The lowest inertia wins; ties go to the lower restart number.
    let r = 0;
    for (let t = 1; t < nInit; t++) if (arrays.stats[t * 3] < arrays.stats[r * 3]) r = t;
    best = {
      inertia: arrays.stats[r * 3],
      iterations: arrays.stats[r * 3 + 1],
      converged: arrays.stats[r * 3 + 2] === 1,
      centroids: arrays.allCenters.slice(r * k * d, (r + 1) * k * d),
      labels: arrays.allLabels.slice(r * n, (r + 1) * n),
    };
  }
  best = refine(state, shape, best!, maxIter, absTol, exec);
  return makeModel(best, k, d, { k, seed, nInit, maxIter, tol, features: m.features });
}

/** Runs each chunk kernel as one task per chunk on the worker pool. */
function poolChunks(state: KMeansState, threads: number, action: string): ChunkExecutor {
  const buffers = packShared(state as unknown as Record<string, Float64Array | Int32Array>);
  return (op, params) => {
    runParallel({
      module: KERNELS,
      name: "kmeansChunk",
      kernel: kmeansChunk,
      tasks: params.chunks,
      arrays: {},
      params: { ...params, op, buffers },
    }, { threads, action });
  };
}

function makeModel(
  run: KMeansRun,
  k: number,
  d: number,
  options: Required<Omit<FitKMeansOptions, "threads">>,
): KMeansModel {
  const features = Object.freeze([...options.features]);
  const centroids = Array.from(
    { length: k },
    (_, c) => Object.freeze(Array.from(run.centroids.subarray(c * d, (c + 1) * d))),
  );
  const sizes = new Int32Array(k);
  for (const label of run.labels) sizes[label]++;
  const flat = run.centroids.slice();
  return Object.freeze({
    options: Object.freeze({ ...options, features }),
    k,
    features,
    centroids: Object.freeze(centroids),
    labels: run.labels,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    sizes,
    predict(data: DataFrame): Int32Array {
      const x = featureMatrix(data, { features: features, action: "predict with k-means" });
      return nearestCentres(x.data, x.n, x.d, k, flat);
    },
  });
}

/** Distinct rows, counted only up to `limit` (enough to validate k). O(n d) with a hash set. */
function countDistinctRows(data: Float64Array, n: number, d: number, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n && seen.size < limit; i++) {
    seen.add(Array.prototype.join.call(data.subarray(i * d, (i + 1) * d), ","));
  }
  return seen.size;
}

/** Mean over features of the population variance (scikit-learn's `np.mean(np.var(X, 0))`). */
function meanVariance(data: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + j];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + j] - mean;
      ss += diff * diff;
    }
    total += ss / n;
  }
  return total / d;
}

/** The nearest centre of each row (the lowest-numbered one on ties). */
function nearestCentres(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = data[i * d + j] - centers[c * d + j];
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        labels[i] = c;
      }
    }
  }
  return labels;
}
