/**
 * Test helpers for the segmentation functions that run on the worker pool: seeded blobs large
 * enough that every thread gets tasks, a bit-for-bit comparison at 1, 2 and 3 threads, and the
 * bad-`threads` checks (test-only).
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom } from "../core/random.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";

/**
 * `n` rows of `d` features around `centers` Gaussian centres (Box-Muller from one seeded stream),
 * columns `f1`..`fd`.
 *
 * @param n Rows.
 * @param d Features.
 * @param centers Cluster centres, drawn uniformly in [-10, 10]^d.
 * @param seed Seed.
 * @returns The frame.
 */
export function seededBlobs(n: number, d: number, centers: number, seed: number): DataFrame {
  const random = createRandom(seed);
  const middles = Array.from(
    { length: centers },
    () => Array.from({ length: d }, () => random.next() * 20 - 10),
  );
  const columns = Array.from({ length: d }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const middle = middles[i % centers];
    for (let j = 0; j < d; j++) {
      const u = 1 - random.next();
      const v = random.next();
      columns[j][i] = middle[j] + 1.5 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
  return pl.DataFrame(Object.fromEntries(columns.map((c, j) => [`f${j + 1}`, c])));
}

/**
 * Runs `fit(threads)` at 1, 2 and 3 threads; asserts the results are deep-equal bit for bit
 * (`Object.is` on every number, via `assert.deepStrictEqual`) and that at 2 and 3 threads some
 * parallel run used more than one thread.
 *
 * @param name For messages.
 * @param fit The call, given a thread count.
 * @param compare Turns a result into what is compared (default: itself).
 * @returns The 1-thread result.
 */
export function assertSameAtAnyThreads<T>(
  name: string,
  fit: (threads: number) => T,
  compare: (result: T) => unknown = (r) => r,
): T {
  const one = fit(1);
  for (const threads of [2, 3]) {
    const { result, runs } = observeParallelRuns(() => fit(threads));
    assert.deepStrictEqual(compare(result), compare(one), `${name}: ${threads} threads`);
    assert.ok(
      runs.some((run) => run.tasksByThread.filter((tasks) => tasks > 0).length > 1),
      `${name}: at ${threads} threads, no run used more than one thread: ${
        JSON.stringify(runs.map((run) => run.tasksByThread))
      }`,
    );
  }
  return one;
}

/**
 * Asserts that bad `threads` values (0, -1, 1.5, 65, "2") are refused with the house-style error
 * naming `action`, before any other check (`call` is given an empty frame, whose own error would
 * otherwise come first).
 *
 * @param action The function's action, as in its messages.
 * @param call The function, given an empty frame and the bad value.
 */
export function assertBadThreadsRefused(
  action: string,
  call: (empty: DataFrame, threads: unknown) => unknown,
): void {
  const empty = pl.DataFrame({ x: [] as number[] });
  for (const bad of [0, -1, 1.5, 65]) {
    assert.throws(() => call(empty, bad), {
      name: "RangeError",
      message: `Cannot ${action} as threads must be an integer from 1 to 64: got ${bad}`,
    });
  }
  assert.throws(() => call(empty, "2"), {
    name: "TypeError",
    message: `Cannot ${action} as threads is not a number: got "2"`,
  });
}
