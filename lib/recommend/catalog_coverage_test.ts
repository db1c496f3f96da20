import assert from "node:assert/strict";
import { catalogCoverage } from "./catalog_coverage.ts";

const recommended = [["a", "b", "c"], ["b", "a", "e"], [], ["f", "f"]];

Deno.test("catalogCoverage() counts distinct items in the top k over the catalogue size", () => {
  // Top 1: a, b, f -> 3 of 10. Top 2: a, b, f (f twice) -> 3 of 10.
  assert.equal(catalogCoverage(recommended, 10, { k: 1 }), 0.3);
  assert.equal(catalogCoverage(recommended, 10, { k: 2 }), 0.3);
  // Top 3 and whole lists: a, b, c, e, f -> 5 of 10; k beyond the lists changes nothing.
  assert.equal(catalogCoverage(recommended, 10, { k: 3 }), 0.5);
  assert.equal(catalogCoverage(recommended, 10, { k: 50 }), 0.5);
  assert.equal(catalogCoverage(recommended, 10), 0.5);
  assert.equal(catalogCoverage(recommended, 5), 1);
  assert.equal(catalogCoverage([], 4), 0);
});

Deno.test("catalogCoverage() with a list of items counts only items in it", () => {
  // Catalogue {a, b, c, d} (d twice): recommended a, b, c are in it, e and f are not -> 3 of 4.
  assert.equal(catalogCoverage(recommended, ["a", "b", "c", "d", "d"]), 0.75);
  assert.equal(catalogCoverage(recommended, ["a", "b", "c", "d"], { k: 1 }), 0.5);
});

Deno.test("catalogCoverage() rejects bad catalogues and k", () => {
  assert.throws(() => catalogCoverage(recommended, 4), {
    name: "RangeError",
    message:
      'Cannot compute catalog coverage as more distinct items were recommended than the catalogue holds: 5 items (e.g. "a", "b", "c", "e", "f"), catalogue of 4',
  });
  assert.throws(() => catalogCoverage(recommended, 0), {
    name: "RangeError",
    message: "Cannot compute catalog coverage as the catalogue size must be a positive integer: 0",
  });
  assert.throws(() => catalogCoverage(recommended, []), {
    name: "RangeError",
    message: "Cannot compute catalog coverage as the catalogue is empty: 0 items",
  });
  assert.throws(() => catalogCoverage(recommended, "10" as unknown as number), {
    name: "TypeError",
    message:
      "Cannot compute catalog coverage as catalog must be a number of items or a list of items: got string",
  });
  assert.throws(() => catalogCoverage(recommended, 10, { k: 0 }), {
    name: "RangeError",
    message: "Cannot compute catalog coverage as k must be an integer >= 1: got 0",
  });
});
