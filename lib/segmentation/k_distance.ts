import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";

/** Options for {@linkcode kDistance}. */
export interface KDistanceOptions {
  /**
   * Which neighbour: the distance to each row's k-th nearest other row. An integer from 1 to
   * n - 1. For choosing DBSCAN's eps, use k = minSamples - 1.
   */
  k: number;
  /** Feature columns. Default: every numeric column. */
  features?: readonly string[];
}

/** Below this many rows the grid costs more than it saves. */
const BRUTE_FORCE_BELOW = 64;

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
 * Neighbour search uses a uniform grid over the first min(d, 3) features with about k + 1 rows per
 * cell, visiting rings of cells outwards until no unvisited cell can hold a closer row, and plain
 * brute force below 64 rows.
 *
 * Cost: O(n · m · (d + log k)) time, where m is the number of rows visited per row (about
 * 3^g (k + 1) for evenly spread data; O(n) in the worst case, giving O(n² d)), O(n d) memory.
 * References: Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996), "A density-based algorithm
 * for discovering clusters in large spatial databases with noise", KDD-96, 226-231,
 * <https://dl.acm.org/doi/10.5555/3001460.3001507>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.neighbors.NearestNeighbors.html>.
 *
 * @param df Rows; features must be numeric without missing values.
 * @param options `k` and optional feature columns.
 * @returns A frame with columns `rank` (1 to n, Int32) and `k_distance` (Float64), `k_distance`
 * descending.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, or `k` is not an
 * integer from 1 to n - 1.
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
  const { k } = options;
  const { data, n, d } = featureMatrix(df, { features: options.features, action: action });
  if (!Number.isInteger(k) || k < 1 || k > n - 1) {
    throw new RangeError(
      `Cannot ${action} as k must be an integer from 1 to n - 1: k = ${k} for n = ${n} rows`,
    );
  }
  const distances = kthNeighbourDistances(data, n, d, k);
  distances.sort().reverse();
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = i + 1;
  return pl.DataFrame([pl.Series("rank", rank), pl.Series("k_distance", distances)]);
}

/** Distance of each row to its k-th nearest other row (unsorted, row order). */
function kthNeighbourDistances(data: Float64Array, n: number, d: number, k: number): Float64Array {
  const heap = new Float64Array(k); // max-heap of the k smallest squared distances so far
  let heapSize = 0;
  const offer = (value: number) => {
    if (heapSize < k) {
      let i = heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent] >= value) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = value;
    } else if (value < heap[0]) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= k) break;
        const right = left + 1;
        const child = right < k && heap[right] > heap[left] ? right : left;
        if (heap[child] <= value) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = value;
    }
  };
  const squared = (a: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = data[a * d + j] - data[b * d + j];
      s += diff * diff;
    }
    return s;
  };
  const result = new Float64Array(n);

  // Grid dimensions: the first min(d, 3) features that vary.
  const dims: number[] = [];
  const low: number[] = [];
  const range: number[] = [];
  for (let j = 0; j < d && dims.length < 3; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi > lo && Number.isFinite(hi - lo)) {
      dims.push(j);
      low.push(lo);
      range.push(hi - lo);
    }
  }
  const g = dims.length;
  if (n < BRUTE_FORCE_BELOW || g === 0) {
    for (let i = 0; i < n; i++) {
      heapSize = 0;
      for (let other = 0; other < n; other++) if (other !== i) offer(squared(i, other));
      result[i] = Math.sqrt(heap[0]);
    }
    return result;
  }

  // Cube cells holding about k + 1 rows each if the rows were spread evenly over the bounding box,
  // widened (doubling) while the grid would have more than max(4n, 1024) cells.
  const volume = range.reduce((a, b) => a * b, 1);
  let side = Math.pow((volume * (k + 1)) / n, 1 / g);
  if (!(side > 0) || !Number.isFinite(side)) side = Math.max(...range) / n;
  let extent = range.map((r) => Math.floor(r / side) + 1);
  while (extent.reduce((a, b) => a * b, 1) > Math.max(4 * n, 1024)) {
    side *= 2;
    extent = range.map((r) => Math.floor(r / side) + 1);
  }
  const cellCount = extent.reduce((a, b) => a * b, 1);
  const coordinates = new Int32Array(n * g);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let id = 0;
    for (let t = 0; t < g; t++) {
      const c = Math.min(extent[t] - 1, Math.floor((data[i * d + dims[t]] - low[t]) / side));
      coordinates[i * g + t] = c;
      id = id * extent[t] + c;
    }
    cellOf[i] = id;
  }
  // Rows grouped by cell (counting sort); cell c holds sorted[cellStart[c] .. cellStart[c+1]-1].
  const cellStart = new Int32Array(cellCount + 1);
  for (let i = 0; i < n; i++) cellStart[cellOf[i] + 1]++;
  for (let c = 0; c < cellCount; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, cellCount);
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[fill[cellOf[i]]++] = i;

  const maxRing = Math.max(...extent);
  const lowCorner = new Int32Array(3);
  const highCorner = new Int32Array(3);
  for (let i = 0; i < n; i++) {
    heapSize = 0;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Visit the cells at Chebyshev distance exactly `ring` from row i's cell, clipped to the grid.
      for (let t = 0; t < 3; t++) {
        const c = t < g ? coordinates[i * g + t] : 0;
        lowCorner[t] = t < g ? Math.max(0, c - ring) : 0;
        highCorner[t] = t < g ? Math.min(extent[t] - 1, c + ring) : 0;
      }
      for (let c0 = lowCorner[0]; c0 <= highCorner[0]; c0++) {
        const on0 = Math.abs(c0 - coordinates[i * g]) === ring;
        for (let c1 = lowCorner[1]; c1 <= highCorner[1]; c1++) {
          const on1 = on0 || (g > 1 && Math.abs(c1 - coordinates[i * g + 1]) === ring);
          for (let c2 = lowCorner[2]; c2 <= highCorner[2]; c2++) {
            const on2 = on1 || (g > 2 && Math.abs(c2 - coordinates[i * g + 2]) === ring);
            if (!on2) {
              // Interior cell, visited in an earlier ring: jump to the far side of the ring.
              if (g === 3) c2 = Math.max(c2, coordinates[i * g + 2] + ring - 1);
              else if (g === 2) c1 = Math.max(c1, coordinates[i * g + 1] + ring - 1);
              continue;
            }
            let id = c0;
            if (g > 1) id = id * extent[1] + c1;
            if (g > 2) id = id * extent[2] + c2;
            for (let p = cellStart[id]; p < cellStart[id + 1]; p++) {
              const other = sorted[p];
              if (other !== i) offer(squared(i, other));
            }
          }
        }
      }
      // Unvisited rows differ from row i by at least `ring` whole cells along some grid feature
      // (less a margin for rounding in the cell coordinates).
      const bound = Math.max(0, ring - 1e-6) * side;
      if (heapSize === k && heap[0] <= bound * bound) break;
    }
    result[i] = Math.sqrt(heap[0]);
  }
  return result;
}
