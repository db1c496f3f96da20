import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitParetoNbd } from "./fit_pareto_nbd.ts";
import { simulateSummary } from "./_test_simulate.ts";

// Reference fit: tests/reference/clv_reference.py (scipy 1.10.1 with scipy.special.hyp2f1).
const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));
const cdnow = pl.readCSV(root("data/cdnow_customers_summary.csv"));
const model = fitParetoNbd(cdnow);

Deno.test("fitParetoNbd reproduces Fader, Hardie and Lee (2005) on CDNOW's calibration data", () => {
  // Fader, Hardie and Lee (2005), Marketing Science 24(2), section 5 (the Pareto/NBD benchmark):
  // r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0.
  assert.equal(model.converged, true);
  assert.deepEqual(model.warnings, []);
  assertClose(model.params.r, 0.553, 0.0005, "r");
  assertClose(model.params.alpha, 10.578, 0.0005 / 10.578, "alpha");
  assertClose(model.params.s, 0.606, 0.0005, "s");
  // The maximum is at beta = 11.668 (scipy too); the paper prints 11.669.
  assertClose(model.params.beta, 11.669, 0.0015 / 11.669, "beta");
  assert.equal(model.logLikelihood.toFixed(1), "-9595.0");
});

Deno.test("fitParetoNbd's log-likelihood is at least scipy's (1e-6 relative); SEs agree", () => {
  const scipy = reference.paretoNbd;
  assert.ok(
    model.logLikelihood >= scipy.logLikelihood - 1e-6 * Math.abs(scipy.logLikelihood),
    `${model.logLikelihood} < scipy ${scipy.logLikelihood}`,
  );
  const { r, alpha, s, beta } = model.params;
  assertClose([r, alpha, s, beta], scipy.params, 1e-5, "params vs scipy");
  const se = model.standardErrors;
  assertClose([se.r, se.alpha, se.s, se.beta], scipy.standardErrors, 1e-3, "standard errors");
});

Deno.test("Pareto/NBD methods match the closed forms evaluated with scipy.special.hyp2f1", () => {
  const ref = reference.paretoNbd.methods;
  const rows = cdnow.head(ref.customers.length);
  assertClose(model.expectedPurchases(ref.t), ref.expectedPurchases, 1e-6, "E[X(39)]");
  assertClose(
    model.conditionalExpectedPurchases(rows, { t: ref.t }),
    ref.customers.map((c: { conditionalExpectedPurchases39: number }) =>
      c.conditionalExpectedPurchases39
    ),
    1e-6,
    "E[Y(39) | history]",
  );
  assertClose(
    model.probabilityAlive(rows),
    ref.customers.map((c: { probabilityAlive: number }) => c.probabilityAlive),
    1e-6,
    "P(alive)",
  );
});

Deno.test("Pareto/NBD P(X(t) = n) is a distribution whose mean is E[X(t)]", () => {
  for (const t of [5, 39, 78]) {
    let total = 0, mean = 0;
    for (let n = 0; n < 300; n++) {
      const p = model.probabilityOfPurchases(n, { t });
      assert.ok(p >= 0 && p <= 1, `P(X(${t}) = ${n}) = ${p}`);
      total += p;
      mean += n * p;
    }
    assertClose(total, 1, 1e-9, `sum at t = ${t}`);
    assertClose(mean, model.expectedPurchases(t), 1e-8, `mean at t = ${t}`);
  }
  assert.equal(model.probabilityOfPurchases(0, { t: 0 }), 1);
  assert.equal(model.expectedPurchases(0), 0);
  // One-time buyers silent for longer are less likely alive (unlike BG/NBD).
  const oneTime = pl.DataFrame({ frequency: [0, 0], recency: [0, 0], T: [5, 50] });
  const alive = model.probabilityAlive(oneTime);
  assert.ok(alive[0] > alive[1] && alive[1] < 1);
});

Deno.test("fitParetoNbd refuses bad summaries like fitBgNbd", () => {
  assert.throws(
    () => fitParetoNbd(pl.DataFrame({ frequency: [0, 0], recency: [0, 0], T: [3, 4] })),
    {
      name: "RangeError",
      message: "Cannot fit Pareto/NBD as all 2 customers are one-time buyers: every frequency " +
        "is 0, so there are no repeat purchases to fit",
    },
  );
  assert.throws(
    () => fitParetoNbd(pl.DataFrame({ frequency: [1], recency: [5], T: [4] })),
    /Cannot fit Pareto\/NBD as 1 customer has recency > T: e\.g\. row 0 \(recency 5 > T 4\)/,
  );
});

Deno.test("fitParetoNbd recovers known parameters from 5,000 simulated customers (within 4 SE)", () => {
  const truth = { r: 0.6, alpha: 8, s: 0.8, beta: 12 };
  const simulated = simulateSummary(
    "pareto",
    [truth.r, truth.alpha, truth.s, truth.beta],
    5000,
    11,
  );
  const fit = fitParetoNbd(simulated);
  assert.equal(fit.converged, true);
  for (const key of ["r", "alpha", "s", "beta"] as const) {
    const z = (fit.params[key] - truth[key]) / fit.standardErrors[key];
    assert.ok(Math.abs(z) < 4, `${key}: ${fit.params[key]} vs ${truth[key]} (z = ${z})`);
  }
});
