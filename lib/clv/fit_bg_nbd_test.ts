import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { simulateSummary } from "./_test_simulate.ts";

// Reference fits: tests/reference/clv_reference.py (scipy 1.10.1, same likelihood, log-parameters).
const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));
const cdnow = pl.readCSV(root("data/cdnow_customers_summary.csv"));

/** Runs `fn` with console.warn captured. */
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

const model = fitBgNbd(cdnow);

Deno.test("fitBgNbd reproduces Fader, Hardie and Lee (2005) on CDNOW's 2,357-customer calibration data", () => {
  // Fader, Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science
  // 24(2), section 5: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
  assert.equal(model.converged, true);
  assert.deepEqual(model.warnings, []);
  assert.equal(model.n, 2357);
  assertClose(model.params.r, 0.243, 0.0005, "r");
  assertClose(model.params.alpha, 4.414, 0.0005 / 4.414, "alpha");
  assertClose(model.params.a, 0.793, 0.0005, "a");
  assertClose(model.params.b, 2.426, 0.0005 / 2.426, "b");
  assert.equal(model.logLikelihood.toFixed(1), "-9582.4");
  // Same paper, section 5: E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226.
  const row = pl.DataFrame({ frequency: [2], recency: [30.43], T: [38.86] });
  assert.equal(model.conditionalExpectedPurchases(row, { t: 39 })[0].toFixed(3), "1.226");
});

Deno.test("fitBgNbd's log-likelihood is at least scipy's (1e-6 relative) at the same parameters", () => {
  const scipy = reference.bgnbd;
  assert.ok(
    model.logLikelihood >= scipy.logLikelihood - 1e-6 * Math.abs(scipy.logLikelihood),
    `${model.logLikelihood} < scipy ${scipy.logLikelihood}`,
  );
  const { r, alpha, a, b } = model.params;
  assertClose([r, alpha, a, b], scipy.params, 1e-5, "params vs scipy");
});

Deno.test("fitBgNbd's standard errors match a central-difference Hessian in scipy's script (1e-3)", () => {
  const { r, alpha, a, b } = model.standardErrors;
  assertClose([r, alpha, a, b], reference.bgnbd.standardErrors, 1e-3, "standard errors");
  // lifetimes' documentation (BetaGeoFitter on the same data) prints 0.01, 0.38, 0.19, 0.71.
  assert.deepEqual([r, alpha, a, b].map((v) => v.toFixed(2)), ["0.01", "0.38", "0.19", "0.71"]);
  assert.equal(model.logParameterCovariance.length, 4);
});

Deno.test("BG/NBD methods match equations 8-10 of the paper evaluated with scipy (1e-8)", () => {
  const ref = reference.bgnbd.methods;
  assertClose(model.expectedPurchases(ref.t), ref.expectedPurchases, 1e-6, "E[X(39)]");
  const rows = cdnow.head(ref.customers.length);
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
  for (let n = 0; n < ref.probabilityOfPurchases.length; n++) {
    assertClose(
      model.probabilityOfPurchases(n, { t: ref.t }),
      ref.probabilityOfPurchases[n],
      1e-6,
      `P(X(39) = ${n})`,
    );
  }
});

Deno.test("BG/NBD methods: edge cases and sanity", () => {
  assert.equal(model.expectedPurchases(0), 0);
  assert.equal(model.probabilityOfPurchases(0, { t: 0 }), 1);
  assert.equal(model.probabilityOfPurchases(2, { t: 0 }), 0);
  let total = 0;
  for (let n = 0; n < 400; n++) total += model.probabilityOfPurchases(n, { t: 10 });
  assertClose(total, 1, 1e-9, "sum of P(X(10) = n)");
  // One-time buyers are alive with probability 1 under BG/NBD.
  const oneTime = pl.DataFrame({ frequency: [0, 0], recency: [0, 0], T: [5, 50] });
  assert.deepEqual([...model.probabilityAlive(oneTime)], [1, 1]);
  // Expected purchases grow with the horizon and fall with a longer silence.
  const late = pl.DataFrame({ frequency: [3, 3], recency: [35, 5], T: [38, 38] });
  const next = model.conditionalExpectedPurchases(late, { t: 10 });
  assert.ok(next[0] > next[1]);
  assert.throws(() => model.expectedPurchases(-1), RangeError);
  assert.throws(() => model.probabilityOfPurchases(1.5, { t: 1 }), RangeError);
});

Deno.test("fitBgNbd takes other column names (x, t_x, T) and gives the same fit", () => {
  const other = fitBgNbd(pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv")), {
    frequency: "x",
    recency: "t_x",
  });
  assertClose(other.logLikelihood, model.logLikelihood, 1e-12);
  assert.equal(other.options.frequency, "x");
});

Deno.test("fitBgNbd warns loudly (flag, warnings, console) when it runs out of iterations", () => {
  const { value, logged } = captureWarnings(() => fitBgNbd(cdnow, { maxIter: 2 }));
  assert.equal(value.converged, false);
  assert.equal(value.warnings.length >= 1, true);
  assert.match(value.warnings[0], /^BG\/NBD fit did not converge in \d+ iterations/);
  assert.ok(logged.some((line) => line.startsWith("fitBgNbd: BG/NBD fit did not converge")));
});

Deno.test("fitBgNbd refuses bad summaries, naming the count and examples", () => {
  const frame = (frequency: number[], recency: number[], T: number[], ids?: string[]) =>
    pl.DataFrame({ ...(ids ? { customer_id: ids } : {}), frequency, recency, T });
  assert.throws(() => fitBgNbd(frame([1, 2], [-1, 3], [5, 5])), {
    name: "RangeError",
    message: "Cannot fit BG/NBD as 1 customer has a negative recency: e.g. row 0 (-1)",
  });
  assert.throws(() => fitBgNbd(frame([1, 2, 1], [6, 3, 9], [5, 5, 8], ["c1", "c2", "c3"])), {
    name: "RangeError",
    message:
      "Cannot fit BG/NBD as 2 customers have recency > T: e.g. c1 (recency 6 > T 5), c3 (recency 9 > T 8)",
  });
  assert.throws(() => fitBgNbd(frame([1.5, 2], [1, 3], [5, 5])), {
    name: "RangeError",
    message:
      "Cannot fit BG/NBD as 1 customer has a frequency that is not a whole number >= 0: e.g. row 0 (1.5)",
  });
  assert.throws(() => fitBgNbd(frame([0, 0, 0], [0, 0, 0], [5, 6, 7])), {
    name: "RangeError",
    message: "Cannot fit BG/NBD as all 3 customers are one-time buyers: every frequency is 0, " +
      "so there are no repeat purchases to fit",
  });
  assert.throws(() => fitBgNbd(frame([], [], [])), {
    name: "RangeError",
    message: "Cannot fit BG/NBD as the frame is empty: 0 rows",
  });
  assert.throws(() => fitBgNbd(frame([0, 1], [2, 1], [5, 5])), /1 customer has frequency 0 but/);
  assert.throws(() => fitBgNbd(frame([1, 1], [NaN, 1], [5, 5])), /missing or non-finite recency/);
  assert.throws(() => fitBgNbd(pl.DataFrame({ frequency: [1], recency: [1] })), {
    name: "TypeError",
    message: 'Cannot fit BG/NBD as column "T" is missing: available columns are frequency, recency',
  });
  assert.throws(() => fitBgNbd(cdnow, { maxIter: 0 }), RangeError);
});

Deno.test("fitBgNbd recovers known parameters from 5,000 simulated customers (within 4 SE)", () => {
  const truth = { r: 0.4, alpha: 6, a: 0.7, b: 3 };
  const simulated = simulateSummary("bgnbd", [truth.r, truth.alpha, truth.a, truth.b], 5000, 7);
  const fit = fitBgNbd(simulated);
  assert.equal(fit.converged, true);
  for (const key of ["r", "alpha", "a", "b"] as const) {
    const z = (fit.params[key] - truth[key]) / fit.standardErrors[key];
    assert.ok(Math.abs(z) < 4, `${key}: ${fit.params[key]} vs ${truth[key]} (z = ${z})`);
  }
});
