import assert from "node:assert/strict";
import { RECOMMENDED, RELEVANT } from "./_test_fixtures.ts";
import { precisionAtK } from "./precision_at_k.ts";

// The shared fixture: see _test_fixtures.ts for the five users.
const recommended = RECOMMENDED;
const relevant = RELEVANT;

Deno.test("precisionAtK() matches hand-computed values, dividing by k", () => {
  // k = 3: u1 top 3 a, b, c: hit b -> 1/3. u2 x, y: hit y -> 1/3 (k, not 2, divides).
  // u3 skipped. u4 0/3. u5 m (hit), m (duplicate, miss), n (hit) -> 2/3.
  // Mean over 4 users: (1/3 + 1/3 + 0 + 2/3) / 4 = 1/3.
  assert.equal(precisionAtK(recommended, relevant, { k: 3 }), (1 / 3 + 1 / 3 + 0 + 2 / 3) / 4);
  // k = 1: only u5's m hits -> (0 + 0 + 0 + 1) / 4.
  assert.equal(precisionAtK(recommended, relevant, { k: 1 }), 0.25);
  // k = 10, longer than every list: u1 hits b, d -> 2/10; u2 1/10; u4 0; u5 2/10.
  assert.equal(precisionAtK(recommended, relevant, { k: 10 }), (0.2 + 0.1 + 0 + 0.2) / 4);
});

Deno.test("precisionAtK() is 1 for a perfect top k and does not depend on user order", () => {
  assert.equal(
    precisionAtK([["a", "b"], ["c", "d", "e"]], [["a", "b", "z"], ["d", "c"]], { k: 2 }),
    1,
  );
  const order = [4, 2, 0, 3, 1];
  assert.equal(
    precisionAtK(order.map((i) => recommended[i]), order.map((i) => relevant[i]), { k: 3 }),
    precisionAtK(recommended, relevant, { k: 3 }),
  );
  // Duplicates in a relevant list do not matter.
  assert.equal(precisionAtK([["a", "b"]], [["a", "a"]], { k: 2 }), 0.5);
});

Deno.test("precisionAtK() rejects bad k, lengths and users without relevant items", () => {
  for (const k of [0, -1, 2.5, NaN, Infinity]) {
    assert.throws(() => precisionAtK(recommended, relevant, { k: k }), {
      name: "RangeError",
      message: `Cannot compute precision@k as k must be an integer >= 1: got ${k}`,
    });
  }
  assert.throws(() => precisionAtK(recommended, relevant, { k: "3" as unknown as number }), {
    name: "TypeError",
    message: 'Cannot compute precision@k as k is not a number: got "3"',
  });
  assert.throws(() => precisionAtK(recommended, relevant.slice(1), { k: 3 }), {
    name: "RangeError",
    message:
      "Cannot compute precision@k as recommended and relevant differ in length: 5 recommendation lists, 4 relevant lists",
  });
  assert.throws(
    () => precisionAtK(new Array(12).fill(["a"]), new Array(12).fill([]), { k: 3 }),
    {
      name: "RangeError",
      message: "Cannot compute precision@k as no user has a relevant item: 12 users",
    },
  );
  assert.throws(() => precisionAtK([], [], { k: 3 }), {
    name: "RangeError",
    message: "Cannot compute precision@k as no user has a relevant item: 0 users",
  });
  assert.throws(() => precisionAtK("abc" as unknown as string[][], relevant, { k: 3 }), {
    name: "TypeError",
    message:
      "Cannot compute precision@k as recommended must be an array of lists, one per user: got string",
  });
  assert.throws(
    () => precisionAtK([["a"], null as unknown as string[]], [["a"], ["b"]], { k: 3 }),
    {
      name: "TypeError",
      message:
        "Cannot compute precision@k as recommended must hold one list per user: user 2 has null",
    },
  );
});
