import { runParallel, sharedArray } from "../core/worker_pool.ts";
import { meanBlock, RESAMPLES_PER_TASK } from "./_bootstrap_kernels.ts";
import { formatExamples } from "../core/errors.ts";
import {
  type BootstrapInterval,
  type BootstrapOptions,
  percentileInterval,
  resolveBootstrap,
} from "./_bootstrap.ts";

const KERNELS = new URL("./_bootstrap_kernels.ts", import.meta.url).href;

/** Below this many draws (values × resamples) the pool is not worth starting. */
const SMALL_WORK = 200_000;

/**
 * Percentile bootstrap confidence interval of a mean: for metrics that are averages over
 * independent units, such as precision@k (the mean over customers of each customer's hit share).
 * The values are resampled with replacement `resamples` times and the interval is the
 * `(1 - level) / 2` and `(1 + level) / 2` quantiles of the resampled means.
 *
 * The resamples come in fixed blocks of 25, block t drawn from its own seeded stream
 * (`createRandom(taskSeed(seed, t))`), and depend only on the seed and the number of values:
 * several models' per-customer values in the same customer order, bootstrapped with one seed, use
 * the same resampled customers (paired intervals). The blocks run on `threads` threads, with the
 * same result bit for bit at every thread count.
 *
 * Cost: O(n × resamples) time, spread over the threads; O(n + resamples) memory.
 * Reference: Efron, B. and Tibshirani, R. (1993), *An Introduction to the Bootstrap*, ch. 13.
 *
 * @param values One finite value per unit (customer).
 * @param options `seed` (required), `resamples` (default 2,000), `level` (default 0.95),
 * `threads`.
 * @returns The mean, the interval and the bootstrap standard error.
 * @throws {TypeError} When `values` is not array-like or `seed` is missing.
 * @throws {RangeError} When `values` is empty or holds a non-finite value, `resamples` is below
 * 100, `level` is outside (0, 1) or `threads` is not an integer from 1 to 64.
 *
 * @example Hits of five customers
 * ```ts
 * import assert from "node:assert/strict";
 * import { bootstrapMean } from "./bootstrap_mean.ts";
 *
 * const ci = bootstrapMean([0, 1, 2, 0, 3], { seed: 1, resamples: 1000 });
 * assert.equal(ci.estimate, 1.2);
 * assert.ok(ci.lower >= 0 && ci.lower < 1.2 && ci.upper > 1.2 && ci.upper <= 3);
 * ```
 */
export function bootstrapMean(
  values: ArrayLike<number>,
  options: BootstrapOptions,
): BootstrapInterval {
  const action = "bootstrap mean";
  const resolved = resolveBootstrap(options, action);
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`Cannot ${action} as values is not an array of numbers`);
  }
  const n = values.length;
  if (n === 0) throw new RangeError(`Cannot ${action} as values is empty: 0 values`);
  const x = sharedArray(Float64Array, n);
  const bad: number[] = [];
  let badCount = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      badCount++;
      if (bad.length < 5) bad.push(i + 1);
    } else {
      x[i] = v;
      sum += v;
    }
  }
  if (badCount > 0) {
    throw new RangeError(
      `Cannot ${action} as ${badCount} values are NaN, infinite or not numbers: rows ${
        formatExamples(bad, badCount)
      }`,
    );
  }
  const means = sharedArray(Float64Array, resolved.resamples);
  runParallel({
    module: KERNELS,
    name: "meanBlock",
    kernel: meanBlock,
    tasks: Math.ceil(resolved.resamples / RESAMPLES_PER_TASK),
    arrays: { x, means },
    params: { seed: resolved.seed, resamples: resolved.resamples },
  }, { threads: n * resolved.resamples < SMALL_WORK ? 1 : resolved.threads, action });
  return percentileInterval(sum / n, means, resolved);
}
