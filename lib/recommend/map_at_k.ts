import { meanOverUsers } from "./_ranking.ts";
import type { RankingMetricOptions } from "./_types.ts";

/**
 * Mean average precision at k (MAP@k): for each user, the average of the precision at each
 * position of the top k that holds a relevant item, normalised by the most hits the user could
 * have had in k slots; then the mean over users. Unlike precision@k it rewards putting the hits
 * first.
 *
 *     AP@k(u) = (1 / min(k, |relevant(u)|)) · Σ_{i ≤ k, item i relevant} precision@i(u)
 *     precision@i(u) = (relevant items among the first i) / i
 *     MAP@k   = mean of AP@k(u) over users u with |relevant(u)| ≥ 1
 *
 * The normaliser min(k, |relevant(u)|) is that of the current Microsoft Recommenders `map_at_k`
 * (and Spark's `RankingMetrics.meanAveragePrecisionAt`), so a perfect top k scores 1 even for a
 * user with more than k relevant items. Older Microsoft Recommenders versions (and their
 * separate `map` function today) divide by |relevant(u)| instead, which caps AP@k at
 * k / |relevant(u)| for users with many relevant items; multiply AP@k(u) by
 * min(k, |relevant(u)|) / |relevant(u)| to convert. A user given fewer than k recommendations
 * is still divided by min(k, |relevant(u)|), so short lists are penalised.
 *
 * Other differences from Microsoft Recommenders: the mean runs over every user with at least one
 * relevant item, a user with no recommendations counting 0 (Microsoft Recommenders: users present
 * in both truth and predictions); an item repeated in a recommendation list counts once, at its
 * first position (later copies take a slot but add nothing); a relevant list is used as a set.
 * Users whose relevant list is empty are skipped. Items are compared with `SameValueZero`.
 *
 * Cost: O(Σ (k + |relevant(u)|)) time, O(max |relevant(u)|) extra memory.
 * Reference: Spark MLlib, "Evaluation metrics: ranking systems",
 * <https://spark.apache.org/docs/latest/mllib-evaluation-metrics.html#ranking-systems>;
 * <https://github.com/recommenders-team/recommenders/blob/main/recommenders/evaluation/python_evaluation.py>.
 *
 * @param recommended One ranked list per user, best first (e.g. product ids).
 * @param relevant One list of relevant items per user, in the same user order as `recommended`.
 * @param options The cut-off `k`, a positive integer (required).
 * @returns The mean AP@k, from 0 to 1.
 * @throws {TypeError} When `recommended` or `relevant` is not an array of arrays, or `k` is not
 * a number (or missing).
 * @throws {RangeError} When `k` is not a positive integer, the two lists differ in length, or
 * no user has a relevant item.
 *
 * @example Hits early score higher
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapAtK } from "./map_at_k.ts";
 *
 * // Relevant {a, b}, k = 3, min(3, 2) = 2.
 * // [a, b, c]: hits at 1 and 2: (1/1 + 2/2) / 2 = 1.
 * // [c, a, b]: hits at 2 and 3: (1/2 + 2/3) / 2 = 7/12.
 * assert.equal(mapAtK([["a", "b", "c"]], [["a", "b"]], { k: 3 }), 1);
 * assert.equal(mapAtK([["c", "a", "b"]], [["a", "b"]], { k: 3 }), (1 / 2 + 2 / 3) / 2);
 * ```
 */
export function mapAtK(
  recommended: readonly (readonly string[])[],
  relevant: readonly (readonly string[])[],
  options: RankingMetricOptions,
): number {
  return meanOverUsers(recommended, relevant, options, "MAP@k", (user, k) => {
    let found = 0;
    let sum = 0;
    for (let i = 0; i < user.hits.length; i++) {
      if (!user.hits[i]) continue;
      found++;
      sum += found / (i + 1);
    }
    return sum / Math.min(k, user.relevantCount);
  });
}
