import assert from "node:assert/strict";
import { sequentialTest } from "./sequential_test.ts";
import { createRandom } from "../core/random.ts";
import { normal } from "../stats/normal.ts";

/** Standard normal draws by inversion from the seeded uniform generator. */
function normals(random: { next(): number }, n: number, mean = 0): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = mean + normal.quantile((random.next() + 1e-12) / (1 + 2e-12));
  }
  return out;
}

Deno.test("sequentialTest reproduces the paper's formula on hand-computed looks", () => {
  // sigma^2 = 4, tau = 0.5; looks n = 1, 2, 3 with paired units.
  // n = 1: d = 3 - 1 = 2; n = 2: d = (3+2)/2 - (1+1)/2 = 1.5; n = 3: d = 7/3 - 2/3 = 5/3.
  const r = sequentialTest({ control: [1, 1, 0], treatment: [3, 2, 2] }, {
    tau: 0.5,
    variance: 4,
  });
  const paper = (n: number, d: number) => {
    const s2 = 4;
    const t2 = 0.25;
    return Math.sqrt(2 * s2 / (2 * s2 + n * t2)) *
      Math.exp(n * n * t2 * d * d / (4 * s2 * (2 * s2 + n * t2)));
  };
  const expected = [paper(1, 2), paper(2, 1.5), paper(3, 5 / 3)];
  // By hand: n = 1: sqrt(8 / 8.25) exp(0.25 * 4 / (16 * 8.25)) = 0.98473... * 1.00760...
  assert.ok(Math.abs(expected[0] - Math.sqrt(8 / 8.25) * Math.exp(1 / 132)) < 1e-15);
  for (let k = 0; k < 3; k++) {
    assert.ok(
      Math.abs(r.likelihoodRatios[k] - expected[k]) < 1e-14 * expected[k],
      `look ${k + 1}: ${r.likelihoodRatios[k]} vs ${expected[k]}`,
    );
  }
  assert.equal(r.effect, 5 / 3);
  assert.equal(r.n, 6);
  assert.equal(r.likelihoodRatio, r.likelihoodRatios[2]);
  assert.equal(r.pValue, Math.min(1, ...expected.map((l) => 1 / l)));
});

Deno.test("sequentialTest always-valid interval is where the ratio stays below 1 / alpha", () => {
  const r = sequentialTest({ control: [0, 1, 0, 1], treatment: [2, 2, 3, 1] }, {
    tau: 1,
    variance: 1,
    alpha: 0.1,
  });
  // At the last look alone (n = 4, V = 0.5, d = 1.5): half-width
  // h = sqrt(2 V (V + tau^2) / tau^2 (ln 10 + ln(3) / 2)) = sqrt(1.5 * 2.851891...) = 2.06829...
  const v = 0.5;
  const h = Math.sqrt(1.5 * (Math.log(10) + Math.log(3) / 2));
  assert.ok(Math.abs(h - 2.06829) < 1e-5);
  const ratioAt = (theta0: number) =>
    Math.sqrt(v / (v + 1)) * Math.exp((1.5 - theta0) ** 2 / (2 * v * (v + 1)));
  // Its ends are where the mixture ratio for theta0 reaches 1 / alpha = 10.
  assert.ok(Math.abs(ratioAt(1.5 - h) - 10) < 1e-12 && Math.abs(ratioAt(1.5 + h) - 10) < 1e-12);
  // The running intersection lies inside it.
  const [low, high] = r.confidenceInterval;
  assert.ok(low <= high && low >= 1.5 - h - 1e-12 && high <= 1.5 + h + 1e-12);
});

Deno.test("sequentialTest p-values never increase as the sample grows", () => {
  const random = createRandom(7);
  const control = normals(random, 600);
  const treatment = normals(random, 600, 0.3);
  for (const options of [{ tau: 0.2 }, { tau: 0.5, variance: 1 }]) {
    const r = sequentialTest({ control, treatment }, options);
    for (let k = 1; k < r.pValues.length; k++) assert.ok(r.pValues[k] <= r.pValues[k - 1]);
    assert.ok(r.pValues[0] <= 1);
    // A true effect of 0.3 sd over 600 pairs is found.
    assert.ok(r.rejected && r.firstRejection! <= 600 && r.pValue <= 0.05, `${r.pValue}`);
    assert.ok(r.confidenceInterval[0] < 0.3 && r.confidenceInterval[1] > 0.3);
  }
});

Deno.test("A/A: peeking at mSPRT keeps false positives <= alpha; a peeked z test inflates them", () => {
  const random = createRandom(20261203);
  const experiments = 400;
  const looks = 200;
  const alpha = 0.05;
  const critical = normal.quantile(1 - alpha / 2);
  let sequentialFalse = 0;
  let estimatedFalse = 0;
  let peekedZFalse = 0;
  let finalZFalse = 0;
  for (let e = 0; e < experiments; e++) {
    const control = normals(random, looks);
    const treatment = normals(random, looks);
    const r = sequentialTest({ control, treatment }, { tau: 0.3, variance: 1, alpha });
    if (r.rejected) sequentialFalse++;
    if (sequentialTest({ control, treatment }, { tau: 0.3, alpha }).rejected) estimatedFalse++;
    let sc = 0;
    let st = 0;
    let peeked = false;
    for (let n = 1; n <= looks; n++) {
      sc += control[n - 1];
      st += treatment[n - 1];
      const z = (st / n - sc / n) / Math.sqrt(2 / n);
      if (Math.abs(z) > critical) peeked = true;
      if (n === looks && Math.abs(z) > critical) finalZFalse++;
    }
    if (peeked) peekedZFalse++;
  }
  const rate = (k: number) => k / experiments;
  // Measured (seed 20261203): mSPRT 0.015 (0.0225 with the variance estimated), z test peeked at every look 0.4325, z test read once 0.0425.
  assert.ok(rate(sequentialFalse) <= alpha, `mSPRT ${rate(sequentialFalse)}`);
  assert.ok(rate(estimatedFalse) <= alpha, `mSPRT, estimated variance ${rate(estimatedFalse)}`);
  assert.ok(rate(peekedZFalse) > 3 * alpha, `peeked z ${rate(peekedZFalse)}`);
  assert.ok(rate(finalZFalse) < 2 * alpha, `fixed z ${rate(finalZFalse)}`);
  console.log(
    `A/A false positives: mSPRT ${rate(sequentialFalse)} (estimated variance ${
      rate(estimatedFalse)
    }), peeked z ${rate(peekedZFalse)}, fixed z ${rate(finalZFalse)}`,
  );
});

Deno.test("sequentialTest estimates the variance per look when none is given", () => {
  const r = sequentialTest({ control: [1, 3, 2], treatment: [2, 4, 6] }, {
    tau: 1,
    minimumUnits: 2,
  });
  // Look 1 has one unit per arm: no variance yet, ratio 1.
  assert.equal(r.likelihoodRatios[0], 1);
  // By default (30 units per arm before a look counts) three units carry no evidence.
  const early = sequentialTest({ control: [1, 3, 2], treatment: [2, 4, 6] }, { tau: 1 });
  assert.deepEqual([...early.likelihoodRatios], [1, 1, 1]);
  // Look 3: s_c^2 = 1, s_t^2 = 4, V = 1/3 + 4/3, d = 4 - 2.
  const v = 5 / 3;
  const expected = Math.sqrt(v / (v + 1)) * Math.exp(4 / (2 * v * (v + 1)));
  assert.ok(Math.abs(r.likelihoodRatio - expected) < 1e-14 * expected);
  assert.ok(Math.abs(r.statistic - 2 / Math.sqrt(v)) < 1e-14);
});

Deno.test("sequentialTest refuses bad options and arms", () => {
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => sequentialTest({ control: [1], treatment: [2] }, {} as any),
    {
      name: "TypeError",
      message: /^Cannot run a sequential test as tau is not a number: got undefined$/,
    },
  );
  assert.throws(
    () => sequentialTest({ control: [1], treatment: [2] }, { tau: 0 }),
    { name: "RangeError", message: /tau must be a finite number > 0: got 0/ },
  );
  assert.throws(
    () => sequentialTest({ control: [1], treatment: [2] }, { tau: 1, variance: -1 }),
    { name: "RangeError", message: /variance must be a finite number > 0: got -1/ },
  );
  assert.throws(
    () => sequentialTest({ control: [1], treatment: [2] }, { tau: 1, minimumUnits: 1 }),
    { name: "RangeError", message: /minimumUnits must be an integer >= 2: got 1/ },
  );
  assert.throws(
    () => sequentialTest({ control: [], treatment: [2] }, { tau: 1 }),
    { name: "RangeError", message: /control is empty/ },
  );
  assert.throws(
    () => sequentialTest({ control: [1, Infinity], treatment: [2] }, { tau: 1 }),
    { name: "RangeError", message: /control\[1\] must be a finite number: got Infinity/ },
  );
  assert.throws(
    () => sequentialTest({ control: [1], treatment: [2] }, { tau: 1, alpha: 1 }),
    { name: "RangeError", message: /alpha must be in \(0, 1\): got 1/ },
  );
});
