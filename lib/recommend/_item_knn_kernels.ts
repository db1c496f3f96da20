/**
 * The item-item similarity kernel of the item-kNN recommender, run by the worker pool
 * (lib/core/worker_pool.ts) over fixed blocks of items. Imports nothing: each worker thread loads
 * this module, and it must not pull in nodejs-polars.
 *
 * @module
 */

/** Items per task: fixed, never derived from the thread count. */
export const ITEMS_PER_TASK = 64;

/** The shared arrays of {@linkcode itemNeighbourBlock}. */
export interface ItemNeighbourArrays {
  /** The customer x item matrix in CSR form: row pointers. */
  rowPtr: Int32Array;
  /** Item code of each cell, ascending within a customer. */
  colIdx: Int32Array;
  /** Weight of each cell. */
  values: Float64Array;
  /** The transpose (item x customer): column pointers. */
  colPtr: Int32Array;
  /** Customer row of each cell, ascending within an item. */
  rowIdx: Int32Array;
  /** Weight of each transposed cell. */
  colValues: Float64Array;
  /** Euclidean norm of each item's column. */
  norms: Float64Array;
  /** Output: how many neighbours item i kept (at most k). */
  counts: Int32Array;
  /** Output: item i's neighbours at `i * k` to `i * k + counts[i] - 1`, most similar first. */
  idx: Int32Array;
  /** Output: their similarities, at the same positions. */
  sims: Float64Array;
}

/** The parameters of {@linkcode itemNeighbourBlock}. */
export interface ItemNeighbourParams {
  /** Neighbours kept per item. */
  k: number;
  /** Shrinkage λ >= 0. */
  shrinkage: number;
  /** Number of items. */
  nItems: number;
}

/** Scratch arrays of one thread, reused across tasks of the same size (left zeroed). */
let scratch:
  | { n: number; co: Int32Array; dot: Float64Array; sim: Float64Array; touched: Int32Array }
  | undefined;

/**
 * Task t: for the items `t * ITEMS_PER_TASK` to `(t + 1) * ITEMS_PER_TASK - 1`, the co-occurrence
 * row of C = XᵀX with dense accumulators, the shrunk cosine
 * `(dot / (‖i‖·‖j‖)) · (co / (co + shrinkage))` and the `k` most similar items (descending, ties:
 * code ascending), written to the item's own slots of `idx`/`sims`/`counts`.
 *
 * @param task The task number.
 * @param arrays The matrix, its transpose, the norms and the outputs.
 * @param params k, shrinkage and the item count.
 */
export function itemNeighbourBlock(
  task: number,
  arrays: ItemNeighbourArrays,
  params: ItemNeighbourParams,
): void {
  const { rowPtr, colIdx, values, colPtr, rowIdx, colValues, norms, counts, idx, sims } = arrays;
  const { k, shrinkage, nItems } = params;
  if (scratch === undefined || scratch.n !== nItems) {
    scratch = {
      n: nItems,
      co: new Int32Array(nItems),
      dot: new Float64Array(nItems),
      sim: new Float64Array(nItems),
      touched: new Int32Array(nItems),
    };
  }
  const { co, dot, sim, touched } = scratch;
  const start = task * ITEMS_PER_TASK;
  const end = Math.min(nItems, start + ITEMS_PER_TASK);
  for (let i = start; i < end; i++) {
    let count = 0;
    // Customers in ascending order, so dot(i, j) and dot(j, i) add the same terms in the same
    // order: the similarity is exactly symmetric.
    for (let p = colPtr[i]; p < colPtr[i + 1]; p++) {
      const c = rowIdx[p];
      const wi = colValues[p];
      for (let q = rowPtr[c]; q < rowPtr[c + 1]; q++) {
        const j = colIdx[q];
        if (j === i) continue;
        if (co[j] === 0) touched[count++] = j;
        co[j]++;
        dot[j] += wi * values[q];
      }
    }
    for (let t = 0; t < count; t++) {
      const j = touched[t];
      sim[j] = (dot[j] / (norms[i] * norms[j])) * (co[j] / (co[j] + shrinkage));
    }
    counts[i] = selectTopInto(touched, count, sim, k, idx, sims, i * k);
    for (let t = 0; t < count; t++) {
      co[touched[t]] = 0;
      dot[touched[t]] = 0;
    }
  }
}

/**
 * Keeps the best `n` of the `count` codes in `codes` by `score[code]` (descending, then code
 * ascending) in `outItems`/`outScores` from `offset`, best first; returns how many were kept.
 * An insertion buffer; `selectTop` in _recommender.ts is this with offset 0.
 *
 * @param codes Candidate item codes.
 * @param count How many of `codes` to consider.
 * @param score Score by item code.
 * @param n How many to keep.
 * @param outItems Kept codes, written from `offset`.
 * @param outScores Their scores, written from `offset`.
 * @param offset Where the output starts.
 * @returns How many were kept.
 */
export function selectTopInto(
  codes: Int32Array,
  count: number,
  score: Float64Array,
  n: number,
  outItems: Int32Array,
  outScores: Float64Array,
  offset: number,
): number {
  let size = 0;
  for (let c = 0; c < count; c++) {
    const j = codes[c];
    const s = score[j];
    if (size === n) {
      const lastScore = outScores[offset + n - 1];
      if (s < lastScore || (s === lastScore && j > outItems[offset + n - 1])) continue;
      size--;
    }
    let p = offset + size;
    while (
      p > offset &&
      (outScores[p - 1] < s || (outScores[p - 1] === s && outItems[p - 1] > j))
    ) {
      outScores[p] = outScores[p - 1];
      outItems[p] = outItems[p - 1];
      p--;
    }
    outScores[p] = s;
    outItems[p] = j;
    size++;
  }
  return size;
}
