import { meanOverUsers } from "./_ranking.ts";
import type { RankingMetricOptions } from "./_types.ts";

/**
 * Normalised discounted cumulative gain at k (NDCG@k) with binary relevance: hits are worth
 * less the lower they sit in the list (a logarithmic discount), and the sum is divided by the
 * best possible sum for that user, so 1 means every slot up to min(k, |relevant|) is a hit.
 *
 *     DCG@k(u)  = Σ_{i ≤ k} rel_i / log2(i + 1)        rel_i = 1 if item i is relevant, else 0
 *     IDCG@k(u) = Σ_{i ≤ min(k, |relevant(u)|)} 1 / log2(i + 1)
 *     NDCG@k    = mean of DCG@k(u) / IDCG@k(u) over users u with |relevant(u)| ≥ 1
 *
 * Same as Microsoft Recommenders' `ndcg_at_k` with `score_type="binary"`. Its default discount
 * is the natural log (`discfun_type="loge"`) rather than log2, but the base cancels in the ratio
 * DCG / IDCG, so NDCG is the same. A user given fewer than k recommendations is still compared
 * with the ideal over min(k, |relevant(u)|) slots.
 *
 * Other differences from Microsoft Recommenders: the mean runs over every user with at least one
 * relevant item, a user with no recommendations counting 0 (Microsoft Recommenders: users present
 * in both truth and predictions); an item repeated in a recommendation list counts once, at its
 * first position (later copies have rel = 0); a relevant list is used as a set. Users whose
 * relevant list is empty are skipped. Items are compared with `SameValueZero`.
 *
 * Cost: O(Σ (k + |relevant(u)|)) time, O(max |relevant(u)|) extra memory.
 * Reference: Järvelin, K. and Kekäläinen, J. (2002), "Cumulated gain-based evaluation of IR
 * techniques", ACM TOIS 20(4), 422-446, <https://doi.org/10.1145/582415.582418>;
 * <https://github.com/recommenders-team/recommenders/blob/main/recommenders/evaluation/python_evaluation.py>.
 *
 * @param recommended One ranked list per user, best first (e.g. product ids).
 * @param relevant One list of relevant items per user, in the same user order as `recommended`.
 * @param options The cut-off `k`, a positive integer (required).
 * @returns The mean NDCG@k, from 0 to 1.
 * @throws {TypeError} When `recommended` or `relevant` is not an array of arrays, or `k` is not
 * a number (or missing).
 * @throws {RangeError} When `k` is not a positive integer, the two lists differ in length, or
 * no user has a relevant item.
 *
 * @example One hit in second place
 * ```ts
 * import assert from "node:assert/strict";
 * import { ndcgAtK } from "./ndcg_at_k.ts";
 *
 * // Relevant {a}, list [b, a], k = 2: DCG = 1 / log2(3); IDCG = 1 / log2(2) = 1.
 * assert.equal(ndcgAtK([["b", "a"]], [["a"]], { k: 2 }), 1 / Math.log2(3));
 * ```
 */
export function ndcgAtK(
  recommended: readonly (readonly string[])[],
  relevant: readonly (readonly string[])[],
  options: RankingMetricOptions,
): number {
  return meanOverUsers(recommended, relevant, options, "NDCG@k", (user, k) => {
    let dcg = 0;
    for (let i = 0; i < user.hits.length; i++) {
      if (user.hits[i]) dcg += 1 / Math.log2(i + 2);
    }
    let idcg = 0;
    const ideal = Math.min(k, user.relevantCount);
    for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
    return dcg / idcg;
  });
}
