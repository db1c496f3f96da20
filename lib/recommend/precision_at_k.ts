import { meanOverUsers } from "./_ranking.ts";
import type { RankingMetricOptions } from "./_types.ts";

export type { RankingMetricOptions } from "./_types.ts";

/**
 * Precision at k: the share of the first k recommendations that the user actually bought (or
 * otherwise found relevant), averaged over users. "Of the k products we would show, how many
 * hit?"
 *
 *     precision@k(u) = |top-k(u) ∩ relevant(u)| / k
 *     precision@k    = mean of precision@k(u) over users u with |relevant(u)| ≥ 1
 *
 * The denominator is k, not the number of items recommended, as in Microsoft Recommenders'
 * `precision_at_k` and Spark's `RankingMetrics.precisionAt`: a user given fewer than k
 * recommendations can reach at most (items given) / k, so a recommender that returns short lists
 * is penalised. When k exceeds every list's length, all lists are used whole and precision keeps
 * falling as k grows.
 *
 * Differences from Microsoft Recommenders (`recommenders.evaluation.python_evaluation`):
 * - Users: the mean runs over every user with at least one relevant item, and a user with a
 *   relevant item but no recommendations counts as 0. Microsoft Recommenders averages over the
 *   users present in both the truth and the predictions, so a user the model skipped is dropped.
 *   Users whose relevant list is empty are skipped here (their precision is undefined for the
 *   question "did we find what they bought").
 * - Duplicates: an item repeated in a recommendation list counts once (at its first position);
 *   the later copies take a slot but are not hits. Microsoft Recommenders assumes no duplicates.
 *   Duplicates in a relevant list are ignored (it is used as a set).
 * Items are compared with `SameValueZero` (as a `Set` does), so `"1"` and `1` differ.
 *
 * Cost: O(Σ (k + |relevant(u)|)) time, O(max |relevant(u)|) extra memory.
 * Reference: Manning, Raghavan and Schütze (2008), *Introduction to Information Retrieval*,
 * section 8.4, <https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-ranked-retrieval-results-1.html>;
 * <https://github.com/recommenders-team/recommenders/blob/main/recommenders/evaluation/python_evaluation.py>.
 *
 * @param recommended One ranked list per user, best first (e.g. product ids).
 * @param relevant One list of relevant items per user (e.g. what they bought in the test
 * period), in the same user order as `recommended`.
 * @param options The cut-off `k`, a positive integer (required).
 * @returns The mean precision@k, from 0 to 1.
 * @throws {TypeError} When `recommended` or `relevant` is not an array of arrays, or `k` is not
 * a number (or missing).
 * @throws {RangeError} When `k` is not a positive integer, the two lists differ in length, or
 * no user has a relevant item.
 *
 * @example Two users, k = 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { precisionAtK } from "./precision_at_k.ts";
 *
 * // User 1: top 2 = a, b; a is relevant: 1 / 2. User 2: top 2 = d, e; no hit: 0 / 2.
 * // User 3 has no relevant item and is skipped. Mean: (0.5 + 0) / 2.
 * const recommended = [["a", "b", "c"], ["d", "e", "f"], ["a"]];
 * const relevant = [["a", "c"], ["x"], []];
 * assert.equal(precisionAtK(recommended, relevant, { k: 2 }), 0.25);
 * ```
 */
export function precisionAtK(
  recommended: readonly (readonly string[])[],
  relevant: readonly (readonly string[])[],
  options: RankingMetricOptions,
): number {
  return meanOverUsers(
    recommended,
    relevant,
    options,
    "precision@k",
    (user, k) => user.hitCount / k,
  );
}
