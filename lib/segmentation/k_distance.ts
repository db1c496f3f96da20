import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { buildGridIndex } from "../core/grid_index.ts";
import { requireInteger } from "../core/errors.ts";
import { resolveThreads, runParallel, sharedArray, toShared } from "../core/worker_pool.ts";
import { packShared } from "./_shared_views.ts";
import { kDistanceRows, NEIGHBOUR_CHUNK } from "./_neighbour_kernels.ts";

const KERNELS = new URL("./_neighbour_kernels.ts", import.meta.url).href;
/** Below this many rows everything runs in the calling thread (the same curve either way). */
const PARALLEL_FROM_ROWS = 2048;

/** Options for {@linkcode kDistance}. */
export interface KDistanceOptions {
  /**
   * Which neighbour: the distance to each row's k-th nearest other row. An integer from 1 to
   * n - 1. For choosing DBSCAN's eps, use k = minSamples - 1.
   */
  k: number;
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The curve is the same at every thread
   * count.
   */
  threads?: number;
}

/**
 * k-distance curve: the euclidean distance from each row to its k-th nearest neighbour, sorted
 * from largest to smallest, the usual aid for choosing DBSCAN's eps (Ester et al. 1996, section
 * 4.2): plot `k_distance` against `rank` and take eps near the "knee", where the distances start
 * to climb steeply (the rows to its left would be noise).
 *
 * The row itself is not its own neighbour: k = 1 is the nearest other row (a duplicate row counts,
 * at distance 0). scikit-learn's `NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)` on the
 * training rows includes each row as its own neighbour 0, so its column k is this k-distance. With
 * DBSCAN's `minSamples` counting the row itself, a row is core exactly when its
 * (minSamples − 1)-distance is <= eps, hence k = minSamples − 1.
 *
 * Neighbour search uses the library's grid index (`createGridIndex` in `lib/core/grid_index.ts`)
 * with about k + 1 rows per cell, visiting rings of cells outwards until no unvisited cell can
 * hold a closer row; plain brute force below 64 rows. The queries run on the worker pool
 * (`threads`) in fixed chunks of rows; each row's distance is its own, so the curve is the same
 * at every thread count.
 *
 * Cost: O(n · m · (d + log k)) time, where m is the number of rows visited per row (about
 * 3^g (k + 1) for evenly spread data; O(n) in the worst case, giving O(n² d)), O(n d) memory.
 * References: Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996), "A density-based algorithm
 * for discovering clusters in large spatial databases with noise", KDD-96, 226-231,
 * <https://dl.acm.org/doi/10.5555/3001460.3001507>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.neighbors.NearestNeighbors.html>.
 *
 * @param df Rows; features must be numeric without missing values.
 * @param options `k` and optional feature columns and threads.
 * @returns A frame with columns `rank` (1 to n, Int32) and `k_distance` (Float64), `k_distance`
 * descending.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, `k` is not an
 * integer from 1 to n - 1, or `threads` is not an integer from 1 to 64.
 *
 * @example Nearest-neighbour distances on a line
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kDistance } from "./k_distance.ts";
 *
 * const curve = kDistance(pl.DataFrame({ x: [0, 1, 3, 10] }), { k: 1 });
 * assert.deepEqual(curve.getColumn("k_distance").toArray(), [7, 2, 1, 1]);
 * assert.deepEqual(curve.getColumn("rank").toArray(), [1, 2, 3, 4]);
 * ```
 */
export function kDistance(df: DataFrame, options: KDistanceOptions): DataFrame {
  const action = "compute k-distance";
  const threads = resolveThreads(options.threads, action);
  const matrix = featureMatrix(df, { features: options.features, action: action });
  const { n, d } = matrix;
  const k = requireInteger(options.k, "k", `${action} for n = ${n} rows`, 1, n - 1);
  // Cells that would hold about k + 1 rows each if the rows were spread evenly.
  const grid = buildGridIndex(
    { data: toShared(matrix.data), n, d },
    { rowsPerCell: k + 1, shared: true },
  );
  const shared = sharedArray(Float64Array, n);
  runParallel({
    module: KERNELS,
    name: "kDistanceRows",
    kernel: kDistanceRows,
    tasks: Math.ceil(n / NEIGHBOUR_CHUNK),
    arrays: {},
    params: {
      n,
      k,
      layout: grid.layout,
      grid: packShared(grid.arrays as unknown as Record<string, Int32Array | Float64Array>),
      buffers: packShared({ distances: shared }),
    },
  }, { threads: n < PARALLEL_FROM_ROWS ? 1 : threads, action });
  const distances = shared.slice().sort().reverse();
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = i + 1;
  return pl.DataFrame([pl.Series("rank", rank), pl.Series("k_distance", distances)]);
}
