import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { fitPopularity } from "./fit_popularity.ts";

// Distinct buyers: tea 3 (a, b, c), mug 2 (a, d), jam 2 (b, d), pan 1 (e: 50 units).
const purchases = (): DataFrame =>
  pl.DataFrame({
    customer_id: ["a", "a", "a", "b", "b", "c", "d", "d", "e", "c"],
    product_id: ["tea", "tea", "mug", "tea", "jam", "tea", "mug", "jam", "pan", "pan"],
    quantity: [1, 1, 2, 1, 1, 1, 1, 1, 50, -5],
  });

const column = (df: DataFrame, name: string) => df.getColumn(name).toArray();

Deno.test("fitPopularity() ranks by distinct buyers, ties by product id", () => {
  const model = fitPopularity(purchases());
  assert.deepEqual(model.matrix.items, ["jam", "mug", "pan", "tea"]);
  assert.deepEqual([...model.buyers], [2, 2, 1, 3]);
  assert.deepEqual([...model.popularity], [2, 2, 1, 3]);
  const recs = model.recommend(["stranger"], { n: 10 });
  assert.deepEqual(column(recs, "product_id"), ["tea", "jam", "mug", "pan"]);
  assert.deepEqual(column(recs, "rank"), [1, 2, 3, 4]);
  assert.deepEqual(column(recs, "score"), [3, 2, 2, 1]);
  assert.deepEqual(column(recs, "reason"), [
    "popular: bought by 3 customers",
    "popular: bought by 2 customers",
    "popular: bought by 2 customers",
    "popular: bought by 1 customer",
  ]);
});

Deno.test("fitPopularity() skips purchased items unless asked not to", () => {
  const model = fitPopularity(purchases());
  const recs = model.recommend(["a", "e"], { n: 2 });
  assert.deepEqual(recs.toRecords().map((r) => [r.customer_id, r.product_id]), [
    ["a", "jam"],
    ["a", "pan"],
    ["e", "tea"],
    ["e", "jam"],
  ]);
  const all = model.recommend(["a"], { n: 2, excludePurchased: false });
  assert.deepEqual(column(all, "product_id"), ["tea", "jam"]);
  // c only returned the pan: it is not theirs, so it can be recommended.
  assert.deepEqual(column(model.recommend(["c"], { n: 3 }), "product_id"), ["jam", "mug", "pan"]);
});

Deno.test("fitPopularity() can weigh by units", () => {
  const model = fitPopularity(purchases(), { weight: "quantity" });
  // Units: pan 50, tea 4, mug 3, jam 2.
  const recs = model.recommend(["x"], { n: 4 });
  assert.deepEqual(column(recs, "product_id"), ["pan", "tea", "mug", "jam"]);
  assert.deepEqual(column(recs, "score"), [50, 4, 3, 2]);
  assert.equal(column(recs, "reason")[0], "popular: bought by 1 customer");
  assert.deepEqual(model.options, {
    customer: "customer_id",
    item: "product_id",
    weight: "quantity",
  });
});

Deno.test("fitPopularity() is deterministic and does not modify its input", () => {
  const tx = purchases();
  const before = tx.toRecords();
  const first = fitPopularity(tx).recommend(["a", "b", "c"]).toRecords();
  const reversed = tx.select(pl.all().reverse());
  assert.deepEqual(fitPopularity(reversed).recommend(["a", "b", "c"]).toRecords(), first);
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("fitPopularity() rejects bad arguments", () => {
  assert.throws(
    () => fitPopularity(purchases().drop("product_id")),
    (e: Error) =>
      e instanceof TypeError &&
      /Cannot fit popularity as column "product_id" is missing/.test(e.message),
  );
  assert.throws(
    // @ts-expect-error: unknown weight
    () => fitPopularity(purchases(), { weight: "revenue" }),
    RangeError,
  );
  assert.throws(
    () => fitPopularity(purchases().head(0)),
    (e: Error) => e instanceof RangeError && /0 of 0 rows usable/.test(e.message),
  );
  const model = fitPopularity(purchases());
  assert.throws(
    () => model.recommend(["a"], { n: 0 }),
    (e: Error) => e instanceof RangeError && /n must be an integer >= 1: got 0/.test(e.message),
  );
  assert.throws(
    // @ts-expect-error: not a boolean
    () => model.recommend(["a"], { excludePurchased: "yes" }),
    TypeError,
  );
});
