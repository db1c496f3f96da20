import { toLabels } from "../core/feature_matrix.ts";

/**
 * The adjusted Rand index (Hubert and Arabie, 1985) between two labelings of the same rows: the
 * share of row pairs on which they agree (same segment in both, or different in both), corrected
 * for chance, as scikit-learn's `adjusted_rand_score(labels_true, labels_pred)`. 1 means the same
 * partition (whatever the label numbers: relabelling does not matter), about 0 an agreement no
 * better than random, and it can be negative. Symmetric in its two arguments. Use it to check
 * that k-means finds the same segments from different seeds before naming them.
 *
 * Labels are any integers (-1 for DBSCAN noise is one more group). When both labelings put every
 * row in one group, or every row in its own group, the index is 1 (scikit-learn's convention).
 *
 * Reference: Hubert, L. and Arabie, P. (1985), "Comparing partitions", Journal of
 * Classification 2, 193-218; matched to scikit-learn 1.2.1 in tests/reference/ari_reference.py.
 *
 * Cost: O(n) plus O(a x b) for the contingency table of a and b distinct labels.
 *
 * @param labelsA One label per row (integers).
 * @param labelsB Another label per row, for the same rows in the same order.
 * @returns The adjusted Rand index, at most 1.
 * @throws {RangeError} When the two differ in length, are empty, or hold a non-integer label.
 *
 * @example The same partition under other label numbers
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjustedRandIndex } from "./adjusted_rand_index.ts";
 *
 * assert.equal(adjustedRandIndex([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1]), 1);
 * // scikit-learn: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285714
 * assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 4 / 7) < 1e-15);
 * ```
 */
export function adjustedRandIndex(labelsA: ArrayLike<number>, labelsB: ArrayLike<number>): number {
  const action = "compute adjusted Rand index";
  const n = labelsA?.length ?? 0;
  if (labelsB?.length !== n) {
    throw new RangeError(
      `Cannot ${action} as the labelings differ in length: ${n} and ${labelsB?.length} labels`,
    );
  }
  if (n === 0) throw new RangeError(`Cannot ${action} as the labelings are empty: 0 labels`);
  const a = dense(toLabels(labelsA, n, action));
  const b = dense(toLabels(labelsB, n, action));
  const table = new Float64Array(a.count * b.count);
  const rowSums = new Float64Array(a.count);
  const colSums = new Float64Array(b.count);
  for (let i = 0; i < n; i++) {
    table[a.codes[i] * b.count + b.codes[i]]++;
    rowSums[a.codes[i]]++;
    colSums[b.codes[i]]++;
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table) index += pairs(v);
  let sumA = 0;
  for (const v of rowSums) sumA += pairs(v);
  let sumB = 0;
  for (const v of colSums) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  // Both trivial (one group each, or all singletons): the same partition, as scikit-learn.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Codes 0..count-1 for the distinct labels, in order of first appearance. */
function dense(labels: Int32Array): { codes: Int32Array; count: number } {
  const seen = new Map<number, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let code = seen.get(labels[i]);
    if (code === undefined) {
      code = seen.size;
      seen.set(labels[i], code);
    }
    codes[i] = code;
  }
  return { codes, count: seen.size };
}
