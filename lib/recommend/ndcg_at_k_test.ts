import assert from "node:assert/strict";
import { assertClose } from "../../tests/_helpers.ts";
import { RECOMMENDED, RELEVANT } from "./_test_fixtures.ts";
import { ndcgAtK } from "./ndcg_at_k.ts";

// The shared fixture: see _test_fixtures.ts for the five users.
const recommended = RECOMMENDED;
const relevant = RELEVANT;

/** Discount of rank i (from 1). */
const d = (i: number) => 1 / Math.log2(i + 1);

Deno.test("ndcgAtK() matches hand-computed values", () => {
  // k = 3:
  // u1: hit b at 2 -> DCG = d(2) = 0.6309; IDCG over min(3, 3) = 3 -> d(1) + d(2) + d(3) = 2.1309.
  // u2: hit y at 2 -> DCG = d(2); IDCG over min(3, 1) = 1 -> d(1) = 1.
  // u4: DCG 0. u5: m at 1, duplicate m at 2 (rel 0), n at 3 -> d(1) + d(3) = 1.5;
  //     IDCG over 2 -> d(1) + d(2) = 1.6309.
  const expected = (d(2) / (d(1) + d(2) + d(3)) + d(2) / 1 + 0 + (d(1) + d(3)) / (d(1) + d(2))) /
    4;
  assertClose(ndcgAtK(recommended, relevant, { k: 3 }), expected, 1e-15);
  // 0.2960819 + 0.6309298 + 0 + 0.9197208 = 1.8467325, / 4 = 0.4616831.
  assert.ok(Math.abs(expected - 0.4616831) < 1e-7);
  // k = 1: only u5's m -> 1 / 1; mean 1/4.
  assert.equal(ndcgAtK(recommended, relevant, { k: 1 }), 0.25);
  // k = 10: u1 adds d at 4; the ideal is still over 3 items.
  const expected10 = ((d(2) + d(4)) / (d(1) + d(2) + d(3)) + d(2) + 0 +
    (d(1) + d(3)) / (d(1) + d(2))) / 4;
  assertClose(ndcgAtK(recommended, relevant, { k: 10 }), expected10, 1e-15);
});

Deno.test("ndcgAtK() is 1 for a perfect ranking and the log base does not matter", () => {
  assert.equal(ndcgAtK([["a", "b", "x"]], [["b", "a"]], { k: 3 }), 1);
  assert.equal(ndcgAtK([["a", "b"]], [["a", "b", "c", "d"]], { k: 2 }), 1);
  // Microsoft Recommenders' default natural-log discount gives the same ratio.
  const ln = (1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3));
  assertClose(ndcgAtK([["x", "a"]], [["a", "b"]], { k: 2 }), ln, 1e-15);
});

Deno.test("ndcgAtK() rejects bad k and users without relevant items", () => {
  assert.throws(() => ndcgAtK(recommended, relevant, { k: -2 }), {
    name: "RangeError",
    message: "Cannot compute NDCG@k as k must be an integer >= 1: got -2",
  });
  assert.throws(() => ndcgAtK([], [], { k: 2 }), {
    name: "RangeError",
    message: "Cannot compute NDCG@k as no user has a relevant item: 0 users",
  });
});
