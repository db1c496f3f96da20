import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { labelRules } from "./label_rules.ts";

Deno.test("labelRules names each list column's items by their most frequent label", () => {
  const rules = pl.DataFrame({
    antecedents: pl.Series("antecedents", [["A"], ["A", "C"]]),
    consequents: pl.Series("consequents", [["B"], ["B"]]),
    lift: [2, 3],
  });
  const tx = pl.DataFrame({
    product_id: ["A", "A", "A", "B", "C"],
    // "TEA " and "TEA" are one name once trimmed: 2 + 1 against "GREEN TEA".
    description: ["TEA ", "GREEN TEA", "TEA", "CAKE", null],
  });
  const out = labelRules(rules, { labels: tx });
  assert.deepEqual(out.columns, [
    "antecedents",
    "antecedents_labels",
    "consequents",
    "consequents_labels",
    "lift",
  ]);
  assert.deepEqual(out.getColumn("antecedents_labels").toArray(), ["TEA", "TEA + C"]);
  assert.deepEqual(out.getColumn("consequents_labels").toArray(), ["CAKE", "CAKE"]);
  assert.equal(rules.width, 3);
  assert.throws(() => labelRules(rules, { labels: tx.drop("description") }), {
    name: "TypeError",
    message:
      'Cannot label rules as column "description" is missing: available columns are product_id',
  });
  assert.throws(() => labelRules(rules, {} as { labels: typeof tx }), TypeError);
  // Other column names.
  const named = labelRules(rules, {
    labels: tx.rename({ product_id: "sku", description: "name" }),
    item: "sku",
    label: "name",
  });
  assert.deepEqual(named.toRecords(), out.toRecords());
});
