import assert from "node:assert/strict";
import { csatScore } from "./csat_score.ts";

const close = (a: number, b: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// Reference: R 4.2.2 prop.test(k, n, p, correct = FALSE), the Wilson interval and the score test
// (tests/reference/kpi_scores_reference.R).
const CASES = [
  {
    k: 6,
    n: 8,
    p0: 50,
    alpha: 0.05,
    ci: [0.409275430310169, 0.92852078724789089],
    p: 0.15729920705028447,
    z: 1.4142135623730951,
  },
  {
    k: 10,
    n: 10,
    p0: 80,
    alpha: 0.1,
    ci: [0.78705802991659313, 1],
    p: 0.11384629800665776,
    z: 1.5811388300841895,
  },
  {
    k: 37,
    n: 120,
    p0: 25,
    alpha: 0.01,
    ci: [0.21219370709039864, 0.42455728939891313],
    p: 0.14001650319717057,
    z: 1.4757295747452437,
  },
];

Deno.test("csatScore matches R prop.test(correct = FALSE): Wilson interval and score test", () => {
  for (const c of CASES) {
    const scores = [...Array(c.k).fill(5), ...Array(c.n - c.k).fill(2)];
    const r = csatScore(scores, { satisfied: 4, alpha: c.alpha, nullValue: c.p0 });
    close(r.effect, 100 * c.k / c.n);
    close(r.confidenceInterval[0], 100 * c.ci[0]);
    close(r.confidenceInterval[1], 100 * c.ci[1]);
    close(r.pValue, c.p);
    close(r.statistic, c.z);
    assert.equal(r.n, c.n);
    assert.equal(r.satisfiedCount, c.k);
  }
});

Deno.test("csatScore by hand: top-two box on a 1-5 scale", () => {
  // 3 of 5 at 4 or above: 60%; Wilson 95% by hand with z = 1.959964:
  // centre = (0.6 + z^2/10) / (1 + z^2/5), half = z sqrt(0.24/5 + z^2/100) / (1 + z^2/5).
  const r = csatScore([1, 4, 5, 3, 4], { satisfied: 4 });
  const z = 1.959963984540054;
  const centre = (0.6 + z * z / 10) / (1 + z * z / 5);
  const half = z * Math.sqrt(0.24 / 5 + z * z / 100) / (1 + z * z / 5);
  assert.equal(r.effect, 60);
  close(r.confidenceInterval[0], 100 * (centre - half));
  close(r.confidenceInterval[1], 100 * (centre + half));
  // Everyone satisfied: the interval still has width.
  const all = csatScore([5, 5, 5], { satisfied: 4 });
  assert.equal(all.confidenceInterval[1], 100);
  assert.ok(all.confidenceInterval[0] > 0 && all.confidenceInterval[0] < 100);
});

Deno.test("csatScore refuses bad input naming the value", () => {
  // deno-lint-ignore no-explicit-any
  assert.throws(() => csatScore([1, 2], {} as any), {
    name: "TypeError",
    message: /^Cannot compute the CSAT as satisfied is not a number: got undefined$/,
  });
  assert.throws(() => csatScore([], { satisfied: 4 }), {
    name: "RangeError",
    message: /^Cannot compute the CSAT as there are no scores: got 0 answers$/,
  });
  assert.throws(() => csatScore([4, NaN], { satisfied: 4 }), {
    name: "RangeError",
    message: /scores\[1\] must be a finite number: got NaN/,
  });
  assert.throws(() => csatScore([4], { satisfied: 4, nullValue: 100 }), {
    name: "RangeError",
    message: /nullValue must be in \(0, 100\): got 100/,
  });
});
