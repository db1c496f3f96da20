import type { DataFrame } from "../core/frame.ts";
import { type FeatureMatrix, featureMatrix, toLabels } from "../core/feature_matrix.ts";
import { resolveThreads, runParallel, sharedArray } from "../core/worker_pool.ts";
import { packShared } from "./_shared_views.ts";
import { coefficient, silhouettePairs, silhouetteRows } from "./_silhouette_kernels.ts";

/** Options for {@linkcode silhouetteSamples}. */
export interface SilhouetteSamplesOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The result is the same bits at every
   * thread count.
   */
  threads?: number;
}

/** Cluster labels recoded to 0..k-1 in ascending order of the original labels. */
export interface EncodedClusterLabels {
  /** Code of each row, 0 to `k - 1`: the rank of its label among the distinct labels. */
  readonly codes: Int32Array;
  /** The distinct original labels, ascending (`classes[codes[i]]` is row `i`'s label). */
  readonly classes: Int32Array;
  /** Number of rows of each code. */
  readonly sizes: Int32Array;
  /** Number of distinct labels. */
  readonly k: number;
}

/**
 * Checks a label vector and recodes it to 0..k-1 (ascending order of the labels, like
 * scikit-learn's `LabelEncoder`), enforcing scikit-learn's rule for cluster metrics: the number
 * of distinct labels must be from 2 to n - 1 (inclusive). Shared by the silhouette,
 * Davies-Bouldin and Calinski-Harabasz scores. Every integer, -1 included, is an ordinary label.
 *
 * Cost: O(n log n) time, O(n) memory.
 *
 * @param labels One integer label per row.
 * @param n Number of rows.
 * @param action What the caller is doing, for error messages.
 * @param rows How to name the rows in the label-count message. Default `"rows"`.
 * @returns Codes, distinct labels and cluster sizes.
 * @throws {RangeError} When the length differs from `n`, a label is not an integer, or the number
 * of distinct labels is not in [2, n - 1].
 *
 * @example Labels 5, -1, 5, 2 become codes 2, 0, 2, 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeClusterLabels } from "./silhouette_samples.ts";
 *
 * const encoded = encodeClusterLabels([5, -1, 5, 2, 2], 5, "score clusters");
 * assert.deepEqual([...encoded.codes], [2, 0, 2, 1, 1]);
 * assert.deepEqual([...encoded.classes], [-1, 2, 5]);
 * assert.deepEqual([...encoded.sizes], [1, 2, 2]);
 * ```
 */
export function encodeClusterLabels(
  labels: ArrayLike<number>,
  n: number,
  action: string,
  rows = "rows",
): EncodedClusterLabels {
  const values = toLabels(labels, n, action);
  const sorted = values.slice().sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i];
  const classes = sorted.slice(0, k);
  if (k < 2 || k > n - 1) {
    const shown = classes.length <= 5 ? ` (${[...classes].join(", ")})` : "";
    throw new RangeError(
      `Cannot ${action} as the number of distinct labels must be from 2 to n - 1 (inclusive): ${k} distinct ${
        k === 1 ? "label" : "labels"
      }${shown} for n = ${n} ${rows}`,
    );
  }
  const codes = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    // Binary search of the label among the sorted distinct labels.
    let lo = 0;
    let hi = k - 1;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (classes[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
    sizes[lo]++;
  }
  return { codes, classes, sizes, k };
}

const KERNELS = new URL("./_silhouette_kernels.ts", import.meta.url).href;
/** Rows per block (at most): one pair of blocks is one task, about a millisecond of work. */
const BLOCK_ROWS = 512;
/** At most this many doubles (32 MiB) in the table of per-block distance sums. */
const TABLE_BUDGET = 1 << 22;
/** At most this many blocks (so at most 131,328 pair tasks); more clusters go row by row. */
const MAX_BLOCKS = 512;
const MAX_PAIR_CLUSTERS = 128;
/** Sorted positions per task when rows are scored one by one (no table). */
const ROW_CHUNK = 256;
/** Below this many rows everything runs in the calling thread (the same bits either way). */
const PARALLEL_FROM_ROWS = 2048;

/** Options for {@linkcode silhouetteOfMatrix}. */
export interface SilhouetteOfMatrixOptions {
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The result is the same bits at every
   * thread count.
   */
  threads?: number;
}

/**
 * Silhouette coefficient of each row of a feature matrix, given encoded labels: the numeric
 * kernel behind {@linkcode silhouetteSamples} and `silhouetteScore`, exact and without an n × n
 * distance matrix. Rows are sorted by cluster and cut into blocks of at most 512 rows of one
 * cluster; each pair of blocks is one task on the worker pool, which computes every distance
 * between the two blocks once and adds it to both rows' totals for the other block (a table of
 * blocks × n sums). Each table cell is written by one task only, in a fixed order, so the result
 * is the same bits at every thread count. With more than 128 clusters, or when n·k exceeds 2^22
 * (the table would too), each row's totals are summed cluster by cluster instead, in tasks of 256
 * rows (every distance computed twice, no table).
 *
 * Cost: O(n² d) time; O(n d + n · blocks) memory, at most 32 MiB for the table (O(n d) when
 * n·k > 2^22 or k > 128).
 *
 * @param matrix The features (see `featureMatrix`).
 * @param encoded Labels from {@linkcode encodeClusterLabels}, one per matrix row.
 * @param options Optional `threads`.
 * @returns The silhouette of each row, in row order (0 for rows in singleton clusters).
 * @throws {TypeError} When `threads` is not a number.
 * @throws {RangeError} When `threads` is not an integer from 1 to 64.
 *
 * @example Two tight pairs far apart
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeClusterLabels, silhouetteOfMatrix } from "./silhouette_samples.ts";
 *
 * const matrix = { features: ["x"], data: new Float64Array([0, 1, 10, 11]), n: 4, d: 1 };
 * const s = silhouetteOfMatrix(matrix, encodeClusterLabels([0, 0, 1, 1], 4, "test"));
 * assert.ok(Math.abs(s[0] - (10.5 - 1) / 10.5) < 1e-15);
 * ```
 */
export function silhouetteOfMatrix(
  matrix: Pick<FeatureMatrix, "data" | "n" | "d">,
  encoded: EncodedClusterLabels,
  options: SilhouetteOfMatrixOptions = {},
): Float64Array {
  const action = "compute silhouette samples";
  const threads = resolveThreads(options.threads, action);
  const { n, d, data } = matrix;
  const { codes, sizes, k } = encoded;
  // Counting sort of the rows by cluster: cluster c occupies positions start[c] to start[c+1]-1.
  const start = sharedArray(Int32Array, k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + sizes[c];
  const fill = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[codes[i]]++] = i;
  const x = sharedArray(Float64Array, n * d);
  for (let p = 0; p < n; p++) x.set(data.subarray(order[p] * d, order[p] * d + d), p * d);
  const use = n < PARALLEL_FROM_ROWS ? 1 : threads;
  const result = new Float64Array(n);

  if (n * k > TABLE_BUDGET || k > MAX_PAIR_CLUSTERS) {
    const clusterOf = sharedArray(Int32Array, n);
    for (let c = 0; c < k; c++) clusterOf.fill(c, start[c], start[c + 1]);
    const sorted = sharedArray(Float64Array, n);
    const buffers = packShared({ x, start, clusterOf, result: sorted });
    runParallel({
      module: KERNELS,
      name: "silhouetteRows",
      kernel: silhouetteRows,
      tasks: Math.ceil(n / ROW_CHUNK),
      arrays: {},
      params: { n, d, k, chunk: ROW_CHUNK, buffers },
    }, { threads: use, action });
    for (let p = 0; p < n; p++) result[order[p]] = sorted[p];
    return result;
  }

  // Blocks of one cluster each, at most `size` rows, with the table within budget.
  let size = BLOCK_ROWS;
  let blocks = clusterBlocks(start, k, size);
  while ((blocks.length - 1) * n > TABLE_BUDGET || blocks.length - 1 > MAX_BLOCKS) {
    blocks = clusterBlocks(start, k, size *= 2);
  }
  const nb = blocks.length - 1;
  const blockStart = sharedArray(Int32Array, nb + 1);
  blockStart.set(blocks);
  const blockCluster = new Int32Array(nb);
  for (let c = 0, b = 0; b < nb; b++) {
    while (blockStart[b] >= start[c + 1]) c++;
    blockCluster[b] = c;
  }
  const pairs = sharedArray(Int32Array, nb * (nb + 1));
  for (let a = 0, t = 0; a < nb; a++) {
    for (let b = a; b < nb; b++, t++) {
      pairs[2 * t] = a;
      pairs[2 * t + 1] = b;
    }
  }
  const blockSums = sharedArray(Float64Array, nb * n);
  runParallel({
    module: KERNELS,
    name: "silhouettePairs",
    kernel: silhouettePairs,
    tasks: (nb * (nb + 1)) / 2,
    arrays: {},
    params: { n, d, buffers: packShared({ x, blockStart, pairs, blockSums }) },
  }, { threads: use, action });
  // Each row's total distance to each cluster: its blocks' totals, in block order.
  const rowSums = new Float64Array(k);
  const sumTo = (c: number) => rowSums[c];
  for (let p = 0; p < n; p++) {
    rowSums.fill(0);
    for (let b = 0; b < nb; b++) rowSums[blockCluster[b]] += blockSums[b * n + p];
    result[order[p]] = coefficient(blockCluster[blockOfPosition(blockStart, p)], k, start, sumTo);
  }
  return result;
}

/** Block boundaries: each cluster's positions cut into runs of at most `size`. */
function clusterBlocks(start: Int32Array, k: number, size: number): number[] {
  const bounds = [0];
  for (let c = 0; c < k; c++) {
    for (let p = start[c]; p < start[c + 1];) {
      p = Math.min(start[c + 1], p + size);
      bounds.push(p);
    }
  }
  return bounds;
}

/** The block holding sorted position p (binary search). */
function blockOfPosition(blockStart: Int32Array, p: number): number {
  let lo = 0;
  let hi = blockStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blockStart[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Silhouette samples: the silhouette coefficient of each row (Rousseeuw 1987), a per-customer
 * measure of how well a segment fits, from -1 (closer to another segment) to 1 (well inside its
 * own). For row i with a = mean distance to the other members of its cluster and b = the lowest
 * mean distance to the members of another cluster, s = (b - a) / max(a, b); s = 0 for a row
 * alone in its cluster. Same definition and values as `sklearn.metrics.silhouette_samples`
 * (euclidean), computed exactly without an n × n distance matrix.
 *
 * Every integer label is an ordinary cluster, -1 included (as in scikit-learn): drop DBSCAN noise
 * rows (label -1) first if they should not count as a cluster.
 *
 * Runs on the worker pool (`threads`), with the same bits at any thread count.
 *
 * Cost: O(n² d) time, O(n d + n · blocks) memory (see {@linkcode silhouetteOfMatrix}).
 * References: Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20, 53-65,
 * <https://doi.org/10.1016/0377-0427(87)90125-7>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.metrics.silhouette_samples.html>.
 *
 * @param df Rows to score; features must be numeric without missing values.
 * @param labels One integer cluster label per row (any `ArrayLike<number>`).
 * @param options Optional feature columns and threads.
 * @returns The silhouette of each row, in row order.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, the labels'
 * length differs from the row count, a label is not an integer, the number of distinct labels
 * is not from 2 to n - 1, or `threads` is not an integer from 1 to 64.
 *
 * @example Two tight pairs far apart
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { silhouetteSamples } from "./silhouette_samples.ts";
 *
 * const df = pl.DataFrame({ x: [0, 1, 10, 11, 30] });
 * const s = silhouetteSamples(df, [0, 0, 1, 1, 2]);
 * // Row 0: a = 1, b = mean(10, 11) = 10.5.
 * assert.ok(Math.abs(s[0] - (10.5 - 1) / 10.5) < 1e-15);
 * assert.equal(s[4], 0); // alone in its cluster
 * ```
 */
export function silhouetteSamples(
  df: DataFrame,
  labels: ArrayLike<number>,
  options: SilhouetteSamplesOptions = {},
): Float64Array {
  const action = "compute silhouette samples";
  const threads = resolveThreads(options.threads, action);
  const matrix = featureMatrix(df, { features: options.features, action: action });
  return silhouetteOfMatrix(matrix, encodeClusterLabels(labels, matrix.n, action), { threads });
}
