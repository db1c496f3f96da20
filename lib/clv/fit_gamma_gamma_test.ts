import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitGammaGamma } from "./fit_gamma_gamma.ts";

// Reference fit: tests/reference/clv_reference.py (scipy 1.10.1, same likelihood, log-parameters).
const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));
const cdnow = pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv"));
const columns = { frequency: "x", recency: "t_x", monetary: "zbar" };
const model = fitGammaGamma(cdnow, columns);

function captureWarnings<T>(fn: () => T): { value: T; logged: string[] } {
  const logged: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    return { value: fn(), logged };
  } finally {
    console.warn = original;
  }
}

Deno.test("fitGammaGamma reproduces Fader, Hardie and Lee (2005, JMR) on CDNOW's 946 repeat customers", () => {
  // Fader, Hardie and Lee (2005), "RFM and CLV: using iso-value curves for customer base
  // analysis", JMR 42(4): p = 6.25, q = 3.74, v = 15.44; the maximum is at v = 15.448
  // (lifetimes prints 15.45), so v is compared to +-0.01.
  assert.equal(model.converged, true);
  assert.deepEqual(model.warnings, []);
  assert.equal(model.n, 946);
  assert.ok(Math.abs(model.params.p - 6.25) < 0.005, `p = ${model.params.p}`);
  assert.ok(Math.abs(model.params.q - 3.74) < 0.005, `q = ${model.params.q}`);
  assert.ok(Math.abs(model.params.v - 15.44) <= 0.01, `v = ${model.params.v}`);
});

Deno.test("fitGammaGamma's log-likelihood is at least scipy's (1e-6 relative); parameters agree", () => {
  const scipy = reference.gammaGamma;
  assert.ok(
    model.logLikelihood >= scipy.logLikelihood - 1e-6 * Math.abs(scipy.logLikelihood),
    `${model.logLikelihood} < scipy ${scipy.logLikelihood}`,
  );
  assertClose([model.params.p, model.params.q, model.params.v], scipy.params, 1e-5, "params");
  const { p, q, v } = model.standardErrors;
  assertClose([p, q, v], scipy.standardErrors, 1e-3, "standard errors");
});

Deno.test("conditionalExpectedAverageProfit matches equation 5 evaluated with scipy; lifetimes' docs", () => {
  const expected = reference.gammaGamma.conditionalExpectedAverageProfit;
  const values = model.conditionalExpectedAverageProfit(cdnow.head(5));
  assertClose(values, expected, 1e-6, "E[M | x, zbar]");
  // lifetimes' documentation prints 24.658619, 18.911489, 35.170981 (with v rounded to 15.45).
  assert.deepEqual([...values.slice(0, 3)].map((v) => v.toFixed(2)), ["24.66", "18.91", "35.17"]);
  // One-time buyers get the population mean p v / (q - 1).
  assertClose(values[2], model.expectedAverageProfit, 1e-15);
  assertClose(
    model.frequencySpendCorrelation,
    reference.gammaGamma.frequencySpendCorrelation,
    1e-12,
  );
});

Deno.test("fitGammaGamma warns with the number when frequency and spend are correlated", () => {
  const x = Array.from({ length: 60 }, (_, i) => 1 + (i % 6));
  const m = x.map((xi, i) => 10 * xi + (i % 5));
  const summary = pl.DataFrame({ frequency: x, recency: x, T: x.map(() => 40), monetary_value: m });
  const { value, logged } = captureWarnings(() => fitGammaGamma(summary));
  const warning = value.warnings.find((w) => w.includes("independent"));
  assert.ok(warning, value.warnings.join("; "));
  assert.match(warning!, /Pearson correlation among the 60 repeat customers is 0\.9\d\d/);
  assert.ok(logged.some((line) => line.includes("independent")));
});

Deno.test("fitGammaGamma refuses summaries it cannot fit", () => {
  const frame = (frequency: number[], monetary: number[]) =>
    pl.DataFrame({
      frequency,
      recency: frequency.map((f) => (f > 0 ? 1 : 0)),
      T: frequency.map(() => 5),
      monetary_value: monetary,
    });
  assert.throws(() => fitGammaGamma(frame([0, 0], [0, 0])), {
    name: "RangeError",
    message: "Cannot fit Gamma-Gamma as all 2 customers are one-time buyers: every frequency is " +
      "0, so there are no repeat purchases to fit",
  });
  assert.throws(() => fitGammaGamma(frame([1, 2, 0, 3], [-4, 0, 0, 5])), {
    name: "RangeError",
    message: "Cannot fit Gamma-Gamma as 2 customers have repeat purchases but a monetary_value " +
      "that is not positive (the model's spend is gamma-distributed, > 0; drop or fix " +
      "zero-value and refund-only customers): e.g. row 0 (-4), row 1 (0)",
  });
  assert.throws(() => fitGammaGamma(frame([], [])), /the frame is empty: 0 rows/);
  assert.throws(
    () => fitGammaGamma(pl.DataFrame({ frequency: [1], recency: [1], T: [2] })),
    TypeError,
  );
});
