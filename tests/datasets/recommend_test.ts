/**
 * Whole-dataset checks of the recommenders on the bundled Online Retail log (moved out of
 * `lib/recommend/`, whose unit tests use small fixtures). Speed is measured in
 * `bench/recommend.ts`, not asserted here.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { fitItemKnn } from "../../lib/recommend/fit_item_knn.ts";
import { timeSplit } from "../../lib/recommend/time_split.ts";
import { fitHybrid } from "../../lib/recommend/fit_hybrid.ts";
import { fitRuleRecommender } from "../../lib/recommend/fit_rule_recommender.ts";
import { evaluateRecommenders } from "../../lib/recommend/evaluate_recommenders.ts";

Deno.test("fitItemKnn() fits and recommends for every Online Retail customer", () => {
  const tx = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true }).data;
  const { train } = timeSplit(tx, { cutoff: new Date("2011-09-01") });
  const model = fitItemKnn(train);
  const customers = model.matrix.customers;
  const recs = model.recommend(customers, { n: 10 });
  assert.ok(customers.length > 3000);
  assert.ok(recs.height > 0.95 * customers.length * 10 && recs.height <= customers.length * 10);
  const ranks = recs.getColumn("rank").toArray() as number[];
  assert.ok(ranks.every((r) => r >= 1 && r <= 10));
  // No purchased item is recommended.
  const bought = train.select(
    pl.col("customer_id"),
    pl.col("product_id"),
  ).filter(pl.col("customer_id").isNotNull()).unique();
  assert.equal(recs.join(bought, { on: ["customer_id", "product_id"], how: "semi" }).height, 0);
  // Ranks count up and scores descend within each customer.
  const ids = recs.getColumn("customer_id").toArray() as string[];
  const scores = recs.getColumn("score").toArray() as number[];
  for (let k = 1; k < ids.length; k++) {
    if (ids[k] === ids[k - 1]) {
      assert.equal(ranks[k], ranks[k - 1] + 1);
      assert.ok(scores[k] <= scores[k - 1]);
    } else assert.equal(ranks[k], 1);
  }
  // Every reason names an item the customer bought.
  const because = recs.select(
    pl.col("customer_id"),
    pl.col("because_product").alias("product_id"),
  );
  assert.equal(because.join(bought, { on: ["customer_id", "product_id"], how: "anti" }).height, 0);
});

Deno.test("notebook 05: rules recommend to fewer customers than the hybrid and find less at k = 10", () => {
  const tx = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true }).data;
  const split = timeSplit(tx, { cutoff: new Date("2011-09-01") });
  const models = { hybrid: fitHybrid(split.train), rules: fitRuleRecommender(split.train) };
  const catalogSize = models.hybrid.matrix.items.length;
  const table = evaluateRecommenders(models, { relevant: split.relevant, k: 10, catalogSize });
  const precision = Object.fromEntries(
    table.toRecords().map((r) => [r.model as string, r.precision as number]),
  );
  assert.ok(precision.hybrid > precision.rules, JSON.stringify(precision));
  const evaluated = [...split.relevant.keys()];
  const reached = models.rules.recommend(evaluated, { n: 10 }).getColumn("customer_id").nUnique();
  assert.ok(reached < evaluated.length && reached > 0.8 * evaluated.length, `${reached}`);
  // Refitted on everything, the hybrid reaches customers who first bought after the cutoff.
  const refitted = fitHybrid(tx);
  assert.ok(refitted.matrix.customers.length > models.hybrid.matrix.customers.length + 1000);
});
