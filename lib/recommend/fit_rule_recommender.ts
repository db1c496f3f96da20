import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireRows } from "../core/errors.ts";
import { frequentItemsets } from "../basket/frequent_itemsets.ts";
import { associationRules } from "../basket/association_rules.ts";
import { recommendFromRules } from "../basket/recommend_from_rules.ts";

/** Options for {@linkcode fitRuleRecommender}. */
export interface FitRuleRecommenderOptions {
  /** Minimum support of the mined itemsets, in (0, 1]. Default 0.01 (notebook 04's). */
  minSupport?: number;
  /** Minimum confidence of the rules kept, in [0, 1]. Default 0.3 (notebook 04's). */
  minConfidence?: number;
  /** Largest itemset mined. Default 3. */
  maxLen?: number;
  /** Basket column. Default `"invoice_id"`. */
  transaction?: string;
  /** Customer column (cast to text). Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text). Default `"product_id"`. */
  item?: string;
}

/** A fitted rule recommender, from {@linkcode fitRuleRecommender}. */
export interface RuleRecommenderModel {
  /** `"rules"`. */
  readonly kind: "rules";
  /** The options used, defaults filled in. */
  readonly options: Readonly<Required<FitRuleRecommenderOptions>>;
  /** The association rules mined from the training baskets (as `associationRules` writes). */
  readonly rules: DataFrame;
  /**
   * Up to `n` products per customer from the rules, scored by the best rule's confidence, leaving
   * out what the customer bought in the training rows (always, as `recommendFromRules` does).
   * Customers whom no rule fires for get no rows.
   *
   * @param customerIds The customers to recommend to.
   * @param options `n`, the most products per customer.
   * @returns The customer column, `rank`, the item column, `score`, `lift`, `because_products`
   * and `reason`, sorted by customer then rank.
   */
  recommend(customerIds: readonly string[], options: { n: number }): DataFrame;
}

/**
 * Notebook 04's next-best-product method as a recommender that `evaluateRecommenders` can score
 * beside the others: mines frequent itemsets (FP-growth) and association rules from the training
 * baskets, then recommends, for each customer, the consequents of the rules whose whole
 * antecedent the customer bought in the training rows (`recommendFromRules`).
 *
 * Cost: that of `frequentItemsets` and `associationRules` on the training baskets once, then
 * `recommendFromRules` on the requested customers' rows per call.
 *
 * @param train Transaction rows with the basket, customer and item columns; not modified.
 * @param options Mining thresholds (`minSupport` 0.01, `minConfidence` 0.3, `maxLen` 3) and
 * column names.
 * @returns The fitted model with its `rules` and `recommend`.
 * @throws {TypeError} When a column is missing.
 * @throws {RangeError} When the frame is empty or a threshold is out of range (from the miners).
 *
 * @example Buyers of A also take B
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitRuleRecommender } from "./fit_rule_recommender.ts";
 *
 * const train = pl.DataFrame({
 *   invoice_id: ["1", "1", "2", "2", "3", "4"],
 *   customer_id: ["x", "x", "y", "y", "z", "w"],
 *   product_id: ["A", "B", "A", "B", "A", "C"],
 * });
 * const model = fitRuleRecommender(train, { minSupport: 0.5, minConfidence: 0.6 });
 * const recs = model.recommend(["z", "w"], { n: 3 });
 * assert.deepEqual(recs.select("customer_id", "rank", "product_id").toRecords(), [
 *   { customer_id: "z", rank: 1, product_id: "B" },
 * ]);
 * ```
 */
export function fitRuleRecommender(
  train: DataFrame,
  options: FitRuleRecommenderOptions = {},
): RuleRecommenderModel {
  const action = "fit rule recommender";
  const resolved = Object.freeze({
    minSupport: options.minSupport ?? 0.01,
    minConfidence: options.minConfidence ?? 0.3,
    maxLen: options.maxLen ?? 3,
    transaction: options.transaction ?? "invoice_id",
    customer: options.customer ?? "customer_id",
    item: options.item ?? "product_id",
  });
  requireRows(train, action);
  requireColumns(train, [resolved.transaction, resolved.customer, resolved.item], action);
  const rows = train.select(
    pl.col(resolved.transaction),
    pl.col(resolved.customer).cast(pl.Utf8),
    pl.col(resolved.item).cast(pl.Utf8),
  ).filter(pl.col(resolved.customer).isNotNull().and(pl.col(resolved.item).isNotNull()));
  const itemsets = frequentItemsets(rows, {
    transaction: resolved.transaction,
    item: resolved.item,
    minSupport: resolved.minSupport,
    maxLen: resolved.maxLen,
  });
  const rules = associationRules(itemsets, { minConfidence: resolved.minConfidence });
  const recommend = (customerIds: readonly string[], recommendOptions: { n: number }) => {
    const wanted = pl.DataFrame({
      [resolved.customer]: pl.Series(resolved.customer, [...customerIds].map(String), pl.Utf8),
    });
    const theirs = rows.join(wanted.unique(), { on: resolved.customer, how: "semi" });
    return recommendFromRules(theirs, {
      rules,
      topN: recommendOptions.n,
      customer: resolved.customer,
      item: resolved.item,
    });
  };
  return Object.freeze({ kind: "rules" as const, options: resolved, rules, recommend });
}
