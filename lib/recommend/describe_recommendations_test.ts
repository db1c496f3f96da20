import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { describeRecommendations } from "./describe_recommendations.ts";
import { fitItemKnn } from "./fit_item_knn.ts";
import { purchases } from "./_test_fixtures.ts";

Deno.test("describeRecommendations() names products and reasons from the structured fields", () => {
  const recs = pl.DataFrame({
    customer_id: ["1", "1", "2", "3"],
    rank: [1, 2, 1, 1],
    product_id: ["B", "C", "Z", "B"],
    score: [0.9, 0.5, 5, 1],
    reason_kind: ["bought_together", "similar_text", "popular", "popular_in_segment"],
    because_product: ["A", "B", null, null],
    because_score: [0.5, 0.25, 5, null],
    // Stale text: describeRecommendations rewrites it from the structured fields.
    reason: ["x", "y", "z", "popular in your segment"],
  });
  const tx = pl.DataFrame({
    product_id: ["A", "A", "A", "B", "C"],
    description: ["TEA ", "TEA", "GREEN TEA", "CAKE", "MUG"],
  });
  const out = describeRecommendations(recs, { labels: tx });
  assert.deepEqual(out.columns, [
    "customer_id",
    "rank",
    "product_id",
    "description",
    "score",
    "reason_kind",
    "because_product",
    "because_description",
    "because_score",
    "reason",
  ]);
  assert.deepEqual(out.getColumn("description").toArray(), ["CAKE", "MUG", null, "CAKE"]);
  assert.deepEqual(out.getColumn("because_description").toArray(), ["TEA", "CAKE", null, null]);
  assert.deepEqual(out.getColumn("reason").toArray(), [
    "because you bought TEA",
    "similar to CAKE",
    "popular: bought by 5 customers",
    "popular in your segment",
  ]);
  assert.equal(recs.width, 8);
  assert.throws(() => describeRecommendations(recs, { labels: tx.drop("description") }), TypeError);
  assert.throws(
    () => describeRecommendations(recs, {} as { labels: typeof tx }),
    /labels option is not a DataFrame/,
  );
});

Deno.test("describeRecommendations() works on a recommender's output with its own columns", () => {
  const tx = purchases().rename({ product_id: "sku" }).withColumns(
    pl.col("sku").add(pl.lit(" item")).alias("name"),
  );
  const recs = fitItemKnn(tx, { item: "sku", shrinkage: 0 }).recommend(["u2"], { n: 1 });
  const out = describeRecommendations(recs, { labels: tx, item: "sku", label: "name" });
  assert.deepEqual(out.toRecords().map((r) => [r.sku, r.description, r.reason]), [
    ["C", "C item", "because you bought B item"],
  ]);
});

Deno.test("describeRecommendations() leaves a text-only reason untouched", () => {
  const recs = pl.DataFrame({ product_id: ["A"], reason: ["because you bought A"] });
  const out = describeRecommendations(recs, {
    labels: pl.DataFrame({ product_id: ["A"], description: ["TEA"] }),
  });
  assert.deepEqual(out.toRecords(), [
    { product_id: "A", description: "TEA", reason: "because you bought A" },
  ]);
});
