/**
 * A uniform grid over the rows of a feature matrix, for exact euclidean neighbour queries: the
 * rows within a radius (DBSCAN) and the k-th nearest other row (k-distance). One index, one rule
 * for choosing the grid, shared by both.
 *
 * An index is built once ({@linkcode buildGridIndex}: typed arrays and a few numbers, in shared
 * memory when asked) and opened for queries wherever it is needed ({@linkcode openGridIndex}),
 * so worker threads can query the caller's index without rebuilding it. This module imports
 * nothing, so pool kernels may import it.
 *
 * @module
 */

/** Below this many rows a grid costs more than it saves: every row goes in one cell. */
const BRUTE_FORCE_BELOW = 64;
/** At most this many cells along one feature, so cell coordinates stay exact (see below). */
const MAX_CELLS_PER_DIMENSION = 1 << 20;
/** At most this many cells in all, so cell ids stay exact integers in a double. */
const MAX_CELLS = 2 ** 52;
/** Gridded features: the first this many that vary. */
const MAX_GRID_DIMENSIONS = 3;
/** Occupied cells are looked up in a dense table when the grid has at most 4n + this cells. */
const DENSE_TABLE_SLACK = 1024;

/** The matrix a {@linkcode GridIndex} is built over (a `FeatureMatrix` fits). */
export interface GridMatrix {
  /** Row-major values: row `i`, feature `j` is `data[i * d + j]`; all finite. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly n: number;
  /** Number of features. */
  readonly d: number;
}

/** Options for {@linkcode createGridIndex}: how wide the cells are (give exactly one). */
export interface GridIndexOptions {
  /**
   * Side of the (cubic) cells, in feature units. For radius-r queries a hair above r, e.g.
   * `r * (1 + 1e-6)`, so that each query visits only the 3^g cells around a row.
   */
  cellSize?: number;
  /**
   * Rows per cell if the rows were spread evenly over their bounding box, for k-nearest queries
   * (about k + 1).
   */
  rowsPerCell?: number;
}

/** Exact neighbour queries over the rows of one matrix (see {@linkcode createGridIndex}). */
export interface GridIndex {
  /** Features (column indexes of the matrix) the grid is laid over, at most 3. */
  readonly dimensions: Int32Array;
  /** Side of the cells, in feature units (Infinity when every row is in one cell). */
  readonly cellSize: number;
  /** Number of occupied cells. */
  readonly occupiedCells: number;
  /**
   * The rows at euclidean distance <= `radius` of row `row` (itself included), tested as
   * Σ (x_j − y_j)² <= radius², in no particular order.
   *
   * @param row The query row, 0-based.
   * @param radius The radius, > 0.
   * @param limit Stop after this many rows (pass `n` for all).
   * @param out Where to write the rows, or null to count only.
   * @returns How many rows were found (at most `limit`).
   */
  withinRadius(row: number, radius: number, limit: number, out: Int32Array | null): number;
  /**
   * The squared euclidean distance from row `row` to its k-th nearest other row (a duplicate row
   * counts, at distance 0).
   *
   * @param row The query row, 0-based.
   * @param k Which neighbour, from 1 to n - 1.
   * @returns The squared distance.
   */
  kthNearestSquared(row: number, k: number): number;
}

/** The arrays of a built grid index (shared memory when built with `shared`). */
export interface GridIndexArrays {
  /** The matrix's row-major values. */
  data: Float64Array;
  /** Gridded features (column indexes). */
  dims: Int32Array;
  /** Cell coordinates of each row, n·g. */
  coordinates: Int32Array;
  /** Rows in cell order (ties by row). */
  sorted: Int32Array;
  /** Occupied cell c holds sorted[start[c]] .. sorted[start[c + 1] - 1]. */
  start: Int32Array;
  /** Occupied cell of each row. */
  rowCell: Int32Array;
  /** Occupied cell of each cell id, or -1 (dense grids; empty otherwise). */
  table: Int32Array;
  /** Cell id of each occupied cell, ascending (sparse grids; empty otherwise). */
  cellIds: Float64Array;
  /** Coordinates of each occupied cell, occupied·g. */
  cellCoordinates: Int32Array;
  /** For radius queries at `adjacentReach`: occupied cells around each occupied cell (CSR). */
  adjacentStart: Int32Array;
  adjacentCells: Int32Array;
}

/** The numbers of a built grid index (plain data). */
export interface GridIndexLayout {
  n: number;
  d: number;
  /** Number of gridded features. */
  g: number;
  /** Cell side. */
  side: number;
  /** Cells along each gridded feature. */
  extent: number[];
  /** Occupied cells. */
  occupied: number;
  /** The reach `adjacentStart`/`adjacentCells` were built for, or -1. */
  adjacentReach: number;
}

/** A built grid index: what {@linkcode openGridIndex} needs. */
export interface GridIndexParts {
  arrays: GridIndexArrays;
  layout: GridIndexLayout;
}

/** Options for {@linkcode buildGridIndex}. */
export interface BuildGridIndexOptions extends GridIndexOptions {
  /** Put the arrays in shared memory (for worker threads). Default false. */
  shared?: boolean;
  /** Build the cell adjacency for radius queries at this radius now (shared with the arrays). */
  radius?: number;
}

/**
 * Builds a uniform grid of cubic cells over the first (up to) three features that vary, for
 * exact neighbour queries. Rows are sorted by cell; a query scans the cells around the query
 * row's cell and checks the full squared distance over all `d` features, so the answers are
 * exactly those of brute force (same sums, in the same feature order).
 *
 * The one rule for the grid: cells of side `cellSize` (or, from `rowsPerCell`, the side that
 * would hold that many rows per cell if the rows filled their bounding box evenly), widened so
 * that no feature needs more than 2^20 cells and the grid no more than 2^52 (cell coordinates
 * and ids then stay exact, and rounding moves a coordinate by less than 1e-9 of a cell). Below 64
 * rows, or when no feature varies, every row goes in one cell (brute force).
 *
 * - `withinRadius` visits the cells within ⌈radius / side⌉ cells of the row's cell along each
 *   gridded feature (the 3^g adjacent cells when the side is a hair above the radius); the lists
 *   of occupied cells around each cell are built once per radius and reused.
 * - `kthNearestSquared` keeps a max-heap of the k smallest squared distances and visits rings of
 *   cells outwards, stopping when no unvisited cell can hold a closer row; once a ring would
 *   cover more cells than are occupied, it scans the remaining occupied cells directly.
 *
 * Cost: building O(n·d + n log n) time, O(n + occupied cells) memory (O(n) more for a dense cell
 * table when the grid has at most 4n + 1024 cells). A query costs O(m·d) for the m rows in the
 * cells it visits (plus O(m log k) for k-nearest): about 3^g times the rows per cell for evenly
 * spread data, O(n·d) in the worst case (all rows in the visited cells), the cost of brute force.
 *
 * @param matrix The rows (row-major, finite values).
 * @param options `cellSize` or `rowsPerCell`.
 * @returns The index.
 * @throws {RangeError} When neither or both options are given, or the one given is not a
 * finite number > 0.
 *
 * @example The rows within 1.5 of the first row
 * ```ts
 * import assert from "node:assert/strict";
 * import { createGridIndex } from "./grid_index.ts";
 *
 * const matrix = { data: new Float64Array([0, 1, 3, 10]), n: 4, d: 1 };
 * const index = createGridIndex(matrix, { cellSize: 1.5 * (1 + 1e-6) });
 * const out = new Int32Array(4);
 * const count = index.withinRadius(0, 1.5, 4, out);
 * assert.deepEqual([...out.subarray(0, count)].sort(), [0, 1]);
 * assert.equal(index.kthNearestSquared(3, 1), 49);
 * ```
 */
export function createGridIndex(matrix: GridMatrix, options: GridIndexOptions): GridIndex {
  return openGridIndex(buildGridIndex(matrix, options));
}

/**
 * Builds the grid of {@linkcode createGridIndex} as typed arrays and numbers, to be opened for
 * queries by {@linkcode openGridIndex}, in this thread or in worker threads.
 *
 * @param matrix The rows (row-major, finite values).
 * @param options `cellSize` or `rowsPerCell`; `shared` for shared memory; `radius` to build the
 *   cell adjacency of radius queries now.
 * @returns The parts.
 * @throws {RangeError} As {@linkcode createGridIndex}.
 */
export function buildGridIndex(matrix: GridMatrix, options: BuildGridIndexOptions): GridIndexParts {
  const { data, n, d } = matrix;
  const { cellSize, rowsPerCell } = options;
  const given = (cellSize === undefined ? 0 : 1) + (rowsPerCell === undefined ? 0 : 1);
  if (given !== 1) {
    throw new RangeError(
      `Cannot build a grid index as exactly one of cellSize and rowsPerCell must be given: got ${given}`,
    );
  }
  const requested = (cellSize ?? rowsPerCell) as number;
  if (typeof requested !== "number" || !Number.isFinite(requested) || requested <= 0) {
    throw new RangeError(
      `Cannot build a grid index as ${
        cellSize === undefined ? "rowsPerCell" : "cellSize"
      } must be a finite number > 0: ${requested}`,
    );
  }

  // Gridded features: the first (up to) three with a positive, finite range.
  const dims: number[] = [];
  const low: number[] = [];
  const range: number[] = [];
  for (let j = 0; j < d && dims.length < MAX_GRID_DIMENSIONS && n >= BRUTE_FORCE_BELOW; j++) {
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
  let side = Infinity;
  const extent = new Array<number>(g).fill(1);
  if (g > 0) {
    side = cellSize ??
      Math.pow(range.reduce((a, b) => a * b, 1) * (rowsPerCell as number) / n, 1 / g);
    if (!(side > 0) || !Number.isFinite(side)) side = Math.max(...range) / n;
    side = Math.max(side, Math.max(...range) / (MAX_CELLS_PER_DIMENSION - 1));
    const cellsFor = (s: number) => range.reduce((cells, r) => cells * (Math.floor(r / s) + 1), 1);
    while (cellsFor(side) > MAX_CELLS) side *= 2;
    for (let t = 0; t < g; t++) extent[t] = Math.floor(range[t] / side) + 1;
  }
  const totalCells = extent.reduce((a, b) => a * b, 1);

  // Cell coordinates and id of each row (row-major over the coordinates), rows sorted by id.
  const int32 = (length: number) =>
    options.shared
      ? new Int32Array(new SharedArrayBuffer(4 * Math.max(0, length)))
      : new Int32Array(length);
  const float64 = (length: number) =>
    options.shared
      ? new Float64Array(new SharedArrayBuffer(8 * Math.max(0, length)))
      : new Float64Array(length);
  const coordinates = int32(n * g);
  const cellId = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let id = 0;
    for (let t = 0; t < g; t++) {
      const c = Math.min(extent[t] - 1, Math.floor((data[i * d + dims[t]] - low[t]) / side));
      coordinates[i * g + t] = c;
      id = id * extent[t] + c;
    }
    cellId[i] = id;
  }
  const sorted = int32(n);
  for (let i = 0; i < n; i++) sorted[i] = i;
  if (g > 0) sorted.sort((a, b) => cellId[a] - cellId[b] || a - b);
  // Occupied cells in id order: cell c holds sorted[start[c]] .. sorted[start[c + 1] - 1].
  const starts: number[] = [];
  for (let p = 0; p < n; p++) {
    if (p === 0 || cellId[sorted[p]] !== cellId[sorted[p - 1]]) starts.push(p);
  }
  const occupied = starts.length;
  starts.push(n);
  const start = int32(starts.length);
  start.set(starts);
  const rowCell = int32(n);
  for (let c = 0; c < occupied; c++) {
    for (let p = start[c]; p < start[c + 1]; p++) rowCell[sorted[p]] = c;
  }
  // Cell id -> occupied cell (or -1): a dense table when small, else a binary search of the
  // occupied cells' ids (ascending, as the rows are sorted by id).
  let table = int32(0);
  let cellIds = float64(0);
  if (totalCells <= 4 * n + DENSE_TABLE_SLACK) {
    table = int32(totalCells).fill(-1);
    for (let c = 0; c < occupied; c++) table[cellId[sorted[start[c]]]] = c;
  } else {
    cellIds = float64(occupied);
    for (let c = 0; c < occupied; c++) cellIds[c] = cellId[sorted[start[c]]];
  }
  // Coordinates of each occupied cell.
  const cellCoordinates = int32(occupied * g);
  for (let c = 0; c < occupied; c++) {
    for (let t = 0; t < g; t++) cellCoordinates[c * g + t] = coordinates[sorted[start[c]] * g + t];
  }

  function sharedCopy(values: number[]): Int32Array {
    const copy = int32(values.length);
    copy.set(values);
    return copy;
  }
  const parts: GridIndexParts = {
    arrays: {
      data,
      dims: sharedCopy(dims),
      coordinates,
      sorted,
      start,
      rowCell,
      table,
      cellIds,
      cellCoordinates,
      adjacentStart: int32(0),
      adjacentCells: int32(0),
    },
    layout: { n, d, g, side, extent, occupied, adjacentReach: -1 },
  };
  if (options.radius !== undefined) {
    const reach = reachOf(g, side, options.radius);
    const { adjacentStart, adjacentCells } = openGridIndex(parts).adjacency(reach);
    parts.arrays.adjacentStart = int32(adjacentStart.length);
    parts.arrays.adjacentStart.set(adjacentStart);
    parts.arrays.adjacentCells = int32(adjacentCells.length);
    parts.arrays.adjacentCells.set(adjacentCells);
    parts.layout.adjacentReach = reach;
  }
  return parts;
}

/** Cells a radius query must reach: coordinates are exact to within 1e-9 of a cell, so rows
 * within the radius are at most ceil(radius / side + 1e-9) cells apart along each gridded feature. */
function reachOf(g: number, side: number, radius: number): number {
  return g === 0 ? 0 : Math.ceil(radius / side + 1e-9);
}

/** An opened index: the queries, and the adjacency lists for a reach (for building). */
interface OpenedGridIndex extends GridIndex {
  adjacency(reach: number): { adjacentStart: Int32Array; adjacentCells: Int32Array };
}

/**
 * Opens a built grid index for queries (see {@linkcode GridIndex}), without rebuilding it: in a
 * worker thread, from parts built in shared memory. Each opened index has its own scratch space,
 * so each thread opens its own.
 *
 * @param parts From {@linkcode buildGridIndex}.
 * @returns The index.
 */
export function openGridIndex(parts: GridIndexParts): OpenedGridIndex {
  const {
    data,
    dims,
    coordinates,
    sorted,
    start,
    rowCell,
    table,
    cellIds,
    cellCoordinates,
  } = parts.arrays;
  const { d, g, side, extent, occupied } = parts.layout;
  const dense = table.length > 0;
  const lookup = (id: number): number => {
    if (dense) return table[id];
    let lo = 0;
    let hi = occupied - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cellIds[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return occupied > 0 && cellIds[lo] === id ? lo : -1;
  };

  const squared = (a: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = data[a * d + j] - data[b * d + j];
      s += diff * diff;
    }
    return s;
  };

  /**
   * Writes to `out` the occupied cells at Chebyshev distance `reach` (with `ringOnly`) or at most
   * `reach` (without) from the cell of row `center`, in cell coordinates; returns how many. Walks
   * the cells of the box, or the list of occupied cells when that is shorter.
   */
  const lowCorner = new Int32Array(MAX_GRID_DIMENSIONS);
  const highCorner = new Int32Array(MAX_GRID_DIMENSIONS);
  const centre = new Int32Array(MAX_GRID_DIMENSIONS);
  const cellsAround = (center: number, reach: number, ringOnly: boolean, out: Int32Array) => {
    let boxCells = 1;
    for (let t = 0; t < MAX_GRID_DIMENSIONS; t++) {
      const c = t < g ? coordinates[center * g + t] : 0;
      centre[t] = c;
      lowCorner[t] = t < g ? Math.max(0, c - reach) : 0;
      highCorner[t] = t < g ? Math.min(extent[t] - 1, c + reach) : 0;
      boxCells *= highCorner[t] - lowCorner[t] + 1;
    }
    let count = 0;
    if (boxCells > occupied) {
      for (let c = 0; c < occupied; c++) {
        let far = 0;
        for (let t = 0; t < g; t++) {
          const gap = Math.abs(cellCoordinates[c * g + t] - centre[t]);
          if (gap > far) far = gap;
        }
        if (ringOnly ? far === reach : far <= reach) out[count++] = c;
      }
      return count;
    }
    const [c0, c1, c2] = centre;
    for (let x0 = lowCorner[0]; x0 <= highCorner[0]; x0++) {
      const on0 = g > 0 && Math.abs(x0 - c0) === reach;
      for (let x1 = lowCorner[1]; x1 <= highCorner[1]; x1++) {
        const on1 = on0 || (g > 1 && Math.abs(x1 - c1) === reach);
        for (let x2 = lowCorner[2]; x2 <= highCorner[2]; x2++) {
          const on2 = on1 || (g > 2 && Math.abs(x2 - c2) === reach);
          if (ringOnly && !on2 && reach > 0) {
            // An interior cell, visited in an earlier ring: jump to the far side of the ring.
            if (g === 3) x2 = Math.max(x2, c2 + reach - 1);
            else if (g === 2) x1 = Math.max(x1, c1 + reach - 1);
            else x0 = Math.max(x0, c0 + reach - 1);
            continue;
          }
          let id = x0;
          if (g > 1) id = id * extent[1] + x1;
          if (g > 2) id = id * extent[2] + x2;
          const cell = lookup(id);
          if (cell >= 0) out[count++] = cell;
        }
      }
    }
    return count;
  };
  const found = new Int32Array(occupied);

  // Radius queries: occupied cells around each occupied cell (itself included), as CSR lists,
  // built for one reach at a time.
  let adjacentReach = parts.layout.adjacentReach;
  let adjacentStart = parts.arrays.adjacentStart;
  let adjacentCells = parts.arrays.adjacentCells;
  const adjacency = (reach: number) => {
    const list: number[] = [];
    const starts = new Int32Array(occupied + 1);
    for (let c = 0; c < occupied; c++) {
      const count = cellsAround(sorted[start[c]], reach, false, found);
      for (let f = 0; f < count; f++) list.push(found[f]);
      starts[c + 1] = list.length;
    }
    return { adjacentStart: starts, adjacentCells: Int32Array.from(list) };
  };
  const buildAdjacency = (reach: number): void => {
    ({ adjacentStart, adjacentCells } = adjacency(reach));
    adjacentReach = reach;
  };

  // k-nearest queries: a max-heap of the k smallest squared distances so far.
  let heap = new Float64Array(0);
  let heapSize = 0;
  let heapLimit = 0;
  const offer = (value: number): void => {
    const k = heapLimit;
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
  const maxRing = Math.max(0, ...extent.map((e) => e - 1));

  return {
    adjacency,
    dimensions: Int32Array.from(dims),
    cellSize: side,
    occupiedCells: occupied,
    withinRadius(row, radius, limit, out) {
      const radius2 = radius * radius;
      const reach = reachOf(g, side, radius);
      if (reach !== adjacentReach) buildAdjacency(reach);
      let count = 0;
      const cell = rowCell[row];
      for (let a = adjacentStart[cell]; a < adjacentStart[cell + 1]; a++) {
        const other = adjacentCells[a];
        for (let p = start[other]; p < start[other + 1]; p++) {
          const candidate = sorted[p];
          if (squared(row, candidate) <= radius2) {
            if (out) out[count] = candidate;
            if (++count >= limit) return count;
          }
        }
      }
      return count;
    },
    kthNearestSquared(row, k) {
      if (heap.length < k) heap = new Float64Array(k);
      heapSize = 0;
      heapLimit = k;
      for (let ring = 0; ring <= maxRing; ring++) {
        const count = cellsAround(row, ring, true, found);
        for (let f = 0; f < count; f++) {
          const cell = found[f];
          for (let p = start[cell]; p < start[cell + 1]; p++) {
            const other = sorted[p];
            if (other !== row) offer(squared(row, other));
          }
        }
        // Unvisited rows differ from this row by at least `ring` whole cells along some gridded
        // feature (less a margin for rounding in the cell coordinates).
        const bound = Math.max(0, ring - 1e-6) * side;
        if (heapSize === k && heap[0] <= bound * bound) break;
      }
      return heap[0];
    },
  };
}
