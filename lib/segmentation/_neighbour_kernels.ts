/**
 * The neighbour-query kernels behind `dbscan` and `kDistance`, for the worker pool
 * (lib/core/worker_pool.ts): each task queries the caller's grid index (built once in shared
 * memory, `buildGridIndex`) for a fixed chunk of rows and writes only those rows' slots, so the
 * results are the same at any thread count. Imports only import-free modules.
 *
 * DBSCAN runs in three passes: which rows are core ({@linkcode dbscanCore}); the clusters, as the
 * connected components of core rows within eps of each other, joined in a shared union-find whose
 * roots are always the smallest row of their tree ({@linkcode dbscanLink}: links go from the larger
 * root to the smaller by compare-and-swap, so whatever the order of the links, each component
 * ends with its smallest row as root); and the border rows, each taking the lowest cluster number
 * among its core neighbours ({@linkcode dbscanBorder}). Numbering the clusters by their smallest
 * row gives scikit-learn's labels (see dbscan.ts).
 *
 * @module
 */
import {
  type GridIndex,
  type GridIndexArrays,
  type GridIndexLayout,
  openGridIndex,
} from "../core/grid_index.ts";
import { type PackedArrays, unpackShared } from "./_shared_views.ts";

/** Rows per task. */
export const NEIGHBOUR_CHUNK = 1024;

/** Parameters shared by the neighbour kernels. */
export interface NeighbourParams {
  n: number;
  /** The grid index: its layout and its packed arrays. */
  layout: GridIndexLayout;
  grid: PackedArrays;
  /** The kernel's own arrays, packed. */
  buffers: PackedArrays;
  eps?: number;
  minSamples?: number;
  k?: number;
}

const opened = new WeakMap<PackedArrays, { index: GridIndex; found: Int32Array }>();

/** This thread's view of the job's index (opened once per job and thread). */
function indexOf(params: NeighbourParams): { index: GridIndex; found: Int32Array } {
  let entry = opened.get(params.grid);
  if (entry === undefined) {
    const arrays = unpackShared<GridIndexArrays>(params.grid);
    entry = {
      index: openGridIndex({ arrays, layout: params.layout }),
      found: new Int32Array(params.n),
    };
    opened.set(params.grid, entry);
  }
  return entry;
}

function rowsOf(task: number, n: number): [number, number] {
  const lo = task * NEIGHBOUR_CHUNK;
  return [lo, Math.min(n, lo + NEIGHBOUR_CHUNK)];
}

/** Pool kernel: `core[i]` = 1 when row i has at least minSamples rows within eps (itself included). */
export function dbscanCore(task: number, _arrays: unknown, params: NeighbourParams): void {
  const { core } = unpackShared<{ core: Uint8Array }>(params.buffers);
  const { index } = indexOf(params);
  const [lo, hi] = rowsOf(task, params.n);
  const { eps, minSamples } = params as Required<NeighbourParams>;
  for (let i = lo; i < hi; i++) {
    core[i] = index.withinRadius(i, eps, minSamples, null) >= minSamples ? 1 : 0;
  }
}

/** The root of row x's tree, halving the path on the way (each step keeps parent <= row). */
export function findRoot(parent: Int32Array, x: number): number {
  for (;;) {
    const p = Atomics.load(parent, x);
    if (p === x) return x;
    const grand = Atomics.load(parent, p);
    if (grand !== p) Atomics.compareExchange(parent, x, p, grand);
    x = grand;
  }
}

/** Joins the trees of rows a and b: the larger root is linked under the smaller. */
function union(parent: Int32Array, a: number, b: number): void {
  for (;;) {
    a = findRoot(parent, a);
    b = findRoot(parent, b);
    if (a === b) return;
    if (a < b) {
      const t = a;
      a = b;
      b = t;
    }
    if (Atomics.compareExchange(parent, a, a, b) === a) return;
  }
}

/** Pool kernel: joins each core row of the chunk with its core neighbours of lower row number. */
export function dbscanLink(task: number, _arrays: unknown, params: NeighbourParams): void {
  const { core, parent } = unpackShared<{ core: Uint8Array; parent: Int32Array }>(params.buffers);
  const { index, found } = indexOf(params);
  const [lo, hi] = rowsOf(task, params.n);
  const eps = params.eps!;
  for (let i = lo; i < hi; i++) {
    if (!core[i]) continue;
    const count = index.withinRadius(i, eps, params.n, found);
    for (let t = 0; t < count; t++) {
      const j = found[t];
      if (j < i && core[j]) union(parent, i, j);
    }
  }
}

/**
 * Pool kernel: each non-core row of the chunk takes the lowest cluster number among its core
 * neighbours (`labels` of core rows are set), or -1 (noise).
 */
export function dbscanBorder(task: number, _arrays: unknown, params: NeighbourParams): void {
  const { core, labels } = unpackShared<{ core: Uint8Array; labels: Int32Array }>(
    params.buffers,
  );
  const { index, found } = indexOf(params);
  const [lo, hi] = rowsOf(task, params.n);
  const eps = params.eps!;
  for (let i = lo; i < hi; i++) {
    if (core[i]) continue;
    const count = index.withinRadius(i, eps, params.n, found);
    let best = -1;
    for (let t = 0; t < count; t++) {
      const j = found[t];
      if (core[j] && (best < 0 || labels[j] < best)) best = labels[j];
    }
    labels[i] = best;
  }
}

/** Pool kernel: the distance from each row of the chunk to its k-th nearest other row. */
export function kDistanceRows(task: number, _arrays: unknown, params: NeighbourParams): void {
  const { distances } = unpackShared<{ distances: Float64Array }>(params.buffers);
  const { index } = indexOf(params);
  const [lo, hi] = rowsOf(task, params.n);
  const k = params.k!;
  for (let i = lo; i < hi; i++) distances[i] = Math.sqrt(index.kthNearestSquared(i, k));
}
