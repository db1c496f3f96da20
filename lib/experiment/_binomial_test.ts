import assert from "node:assert/strict";
import { binomialDraw } from "./_binomial.ts";
import { createRandom } from "../core/random.ts";

Deno.test("binomialDraw has the binomial mean and variance, on both sides of p = 0.5", () => {
  for (const [n, p] of [[50, 0.1], [1000, 0.03], [20, 0.8], [7, 0.5]]) {
    const random = createRandom(7);
    const draws = 20_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < draws; i++) {
      const x = binomialDraw(random, n, p);
      assert.ok(Number.isInteger(x) && x >= 0 && x <= n, `draw ${x} outside 0..${n}`);
      sum += x;
      sumSquares += x * x;
    }
    const mean = sum / draws;
    const variance = sumSquares / draws - mean * mean;
    const expectedVariance = n * p * (1 - p);
    // The sample mean's standard error is sqrt(npq / draws); allow 4 of them.
    assert.ok(
      Math.abs(mean - n * p) < 4 * Math.sqrt(expectedVariance / draws),
      `n=${n} p=${p}: mean ${mean} vs ${n * p}`,
    );
    assert.ok(
      Math.abs(variance / expectedVariance - 1) < 0.06,
      `n=${n} p=${p}: variance ${variance} vs ${expectedVariance}`,
    );
  }
});

Deno.test("binomialDraw matches the exact pmf of Binomial(4, 0.3) (chi-square-sized error)", () => {
  // pmf of Binomial(4, 0.3): C(4, k) 0.3^k 0.7^(4 - k).
  const pmf = [0.2401, 0.4116, 0.2646, 0.0756, 0.0081];
  const random = createRandom(11);
  const draws = 100_000;
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < draws; i++) counts[binomialDraw(random, 4, 0.3)]++;
  let chiSquare = 0;
  for (let k = 0; k < 5; k++) chiSquare += (counts[k] - draws * pmf[k]) ** 2 / (draws * pmf[k]);
  // 4 degrees of freedom: the 0.999 quantile is 18.47 (R: qchisq(0.999, 4)).
  assert.ok(chiSquare < 18.47, `chi-square ${chiSquare}, counts ${counts}`);
});

Deno.test("binomialDraw handles the edges and is reproducible", () => {
  const random = createRandom(1);
  assert.equal(binomialDraw(random, 0, 0.4), 0);
  assert.equal(binomialDraw(random, 10, 0), 0);
  assert.equal(binomialDraw(random, 10, 1), 10);
  const a = createRandom(3);
  const b = createRandom(3);
  for (let i = 0; i < 50; i++) assert.equal(binomialDraw(a, 100, 0.2), binomialDraw(b, 100, 0.2));
});
