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
    description: ["TEA", "TEA ", "TEA", "CAKE", null],
  });
  const out = labelRules(rules, tx);
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
  assert.throws(() => labelRules(rules, tx.drop("description")), TypeError);
});
