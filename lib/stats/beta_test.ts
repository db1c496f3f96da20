import assert from "node:assert/strict";
import { beta } from "./beta.ts";
import { compareWithReference } from "./_test_reference.ts";

// Reference: tests/reference/stats_reference.py (scipy 1.10.1; mpmath 1.2.1 at 50 digits).
// Worst relative error measured (2026-12-03): CDF 3.3e-13 and survival function 2.0e-13 against
// mpmath (shapes 0.5 to 1e5), 9.9e-13 against scipy where scipy is right; quantile 2.0e-14
// against scipy. scipy is off at 24 points (e.g. sf(2.5e-16; 0.5, 0.5) by 5e-10, shapes
// (1e5, 1e5) and (5, 1e5) by up to 1e-11), where mpmath sides with us.
Deno.test("beta matches scipy (or mpmath where scipy is off) over the reference grid", () => {
  const result = compareWithReference("beta", {
    cdf: (x, p) => beta.cdf(x, p as never),
    sf: (x, p) => beta.sf(x, p as never),
    quantile: (x, p) => beta.quantile(x, p as never),
  }, 1e-12);
  assert.deepEqual(result.failures, []);
  assert.ok(result.count > 30);
  console.log(JSON.stringify(result.worst));
});

Deno.test("beta refuses bad shapes and handles the edges", () => {
  assert.throws(() => beta.cdf(0.5, { alpha: 0, beta: 1 }), {
    name: "RangeError",
    message: /^Cannot compute the beta CDF as alpha must be a finite number > 0: got 0$/,
  });
  assert.equal(beta.cdf(1.2, { alpha: 2, beta: 3 }), 1);
  assert.equal(beta.sf(-1, { alpha: 2, beta: 3 }), 1);
  assert.equal(beta.quantile(1, { alpha: 2, beta: 3 }), 1);
  assert.ok(Math.abs(beta.cdf(0.3, { alpha: 1, beta: 1 }) - 0.3) < 1e-15);
});
