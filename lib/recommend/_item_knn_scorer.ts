/**
 * The typed-array core of the item-based k-nearest-neighbour recommender (shared by `fitItemKnn`
 * and `fitHybrid`).
 *
 * @module
 */
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import type {
  Candidates,
  FitItemKnnOptions,
  InteractionMatrix,
  ResolvedItemKnnOptions,
  Scorer,
} from "./_types.ts";
import {
  markBought,
  requireColumnNames,
  requireWeight,
  ScoreAccumulator,
  transpose,
} from "./_recommender.ts";
import { runParallel, sharedArray, type SharedTypedArray, toShared } from "../core/worker_pool.ts";
import {
  type ItemNeighbourArrays,
  itemNeighbourBlock,
  ITEMS_PER_TASK,
} from "./_item_knn_kernels.ts";

const KERNELS = new URL("./_item_knn_kernels.ts", import.meta.url).href;

/** Each item's top-k neighbours in CSR form, most similar first. */
export interface Neighbours {
  /** Pointers, length items + 1: item i's neighbours are at `ptr[i]` to `ptr[i + 1] - 1`. */
  readonly ptr: Int32Array;
  /** Neighbour item codes. */
  readonly idx: Int32Array;
  /** Shrunk cosine similarities, descending within an item (ties: code ascending). */
  readonly sim: Float64Array;
}

/**
 * Computes every item's `k` most similar items, by shrunk cosine
 * `(dot / (‖i‖·‖j‖)) · (co / (co + shrinkage))`, from the co-occurrence matrix C = XᵀX built one
 * item row at a time with dense typed-array accumulators: O(Σ over customers of their item count
 * squared) time, O(items · k) memory. The items are split into fixed blocks of
 * {@linkcode ITEMS_PER_TASK}, one task each on the worker pool; each item's list depends only on
 * its own row, so the result is the same bit for bit at every thread count.
 */
export function itemNeighbours(
  matrix: InteractionMatrix,
  k: number,
  shrinkage: number,
  threads: number,
  action: string,
): Neighbours {
  const nItems = matrix.items.length;
  const { colPtr, rowIdx, values: colValues } = transpose(matrix);
  const norms = sharedArray(Float64Array, nItems);
  for (let i = 0; i < nItems; i++) {
    let sum = 0;
    for (let p = colPtr[i]; p < colPtr[i + 1]; p++) sum += colValues[p] * colValues[p];
    norms[i] = Math.sqrt(sum);
  }
  // An item has at most nItems - 1 neighbours: no room beyond that.
  const room = Math.max(1, Math.min(k, nItems - 1));
  const arrays: ItemNeighbourArrays = {
    rowPtr: toShared(matrix.rowPtr),
    colIdx: toShared(matrix.colIdx),
    values: toShared(matrix.values),
    colPtr: toShared(colPtr),
    rowIdx: toShared(rowIdx),
    colValues: toShared(colValues),
    norms,
    counts: sharedArray(Int32Array, nItems),
    idx: sharedArray(Int32Array, nItems * room),
    sims: sharedArray(Float64Array, nItems * room),
  };
  runParallel({
    module: KERNELS,
    name: "itemNeighbourBlock",
    kernel: itemNeighbourBlock,
    tasks: Math.ceil(nItems / ITEMS_PER_TASK),
    arrays: arrays as unknown as Record<string, SharedTypedArray>,
    params: { k: room, shrinkage, nItems },
  }, { threads, action });
  const ptr = new Int32Array(nItems + 1);
  for (let i = 0; i < nItems; i++) ptr[i + 1] = ptr[i] + arrays.counts[i];
  const size = ptr[nItems];
  const idx = new Int32Array(size);
  const sim = new Float64Array(size);
  for (let i = 0; i < nItems; i++) {
    const from = i * room;
    idx.set(arrays.idx.subarray(from, from + arrays.counts[i]), ptr[i]);
    sim.set(arrays.sims.subarray(from, from + arrays.counts[i]), ptr[i]);
  }
  return { ptr, idx, sim };
}

/**
 * The item-kNN scorer: score(u, j) = Σ over items i bought by u of sim(i, j), where sim(i, j) is
 * kept only when j is among i's neighbours; the reason is the bought item with the largest term
 * (ties: the smaller code) and that term.
 */
export function itemKnnScorer(matrix: InteractionMatrix, neighbours: Neighbours): Scorer {
  const nItems = matrix.items.length;
  const { rowPtr, colIdx } = matrix;
  const { ptr, idx, sim } = neighbours;
  const scores = new ScoreAccumulator(nItems);
  const bestItem = new Int32Array(nItems);
  const mark = new Int32Array(nItems);
  let stamp = 0;
  return {
    top(row: number, n: number, excludePurchased: boolean, out: Candidates): number {
      stamp++;
      scores.reset();
      if (row < 0) return 0;
      if (excludePurchased) markBought(matrix, row, mark, stamp);
      for (let k = rowPtr[row]; k < rowPtr[row + 1]; k++) {
        const i = colIdx[k];
        for (let p = ptr[i]; p < ptr[i + 1]; p++) {
          const j = idx[p];
          if (mark[j] !== stamp && scores.add(j, sim[p])) bestItem[j] = i;
        }
      }
      const kept = scores.top(n, out);
      for (let r = 0; r < kept; r++) {
        out.aux[r] = bestItem[out.items[r]];
        out.auxScore[r] = scores.best[out.items[r]];
      }
      return kept;
    },
    reason: (_row: number, _item: number, aux: number, auxScore: number) => ({
      kind: "bought_together",
      because: aux,
      score: auxScore,
    }),
  };
}

/** Checks the options and fills in defaults (shared with `fitHybrid`). */
export function resolveItemKnnOptions(
  options: FitItemKnnOptions | undefined,
  action: string,
): ResolvedItemKnnOptions {
  const {
    neighbours = 50,
    shrinkage = 10,
    weight = "binary",
    customer = "customer_id",
    item = "product_id",
  } = options ?? {};
  return Object.freeze({
    neighbours: requireInteger(neighbours, "neighbours", action),
    shrinkage: requireNonNegative(shrinkage, "shrinkage", action),
    weight: requireWeight(weight, action),
    ...requireColumnNames(customer, item, action),
  });
}
