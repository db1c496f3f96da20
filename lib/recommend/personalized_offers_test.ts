import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { personalizedOffers } from "./personalized_offers.ts";

// Segments A = {c1, c2, c3}, B = {c4, c5}; c3 has no recommendation; c9 is not in any segment.
const recommendations = pl.DataFrame({
  customer_id: ["c5", "c5", "c4", "c4", "c2", "c2", "c1", "c1", "c9"],
  rank: [2, 1, 2, 1, 2, 1, 2, 1, 1],
  product_id: ["v", "w", "w", "x", "z", "y", "y", "x", "q"],
  score: [0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.9, 1],
  reason: ["r5b", "r5a", "r4b", "r4a", "r2b", "r2a", "r1b", "r1a", "r9"],
});
const segments = pl.DataFrame({
  customer_id: ["c4", "c2", "c5", "c3", "c1"],
  segment: ["B", "A", "B", "A", "A"],
});

Deno.test("personalizedOffers() features the products recommended to most of a segment", () => {
  const { bySegment } = personalizedOffers(recommendations, { segments, perSegment: 2 });
  // A (3 customers): x -> {c1} at rank 1; y -> {c1 (rank 2), c2 (rank 1)}; z -> {c2} at rank 2.
  //   Order: y (2 customers), x (1, mean rank 1), z (1, mean rank 2); keep 2.
  // B (2 customers): x -> {c4} rank 1; w -> {c4 (rank 2), c5 (rank 1)}; v -> {c5} rank 2.
  //   Order: w (2), x (1, mean rank 1), v (1, mean rank 2); keep 2.
  assert.deepEqual(bySegment.columns, [
    "segment",
    "rank",
    "product_id",
    "customers_recommended",
    "share_of_segment",
  ]);
  assert.deepEqual(bySegment.toRecords().map((r) => ({ ...r, rank: Number(r.rank) })), [
    { segment: "A", rank: 1, product_id: "y", customers_recommended: 2, share_of_segment: 2 / 3 },
    { segment: "A", rank: 2, product_id: "x", customers_recommended: 1, share_of_segment: 1 / 3 },
    { segment: "B", rank: 1, product_id: "w", customers_recommended: 2, share_of_segment: 1 },
    { segment: "B", rank: 2, product_id: "x", customers_recommended: 1, share_of_segment: 0.5 },
  ]);
});

Deno.test("personalizedOffers() gives each customer one next offer, with a segment fallback", () => {
  const { byCustomer } = personalizedOffers(recommendations, { segments, perSegment: 2 });
  assert.deepEqual(byCustomer.columns, [
    "customer_id",
    "segment",
    "product_id",
    "score",
    "reason",
  ]);
  // Own rank-1 recommendations; c3 gets A's top featured product y; c9 (no segment) left out.
  assert.deepEqual(byCustomer.toRecords(), [
    { customer_id: "c1", segment: "A", product_id: "x", score: 0.9, reason: "r1a" },
    { customer_id: "c2", segment: "A", product_id: "y", score: 0.6, reason: "r2a" },
    {
      customer_id: "c3",
      segment: "A",
      product_id: "y",
      score: null,
      reason: "popular in your segment",
    },
    { customer_id: "c4", segment: "B", product_id: "x", score: 0.7, reason: "r4a" },
    { customer_id: "c5", segment: "B", product_id: "w", score: 0.8, reason: "r5a" },
  ]);
});

Deno.test("personalizedOffers() adds descriptions, keeps dtypes and is deterministic", () => {
  const label = pl.DataFrame({
    product_id: ["x", "y", "w", "x"],
    description: ["Mug", "Tea", "Pot", "Other mug"],
  });
  const numericSegments = pl.DataFrame({
    customer_id: ["c4", "c2", "c5", "c3", "c1"],
    segment: [2, 10, 2, 10, 10],
  });
  const first = personalizedOffers(recommendations, {
    segments: numericSegments,
    perSegment: 1,
    labels: label,
  });
  // Numeric segments sort numerically: 2 before 10.
  assert.deepEqual(first.bySegment.getColumn("segment").toArray(), [2, 10]);
  assert.deepEqual(first.bySegment.getColumn("description").toArray(), ["Pot", "Tea"]);
  assert.equal(first.byCustomer.columns[3], "description");
  assert.deepEqual(first.byCustomer.getColumn("description").toArray(), [
    "Mug",
    "Tea",
    "Tea",
    "Mug",
    "Pot",
  ]);
  assert.ok(
    first.bySegment.getColumn("segment").dtype.equals(numericSegments.getColumn("segment").dtype),
  );
  // Shuffled input rows give the same tables.
  const again = personalizedOffers(
    recommendations.sort("score"),
    { segments: numericSegments.sort("customer_id"), perSegment: 1, labels: label },
  );
  assert.deepEqual(again.bySegment.toRecords(), first.bySegment.toRecords());
  assert.deepEqual(again.byCustomer.toRecords(), first.byCustomer.toRecords());
});

Deno.test("personalizedOffers() uses custom column names and optional score/reason", () => {
  const recs = pl.DataFrame({ cust: ["a", "b"], rank: [1, 1], sku: ["s1", "s1"] });
  const segs = pl.DataFrame({ cust: ["a", "b", "c"], tier: ["gold", "gold", "silver"] });
  const { bySegment, byCustomer } = personalizedOffers(recs, {
    segments: segs,
    customer: "cust",
    segment: "tier",
    item: "sku",
  });
  assert.deepEqual(bySegment.columns.slice(0, 3), ["tier", "rank", "sku"]);
  assert.equal(bySegment.height, 1);
  // c is in silver, which has no featured product: a null offer.
  assert.deepEqual(byCustomer.toRecords(), [
    { cust: "a", tier: "gold", sku: "s1", score: null, reason: null },
    { cust: "b", tier: "gold", sku: "s1", score: null, reason: null },
    { cust: "c", tier: "silver", sku: null, score: null, reason: null },
  ]);
});

Deno.test("personalizedOffers() rejects bad options, columns and double segments", () => {
  assert.throws(() => personalizedOffers(recommendations, { segments, perSegment: 0 }), {
    name: "RangeError",
    message: "Cannot make personalized offers as perSegment must be an integer >= 1: got 0",
  });
  assert.throws(() => personalizedOffers(recommendations, { segments, segment: "tier" }), {
    name: "TypeError",
    message:
      'Cannot make personalized offers as column "tier" is missing: available columns are customer_id, segment',
  });
  const twice = pl.DataFrame({ customer_id: ["c1", "c1", "c2"], segment: ["A", "B", "A"] });
  assert.throws(() => personalizedOffers(recommendations, { segments: twice }), {
    name: "RangeError",
    message:
      'Cannot make personalized offers as 1 customer appears in more than one segment: e.g. "c1"',
  });
  assert.throws(
    () =>
      personalizedOffers(recommendations, {
        segments,
        labels: pl.DataFrame({ product_id: ["x"], name: ["Mug"] }),
      }),
    {
      name: "TypeError",
      message:
        'Cannot make personalized offers with labels as column "description" is missing: available columns are product_id, name',
    },
  );
});

Deno.test("personalizedOffers() passes the structured reason columns through", () => {
  const recs = pl.DataFrame({
    customer_id: ["c1", "c2"],
    rank: [1, 1],
    product_id: ["tea", "mug"],
    score: [0.9, 0.4],
    reason_kind: ["bought_together", "popular"],
    because_product: ["cup", null],
    because_score: [0.5, 12],
    reason: ["because you bought cup", "popular: bought by 12 customers"],
  });
  const segs = pl.DataFrame({ customer_id: ["c1", "c2", "c3"], segment: ["A", "A", "A"] });
  const { byCustomer } = personalizedOffers(recs, { segments: segs, perSegment: 1 });
  assert.deepEqual(byCustomer.columns.slice(4), [
    "reason_kind",
    "because_product",
    "because_score",
    "reason",
  ]);
  assert.deepEqual(
    byCustomer.toRecords().map((r) => [r.customer_id, r.reason_kind, r.because_product]),
    [["c1", "bought_together", "cup"], ["c2", "popular", null], ["c3", "popular_in_segment", null]],
  );
});
