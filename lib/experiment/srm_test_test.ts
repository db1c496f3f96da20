import assert from "node:assert/strict";
import { srmTest } from "./srm_test.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: R 4.2.2 chisq.test(counts, p = shares) (tests/reference/experiment_reference.R).
// Worst relative error measured (2026-12-03): 1.9e-15.
Deno.test("srmTest matches R chisq.test on 5 splits", () => {
  for (const c of REFERENCE.srm) {
    const r = srmTest(c.counts, { expectedShares: c.expectedShares });
    assertRelative(r.statistic, c.statistic, 1e-13, `${c.counts} statistic`);
    assertRelative(r.pValue, c.pValue, 1e-12, `${c.counts} pValue`);
    assert.equal(r.mismatch, c.pValue < 0.001);
    assert.equal(r.degreesOfFreedom, c.counts.length - 1);
  }
});

Deno.test("srmTest refuses shares that do not sum to 1 and bad counts", () => {
  assert.throws(() => srmTest([10, 20], { expectedShares: [0.5, 0.4] }), {
    name: "RangeError",
    message:
      /^Cannot run a sample-ratio-mismatch test as expectedShares must sum to 1: they sum to 0.9/,
  });
  assert.throws(() => srmTest([10, 20], { expectedShares: [0.5, 0.3, 0.2] }), {
    name: "RangeError",
    message: /one share per arm: got 3 shares for 2 arms/,
  });
  assert.throws(() => srmTest([10, -2]), {
    name: "RangeError",
    message: /counts\[1\] must be an integer >= 0: got -2/,
  });
  assert.throws(() => srmTest([0, 0]), { name: "RangeError", message: /every count is 0/ });
  assert.throws(() => srmTest([5]), { name: "RangeError", message: /at least 2 arms: got 1/ });
});
