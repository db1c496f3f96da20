/**
 * Shared input checks and per-user hit lists for the top-k ranking metrics (precision@k,
 * recall@k, MAP@k, NDCG@k).
 *
 * @module
 */
import { requireInteger } from "../core/errors.ts";
import type { RankingMetricOptions } from "./_types.ts";

/**
 * One user's top-k list scored against their relevant items: `hits[i]` is true when the item at
 * position `i + 1` is relevant and has not already appeared higher in the list (a duplicate
 * counts once, at its first position, and later copies are misses that still take a slot).
 */
export interface UserHits {
  /** One flag per position of the top-k list (at most k, fewer when fewer were recommended). */
  readonly hits: readonly boolean[];
  /** Number of distinct relevant items found in the top k. */
  readonly hitCount: number;
  /** Number of distinct relevant items of the user (at least 1). */
  readonly relevantCount: number;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
}

/**
 * Checks that `lists` is an array of arrays.
 *
 * @param lists The value to check.
 * @param name Its name in messages, e.g. `"recommended"`.
 * @param action What the caller is doing.
 * @throws {TypeError} When `lists` or one of its entries is not an array.
 */
export function requireLists(
  lists: unknown,
  name: string,
  action: string,
): asserts lists is readonly (readonly unknown[])[] {
  if (!Array.isArray(lists)) {
    throw new TypeError(
      `Cannot ${action} as ${name} must be an array of lists, one per user: got ${describe(lists)}`,
    );
  }
  for (let u = 0; u < lists.length; u++) {
    if (!Array.isArray(lists[u])) {
      throw new TypeError(
        `Cannot ${action} as ${name} must hold one list per user: user ${u + 1} has ${
          describe(lists[u])
        }`,
      );
    }
  }
}

/**
 * The top-k hit flags of one user.
 *
 * @param recommended The user's ranked recommendations, best first.
 * @param relevant The user's relevant items as a set (not empty).
 * @param k The cut-off, a positive integer.
 * @returns The hit flags and counts.
 */
export function userHits(
  recommended: readonly unknown[],
  relevant: ReadonlySet<unknown>,
  k: number,
): UserHits {
  const depth = Math.min(k, recommended.length);
  const hits = new Array<boolean>(depth);
  const seen = new Set<unknown>();
  let hitCount = 0;
  for (let i = 0; i < depth; i++) {
    const item = recommended[i];
    const hit = relevant.has(item) && !seen.has(item);
    seen.add(item);
    hits[i] = hit;
    if (hit) hitCount++;
  }
  return { hits, hitCount, relevantCount: relevant.size };
}

/**
 * Checks the inputs of a ranking metric and returns the mean of `perUser` over the users that
 * have at least one relevant item (users with an empty relevant list are skipped).
 *
 * @param recommended One ranked list per user, best first.
 * @param relevant One list of relevant items per user, in the same user order.
 * @param options The cut-off `k`.
 * @param metric The metric's name in messages, e.g. `"precision@k"`.
 * @param perUser The metric of one user, from their hit list and k.
 * @returns The mean over users with a relevant item.
 * @throws {TypeError} When an argument has the wrong type or `k` is missing.
 * @throws {RangeError} When k is not a positive integer, the lists differ in length or no user
 * has a relevant item.
 */
export function meanOverUsers(
  recommended: readonly (readonly unknown[])[],
  relevant: readonly (readonly unknown[])[],
  options: RankingMetricOptions,
  metric: string,
  perUser: (user: UserHits, k: number) => number,
): number {
  const action = `compute ${metric}`;
  requireLists(recommended, "recommended", action);
  requireLists(relevant, "relevant", action);
  const k = requireInteger(options?.k, "k", action);
  if (recommended.length !== relevant.length) {
    throw new RangeError(
      `Cannot ${action} as recommended and relevant differ in length: ${recommended.length} ` +
        `recommendation lists, ${relevant.length} relevant lists`,
    );
  }
  let sum = 0;
  let users = 0;
  for (let u = 0; u < recommended.length; u++) {
    if (relevant[u].length === 0) continue;
    sum += perUser(userHits(recommended[u], new Set(relevant[u]), k), k);
    users++;
  }
  if (users === 0) {
    throw new RangeError(
      `Cannot ${action} as no user has a relevant item: ${recommended.length} user${
        recommended.length === 1 ? "" : "s"
      }`,
    );
  }
  return sum / users;
}
