import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";

/** Options for {@linkcode labelRules}. */
export interface LabelRulesOptions {
  /** The item column the rules were mined on, in `tx`. Default `"product_id"`. */
  item?: string;
  /** The readable name column in `tx`. Default `"description"`. */
  label?: string;
}

/**
 * Adds readable names to mined rules or itemsets: for every list column (`antecedents`,
 * `consequents`, `itemset`) a text column `<name>_labels` that joins each item's most frequent
 * label with " + " (codes without a label keep their code). Rules are mined on stable codes
 * (a code can carry several spellings of its description); this makes them readable afterwards.
 *
 * Cost: one group-by over `tx`, then O(total items in the lists).
 *
 * @param rules A frame from `associationRules` or `frequentItemsets`; not modified.
 * @param tx Transactions holding the item and label columns.
 * @param options Item and label column names.
 * @returns A new frame with the label columns added after the list columns.
 * @throws {TypeError} When a column is missing.
 *
 * @example Name the items of a rule
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { labelRules } from "./label_rules.ts";
 *
 * const rules = pl.DataFrame({ antecedents: pl.Series("antecedents", [["A", "B"]]), lift: [3] });
 * const tx = pl.DataFrame({ product_id: ["A", "B", "A"], description: ["TEA", "CAKE", "TEA"] });
 * assert.equal(labelRules(rules, tx).getColumn("antecedents_labels").toArray()[0], "TEA + CAKE");
 * ```
 */
export function labelRules(
  rules: DataFrame,
  tx: DataFrame,
  options: LabelRulesOptions = {},
): DataFrame {
  const item = options.item ?? "product_id";
  const label = options.label ?? "description";
  requireColumns(tx, [item, label], "label rules");
  const counts = tx.filter(pl.col(label).isNotNull())
    .groupBy([item, label]).agg(pl.len().alias("__n"))
    .sort([item, "__n", label], [false, true, false])
    .toRecords();
  const names = new Map<string, string>();
  for (const row of counts) {
    const key = String(row[item]);
    if (!names.has(key)) names.set(key, String(row[label]));
  }
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
