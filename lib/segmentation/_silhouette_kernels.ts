/**
 * The silhouette kernels behind `silhouetteOfMatrix` (silhouette_samples.ts), for the worker pool
 * (lib/core/worker_pool.ts). Import-free apart from the shared-view helper: a worker that loads
 * this module loads no nodejs-polars.
 *
 * Rows are sorted by cluster and cut into blocks of one cluster each (at most `blockSize` rows).
 * {@linkcode silhouettePairs}: task t takes one pair of blocks (I <= J) and computes each distance
 * between them once, adding it to `blockSums[J·n + p]` for p in I and `blockSums[I·n + q]` for q
 * in J. No other task writes those cells, and each task adds in a fixed order, so the sums are the
 * same bits at any thread count. {@linkcode silhouetteRows}: when that table would be too large,
 * task t takes a chunk of rows and sums each row's distances cluster by cluster (every distance
 * computed twice, no table).
 *
 * @module
 */
import { type PackedArrays, unpackShared } from "./_shared_views.ts";

/** Parameters of {@linkcode silhouettePairs}. */
export interface PairParams {
  n: number;
  d: number;
  buffers: PackedArrays;
}

/** Arrays of {@linkcode silhouettePairs}. */
export interface PairArrays {
  /** Rows sorted by cluster, row-major, n·d. */
  x: Float64Array;
  /** Start of each block in sorted positions, blocks + 1 entries. */
  blockStart: Int32Array;
  /** Task t's blocks: `pairs[2t]` <= `pairs[2t + 1]`. */
  pairs: Int32Array;
  /** blocks·n: total distance from sorted position p to the rows of block b, at `b·n + p`. */
  blockSums: Float64Array;
}

/** Pool kernel: the distances between the two blocks of task `task`. */
export function silhouettePairs(task: number, _arrays: unknown, params: PairParams): void {
  const { x, blockStart, pairs, blockSums } = unpackShared<PairArrays>(params.buffers);
  const { n, d } = params;
  const a = pairs[2 * task];
  const b = pairs[2 * task + 1];
  const aEnd = blockStart[a + 1];
  const bEnd = blockStart[b + 1];
  const toA = a * n;
  const toB = b * n;
  for (let p = blockStart[a]; p < aEnd; p++) {
    const po = p * d;
    let acc = 0;
    for (let q = a === b ? p + 1 : blockStart[b]; q < bEnd; q++) {
      const qo = q * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = x[po + j] - x[qo + j];
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      acc += dist;
      blockSums[toA + q] += dist;
    }
    blockSums[toB + p] += acc;
  }
}

/** Parameters of {@linkcode silhouetteRows}. */
export interface RowParams {
  n: number;
  d: number;
  k: number;
  /** Sorted positions per task. */
  chunk: number;
  buffers: PackedArrays;
}

/** Arrays of {@linkcode silhouetteRows}. */
export interface RowArrays {
  x: Float64Array;
  /** Start of each cluster in sorted positions, k + 1 entries. */
  start: Int32Array;
  /** Cluster of each sorted position. */
  clusterOf: Int32Array;
  /** The silhouette of each sorted position. */
  result: Float64Array;
}

/**
 * The silhouette of a row from its total distance to each cluster (`sumTo(c)`), Rousseeuw's
 * (b - a) / max(a, b), 0 for a row alone in its cluster.
 */
export function coefficient(
  own: number,
  k: number,
  start: Int32Array,
  sumTo: (c: number) => number,
): number {
  const ownSize = start[own + 1] - start[own];
  if (ownSize === 1) return 0;
  const a = sumTo(own) / (ownSize - 1);
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    if (c !== own) b = Math.min(b, sumTo(c) / (start[c + 1] - start[c]));
  }
  const denominator = Math.max(a, b);
  // scikit-learn: 0/0 (a = b = 0, duplicate points) becomes 0 through nan_to_num.
  return denominator === 0 ? 0 : (b - a) / denominator;
}

/** Pool kernel: the silhouettes of the sorted positions of chunk `task`, row by row. */
export function silhouetteRows(task: number, _arrays: unknown, params: RowParams): void {
  const { x, start, clusterOf, result } = unpackShared<RowArrays>(params.buffers);
  const { n, d, k, chunk } = params;
  const rowSums = new Float64Array(k);
  const sumTo = (c: number) => rowSums[c];
  for (let p = task * chunk; p < Math.min(n, (task + 1) * chunk); p++) {
    const po = p * d;
    for (let c = 0; c < k; c++) {
      let acc = 0;
      for (let q = start[c]; q < start[c + 1]; q++) {
        const qo = q * d;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = x[po + j] - x[qo + j];
          s += diff * diff;
        }
        acc += Math.sqrt(s);
      }
      rowSums[c] = acc;
    }
    result[p] = coefficient(clusterOf[p], k, start, sumTo);
  }
}
