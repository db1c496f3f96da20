import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { fitContentBased } from "./fit_content_based.ts";

/**
 * p1 "RED HEART MUG" (its most frequent text), p2 "RED HEART CUSHION", p3 "BLUE MUG",
 * p4 "SET OF 3 CAKE TINS". With minDf 2 the vocabulary is heart (p1, p2), mug (p1, p3) and
 * red (p1, p2), all with idf ln(5/3) + 1, so v1 = (1, 1, 1)/√3, v2 = (1, 0, 1)/√2,
 * v3 = (0, 1, 0) and p4 has no term.
 */
const purchases = (): DataFrame =>
  pl.DataFrame({
    customer_id: ["x", "y", "y", "y", "z", "w", "w", "v"],
    product_id: ["p3", "p1", "p3", "p1", "p4", "p2", "p1", "p2"],
    description: [
      "BLUE MUG",
      "RED HEART MUG",
      "BLUE MUG",
      "RED HEART MUG",
      "SET OF 3 CAKE TINS",
      "RED HEART CUSHION",
      "red mug, heart, old label",
      "RED HEART CUSHION",
    ],
  });

Deno.test("fitContentBased() builds smooth TF-IDF vectors by hand", () => {
  const model = fitContentBased(purchases());
  assert.deepEqual(model.vocabulary, ["heart", "mug", "red"]);
  const idf = Math.log(5 / 3) + 1;
  for (const value of model.idf) assertClose(value, idf);
  assert.equal(model.textOf("p1"), "RED HEART MUG");
  assert.equal(model.textOf("nope"), null);
  const v1 = model.vectorOf("p1");
  assert.deepEqual(Object.keys(v1), ["heart", "mug", "red"]);
  for (const value of Object.values(v1)) assertClose(value, 1 / Math.sqrt(3));
  assert.deepEqual(model.vectorOf("p4"), {});
});

Deno.test("fitContentBased() tokenises with the stop list and minDf 1", () => {
  const model = fitContentBased(purchases(), { minDf: 1 });
  // "of" is a stop word, "3" is too short; df = 1 of N = 4 items: idf ln(5/2) + 1 each.
  const v4 = model.vectorOf("p4");
  assert.deepEqual(Object.keys(v4), ["cake", "set", "tins"]);
  for (const value of Object.values(v4)) assertClose(value, 1 / Math.sqrt(3));
  assert.ok(!model.vocabulary.includes("of"));
});

Deno.test("fitContentBased() scores by profile cosine with the closest item as reason", () => {
  const model = fitContentBased(purchases());
  const recs = model.recommend(["x", "y", "z", "stranger"]).toRecords();
  // x bought p3 = (0, 1, 0): p1 scores v3 · v1 = 1/√3; p2 shares no term.
  // y bought p1 and p3: profile (1/√3, 1 + 1/√3, 1/√3); p2 scores (2/√6) / ‖profile‖, closest to
  // p1 (v1 · v2 = 2/√6, v3 · v2 = 0). z's p4 has no term and the stranger is unknown: no rows.
  assert.deepEqual(recs.map((r) => [r.customer_id, r.rank, r.product_id, r.reason]), [
    ["x", 1, "p1", "similar to p3"],
    ["y", 1, "p2", "similar to p1"],
  ]);
  assertClose(recs[0].score, 1 / Math.sqrt(3));
  const profileNorm = Math.sqrt(2 / 3 + (1 + 1 / Math.sqrt(3)) ** 2);
  assertClose(recs[1].score, 2 / Math.sqrt(6) / profileNorm);
});

Deno.test("fitContentBased() can include purchased items", () => {
  const model = fitContentBased(purchases());
  const recs = model.recommend(["x"], { excludePurchased: false }).toRecords();
  // p3 against itself: cosine 1; its reason falls back to itself as no other bought item exists.
  assert.deepEqual(recs.map((r) => [r.product_id, r.reason]), [
    ["p3", "similar to p3"],
    ["p1", "similar to p3"],
  ]);
  assertClose(recs[0].score, 1);
  assert.equal(model.recommend(["x"], { n: 1, excludePurchased: false }).height, 1);
});

Deno.test("fitContentBased() is deterministic and does not modify its input", () => {
  const tx = purchases();
  const before = tx.toRecords();
  const ids = ["v", "w", "x", "y", "z"];
  const first = fitContentBased(tx, { minDf: 1 }).recommend(ids).toRecords();
  const reversed = tx.select(pl.all().reverse());
  assert.deepEqual(fitContentBased(reversed, { minDf: 1 }).recommend(ids).toRecords(), first);
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("fitContentBased() rejects bad arguments", () => {
  assert.throws(
    () => fitContentBased(purchases().drop("description")),
    (e: Error) =>
      e instanceof TypeError &&
      /Cannot fit content-based as column "description" is missing/.test(e.message),
  );
  assert.throws(
    () => fitContentBased(purchases(), { minDf: 0 }),
    (e: Error) => e instanceof RangeError && /minDf must be an integer >= 1: got 0/.test(e.message),
  );
  assert.throws(() => fitContentBased(purchases(), { text: "product_id" }), RangeError);
  assert.throws(() => fitContentBased(purchases()).recommend(["x"], { n: -1 }), RangeError);
});
