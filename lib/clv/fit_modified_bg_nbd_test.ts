import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitModifiedBgNbd } from "./fit_modified_bg_nbd.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";

// Reference fit: tests/reference/clv_reference.py (scipy 1.10.1, lifetimes' likelihood written out).
const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));
const cdnow = pl.readCSV(root("data/cdnow_customers_summary.csv"));
const model = fitModifiedBgNbd(cdnow);

Deno.test("fitModifiedBgNbd's log-likelihood on CDNOW is at least scipy's (1e-6 relative)", () => {
  const scipy = reference.modifiedBgNbd;
  assert.equal(model.converged, true);
  assert.deepEqual(model.warnings, []);
  assert.ok(
    model.logLikelihood >= scipy.logLikelihood - 1e-6 * Math.abs(scipy.logLikelihood),
    `${model.logLikelihood} < scipy ${scipy.logLikelihood}`,
  );
  const { r, alpha, a, b } = model.params;
  assertClose([r, alpha, a, b], scipy.params, 1e-5, "params vs scipy");
  const se = model.standardErrors;
  assertClose([se.r, se.alpha, se.a, se.b], scipy.standardErrors, 1e-3, "standard errors");
});

Deno.test("Modified BG/NBD methods match lifetimes' formulas evaluated with scipy", () => {
  const ref = reference.modifiedBgNbd.methods;
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

Deno.test("Modified BG/NBD: P(alive) < 1 for one-time buyers; P(X(t) = n) sums to 1 with mean E[X(t)]", () => {
  const oneTime = pl.DataFrame({ frequency: [0, 0], recency: [0, 0], T: [5, 50] });
  const alive = model.probabilityAlive(oneTime);
  assert.ok(alive[0] < 1 && alive[1] < alive[0]);
  assert.deepEqual([...fitBgNbd(cdnow).probabilityAlive(oneTime)], [1, 1]);
  for (const t of [5, 39]) {
    let total = 0, mean = 0;
    for (let n = 0; n < 400; n++) {
      const p = model.probabilityOfPurchases(n, { t });
      total += p;
      mean += n * p;
    }
    assertClose(total, 1, 1e-9, `sum at t = ${t}`);
    assertClose(mean, model.expectedPurchases(t), 1e-8, `mean at t = ${t}`);
  }
});

Deno.test("fitModifiedBgNbd refuses an empty summary", () => {
  assert.throws(
    () => fitModifiedBgNbd(pl.DataFrame({ frequency: [], recency: [], T: [] })),
    { name: "RangeError", message: "Cannot fit Modified BG/NBD as the frame is empty: 0 rows" },
  );
});
