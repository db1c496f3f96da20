import { requireOneOf, requireProbability } from "../core/errors.ts";

/** A multiple-comparison adjustment. */
export type PValueAdjustment = "holm" | "benjamini-hochberg" | "bonferroni";

/** Options for {@linkcode adjustPValues}. */
export interface AdjustPValuesOptions {
  /**
   * `"holm"` (family-wise error rate, Holm 1979), `"benjamini-hochberg"` (false discovery
   * rate, Benjamini & Hochberg 1995) or `"bonferroni"`.
   */
  method: PValueAdjustment;
}

const METHODS: readonly PValueAdjustment[] = ["holm", "benjamini-hochberg", "bonferroni"];

/**
 * Adjusts p-values for multiple comparisons, e.g. several metrics or several treatment arms in
 * one experiment, so that "p < 0.05" keeps its meaning for the family. Exactly R's
 * `p.adjust(p, method = "holm" | "BH" | "bonferroni")`; compare the adjusted values with alpha.
 *
 * Formulas, with `p(1) <= ... <= p(m)` sorted: Holm `min(1, max over j <= i of (m - j + 1)
 * p(j))`; Benjamini-Hochberg `min(1, min over j >= i of m p(j) / j)`; Bonferroni `min(1, m p)`.
 * Holm controls the family-wise error rate and is uniformly more powerful than Bonferroni;
 * Benjamini-Hochberg controls the false discovery rate (independent or positively dependent
 * tests). Cost: O(m log m).
 *
 * @param pValues The p-values, each in [0, 1], in any order.
 * @param options `method`.
 * @returns The adjusted p-values, in the input order.
 * @throws {RangeError} When a p-value is outside [0, 1] or the method is unknown.
 *
 * @example Three metrics of one experiment
 * ```ts
 * import { adjustPValues } from "./adjust_p_values.ts";
 * import assert from "node:assert/strict";
 *
 * const p = [0.01, 0.04, 0.03];
 * assert.deepEqual(adjustPValues(p, { method: "holm" }), [0.03, 0.06, 0.06]);
 * // R p.adjust(c(0.01, 0.04, 0.03), "BH"): 0.03 0.04 0.04
 * const bh = adjustPValues(p, { method: "benjamini-hochberg" });
 * assert.ok(Math.abs(bh[0] - 0.03) < 1e-15 && Math.abs(bh[1] - 0.04) < 1e-15);
 * ```
 */
export function adjustPValues(
  pValues: readonly number[],
  options: AdjustPValuesOptions,
): number[] {
  const action = "adjust p-values";
  const method = requireOneOf(options?.method, METHODS, "method", action);
  if (!Array.isArray(pValues)) {
    throw new TypeError(`Cannot ${action} as pValues is not an array: got ${String(pValues)}`);
  }
  pValues.forEach((p, i) => requireProbability(p, `pValues[${i}]`, action, true));
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  if (method === "bonferroni") return pValues.map((p) => Math.min(1, m * p));
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  if (method === "holm") {
    let running = 0;
    order.forEach((index, rank) => {
      running = Math.max(running, (m - rank) * pValues[index]);
      adjusted[index] = Math.min(1, running);
    });
    return adjusted;
  }
  let running = Infinity;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank];
    running = Math.min(running, m / (rank + 1) * pValues[index]);
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
