import assert from "node:assert/strict";
import { assertClose, root } from "../../tests/_helpers.ts";
import { digamma, hyp2f1, hyp2f1Derivatives, logAddExp, logBeta, logGamma } from "./_special.ts";
import { bgNbdKernel } from "./_kernels.ts";

const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));

Deno.test("logGamma matches scipy.special.gammaln (scipy 1.10.1) to 1e-14", () => {
  // deno-fmt-ignore
  const cases: [number, number][] = [
    [0.001, 6.907178885383853], [0.243, 1.3180435846996699], [0.5, 0.5723649429247],
    [0.9, 0.06637623973474327], [1, 0], [1.5, -0.12078223763524526], [2, 0],
    [2.426, 0.2340081168873162], [5.5, 3.9578139676187165], [9.99, 12.779315214350195],
    [10, 12.801827480081469], [10.01, 12.824350262448247], [50.3, 145.73724807755252],
    [1234.5, 7550.550901077894], [1e6, 12815504.569147611],
  ];
  for (const [x, expected] of cases) assertClose(logGamma(x), expected, 1e-14, `logGamma(${x})`);
});

Deno.test("logBeta is log Γ(a) + log Γ(b) - log Γ(a + b); B(1, 1) = 1, B(2, 3) = 1/12", () => {
  assertClose(logBeta(1, 1), 0, 1e-14);
  assertClose(logBeta(2, 3), Math.log(1 / 12), 1e-14);
});

Deno.test("hyp2f1 matches scipy.special.hyp2f1 (tests/reference/clv_reference.py) to 1e-13", () => {
  for (const { a, b, c, z, value } of reference.hyp2f1) {
    assertClose(hyp2f1(a, b, c, z), value, 1e-13, `2F1(${a}, ${b}; ${c}; ${z})`);
  }
  // A closed form: 2F1(1, 1; 2; z) = -log(1 - z) / z, also close to z = 1 (about 400,000 terms).
  assertClose(hyp2f1(1, 1, 2, 0.75), -Math.log(0.25) / 0.75, 1e-14);
  assertClose(hyp2f1(1, 1, 2, 0.9999), -Math.log1p(-0.9999) / 0.9999, 1e-12);
  // And 2F1(a, b; b; z) = (1 - z)^-a.
  assertClose(hyp2f1(2.5, 3, 3, 0.6), Math.pow(0.4, -2.5), 1e-13);
});

Deno.test("hyp2f1 refuses parameters outside its domain", () => {
  assert.throws(() => hyp2f1(1, 1, 2, 1), {
    name: "RangeError",
    message: "Cannot evaluate 2F1 as it needs a, b > 0, c > 0 or negative and not a whole " +
      "number, and 0 <= z < 1: got a = 1, b = 1, c = 2, z = 1",
  });
  assert.throws(() => hyp2f1(1, 1, -1, 0.5), RangeError);
  assert.throws(() => hyp2f1(1, 1, 0, 0.5), RangeError);
});

Deno.test("hyp2f1 with a negative, non-integer c matches scipy.special.hyp2f1 (scipy 1.10.1)", () => {
  // /usr/bin/python3 -c "from scipy.special import hyp2f1; print(repr(hyp2f1(a, b, c, z)))"
  const cases: [number, number, number, number, number][] = [
    [0.7, 0.3, -0.5, 0.4, 0.52833438500171],
    [0.243, 0.5, -0.531, 0.9, -6.37412616143701],
    [2.5, 1.2, -1.7, 0.3, 23.925409789843012],
    [0.5, 0.5, -0.25, 0.99, -437.9705053560527],
  ];
  for (const [a, b, c, z, expected] of cases) assertClose(hyp2f1(a, b, c, z), expected, 1e-12);
});

Deno.test("logAddExp is exact at the extremes", () => {
  assert.equal(logAddExp(-Infinity, 3), 3);
  assertClose(logAddExp(1000, 1000), 1000 + Math.log(2), 1e-15);
});

Deno.test("digamma matches scipy.special.digamma (scipy 1.10.1) to 1e-13", () => {
  // deno-fmt-ignore
  const cases: [number, number][] = [
    [0.01, -100.56088545786868], [0.243, -4.351093864423211], [1, -0.5772156649015329],
    [2.426, 0.6662079149687962], [5.99, 1.704302797413849], [6, 1.7061176684318005],
    [10.5, 2.3030010342976865], [1234.5, 7.1180162318279985],
  ];
  for (const [x, expected] of cases) assertClose(digamma(x), expected, 1e-13, `digamma(${x})`);
});

Deno.test("hyp2f1Derivatives agrees with hyp2f1 and with its central differences", () => {
  for (
    const [a, b, c, z] of [[3.159, 1.606, 4.159, 0.08], [1.2, 3.4, 5.6, 0.7], [0.6, 2.5, 1.6, 0]]
  ) {
    const d = hyp2f1Derivatives(a, b, c, z);
    assertClose(d.value, hyp2f1(a, b, c, z), 1e-15);
    const h = 1e-6;
    const diff = (f: (e: number) => number) => (f(h) - f(-h)) / (2 * h);
    assertClose(d.da, diff((e) => hyp2f1(a + e, b, c, z)), 1e-8, "da");
    assertClose(d.db, diff((e) => hyp2f1(a, b + e, c, z)), 1e-8, "db");
    assertClose(d.dc, diff((e) => hyp2f1(a, b, c + e, z)), 1e-8, "dc");
    assertClose(d.dz, z === 0 ? (a * b) / c : diff((e) => hyp2f1(a, b, c, z + e)), 1e-8, "dz");
  }
});

Deno.test("BG/NBD formulas work when a + b < 1 (one-time buyers need 2F1 with c < 0), as scipy", () => {
  // /usr/bin/python3 with scipy 1.10.1: FHL 2005 equations 9 and 10 at r = 0.5, alpha = 10,
  // a = 0.3, b = 0.4, written out with scipy.special.hyp2f1.
  const kernel = bgNbdKernel([0.5, 10, 0.3, 0.4]);
  assertClose(kernel.conditional(0, 0, 20, 10), 0.15185763283329032, 1e-12);
  assertClose(kernel.conditional(0, 0, 5, 30), 0.6977432818636853, 1e-12);
  assertClose(kernel.expected(10), 0.3989228825216406, 1e-12);
});
