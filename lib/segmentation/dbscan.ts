import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { buildGridIndex } from "../core/grid_index.ts";
import { requireInteger, requirePositive } from "../core/errors.ts";
import { resolveThreads, runParallel, sharedArray, toShared } from "../core/worker_pool.ts";
import { packShared } from "./_shared_views.ts";
import {
  dbscanBorder,
  dbscanCore,
  dbscanLink,
  findRoot,
  NEIGHBOUR_CHUNK,
  type NeighbourParams,
} from "./_neighbour_kernels.ts";

const KERNELS = new URL("./_neighbour_kernels.ts", import.meta.url).href;
/** Below this many rows everything runs in the calling thread (the same labels either way). */
const PARALLEL_FROM_ROWS = 2048;

/** Options for {@linkcode dbscan}. */
export interface DbscanOptions {
  /**
   * Neighbourhood radius, in feature units: rows at euclidean distance <= eps are neighbours
   * (inclusive, as in scikit-learn). A finite number > 0.
   */
  eps: number;
  /**
   * Neighbours (the row itself included, as in scikit-learn) a row needs within eps to be a core
   * row. An integer >= 1.
   */
  minSamples: number;
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The labels are the same at every thread
   * count.
   */
  threads?: number;
}

/** The result of {@linkcode dbscan}. */
export interface DbscanResult {
  /** Cluster of each row, 0 to `nClusters - 1`, or -1 for noise. */
  readonly labels: Int32Array;
  /** Number of clusters. */
  readonly nClusters: number;
  /** Rows (0-based) that are core rows, ascending (scikit-learn's `core_sample_indices_`). */
  readonly coreIndices: Int32Array;
}

/**
 * DBSCAN, density-based clustering with noise (Ester, Kriegel, Sander and Xu 1996): finds
 * segments of any shape as dense regions of customers and labels isolated customers as noise
 * (-1), without choosing the number of clusters. Same semantics and the same labels (not just up
 * to renumbering) as `sklearn.cluster.DBSCAN(eps, min_samples)` with the euclidean metric:
 *
 * - the neighbours of a row are the rows at distance <= eps, the row itself included; the test is
 *   Σ (x_j − y_j)² <= eps², the comparison scikit-learn's KD-tree makes (its choice for up to 15
 *   features), so ties at exactly eps agree; for more than 15 features scikit-learn switches to
 *   brute force with the dot-product formula, and rows within rounding of eps may then differ;
 * - a core row has at least `minSamples` neighbours;
 * - clusters are numbered like scikit-learn's `_dbscan_inner`: rows are scanned in order, the first
 *   core row not yet in a cluster starts the next cluster, which takes every row reachable from it
 *   through core rows; a border row within eps of core rows of several clusters joins the cluster
 *   numbered first, and rows reached by no core row are noise (-1).
 *
 * Neighbour search uses the library's grid index (`createGridIndex` in `lib/core/grid_index.ts`)
 * with cells slightly wider than eps over the first (up to) 3 features that vary (only the 3^g
 * adjacent cells are searched, then the full distance is checked), and plain brute force below
 * 64 rows. Counting stops at `minSamples` neighbours, and no neighbourhood is ever stored
 * (unlike scikit-learn, whose memory can reach O(n²)).
 *
 * Threads (`threads`): the queries run on the worker pool in fixed chunks of rows, in three
 * passes: which rows are core; the clusters, as connected components of core rows (a shared
 * union-find whose roots are always the smallest row of their component, so any order of work
 * gives the same components), numbered by their smallest row, which is the order in which
 * scikit-learn's scan starts them; and each border row's cluster, the lowest-numbered one among
 * its core neighbours, which is the first cluster scikit-learn's expansion reaches it from. The
 * labels are the same at every thread count.
 *
 * `density-clustering`'s DBSCAN is kept only as a test oracle for data with no distance equal to
 * eps: it uses distance < eps, reports border rows as noise in its `noise` list and is O(n²).
 *
 * Cost: O(n · m · d) time, where m is the number of rows in the 3^g cells around a row (about
 * n · eps^g / volume for evenly spread data; O(n² d) in the worst case, all rows within eps);
 * O(n d) memory.
 * References: Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996), "A density-based algorithm
 * for discovering clusters in large spatial databases with noise", KDD-96, 226-231,
 * <https://dl.acm.org/doi/10.5555/3001460.3001507>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.cluster.DBSCAN.html>.
 *
 * @param df Rows to cluster; features must be numeric without missing values, on comparable
 * scales (standardise first when units differ).
 * @param options `eps`, `minSamples` and optional feature columns and threads.
 * @returns Labels, the number of clusters and the core rows.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, `eps` is not a
 * finite number > 0, `minSamples` is not an integer >= 1, or `threads` is not an integer from 1
 * to 64.
 *
 * @example Two dense groups and an outlier
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { dbscan } from "./dbscan.ts";
 *
 * const df = pl.DataFrame({ x: [0, 0.5, 1, 10, 10.5, 11, 50] });
 * const result = dbscan(df, { eps: 0.5, minSamples: 2 });
 * assert.deepEqual([...result.labels], [0, 0, 0, 1, 1, 1, -1]);
 * assert.equal(result.nClusters, 2);
 * assert.deepEqual([...result.coreIndices], [0, 1, 2, 3, 4, 5]);
 * ```
 */
export function dbscan(df: DataFrame, options: DbscanOptions): DbscanResult {
  const action = "run DBSCAN";
  const threads = resolveThreads(options.threads, action);
  const eps = requirePositive(options.eps, "eps", action);
  const minSamples = requireInteger(options.minSamples, "minSamples", action);
  const matrix = featureMatrix(df, { features: options.features, action: action });
  const { n, d } = matrix;
  // Cells a hair wider than eps: rounding in the cell coordinates can then never put two
  // neighbours more than one cell apart, and each query visits only the 3^g adjacent cells.
  const grid = buildGridIndex(
    { data: toShared(matrix.data), n, d },
    { cellSize: eps * (1 + 1e-6), shared: true, radius: eps },
  );
  const core = sharedArray(Uint8Array, n);
  const parent = sharedArray(Int32Array, n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const labels = sharedArray(Int32Array, n);
  const params: Omit<NeighbourParams, "buffers"> = {
    n,
    layout: grid.layout,
    grid: packShared(grid.arrays as unknown as Record<string, Int32Array | Float64Array>),
    eps,
    minSamples,
  };
  const buffers = packShared({ core, parent, labels });
  const use = n < PARALLEL_FROM_ROWS ? 1 : threads;
  const run = (name: string, kernel: typeof dbscanCore) =>
    runParallel({
      module: KERNELS,
      name,
      kernel,
      tasks: Math.ceil(n / NEIGHBOUR_CHUNK),
      arrays: {},
      params: { ...params, buffers },
    }, { threads: use, action });

  run("dbscanCore", dbscanCore);
  run("dbscanLink", dbscanLink);
  // Clusters numbered by their smallest row: the order scikit-learn's scan starts them.
  let nClusters = 0;
  let coreCount = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i]) continue;
    coreCount++;
    const root = findRoot(parent, i);
    labels[i] = root === i ? nClusters++ : labels[root];
  }
  run("dbscanBorder", dbscanBorder);
  const coreIndices = new Int32Array(coreCount);
  for (let i = 0, t = 0; i < n; i++) if (core[i]) coreIndices[t++] = i;
  return { labels: labels.slice(), nClusters, coreIndices };
}
