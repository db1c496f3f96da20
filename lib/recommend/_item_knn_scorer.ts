/**
 * The typed-array core of the item-based k-nearest-neighbour recommender (shared by `fitItemKnn`
 * and `fitHybrid`).
 *
 * @module
 */
import { requireInteger, requireNonNegative } from "../core/errors.ts";
import type { Candidates, FitItemKnnOptions, InteractionMatrix, Scorer } from "./_types.ts";
import {
  markBought,
  requireColumnNames,
  requireWeight,
  ScoreAccumulator,
  selectTop,
  transpose,
} from "./_recommender.ts";

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
 * squared) time, O(items · k) memory.
 */
export function itemNeighbours(
  matrix: InteractionMatrix,
  k: number,
  shrinkage: number,
): Neighbours {
  const nItems = matrix.items.length;
  const { rowPtr, colIdx, values } = matrix;
  const { colPtr, rowIdx, values: colValues } = transpose(matrix);
  const norms = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let sum = 0;
    for (let p = colPtr[i]; p < colPtr[i + 1]; p++) sum += colValues[p] * colValues[p];
    norms[i] = Math.sqrt(sum);
  }
  const co = new Int32Array(nItems);
  const dot = new Float64Array(nItems);
  const sim = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const bestItems = new Int32Array(k);
  const bestSims = new Float64Array(k);
  const ptr = new Int32Array(nItems + 1);
  let idx = new Int32Array(Math.min(nItems * k, 1 << 20));
  let sims = new Float64Array(idx.length);
  let size = 0;
  for (let i = 0; i < nItems; i++) {
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
    const kept = selectTop(touched, count, sim, k, bestItems, bestSims);
    if (size + kept > idx.length) {
      const grown = Math.max(idx.length * 2, size + kept);
      const nextIdx = new Int32Array(grown);
      nextIdx.set(idx);
      idx = nextIdx;
      const nextSims = new Float64Array(grown);
      nextSims.set(sims);
      sims = nextSims;
    }
    idx.set(bestItems.subarray(0, kept), size);
    sims.set(bestSims.subarray(0, kept), size);
    size += kept;
    ptr[i + 1] = size;
    for (let t = 0; t < count; t++) {
      co[touched[t]] = 0;
      dot[touched[t]] = 0;
    }
  }
  return { ptr, idx: idx.slice(0, size), sim: sims.slice(0, size) };
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
): Readonly<Required<FitItemKnnOptions>> {
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
