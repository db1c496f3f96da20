import assert from "node:assert/strict";
import { ratioTest } from "./ratio_test.ts";
import { assertRelative } from "./_test_reference.ts";
import { root } from "../../tests/_helpers.ts";

// deno-lint-ignore no-explicit-any
const CASES: any[] = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/ratio_reference.json")),
  (_key, value) => value === "Infinity" ? Infinity : value === "-Infinity" ? -Infinity : value,
).ratio;

// Reference: tests/reference/ratio_reference.py (numpy 1.24 / scipy), the delta method written
// in matrix form (gradient' cov gradient / n) independently of ratio_test.ts, on a hand-made
// case and four seeded samples. Worst relative error measured (2026-12-03): 2.3e-14.
Deno.test("ratioTest matches the numpy delta-method reference on 7 cases", () => {
  let worst = 0;
  for (const c of CASES) {
    const r = ratioTest({ control: c.control, treatment: c.treatment }, {
      alternative: c.alternative,
      alpha: c.alpha,
    });
    const label =
      `n=${c.control.numerator.length},${c.treatment.numerator.length} ${c.alternative}`;
    worst = Math.max(
      worst,
      assertRelative(r.statistic, c.statistic, 1e-12, `${label} statistic`),
      assertRelative(r.pValue, c.pValue, 1e-12, `${label} pValue`),
      assertRelative(r.confidenceInterval[0], c.confidenceInterval[0], 1e-12, `${label} low`),
      assertRelative(r.confidenceInterval[1], c.confidenceInterval[1], 1e-12, `${label} high`),
      assertRelative(r.effect, c.effect, 1e-12, `${label} effect`),
      assertRelative(r.standardError, c.standardError, 1e-12, `${label} se`),
      assertRelative(r.control.variance, c.controlVariance, 1e-12, `${label} control var`),
      assertRelative(r.treatment.variance, c.treatmentVariance, 1e-12, `${label} treat var`),
      assertRelative(r.relative!.effect, c.relative.effect, 1e-12, `${label} relative`),
      assertRelative(r.relative!.pValue, c.relative.pValue, 1e-12, `${label} relative p`),
      assertRelative(
        r.relative!.confidenceInterval[0],
        c.relative.confidenceInterval[0],
        1e-12,
        `${label} relative low`,
      ),
    );
  }
  assert.ok(worst < 1e-12, `worst relative error ${worst}`);
});

Deno.test("ratioTest with denominators all 1 is the z test on means", () => {
  const control = [3, 5, 4, 8, 2];
  const treatment = [6, 7, 5, 9, 8, 4];
  const ones = (n: number) => Array.from({ length: n }, () => 1);
  const r = ratioTest({
    control: { numerator: control, denominator: ones(5) },
    treatment: { numerator: treatment, denominator: ones(6) },
  });
  // Variances of the means: s^2 / n, s^2 = 5.3 (control), 3.5 (treatment).
  const se = Math.sqrt(5.3 / 5 + 3.5 / 6);
  assert.ok(Math.abs(r.standardError - se) < 1e-12);
  assert.ok(Math.abs(r.effect - (39 / 6 - 22 / 5)) < 1e-12);
});

Deno.test("ratioTest refuses bad arms", () => {
  assert.throws(
    () =>
      ratioTest({
        control: { numerator: [1, 2], denominator: [1] },
        treatment: { numerator: [1, 2], denominator: [1, 1] },
      }),
    {
      name: "RangeError",
      message:
        /^Cannot run a ratio test as control\.numerator and control\.denominator differ in length: 2 and 1$/,
    },
  );
  assert.throws(
    () =>
      ratioTest({
        control: { numerator: [1, 2], denominator: [0, 0] },
        treatment: { numerator: [1, 2], denominator: [1, 1] },
      }),
    { name: "RangeError", message: /control\.denominator must have a positive mean: got 0/ },
  );
  assert.throws(
    () =>
      ratioTest({
        control: { numerator: [1], denominator: [1] },
        treatment: { numerator: [1, 2], denominator: [1, 1] },
      }),
    { name: "RangeError", message: /control needs at least 2 units: got 1/ },
  );
  assert.throws(
    () =>
      ratioTest({
        control: { numerator: [1, NaN], denominator: [1, 1] },
        treatment: { numerator: [1, 2], denominator: [1, 1] },
      }),
    { name: "RangeError", message: /control\.numerator\[1\] must be a finite number: got NaN/ },
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => ratioTest({ control: [1, 2] as any, treatment: { numerator: [1], denominator: [1] } }),
    { name: "TypeError", message: /control is not \{ numerator, denominator \} arrays/ },
  );
});
