import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitBgBb } from "./fit_bg_bb.ts";

// The donation data of Fader, Hardie and Shang (2010), Marketing Science 29(6): 11,104 donors,
// 6 opportunities, tabulated by (frequency, recency); the scipy fit and the model's expressions at
// its maximum are in tests/reference/bgbb_reference.py.
const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/bgbb_reference.json")));
const donations = pl.readCSV(root("tests/fixtures/bgbb_donations.csv"));

Deno.test("fitBgBb reproduces Fader, Hardie and Shang (2010) and scipy on the donation data", () => {
  const model = fitBgBb(donations, { weights: "n_custs" });
  assert.ok(model.converged);
  assert.equal(model.n, 11_104);
  // The paper's Table 2: alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33,225.6.
  const { alpha, beta, gamma, delta } = model.params;
  assert.deepEqual(
    [alpha, beta, gamma, delta].map((v) => v.toFixed(3)),
    ["1.204", "0.750", "0.657", "2.783"],
  );
  assert.equal(model.logLikelihood.toFixed(1), "-33225.6");
  // Our maximum is at least scipy's (to 1e-9 relative), at the same place (1e-4).
  assert.ok(model.logLikelihood >= reference.logLikelihood * (1 + 1e-9));
  [alpha, beta, gamma, delta].forEach((v, i) => assertClose(v, reference.params[i], 1e-4));
  for (const [n, value] of Object.entries(reference.expectedPurchases)) {
    assertClose(model.expectedPurchases(Number(n)), value as number, 1e-4);
  }
  const alive = model.probabilityAlive(donations);
  const next5 = model.conditionalExpectedPurchases(donations, { t: 5 });
  reference.probabilityAlive.forEach((v: number, i: number) => assertClose(alive[i], v, 1e-4));
  reference.conditionalExpectedPurchases5.forEach((v: number, i: number) =>
    assertClose(next5[i], v, 1e-4)
  );
  // Sanity of the story: the donor who gave in all 6 years is likelier alive than one who gave
  // once, in year 1.
  assert.ok(alive[21] > alive[1]);
});

Deno.test("fitBgBb: one row per customer gives the same fit as the weighted table", () => {
  const expanded = pl.DataFrame({
    frequency: donations.getColumn("frequency").toArray().flatMap((x, i) =>
      Array(Number(donations.getColumn("n_custs").get(i))).fill(x)
    ),
    recency: donations.getColumn("recency").toArray().flatMap((x, i) =>
      Array(Number(donations.getColumn("n_custs").get(i))).fill(x)
    ),
    n: Array(11_104).fill(6),
  });
  const weighted = fitBgBb(donations, { weights: "n_custs" });
  const plain = fitBgBb(expanded);
  assertClose(plain.logLikelihood, weighted.logLikelihood, 1e-9);
  assertClose(plain.params.delta, weighted.params.delta, 1e-6);
});

Deno.test("fitBgBb refuses impossible histories and bad options", () => {
  const bad = (rows: Record<string, number[]>) => pl.DataFrame(rows);
  assert.throws(
    () => fitBgBb(bad({ frequency: [2], recency: [1], n: [6] })),
    /1 customer has an impossible history: it needs x <= t_x <= n/,
  );
  assert.throws(
    () => fitBgBb(bad({ frequency: [1], recency: [7], n: [6] })),
    /impossible history/,
  );
  assert.throws(
    () => fitBgBb(bad({ frequency: [1.5], recency: [2], n: [6] })),
    /not a whole number/,
  );
  assert.throws(() => fitBgBb(bad({ frequency: [1], recency: [1] })), TypeError);
  assert.throws(
    () => fitBgBb(donations, { weights: "nope" }),
    /nope/,
  );
  const model = fitBgBb(donations, { weights: "n_custs" });
  assert.throws(() => model.expectedPurchases(1.5), RangeError);
  assert.throws(() => model.conditionalExpectedPurchases(donations, { t: -1 }), RangeError);
});
