import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitRuleRecommender } from "./fit_rule_recommender.ts";
import { evaluateRecommenders } from "./evaluate_recommenders.ts";
import { frequentItemsets } from "../basket/frequent_itemsets.ts";
import { associationRules } from "../basket/association_rules.ts";
import { recommendFromRules } from "../basket/recommend_from_rules.ts";

// Five baskets: A and B go together (3 of the 4 A baskets), C with D twice.
const train = pl.DataFrame({
  invoice_id: ["1", "1", "2", "2", "3", "3", "4", "5", "5", "6", "6"],
  customer_id: ["u", "u", "v", "v", "w", "w", "x", "y", "y", "z", "z"],
  product_id: ["A", "B", "A", "B", "A", "B", "A", "C", "D", "C", "D"],
});

Deno.test("fitRuleRecommender() equals mining by hand then recommendFromRules", () => {
  const model = fitRuleRecommender(train, { minSupport: 0.3, minConfidence: 0.5 });
  const rules = associationRules(
    frequentItemsets(train, {
      transaction: "invoice_id",
      item: "product_id",
      minSupport: 0.3,
      maxLen: 3,
    }),
    { minConfidence: 0.5 },
  );
  assert.equal(model.rules.height, rules.height);
  const byHand = recommendFromRules(train.filter(pl.col("customer_id").eq(pl.lit("x"))), {
    rules,
    topN: 2,
  });
  const recs = model.recommend(["x"], { n: 2 });
  assert.deepEqual(recs.toRecords(), byHand.toRecords());
  assert.deepEqual(recs.select("customer_id", "rank", "product_id").toRecords(), [
    { customer_id: "x", rank: 1, product_id: "B" },
  ]);
  assert.equal(model.options.maxLen, 3);
});

Deno.test("fitRuleRecommender() can be scored by evaluateRecommenders", () => {
  const model = fitRuleRecommender(train, { minSupport: 0.3, minConfidence: 0.5 });
  const relevant = new Map([["x", ["B"]], ["u", ["C"]]]);
  const table = evaluateRecommenders({ rules: model }, { relevant, k: 1, catalogSize: 4 });
  // x gets B (a hit); u bought A and B, so no rule has a new consequent for u: no hit.
  assert.equal(table.getColumn("precision").toArray()[0], 0.5);
});
