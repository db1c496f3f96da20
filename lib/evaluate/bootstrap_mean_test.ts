import assert from "node:assert/strict";
import { bootstrapMean } from "./bootstrap_mean.ts";
import { createRandom } from "../core/random.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";
import { assertClose } from "../../tests/_helpers.ts";

Deno.test("bootstrapMean() has the textbook standard error and a symmetric interval for a large sample", () => {
  // 2,000 draws of a 0/1 variable with p about 0.3: the bootstrap SE of the mean should be close
  // to sqrt(p (1 - p) / n) and the 95% interval close to mean +- 1.96 SE.
  const random = createRandom(5);
  const values = Array.from({ length: 2000 }, () => (random.next() < 0.3 ? 1 : 0));
  const ci = bootstrapMean(values, { seed: 9, resamples: 4000 });
  const p = ci.estimate;
  const se = Math.sqrt(p * (1 - p) / values.length);
  assertClose(ci.standardError, se, 0.001);
  assertClose(ci.lower, p - 1.96 * se, 0.003);
  assertClose(ci.upper, p + 1.96 * se, 0.003);
  assert.equal(ci.level, 0.95);
});

Deno.test("bootstrapMean() pairs resamples by seed and refuses bad input", () => {
  const a = bootstrapMean([1, 2, 3, 4], { seed: 1, resamples: 200 });
  const shifted = bootstrapMean([11, 12, 13, 14], { seed: 1, resamples: 200 });
  assertClose(shifted.lower, a.lower + 10, 1e-12);
  assertClose(shifted.upper, a.upper + 10, 1e-12);
  assert.deepEqual(bootstrapMean([5, 5, 5], { seed: 1, resamples: 100 }).upper, 5);
  assert.throws(() => bootstrapMean([], { seed: 1 }), {
    name: "RangeError",
    message: "Cannot bootstrap mean as values is empty: 0 values",
  });
  assert.throws(() => bootstrapMean([1, NaN, 2], { seed: 1 }), {
    name: "RangeError",
    message: /1 values are NaN, infinite or not numbers: rows 2/,
  });
  assert.throws(
    // @ts-expect-error: seed is required
    () => bootstrapMean([1, 2], {}),
    { name: "TypeError", message: /seed is missing/ },
  );
});

Deno.test("bootstrapMean() gives the same bits at 1, 2 and 3 threads, and more than one thread ran", () => {
  const random = createRandom(6);
  const values = Array.from({ length: 20_000 }, () => random.next() * 100);
  const one = bootstrapMean(values, { seed: 4, resamples: 400, threads: 1 });
  for (const threads of [2, 3]) {
    const { result, runs } = observeParallelRuns(() =>
      bootstrapMean(values, { seed: 4, resamples: 400, threads })
    );
    assert.deepStrictEqual(result, one);
    assert.ok(
      runs.some((run) => run.tasksByThread.filter((n) => n > 0).length > 1),
      `only one thread ran: ${JSON.stringify(runs.map((run) => run.tasksByThread))}`,
    );
  }
});

Deno.test("bootstrapMean() checks threads before any work", () => {
  for (const threads of [0, -1, 1.5, 65]) {
    assert.throws(() => bootstrapMean([], { seed: 1, threads }), {
      name: "RangeError",
      message: `Cannot bootstrap mean as threads must be an integer from 1 to 64: got ${threads}`,
    });
  }
  assert.throws(
    // @ts-expect-error: a string
    () => bootstrapMean([1, 2], { seed: 1, threads: "2" }),
    { name: "TypeError", message: 'Cannot bootstrap mean as threads is not a number: got "2"' },
  );
});
