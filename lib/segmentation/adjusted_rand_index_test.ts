import assert from "node:assert/strict";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";

// scikit-learn 1.2.1 adjusted_rand_score, written by tests/reference/ari_reference.py.
const reference = JSON.parse(
  Deno.readTextFileSync(new URL("../../tests/fixtures/ari_reference.json", import.meta.url)),
) as { cases: { name: string; a: number[]; b: number[]; ari: number }[] };

Deno.test("adjustedRandIndex matches scikit-learn's adjusted_rand_score", () => {
  assert.equal(reference.cases.length, 10);
  for (const { name, a, b, ari } of reference.cases) {
    const actual = adjustedRandIndex(a, b);
    assert.ok(Math.abs(actual - ari) < 1e-12, `${name}: ${actual} vs ${ari}`);
    assert.ok(Math.abs(adjustedRandIndex(b, a) - ari) < 1e-12, `${name} is symmetric`);
  }
});

Deno.test("adjustedRandIndex accepts typed arrays and ignores label numbers", () => {
  const a = Int32Array.from([0, 0, 1, 1, 2, 2]);
  assert.equal(adjustedRandIndex(a, Float64Array.from([5, 5, -1, -1, 9, 9])), 1);
});

Deno.test("adjustedRandIndex reports bad input", () => {
  assert.throws(() => adjustedRandIndex([0, 1], [0, 1, 1]), {
    name: "RangeError",
    message: "Cannot compute adjusted Rand index as the labelings differ in length: 2 and 3 labels",
  });
  assert.throws(() => adjustedRandIndex([], []), {
    name: "RangeError",
    message: "Cannot compute adjusted Rand index as the labelings are empty: 0 labels",
  });
  assert.throws(() => adjustedRandIndex([0, 1.5], [0, 1]), {
    name: "RangeError",
    message: "Cannot compute adjusted Rand index as label 2 is not an integer: 1.5",
  });
});
