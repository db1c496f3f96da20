/**
 * Readable names for the item lists of mined rules and itemsets.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireFrame } from "../core/errors.ts";
import { productNames } from "../core/products.ts";

/** Options for {@linkcode labelRules}. */
export interface LabelRulesOptions {
  /**
   * Where the names come from: a frame with the item and label columns, e.g. the transactions
   * the rules were mined from. Required.
   */
  labels: DataFrame;
  /** The item column the rules were mined on, in `labels`. Default `"product_id"`. */
  item?: string;
  /** The readable name column in `labels`. Default `"description"`. */
  label?: string;
}

/**
 * Adds readable names to mined rules or itemsets: for every list column (`antecedents`,
 * `consequents`, `itemset`) a text column `<name>_labels` that joins each item's name with
 * " + " (codes without a name keep their code). Rules are mined on stable codes (a code can
 * carry several spellings of its description); this makes them readable afterwards. Names
 * follow the library's product-name rule (`productNames` in `core/products.ts`): each code's
 * most frequent trimmed label, ties broken by text order.
 *
 * Cost: one group-by over `labels`, then O(total items in the lists).
 *
 * @param rules A frame from `associationRules` or `frequentItemsets`; not modified.
 * @param options The frame holding the names (`labels`, required) and its column names.
 * @returns A new frame with the label columns added after the list columns.
 * @throws {TypeError} When a frame or a column is missing.
 *
 * @example Name the items of a rule
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { labelRules } from "./label_rules.ts";
 *
 * const rules = pl.DataFrame({ antecedents: pl.Series("antecedents", [["A", "B"]]), lift: [3] });
 * const tx = pl.DataFrame({ product_id: ["A", "B", "A"], description: ["TEA", "CAKE", "TEA"] });
 * const labelled = labelRules(rules, { labels: tx });
 * assert.equal(labelled.getColumn("antecedents_labels").toArray()[0], "TEA + CAKE");
 * ```
 */
export function labelRules(rules: DataFrame, options: LabelRulesOptions): DataFrame {
  const action = "label rules";
  const { labels, item = "product_id", label = "description" } = options ?? {};
  requireFrame(rules, "the rules", action);
  requireFrame(labels, "the labels option", action);
  const names = productNames(labels, { item, label, action });
  const lists = rules.columns.filter((c) => rules.getColumn(c).dtype.variant === "List");
  let out = rules;
  for (const column of lists) {
    const values = (rules.getColumn(column).toArray() as unknown as string[][]).map((items) =>
      Array.from(items, (code) => names.get(String(code)) ?? String(code)).join(" + ")
    );
    out = out.withColumns(pl.Series(`${column}_labels`, values, pl.Utf8));
  }
  const order = rules.columns.flatMap((c) => lists.includes(c) ? [c, `${c}_labels`] : [c]);
  return out.select(...order);
}
