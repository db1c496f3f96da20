import { requireLists } from "./_ranking.ts";
import { formatExamples, requireInteger } from "../core/errors.ts";

/** Options for {@linkcode catalogCoverage}. */
export interface CatalogCoverageOptions {
  /** Count only the first k items of each list, a positive integer. Default: whole lists. */
  k?: number;
}

/**
 * Catalogue coverage: the share of the catalogue that appears in at least one customer's
 * recommendations (their top k when `k` is given). A popularity recommender shows everyone the
 * same few best sellers and covers little; a personalised one reaches further into the long tail.
 *
 *     coverage = |∪_u top-k(u)| / |catalogue|
 *
 * Same as Microsoft Recommenders' `catalog_coverage` (distinct recommended items over distinct
 * items in the training data), following Ge, Delgado-Battenfeld and Jannach (2010). When
 * `catalog` is a list of items, recommended items that are not in it (e.g. discontinued) are not
 * counted, so coverage stays at most 1; when it is a number, more distinct recommended items than
 * that number is an error, since the catalogue size must then be wrong.
 *
 * Cost: O(Σ min(k, |list(u)|) + |catalogue|) time, O(distinct items) memory.
 * Reference: Ge, M., Delgado-Battenfeld, C. and Jannach, D. (2010), "Beyond accuracy: evaluating
 * recommender systems by coverage and serendipity", RecSys '10, 257-260,
 * <https://doi.org/10.1145/1864708.1864761>;
 * <https://github.com/recommenders-team/recommenders/blob/main/recommenders/evaluation/python_evaluation.py>.
 *
 * @param recommended One ranked list per customer, best first.
 * @param catalog The catalogue: its size (a positive integer) or its items (duplicates ignored).
 * @param options The cut-off `k` (default: whole lists).
 * @returns The coverage, from 0 to 1 (0 when no customer has a recommendation).
 * @throws {TypeError} When `recommended` is not an array of arrays, `catalog` is neither a
 * number nor an array, or `k` is not a number.
 * @throws {RangeError} When `catalog` is not a positive integer or an empty list, `k` is not a
 * positive integer, or more distinct items were recommended than a numeric `catalog` holds.
 *
 * @example Three of a catalogue of ten
 * ```ts
 * import assert from "node:assert/strict";
 * import { catalogCoverage } from "./catalog_coverage.ts";
 *
 * const recommended = [["a", "b", "c"], ["a", "b", "d"]];
 * // Top 2: a, b for both customers -> 2 distinct of 10.
 * assert.equal(catalogCoverage(recommended, 10, { k: 2 }), 0.2);
 * // Whole lists: a, b, c, d -> 4 of 10.
 * assert.equal(catalogCoverage(recommended, 10), 0.4);
 * ```
 */
export function catalogCoverage(
  recommended: readonly (readonly string[])[],
  catalog: number | readonly string[],
  options: CatalogCoverageOptions = {},
): number {
  const action = "compute catalog coverage";
  requireLists(recommended, "recommended", action);
  const k = options?.k;
  if (k !== undefined) requireInteger(k, "k", action);
  const depth = k ?? Infinity;
  const distinct = new Set<unknown>();
  for (const list of recommended) {
    const end = Math.min(depth, list.length);
    for (let i = 0; i < end; i++) distinct.add(list[i]);
  }
  if (Array.isArray(catalog)) {
    const items = new Set<unknown>(catalog);
    if (items.size === 0) {
      throw new RangeError(`Cannot ${action} as the catalogue is empty: 0 items`);
    }
    let covered = 0;
    for (const item of distinct) if (items.has(item)) covered++;
    return covered / items.size;
  }
  if (typeof catalog !== "number") {
    throw new TypeError(
      `Cannot ${action} as catalog must be a number of items or a list of items: got ${
        catalog === null ? "null" : typeof catalog
      }`,
    );
  }
  if (!Number.isInteger(catalog) || catalog <= 0) {
    throw new RangeError(
      `Cannot ${action} as the catalogue size must be a positive integer: ${catalog}`,
    );
  }
  if (distinct.size > catalog) {
    throw new RangeError(
      `Cannot ${action} as more distinct items were recommended than the catalogue holds: ` +
        `${distinct.size} items (e.g. ${formatExamples([...distinct])}), catalogue of ${catalog}`,
    );
  }
  return distinct.size / catalog;
}
