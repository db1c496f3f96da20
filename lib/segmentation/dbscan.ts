import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";

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
  /** Feature columns. Default: every numeric column. */
  features?: readonly string[];
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

/** Below this many rows the grid costs more than it saves. */
const BRUTE_FORCE_BELOW = 64;
/** At most this many grid cells along one dimension (keeps cell coordinates exact). */
const MAX_CELLS_PER_DIMENSION = 1 << 20;

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
 * Neighbour search uses a uniform grid of cells slightly wider than eps over the first min(d, 3)
 * features (only the 3^g adjacent cells are searched, then the full distance is checked), and
 * plain brute force below 64 rows or when the grid would have one cell. Counting stops at
 * `minSamples` neighbours, and only core rows' neighbourhoods are listed, so no neighbourhood is
 * ever stored (unlike scikit-learn, whose memory can reach O(n²)).
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
 * @param options `eps`, `minSamples` and optional feature columns.
 * @returns Labels, the number of clusters and the core rows.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, `eps` is not a
 * finite number > 0, or `minSamples` is not an integer >= 1.
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
  const { eps, minSamples } = options;
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps <= 0) {
    throw new RangeError(`Cannot ${action} as eps must be a finite number > 0: ${eps}`);
  }
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new RangeError(`Cannot ${action} as minSamples must be an integer >= 1: ${minSamples}`);
  }
  const { data, n, d } = featureMatrix(df, { features: options.features, action: action });
  const index = buildIndex(data, n, d, eps);

  const core = new Uint8Array(n);
  let coreCount = 0;
  for (let i = 0; i < n; i++) {
    if (index.neighbours(i, minSamples, null) >= minSamples) {
      core[i] = 1;
      coreCount++;
    }
  }

  // Labels are assigned when a row is first reached rather than when it is popped, as
  // scikit-learn does: each cluster still receives exactly the rows reachable from its first core
  // row, so the labels are the same, and the stack never exceeds n entries.
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const found = new Int32Array(n);
  let nClusters = 0;
  for (let seed = 0; seed < n; seed++) {
    if (labels[seed] !== -1 || !core[seed]) continue;
    const label = nClusters++;
    labels[seed] = label;
    let top = 0;
    stack[top++] = seed;
    while (top > 0) {
      const row = stack[--top];
      const count = index.neighbours(row, n, found);
      for (let t = 0; t < count; t++) {
        const other = found[t];
        if (labels[other] !== -1) continue;
        labels[other] = label;
        if (core[other]) stack[top++] = other;
      }
    }
  }
  const coreIndices = new Int32Array(coreCount);
  for (let i = 0, t = 0; i < n; i++) if (core[i]) coreIndices[t++] = i;
  return { labels, nClusters, coreIndices };
}

/** Radius-neighbour search over the rows of one matrix. */
interface NeighbourIndex {
  /**
   * Counts the rows within eps of row `row` (itself included), stopping at `limit`, and writes
   * them to `out` when given.
   */
  neighbours(row: number, limit: number, out: Int32Array | null): number;
}

function buildIndex(data: Float64Array, n: number, d: number, eps: number): NeighbourIndex {
  const eps2 = eps * eps;
  const within = (a: number, b: number): boolean => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = data[a * d + j] - data[b * d + j];
      s += diff * diff;
    }
    return s <= eps2;
  };
  const bruteForce: NeighbourIndex = {
    neighbours(row, limit, out) {
      let count = 0;
      for (let other = 0; other < n && count < limit; other++) {
        if (within(row, other)) {
          if (out) out[count] = other;
          count++;
        }
      }
      return count;
    },
  };
  if (n < BRUTE_FORCE_BELOW) return bruteForce;

  // Grid over the first g features with cells a hair wider than eps (so rounding in the cell
  // coordinates can never split two neighbours by more than one cell), widened further when a
  // dimension would need more than 2^20 cells.
  // Use as many of the first three features as keep cell ids exact (below 2^52 cells).
  const size: number[] = [];
  const extent: number[] = [];
  const low: number[] = [];
  let cells = 1;
  for (let j = 0; j < Math.min(d, 3); j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = Math.max(eps * (1 + 1e-6), (hi - lo) / MAX_CELLS_PER_DIMENSION);
    const count = Math.floor((hi - lo) / width) + 1;
    if (!Number.isFinite(count) || cells * count > 2 ** 52) break;
    size.push(width);
    extent.push(count);
    low.push(lo);
    cells *= count;
  }
  const g = size.length;
  if (cells <= 1) return bruteForce;

  // Cell id of each row (row-major over the g cell coordinates; exact below 2^53), rows sorted by
  // cell, and for each occupied cell its range in the sorted order.
  const cellId = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let id = 0;
    for (let j = 0; j < g; j++) {
      const c = Math.min(extent[j] - 1, Math.floor((data[i * d + j] - low[j]) / size[j]));
      id = id * extent[j] + c;
    }
    cellId[i] = id;
  }
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = i;
  sorted.sort((a, b) => cellId[a] - cellId[b] || a - b);
  const cellOfId = new Map<number, number>();
  const cellStart: number[] = [];
  for (let p = 0; p < n; p++) {
    if (p === 0 || cellId[sorted[p]] !== cellId[sorted[p - 1]]) {
      cellOfId.set(cellId[sorted[p]], cellStart.length);
      cellStart.push(p);
    }
  }
  const occupied = cellStart.length;
  cellStart.push(n);
  const rowCell = new Int32Array(n);
  for (let c = 0; c < occupied; c++) {
    for (let p = cellStart[c]; p < cellStart[c + 1]; p++) rowCell[sorted[p]] = c;
  }
  // Occupied cells adjacent to each occupied cell (itself included), as CSR lists.
  const adjacentStart = new Int32Array(occupied + 1);
  const adjacent: number[] = [];
  const coordinate = new Float64Array(g);
  const offsets = 3 ** g;
  for (let c = 0; c < occupied; c++) {
    let rest = cellId[sorted[cellStart[c]]];
    for (let j = g - 1; j >= 0; j--) {
      coordinate[j] = rest % extent[j];
      rest = (rest - coordinate[j]) / extent[j];
    }
    for (let o = 0; o < offsets; o++) {
      let id = 0;
      let code = o;
      let inside = true;
      for (let j = 0; j < g; j++) {
        const c2 = coordinate[j] + (code % 3) - 1;
        code = (code - (code % 3)) / 3;
        if (c2 < 0 || c2 >= extent[j]) {
          inside = false;
          break;
        }
        id = id * extent[j] + c2;
      }
      if (!inside) continue;
      const found = cellOfId.get(id);
      if (found !== undefined) adjacent.push(found);
    }
    adjacentStart[c + 1] = adjacent.length;
  }
  const adjacentCells = Int32Array.from(adjacent);
  const starts = Int32Array.from(cellStart);
  return {
    neighbours(row, limit, out) {
      let count = 0;
      const cell = rowCell[row];
      for (let a = adjacentStart[cell]; a < adjacentStart[cell + 1]; a++) {
        const other = adjacentCells[a];
        for (let p = starts[other]; p < starts[other + 1]; p++) {
          const candidate = sorted[p];
          if (within(row, candidate)) {
            if (out) out[count] = candidate;
            if (++count >= limit) return count;
          }
        }
      }
      return count;
    },
  };
}
