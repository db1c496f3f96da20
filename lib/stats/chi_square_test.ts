import assert from "node:assert/strict";
import { chiSquare } from "./chi_square.ts";
import { compareWithReference } from "./_test_reference.ts";

// Reference: tests/reference/stats_reference.py (scipy 1.10.1; mpmath 1.2.1 at 50 digits).
// Worst relative error measured (2026-12-03): CDF 1.1e-13 and survival function 8.4e-14 against
// mpmath, 3.1e-13 against scipy (df 0.5 to 1e6); quantile 3.7e-13 against scipy. scipy is off
// at 3 points (e.g. cdf(990000, df = 1e6): 2.4e-11), where mpmath sides with us.
Deno.test("chiSquare matches scipy (or mpmath where scipy is off) over the reference grid", () => {
  const result = compareWithReference("chiSquare", {
    cdf: (x, p) => chiSquare.cdf(x, p as never),
    sf: (x, p) => chiSquare.sf(x, p as never),
    quantile: (x, p) => chiSquare.quantile(x, p as never),
  }, 1e-12);
  assert.deepEqual(result.failures, []);
  assert.ok(result.count > 30);
  console.log(JSON.stringify(result.worst));
});

Deno.test("chiSquare refuses bad degrees of freedom and handles the edges", () => {
  assert.throws(() => chiSquare.sf(1, { df: -2 }), {
    name: "RangeError",
    message:
      /^Cannot compute the chi-square survival function as df must be a finite number > 0: got -2$/,
  });
  assert.equal(chiSquare.cdf(-1, { df: 2 }), 0);
  assert.equal(chiSquare.sf(0, { df: 2 }), 1);
  assert.equal(chiSquare.quantile(0, { df: 2 }), 0);
  assert.ok(Math.abs(chiSquare.sf(10, { df: 2 }) / Math.exp(-5) - 1) < 1e-14);
});
