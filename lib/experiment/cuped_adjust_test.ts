import assert from "node:assert/strict";
import { cupedAdjust } from "./cuped_adjust.ts";
import { welchTest } from "./welch_test.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: CUPED written out in R 4.2.2 on seeded gamma pre-period spend, then
// t.test(var.equal = FALSE) on the adjusted values (tests/reference/experiment_reference.R).
Deno.test("cupedAdjust matches the R computation and narrows the Welch interval", () => {
  // deno-lint-ignore no-explicit-any
  const ref = REFERENCE.cuped as any;
  const result = cupedAdjust({ control: ref.control, treatment: ref.treatment });
  assertRelative(result.theta, ref.theta, 1e-13, "theta");
  assertRelative(result.correlation, ref.correlation, 1e-13, "correlation");
  assertRelative(result.varianceReduction, ref.varianceReduction, 1e-12, "variance reduction");
  const test = welchTest({ control: result.control, treatment: result.treatment });
  assertRelative(test.statistic, ref.adjustedStatistic, 1e-12, "statistic");
  assertRelative(test.pValue, ref.adjustedPValue, 1e-11, "pValue");
  assertRelative(test.confidenceInterval[0], ref.adjustedConfidenceInterval[0], 1e-12, "low");
  assertRelative(test.confidenceInterval[1], ref.adjustedConfidenceInterval[1], 1e-12, "high");
  const raw = welchTest({ control: ref.control.metric, treatment: ref.treatment.metric });
  assert.ok(
    test.confidenceInterval[1] - test.confidenceInterval[0] <
      raw.confidenceInterval[1] - raw.confidenceInterval[0],
  );
});

Deno.test("cupedAdjust refuses mismatched lengths and a constant covariate", () => {
  assert.throws(
    () =>
      cupedAdjust({
        control: { metric: [1, 2, 3], covariate: [1, 2] },
        treatment: { metric: [1, 2], covariate: [1, 2] },
      }),
    {
      name: "RangeError",
      message: /control\.metric and control\.covariate differ in length: 3 and 2/,
    },
  );
  assert.throws(
    () =>
      cupedAdjust({
        control: { metric: [1, 2], covariate: [5, 5] },
        treatment: { metric: [1, 3], covariate: [5, 5] },
      }),
    { name: "RangeError", message: /the covariate is constant: every value is 5/ },
  );
});
