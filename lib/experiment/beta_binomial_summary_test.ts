import assert from "node:assert/strict";
import { betaBinomialSummary } from "./beta_binomial_summary.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: numerical integration in R 4.2.2 (integrate, rel.tol 1e-13) of the same quantities
// (tests/reference/experiment_reference.R), independent of the closed forms used here.
// Worst relative error measured (2026-12-03): P(treatment better) 6e-12; expected loss 1.2e-8
// (the loss is a difference of two probability-weighted means and loses digits when small);
// credible interval 1e-12.
Deno.test("betaBinomialSummary matches numerical integration in R", () => {
  for (const c of REFERENCE.betaBinomial) {
    const s = betaBinomialSummary(c, { prior: c.prior });
    const label = `${JSON.stringify(c.control)} ${JSON.stringify(c.treatment)}`;
    assertRelative(s.probabilityTreatmentBetter, c.probabilityTreatmentBetter, 1e-10, label);
    assertRelative(s.expectedLoss.treatment, c.lossTreatment, 1e-7, `${label} loss treatment`);
    assertRelative(s.expectedLoss.control, c.lossControl, 1e-7, `${label} loss control`);
    assertRelative(s.treatment.credibleInterval[0], c.treatmentInterval[0], 1e-11, `${label} low`);
    assertRelative(s.treatment.credibleInterval[1], c.treatmentInterval[1], 1e-11, `${label} high`);
  }
});

Deno.test("betaBinomialSummary is symmetric and refuses bad input", () => {
  const a = { successes: 30, trials: 100 };
  const b = { successes: 40, trials: 100 };
  const forward = betaBinomialSummary({ control: a, treatment: b });
  const backward = betaBinomialSummary({ control: b, treatment: a });
  assert.ok(
    Math.abs(forward.probabilityTreatmentBetter + backward.probabilityTreatmentBetter - 1) < 1e-12,
  );
  assert.ok(Math.abs(forward.expectedLoss.treatment - backward.expectedLoss.control) < 1e-12);
  assert.throws(
    () => betaBinomialSummary({ control: a, treatment: { successes: 101, trials: 100 } }),
    {
      name: "RangeError",
      message: /treatment\.successes exceeds treatment\.trials: 101 > 100/,
    },
  );
  assert.throws(
    () => betaBinomialSummary({ control: a, treatment: b }, { prior: { alpha: 0.5, beta: 1 } }),
    {
      name: "RangeError",
      message: /prior\.alpha must be an integer >= 1: got 0.5/,
    },
  );
  assert.throws(() => betaBinomialSummary({ control: a, treatment: b }, { credibleLevel: 95 }), {
    name: "RangeError",
    message: /credibleLevel must be in \(0, 1\): got 95/,
  });
});
