import assert from "node:assert/strict";
import { simulateAaTests } from "./aa_simulation.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";

const BASE = { experiments: 4000, usersPerArm: 2000, baseline: 0.1, looks: 10, seed: 2026 };

Deno.test("simulateAaTests: fixed horizon near alpha, peeking well above, mSPRT at most alpha", () => {
  const aa = simulateAaTests(BASE);
  // Monte Carlo standard error of a 0.05 rate over 4,000 experiments: sqrt(0.05 * 0.95 / 4000).
  const se = Math.sqrt(0.05 * 0.95 / 4000);
  assert.ok(Math.abs(aa.monteCarloError - se) < 1e-15);
  // (a) One test at the end: the z test's size, 0.05, within 4 standard errors (0.036 to 0.064).
  assert.ok(
    Math.abs(aa.fixedHorizon.rate - 0.05) < 4 * se,
    `fixed-horizon ${aa.fixedHorizon.rate}`,
  );
  // (b) Ten looks: Armitage, McPherson and Rowe (1969) give about 0.19 for 10 equally spaced
  // looks at a nominal 0.05 (normal data); far above 0.05 + 4 se.
  assert.ok(aa.peeking.rate > 0.14 && aa.peeking.rate < 0.24, `peeking ${aa.peeking.rate}`);
  // (c) Always valid: at most alpha, up to Monte Carlo error.
  assert.ok(aa.sequential.rate <= 0.05 + 3 * se, `mSPRT ${aa.sequential.rate}`);
  assert.equal(aa.fixedHorizon.rate, aa.fixedHorizon.falsePositives / 4000);
  assert.equal(aa.peeking.rate, aa.peeking.falsePositives / 4000);
  assert.equal(aa.tau, 0.1 * 0.1);
});

Deno.test("simulateAaTests: the per-look table agrees with the totals", () => {
  const aa = simulateAaTests(BASE);
  const t = aa.byLook;
  assert.deepEqual(t.columns, [
    "look",
    "users_per_arm",
    "significant_rate",
    "peeking_rate",
    "sequential_rate",
  ]);
  assert.deepEqual(t.getColumn("look").toArray(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(
    t.getColumn("users_per_arm").toArray(),
    [200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000],
  );
  const peeking = t.getColumn("peeking_rate").toArray() as number[];
  const sequential = t.getColumn("sequential_rate").toArray() as number[];
  const significant = t.getColumn("significant_rate").toArray() as number[];
  assert.equal(peeking[9], aa.peeking.rate);
  assert.equal(sequential[9], aa.sequential.rate);
  assert.equal(significant[9], aa.fixedHorizon.rate);
  for (let k = 1; k < 10; k++) {
    assert.ok(peeking[k] >= peeking[k - 1] && sequential[k] >= sequential[k - 1]);
  }
  // Each single look is a fixed-horizon test of its own: about alpha.
  for (const rate of significant) assert.ok(Math.abs(rate - 0.05) < 0.02, `look rate ${rate}`);
});

Deno.test("simulateAaTests: one look is the fixed-horizon test; seeds reproduce", () => {
  const one = simulateAaTests({ ...BASE, experiments: 500, looks: 1 });
  assert.equal(one.peeking.falsePositives, one.fixedHorizon.falsePositives);
  const again = simulateAaTests({ ...BASE, experiments: 500, looks: 1 });
  assert.deepEqual(again.fixedHorizon, one.fixedHorizon);
  const other = simulateAaTests({ ...BASE, experiments: 500, looks: 1, seed: 7 });
  assert.equal(other.experiments, 500);
});

Deno.test("simulateAaTests: a high baseline (p > 0.5) keeps the same behaviour", () => {
  const aa = simulateAaTests({ ...BASE, baseline: 0.9, experiments: 2000 });
  const se = Math.sqrt(0.05 * 0.95 / 2000);
  assert.ok(Math.abs(aa.fixedHorizon.rate - 0.05) < 4 * se, `fixed ${aa.fixedHorizon.rate}`);
  assert.ok(aa.peeking.rate > 0.05 + 4 * se, `peeking ${aa.peeking.rate}`);
  assert.ok(aa.sequential.rate <= 0.05 + 3 * se, `mSPRT ${aa.sequential.rate}`);
});

Deno.test("simulateAaTests refuses bad options, naming the value", () => {
  assert.throws(
    () => simulateAaTests({ ...BASE, baseline: 1 }),
    (e: Error) => e instanceof RangeError && /baseline/.test(e.message) && /got 1/.test(e.message),
  );
  assert.throws(() => simulateAaTests({ ...BASE, looks: 2001 }), RangeError);
  assert.throws(() => simulateAaTests({ ...BASE, experiments: 0 }), RangeError);
  assert.throws(() => simulateAaTests({ ...BASE, usersPerArm: 1.5 }), RangeError);
  assert.throws(() => simulateAaTests({ ...BASE, alpha: 0 }), RangeError);
  assert.throws(() => simulateAaTests({ ...BASE, tau: -1 }), RangeError);
  assert.throws(() => simulateAaTests({ ...BASE, seed: -1 }), RangeError);
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => simulateAaTests({ ...BASE, experiments: undefined as any }),
    TypeError,
  );
  // deno-lint-ignore no-explicit-any
  assert.throws(() => simulateAaTests(null as any), TypeError);
});

Deno.test("simulateAaTests: the same counts at 1, 2 and 3 threads, and more than one thread ran", () => {
  const design = { ...BASE, experiments: 3000 };
  const plain = (aa: ReturnType<typeof simulateAaTests>) => ({
    ...aa,
    byLook: aa.byLook.toRecords(),
  });
  const one = plain(simulateAaTests({ ...design, threads: 1 }));
  for (const threads of [2, 3]) {
    const { result, runs } = observeParallelRuns(() => simulateAaTests({ ...design, threads }));
    assert.deepStrictEqual(plain(result), one);
    assert.ok(
      runs.some((run) => run.tasksByThread.filter((n) => n > 0).length > 1),
      `only one thread ran: ${JSON.stringify(runs.map((run) => run.tasksByThread))}`,
    );
  }
});

Deno.test("simulateAaTests checks threads before any work", () => {
  for (const threads of [0, -1, 1.5, 65]) {
    assert.throws(() => simulateAaTests({ ...BASE, threads }), {
      name: "RangeError",
      message:
        `Cannot simulate A/A tests as threads must be an integer from 1 to 64: got ${threads}`,
    });
  }
  assert.throws(
    () => simulateAaTests({ ...BASE, threads: "2" as never }),
    { name: "TypeError", message: 'Cannot simulate A/A tests as threads is not a number: got "2"' },
  );
});
