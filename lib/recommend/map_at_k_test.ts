import assert from "node:assert/strict";
import { assertClose } from "../../tests/_helpers.ts";
import { RECOMMENDED, RELEVANT } from "./_test_fixtures.ts";
import { mapAtK } from "./map_at_k.ts";

// The shared fixture: see _test_fixtures.ts for the five users.
const recommended = RECOMMENDED;
const relevant = RELEVANT;

Deno.test("mapAtK() matches hand-computed values, normalised by min(k, |relevant|)", () => {
  // k = 3:
  // u1: hit b at 2 -> precision@2 = 1/2; / min(3, 3) = 3 -> 1/6.
  // u2: hit y at 2 -> 1/2; / min(3, 1) = 1 -> 1/2.
  // u4: 0. u5: m at 1 -> 1/1; the second m is a miss; n at 3 -> 2/3; / min(3, 2) = 2 -> 5/6.
  // Mean over 4: (1/6 + 1/2 + 0 + 5/6) / 4 = 3/8.
  assertClose(mapAtK(recommended, relevant, { k: 3 }), 0.375, 1e-15);
  // k = 1: u5 1/1 / min(1, 2) = 1; others 0 -> 1/4.
  assert.equal(mapAtK(recommended, relevant, { k: 1 }), 0.25);
  // k = 10: u1 hits b at 2 (1/2) and d at 4 (2/4) -> 1 / min(10, 3) = 1/3; u2 1/2; u5 5/6.
  // Mean (1/3 + 1/2 + 0 + 5/6) / 4 = 5/12.
  assertClose(mapAtK(recommended, relevant, { k: 10 }), 5 / 12, 1e-15);
});

Deno.test("mapAtK() scores a perfect top k as 1 even with more than k relevant items", () => {
  // The current Microsoft Recommenders map_at_k divides by min(k, |relevant|) = 2 -> 1.
  // The older definition (divide by |relevant| = 4) would give 2/4.
  assert.equal(mapAtK([["a", "b", "x"]], [["a", "b", "c", "d"]], { k: 2 }), 1);
  // Order matters: the same two hits later in the list score less.
  assert.equal(mapAtK([["x", "a", "b"]], [["a", "b"]], { k: 3 }), (1 / 2 + 2 / 3) / 2);
});

Deno.test("mapAtK() rejects bad k and users without relevant items", () => {
  assert.throws(() => mapAtK(recommended, relevant, { k: 1.5 }), {
    name: "RangeError",
    message: "Cannot compute MAP@k as k must be an integer >= 1: got 1.5",
  });
  assert.throws(() => mapAtK([["a"], ["b"]], [[], []], { k: 2 }), {
    name: "RangeError",
    message: "Cannot compute MAP@k as no user has a relevant item: 2 users",
  });
});
