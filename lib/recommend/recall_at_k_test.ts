import assert from "node:assert/strict";
import { RECOMMENDED, RELEVANT } from "./_test_fixtures.ts";
import { recallAtK } from "./recall_at_k.ts";

// The shared fixture: see _test_fixtures.ts for the five users.
const recommended = RECOMMENDED;
const relevant = RELEVANT;

Deno.test("recallAtK() matches hand-computed values", () => {
  // k = 3: u1 finds b of {b, d, e} -> 1/3; u2 finds y of {y} -> 1; u3 skipped; u4 0;
  // u5 finds m and n (m once) of {m, n} -> 1. Mean over 4: (1/3 + 1 + 0 + 1) / 4 = 7/12.
  assert.equal(recallAtK(recommended, relevant, { k: 3 }), (1 / 3 + 1 + 0 + 1) / 4);
  // k = 1: only u5's m -> 1/2; mean 1/8.
  assert.equal(recallAtK(recommended, relevant, { k: 1 }), 0.125);
  // k = 10: u1 finds b, d -> 2/3; others as for k = 3. Mean (2/3 + 2) / 4 = 2/3.
  assert.equal(recallAtK(recommended, relevant, { k: 10 }), (2 / 3 + 1 + 0 + 1) / 4);
});

Deno.test("recallAtK() never falls as k grows and is capped by k / |relevant|", () => {
  let previous = 0;
  for (let k = 1; k <= 6; k++) {
    const value = recallAtK(recommended, relevant, { k: k });
    assert.ok(value >= previous, `k=${k}`);
    previous = value;
  }
  // Perfect top 2 of 4 relevant items: recall 2/4.
  assert.equal(recallAtK([["a", "b", "c", "d"]], [["a", "b", "c", "d"]], { k: 2 }), 0.5);
});

Deno.test("recallAtK() rejects bad k, lengths and users without relevant items", () => {
  assert.throws(() => recallAtK(recommended, relevant, { k: 0 }), {
    name: "RangeError",
    message: "Cannot compute recall@k as k must be an integer >= 1: got 0",
  });
  assert.throws(() => recallAtK(recommended, [], { k: 2 }), {
    name: "RangeError",
    message:
      "Cannot compute recall@k as recommended and relevant differ in length: 5 recommendation lists, 0 relevant lists",
  });
  assert.throws(() => recallAtK([["a"]], [[]], { k: 2 }), {
    name: "RangeError",
    message: "Cannot compute recall@k as no user has a relevant item: 1 user",
  });
});
