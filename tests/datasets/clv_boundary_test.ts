/**
 * Whole-dataset test of a Pareto/NBD fit that runs to its no-dropout boundary (s -> 0,
 * beta -> infinity): Online Retail, cleaned, calibrated in days to 2011-09-10 (notebook 06's
 * calibration period). Nine months of this wholesaler show no dropout that an unequal purchase
 * rate does not explain, so every purchase model becomes the NBD there. The BG/NBD fit runs on to
 * that limit (a / (a + b) -> 0); the Pareto/NBD search stops once its steps gain less than 1e-7
 * of the log-likelihood (its 2F1 series grow long as beta grows: the fit used to take about 200
 * s). So the two log-likelihoods must agree to 1e-6 relative, the Pareto/NBD's not above the
 * limit, and the fit must say it ran to the boundary.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../../lib/clv/fit_bg_nbd.ts";
import { fitParetoNbd } from "../../lib/clv/fit_pareto_nbd.ts";

Deno.test("fitParetoNbd stops at the no-dropout boundary on Online Retail, at the NBD's likelihood", () => {
  const { data } = cleanTransactions(loadOnlineRetail());
  const summary = clvSummary(data, {
    quantity: "quantity",
    price: "unit_price",
    asOf: new Date("2011-12-10"),
    calibrationEnd: new Date("2011-09-10"),
    observationEnd: new Date("2011-12-10"),
    timeUnit: "days",
  });
  const warn = console.warn;
  console.warn = () => {};
  try {
    const limit = fitBgNbd(summary);
    assert.ok(limit.params.a / (limit.params.a + limit.params.b) < 1e-6);
    const pareto = fitParetoNbd(summary);
    assert.equal(pareto.converged, false);
    assert.ok(pareto.params.s / pareto.params.beta < 1e-6, JSON.stringify(pareto.params));
    assert.equal(pareto.warnings.length, 1, pareto.warnings.join("; "));
    assert.match(pareto.warnings[0], /^Pareto\/NBD fit ran to a boundary .*no sign of customers/);
    const gap = (limit.logLikelihood - pareto.logLikelihood) / Math.abs(limit.logLikelihood);
    assert.ok(gap >= -1e-12 && gap < 1e-6, `relative gap ${gap}`);
    // The purchase-rate parameters are the NBD's.
    assert.ok(Math.abs(pareto.params.r / limit.params.r - 1) < 0.01, `r ${pareto.params.r}`);
    assert.ok(Math.abs(pareto.params.alpha / limit.params.alpha - 1) < 0.01);
  } finally {
    console.warn = warn;
  }
});
