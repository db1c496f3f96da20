/**
 * The typed-array core of the popularity recommender (shared by `fitPopularity` and
 * `fitHybrid`).
 *
 * @module
 */
import type { Candidates, FitPopularityOptions, InteractionMatrix, Scorer } from "./_types.ts";
import { markBought, requireColumnNames, requireWeight } from "./_recommender.ts";

/** The popularity scorer of a matrix (shared with the hybrid model). */
export function popularityScorer(
  matrix: InteractionMatrix,
): { scorer: Scorer; buyers: Int32Array; popularity: Float64Array } {
  const nItems = matrix.items.length;
  const buyers = new Int32Array(nItems);
  const popularity = new Float64Array(nItems);
  const { colIdx, values } = matrix;
  // Summed in row (customer) order: deterministic.
  for (let k = 0; k < colIdx.length; k++) {
    buyers[colIdx[k]]++;
    popularity[colIdx[k]] += values[k];
  }
  const order = Int32Array.from({ length: nItems }, (_, j) => j).sort((a, b) =>
    popularity[b] - popularity[a] || a - b
  );
  const mark = new Int32Array(nItems);
  let stamp = 0;
  const scorer: Scorer = {
    top(row: number, n: number, excludePurchased: boolean, out: Candidates): number {
      stamp++;
      if (excludePurchased) markBought(matrix, row, mark, stamp);
      let count = 0;
      for (let k = 0; k < nItems && count < n; k++) {
        const j = order[k];
        if (mark[j] === stamp) continue;
        out.items[count] = j;
        out.scores[count] = popularity[j];
        out.aux[count] = buyers[j];
        count++;
      }
      return count;
    },
    reason: (_row: number, _item: number, aux: number) => ({
      kind: "popular",
      because: -1,
      score: aux,
    }),
  };
  return { scorer, buyers, popularity };
}

/** Checks the options and fills in defaults (shared with `fitHybrid`). */
export function resolvePopularityOptions(
  options: FitPopularityOptions | undefined,
  action: string,
): Readonly<Required<FitPopularityOptions>> {
  const { customer = "customer_id", item = "product_id", weight = "binary" } = options ?? {};
  return Object.freeze({
    ...requireColumnNames(customer, item, action),
    weight: requireWeight(weight, action),
  });
}
