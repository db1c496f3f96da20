import assert from "node:assert/strict";
import { twoProportionTest } from "./two_proportion_test.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: R 4.2.2 prop.test(c(xt, xc), c(nt, nc), correct = FALSE), statistic = sign * sqrt(X-squared),
// and the delta-method relative effect written out in R (tests/reference/experiment_reference.R).
// Worst relative error measured (2026-12-03): 9.1e-15 over statistic, p-values and intervals.
Deno.test("twoProportionTest matches R prop.test(correct = FALSE) on 30 cases", () => {
  let worst = 0;
  for (const c of REFERENCE.twoProportion) {
    const r = twoProportionTest(
      { control: c.control, treatment: c.treatment },
      { alternative: c.alternative, alpha: c.alpha },
    );
    const label = `${JSON.stringify(c.control)} ${JSON.stringify(c.treatment)} ${c.alternative}`;
    worst = Math.max(
      worst,
      assertRelative(r.statistic, c.statistic, 1e-12, `${label} statistic`),
      assertRelative(r.pValue, c.pValue, 1e-12, `${label} pValue`),
      assertRelative(r.confidenceInterval[0], c.confidenceInterval[0], 1e-12, `${label} low`),
      assertRelative(r.confidenceInterval[1], c.confidenceInterval[1], 1e-12, `${label} high`),
      assertRelative(r.effect, c.effect, 1e-12, `${label} effect`),
      assertRelative(r.relative!.effect, c.relative.effect, 1e-12, `${label} relative`),
      assertRelative(r.relative!.pValue, c.relative.pValue, 1e-12, `${label} relative p`),
      assertRelative(
        r.relative!.confidenceInterval[0],
        c.relative.confidenceInterval[0],
        1e-12,
        `${label} relative low`,
      ),
      assertRelative(
        r.relative!.confidenceInterval[1],
        c.relative.confidenceInterval[1],
        1e-12,
        `${label} relative high`,
      ),
    );
  }
  assert.ok(worst < 1e-12, `worst relative error ${worst}`);
});

Deno.test("twoProportionTest returns the house shape", () => {
  const r = twoProportionTest({
    control: { successes: 10, trials: 100 },
    treatment: { successes: 0, trials: 100 },
  });
  assert.equal(r.n, 200);
  assert.equal(r.effect, -0.1);
  assert.equal(r.alternative, "two-sided");
  assert.equal(r.alpha, 0.05);
  const noControl = twoProportionTest({
    control: { successes: 0, trials: 100 },
    treatment: { successes: 3, trials: 100 },
  });
  assert.equal(noControl.relative, null);
});

Deno.test("twoProportionTest refuses bad counts and options, naming the value", () => {
  const ok = { successes: 5, trials: 10 };
  assert.throws(
    () => twoProportionTest({ control: ok, treatment: { successes: 11, trials: 10 } }),
    { name: "RangeError", message: /treatment\.successes exceeds treatment\.trials: 11 > 10/ },
  );
  assert.throws(
    () => twoProportionTest({ control: { successes: 0, trials: 0 }, treatment: ok }),
    { name: "RangeError", message: /control\.trials must be an integer >= 1: got 0/ },
  );
  assert.throws(
    () => twoProportionTest({ control: { successes: -1, trials: 5 }, treatment: ok }),
    { name: "RangeError", message: /control\.successes must be an integer >= 0: got -1/ },
  );
  assert.throws(
    () => twoProportionTest({ control: ok, treatment: ok }, { alpha: 1.5 }),
    {
      name: "RangeError",
      message: /^Cannot run a two-proportion test as alpha must be in \(0, 1\): got 1.5$/,
    },
  );
  assert.throws(
    () =>
      twoProportionTest({
        control: { successes: 0, trials: 5 },
        treatment: { successes: 0, trials: 5 },
      }),
    { name: "RangeError", message: /pooled rate is 0/ },
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => twoProportionTest({ control: ok, treatment: ok }, { alternative: "bigger" as any }),
    { name: "RangeError", message: /alternative must be one of/ },
  );
});
