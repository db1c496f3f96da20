import assert from "node:assert/strict";
import { normal } from "./normal.ts";
import { compareWithReference } from "./_test_reference.ts";

// Reference: tests/reference/stats_reference.py (scipy 1.10.1; mpmath 1.2.1 at 50 digits).
// Worst relative error measured (2026-12-03): CDF and survival function 1.7e-15 against mpmath
// (1.1e-13 against scipy, whose own error reaches that at x = -32); quantile 6.7e-16 against
// scipy. No point where scipy is off.
Deno.test("normal matches scipy (or mpmath where scipy is off) over the reference grid", () => {
  const result = compareWithReference("normal", {
    cdf: (x, p) => normal.cdf(x, p as never),
    sf: (x, p) => normal.sf(x, p as never),
    quantile: (x, p) => normal.quantile(x, p as never),
  }, 1e-12);
  assert.deepEqual(result.failures, []);
  assert.ok(result.count > 30);
  console.log(JSON.stringify(result.worst));
});

Deno.test("normal refuses bad arguments, naming the value", () => {
  assert.throws(() => normal.quantile(1.5), {
    name: "RangeError",
    message: /^Cannot compute the normal quantile as p must be in \[0, 1\]: got 1.5$/,
  });
  assert.throws(() => normal.cdf(0, { sd: 0 }), {
    name: "RangeError",
    message: /sd must be a finite number > 0: got 0/,
  });
  assert.throws(() => normal.cdf(NaN), { name: "RangeError", message: /x is NaN/ });
  assert.equal(normal.cdf(-Infinity), 0);
  assert.equal(normal.quantile(0), -Infinity);
  assert.equal(normal.quantile(1), Infinity);
});
