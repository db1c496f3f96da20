import { meanOverUsers } from "./_ranking.ts";
import type { RankingMetricOptions } from "./_types.ts";

/**
 * Recall at k: the share of a user's relevant items (e.g. what they bought in the test period)
 * that appear among the first k recommendations, averaged over users. "Of what they went on to
 * buy, how much did our top k contain?"
 *
 *     recall@k(u) = |top-k(u) ∩ relevant(u)| / |relevant(u)|
 *     recall@k    = mean of recall@k(u) over users u with |relevant(u)| ≥ 1
 *
 * Same formula as Microsoft Recommenders' `recall_at_k`. A user with more than k relevant items
 * cannot reach 1 (at most k / |relevant(u)|); a user given fewer than k recommendations is scored
 * on the items given, and a user with a relevant item but no recommendations counts as 0.
 *
 * Differences from Microsoft Recommenders (`recommenders.evaluation.python_evaluation`): the mean
 * runs over every user with at least one relevant item (Microsoft Recommenders: users present in
 * both the truth and the predictions, so users the model skipped are dropped); an item repeated
 * in a recommendation list counts once, at its first position (Microsoft Recommenders assumes no
 * duplicates); a relevant list is used as a set, so |relevant(u)| counts distinct items. Users
 * whose relevant list is empty are skipped. Items are compared with `SameValueZero`.
 *
 * Cost: O(Σ (k + |relevant(u)|)) time, O(max |relevant(u)|) extra memory.
 * Reference: Manning, Raghavan and Schütze (2008), *Introduction to Information Retrieval*,
 * section 8.3, <https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-unranked-retrieval-sets-1.html>;
 * <https://github.com/recommenders-team/recommenders/blob/main/recommenders/evaluation/python_evaluation.py>.
 *
 * @param recommended One ranked list per user, best first (e.g. product ids).
 * @param relevant One list of relevant items per user, in the same user order as `recommended`.
 * @param options The cut-off `k`, a positive integer (required).
 * @returns The mean recall@k, from 0 to 1.
 * @throws {TypeError} When `recommended` or `relevant` is not an array of arrays, or `k` is not
 * a number (or missing).
 * @throws {RangeError} When `k` is not a positive integer, the two lists differ in length, or
 * no user has a relevant item.
 *
 * @example Two users, k = 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { recallAtK } from "./recall_at_k.ts";
 *
 * // User 1: top 2 = a, b; relevant {a, c}: 1 of 2 found, 0.5.
 * // User 2: top 2 = d, x; relevant {x}: 1 of 1 found, 1. Mean: (0.5 + 1) / 2.
 * assert.equal(recallAtK([["a", "b", "c"], ["d", "x"]], [["a", "c"], ["x"]], { k: 2 }), 0.75);
 * ```
 */
export function recallAtK(
  recommended: readonly (readonly string[])[],
  relevant: readonly (readonly string[])[],
  options: RankingMetricOptions,
): number {
  return meanOverUsers(
    recommended,
    relevant,
    options,
    "recall@k",
    (user) => user.hitCount / user.relevantCount,
  );
}
