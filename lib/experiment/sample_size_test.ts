import assert from "node:assert/strict";
import { power, sampleSize } from "./sample_size.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: R 4.2.2 power.prop.test and power.t.test (two-sample, strict = FALSE) with
// uniroot's tol = 1e-12 (tests/reference/experiment_reference.R).
// Worst relative error measured (2026-12-03): n 1.5e-15 (proportions, closed form) and 6.2e-12
// (means: R solves with uniroot to tol 1e-12); power 5.0e-15.
Deno.test("sampleSize and power agree with R power.prop.test and power.t.test", () => {
  for (const c of REFERENCE.sampleSize) {
    const design = c.kind === "proportion"
      ? { baseline: c.baseline, mde: c.mde, alpha: c.alpha, alternative: c.alternative }
      : { sd: c.sd, mde: c.mde, alpha: c.alpha, alternative: c.alternative };
    const label = JSON.stringify(c);
    const plan = sampleSize({ ...design, power: c.power });
    assertRelative(plan.perGroup, c.perGroup, 1e-10, `${label} perGroup`);
    assert.equal(plan.perGroupRounded, Math.ceil(c.perGroup));
    assertRelative(plan.power, c.power, 1e-9, `${label} power reached`);
    const perGroup = c.kind === "proportion" ? 1000 : 50;
    const expected = c.kind === "proportion" ? c.powerAt1000 : c.powerAt50;
    assertRelative(power({ ...design, perGroup }).power, expected, 1e-12, `${label} power`);
  }
});

Deno.test("sampleSize takes a relative mde", () => {
  const absolute = sampleSize({ baseline: 0.2, mde: 0.02 });
  const relative = sampleSize({ baseline: 0.2, mde: 0.1, relative: true });
  assert.ok(Math.abs(relative.perGroup / absolute.perGroup - 1) < 1e-12);
  assert.equal(absolute.total, 2 * absolute.perGroupRounded);
});

Deno.test("sampleSize and power refuse a zero effect and levels outside (0, 1)", () => {
  assert.throws(() => sampleSize({ baseline: 0.2, mde: 0 }), {
    name: "RangeError",
    message: /^Cannot compute a sample size as mde must not be 0/,
  });
  assert.throws(() => sampleSize({ baseline: 0.2, mde: 0.01, power: 1 }), {
    name: "RangeError",
    message: /power must be in \(0, 1\): got 1/,
  });
  assert.throws(() => sampleSize({ baseline: 0.2, mde: 0.01, alpha: -0.1 }), {
    name: "RangeError",
    message: /alpha must be in \(0, 1\): got -0.1/,
  });
  assert.throws(() => sampleSize({ baseline: 0.95, mde: 0.1 }), {
    name: "RangeError",
    message: /must be in \(0, 1\): got 1.05/,
  });
  assert.throws(() => sampleSize({ sd: 0, mde: 1 }), {
    name: "RangeError",
    message: /sd must be a finite number > 0: got 0/,
  });
  assert.throws(() => power({ baseline: 0.2, mde: 0.01, perGroup: 1 }), {
    name: "RangeError",
    message: /perGroup must be above 1: got 1/,
  });
});
