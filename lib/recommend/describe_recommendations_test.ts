import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { describeRecommendations } from "./describe_recommendations.ts";

Deno.test("describeRecommendations names products and the codes in reasons", () => {
  const recs = pl.DataFrame({
    customer_id: ["1", "1", "2"],
    rank: [1, 2, 1],
    product_id: ["B", "C", "Z"],
    reason: ["because you bought A", "similar to B", "popular: bought by 5 customers"],
  });
  const tx = pl.DataFrame({
    product_id: ["A", "A", "A", "B", "C"],
    description: ["TEA ", "TEA", "TEA", "CAKE", "MUG"],
  });
  const out = describeRecommendations(recs, tx);
  assert.deepEqual(out.columns, ["customer_id", "rank", "product_id", "description", "reason"]);
  assert.deepEqual(out.getColumn("description").toArray(), ["CAKE", "MUG", null]);
  assert.deepEqual(out.getColumn("reason").toArray(), [
    "because you bought TEA",
    "similar to CAKE",
    "popular: bought by 5 customers",
  ]);
  assert.equal(recs.width, 4);
  assert.throws(() => describeRecommendations(recs, tx.drop("description")), TypeError);
});
