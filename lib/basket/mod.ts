/**
 * Market baskets: frequent itemsets (exact FP-growth with guardrails), association rules with
 * every usual metric, next-best-product recommendations with reasons, upsell candidates and item
 * co-occurrence.
 *
 * @example Itemsets, then rules
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { associationRules, frequentItemsets } from "./mod.ts";
 *
 * const lines = pl.DataFrame({
 *   invoice: ["1", "1", "2", "2", "3"],
 *   item: ["tea", "cake", "tea", "cake", "tea"],
 * });
 * const itemsets = frequentItemsets(lines, { transaction: "invoice", item: "item", minSupport: 0.5 });
 * const rules = associationRules(itemsets, { minConfidence: 0.9 });
 * assert.equal(String(rules.getColumn("consequents").toArray()[0]), "tea");
 * ```
 *
 * @module
 */
export {
  basketStats,
  DEFAULT_MAX_ITEMSETS,
  frequentItemsets,
  minSupportCount,
} from "./frequent_itemsets.ts";
export type { BasketOptions, BasketStats, FrequentItemsetsOptions } from "./frequent_itemsets.ts";
export {
  ASSOCIATION_RULES_INPUT_COLUMNS,
  associationRules,
  DEFAULT_MAX_RULES,
} from "./association_rules.ts";
export type { AssociationRulesOptions } from "./association_rules.ts";
export * from "./recommend_from_rules.ts";
export * from "./upsell_candidates.ts";
export * from "./item_cooccurrence.ts";
export * from "./label_rules.ts";
