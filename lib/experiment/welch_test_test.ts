import assert from "node:assert/strict";
import { welchTest } from "./welch_test.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: R 4.2.2 t.test(treatment, control, var.equal = FALSE) on seeded normal and
// exponential samples and two small hand-made ones (tests/reference/experiment_reference.R).
// Worst relative error measured (2026-12-03): 4.4e-14 from values, 3.3e-14 from summaries.
Deno.test("welchTest matches R t.test(var.equal = FALSE) on 24 cases, from values and summaries", () => {
  let worst = 0;
  for (const c of REFERENCE.welch) {
    const options = { alternative: c.alternative, alpha: c.alpha };
    const summary = (xs: number[]) => ({
      n: xs.length,
      sum: xs.reduce((s, x) => s + x, 0),
      sumSquares: xs.reduce((s, x) => s + x * x, 0),
    });
    const fromValues = welchTest({ control: c.control, treatment: c.treatment }, options);
    const fromSummaries = welchTest(
      { control: summary(c.control), treatment: summary(c.treatment) },
      options,
    );
    for (
      const [r, tolerance, kind] of [[fromValues, 1e-12, "values"], [
        fromSummaries,
        1e-12,
        "summaries",
      ]] as const
    ) {
      const label = `n=${c.control.length},${c.treatment.length} ${c.alternative} ${kind}`;
      const errors = [
        assertRelative(r.statistic, c.statistic, tolerance, `${label} statistic`),
        assertRelative(r.degreesOfFreedom, c.degreesOfFreedom, tolerance, `${label} df`),
        assertRelative(r.pValue, c.pValue, tolerance, `${label} pValue`),
        assertRelative(r.confidenceInterval[0], c.confidenceInterval[0], tolerance, `${label} low`),
        assertRelative(
          r.confidenceInterval[1],
          c.confidenceInterval[1],
          tolerance,
          `${label} high`,
        ),
        assertRelative(r.effect, c.effect, tolerance, `${label} effect`),
        assertRelative(r.relative!.effect, c.relative.effect, tolerance, `${label} relative`),
        assertRelative(r.relative!.pValue, c.relative.pValue, tolerance, `${label} relative p`),
      ];
      if (kind === "values") worst = Math.max(worst, ...errors);
    }
  }
  assert.ok(worst < 1e-12, `worst relative error ${worst}`);
});

Deno.test("welchTest refuses too few observations, bad summaries and constant arms", () => {
  assert.throws(() => welchTest({ control: [1], treatment: [1, 2] }), {
    name: "RangeError",
    message: /^Cannot run a Welch test as control needs at least 2 observations: got 1$/,
  });
  assert.throws(() => welchTest({ control: [1, 2], treatment: { n: 1, sum: 1, sumSquares: 1 } }), {
    name: "RangeError",
    message: /treatment\.n must be an integer >= 2: got 1/,
  });
  assert.throws(
    () => welchTest({ control: [1, 2], treatment: { n: 3, sum: 30, sumSquares: 10 } }),
    {
      name: "RangeError",
      message: /treatment\.sumSquares is below sum\^2 \/ n: 10 < 300/,
    },
  );
  assert.throws(() => welchTest({ control: [1, NaN], treatment: [1, 2] }), {
    name: "RangeError",
    message: /control\[1\] must be a finite number: got NaN/,
  });
  assert.throws(() => welchTest({ control: [3, 3], treatment: [4, 4, 4] }), {
    name: "RangeError",
    message: /both arms have zero variance/,
  });
  assert.throws(() => welchTest({ control: [1, 2], treatment: [1, 3] }, { alpha: 0 }), {
    name: "RangeError",
    message: /alpha must be in \(0, 1\): got 0/,
  });
});
