import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireInteger, requirePositive, requireProbability } from "../core/errors.ts";
import { MAX_SEED } from "../core/random.ts";
import {
  resolveThreads,
  runParallel,
  sharedArray,
  type SharedTypedArray,
} from "../core/worker_pool.ts";
import { normal } from "../stats/normal.ts";
import { type AaArrays, aaBlock, EXPERIMENTS_PER_TASK } from "./_aa_kernels.ts";

/** Options for {@linkcode simulateAaTests}. */
export interface SimulateAaTestsOptions {
  /** Simulated A/A experiments (an integer >= 1). */
  experiments: number;
  /** Units per arm at the end of each experiment (an integer >= 2). */
  usersPerArm: number;
  /** The true conversion rate of both arms, in (0, 1). */
  baseline: number;
  /**
   * Evenly spaced looks per experiment (an integer from 1 to `usersPerArm`): look `k` sees the
   * first `round(k usersPerArm / looks)` units of each arm; the last look is the end.
   */
  looks: number;
  /** Significance level in (0, 1) (default 0.05). */
  alpha?: number;
  /** Seed of the generator (an integer from 0 to 2^32 - 1). */
  seed: number;
  /**
   * Mixing standard deviation of the mSPRT, on the scale of the difference in rates
   * (default `0.1 * baseline`, i.e. tuned to a 10% relative lift; see {@linkcode sequentialTest}).
   */
  tau?: number;
  /**
   * Units per arm before the mSPRT's plug-in variance counts (default 30, as
   * {@linkcode sequentialTest}); earlier looks carry no evidence.
   */
  minimumUnits?: number;
  /**
   * Threads simulating the experiments (default: the project-wide default, `getDefaultThreads()`,
   * the cores available; 1 runs everything in the calling thread). The experiments come in fixed
   * blocks of 100, block t drawn from its own stream seeded by `taskSeed(seed, t)`, so the result
   * is the same bit for bit at every thread count.
   */
  threads?: number;
}

/** One procedure's outcome over all simulated A/A experiments. */
export interface AaProcedureResult {
  /** Experiments that declared a difference (all of them false positives: the arms are equal). */
  readonly falsePositives: number;
  /** `falsePositives / experiments`. */
  readonly rate: number;
}

/** What {@linkcode simulateAaTests} returns. */
export interface AaSimulationResult {
  /** (a) One two-proportion z test at the end (the fixed-horizon design). */
  readonly fixedHorizon: AaProcedureResult;
  /** (b) The same test at every look, stopping at the first p < alpha ("peeking"). */
  readonly peeking: AaProcedureResult;
  /** (c) The mSPRT's always-valid p-value at the same looks, stopping at the first p <= alpha. */
  readonly sequential: AaProcedureResult;
  /** Experiments simulated. */
  readonly experiments: number;
  /** Looks per experiment. */
  readonly looks: number;
  /** Significance level. */
  readonly alpha: number;
  /** The mSPRT mixing standard deviation used. */
  readonly tau: number;
  /**
   * Monte Carlo standard error of a rate equal to `alpha` over `experiments` runs,
   * `sqrt(alpha (1 - alpha) / experiments)`: rates within about 2 of these of `alpha` are
   * consistent with it.
   */
  readonly monteCarloError: number;
  /**
   * One row per look: `look`, `users_per_arm`, `significant_rate` (share of experiments with
   * p < alpha at this look alone, about alpha at every look), `peeking_rate` and
   * `sequential_rate` (share stopped with a false positive at or before this look: cumulative).
   */
  readonly byLook: DataFrame;
}

const ACTION = "simulate A/A tests";
const KERNELS = new URL("./_aa_kernels.ts", import.meta.url).href;

/**
 * Simulates A/A experiments (both arms with the same true conversion rate) to show what peeking
 * does to the false-positive rate: (a) a two-proportion z test read once at the planned end
 * keeps it at `alpha`; (b) the same test read at `looks` interim points, stopping at the first
 * p < alpha, inflates it (Armitage, McPherson and Rowe 1969: about 0.19 with 10 looks at
 * alpha = 0.05, 0.14 with 5); (c) the mSPRT's always-valid p-value at the same looks keeps it
 * at most `alpha` (Johari et al. 2017).
 *
 * Method: each arm's conversions are a running sum of exact binomial increments, one per look
 * (Binomial(units since the last look, baseline), drawn by the second waiting-time method, so no
 * normal approximation is made in the data). At each look the z statistic uses the pooled rate,
 * exactly as {@linkcode twoProportionTest}; p < alpha is `|z| > z_(1 - alpha/2)`. The mSPRT uses
 * the same mixture likelihood ratio as {@linkcode sequentialTest} with its plug-in variance
 * `s_c^2 / n + s_t^2 / n` (Bernoulli sample variances `x (n - x) / (n (n - 1))`), evaluated at
 * the looks only: a subsequence of always-valid p-values is still always valid. The experiments
 * run in fixed blocks of 100 on `threads` threads, block t with its own seeded stream
 * (`createRandom(taskSeed(seed, t))`), so the counts are the same at every thread count. Cost:
 * O(experiments (looks + 2 usersPerArm min(baseline, 1 - baseline))), typed arrays only, spread
 * over the threads.
 *
 * @param options `experiments`, `usersPerArm`, `baseline`, `looks`, `seed`, and optional
 *   `alpha`, `tau`, `minimumUnits` and `threads`.
 * @returns The three false-positive rates with their counts, the Monte Carlo standard error and
 *   a per-look table.
 * @throws {RangeError} When a count is not an integer in range, `looks` exceeds `usersPerArm`,
 *   `baseline` or `alpha` is outside (0, 1), `tau` is not > 0, or `threads` is not an integer
 *   from 1 to 64.
 * @throws {TypeError} When a required option is missing or not a number.
 *
 * @example Peeking at 10 looks inflates false positives; the mSPRT does not
 * ```ts
 * import { simulateAaTests } from "./aa_simulation.ts";
 * import assert from "node:assert/strict";
 *
 * const aa = simulateAaTests({
 *   experiments: 2000,
 *   usersPerArm: 1000,
 *   baseline: 0.1,
 *   looks: 10,
 *   seed: 1,
 * });
 * assert.ok(aa.peeking.rate > 2 * aa.fixedHorizon.rate);
 * assert.ok(aa.sequential.rate <= 0.05 + 3 * aa.monteCarloError);
 * assert.equal(aa.byLook.height, 10);
 * ```
 */
export function simulateAaTests(options: SimulateAaTestsOptions): AaSimulationResult {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Cannot ${ACTION} as options is not an object: got ${String(options)}`);
  }
  const experiments = requireInteger(options.experiments, "experiments", ACTION, 1);
  const usersPerArm = requireInteger(options.usersPerArm, "usersPerArm", ACTION, 2);
  const looks = requireInteger(options.looks, "looks", ACTION, 1, usersPerArm);
  const baseline = requireProbability(options.baseline, "baseline", ACTION);
  const alpha = requireProbability(options.alpha ?? 0.05, "alpha", ACTION);
  const seed = requireInteger(options.seed, "seed", ACTION, 0, MAX_SEED);
  const tau = requirePositive(options.tau ?? 0.1 * baseline, "tau", ACTION);
  const minimumUnits = requireInteger(options.minimumUnits ?? 30, "minimumUnits", ACTION, 2);
  const threads = resolveThreads(options.threads, ACTION);
  const tau2 = tau * tau;
  const critical = normal.quantile(1 - alpha / 2);

  const sizes = sharedArray(Int32Array, looks);
  for (let k = 0; k < looks; k++) sizes[k] = Math.round((k + 1) * usersPerArm / looks);
  const tasks = Math.ceil(experiments / EXPERIMENTS_PER_TASK);
  const arrays: AaArrays = {
    sizes,
    significantAt: sharedArray(Int32Array, tasks * looks),
    peekingStops: sharedArray(Int32Array, tasks * looks),
    sequentialStops: sharedArray(Int32Array, tasks * looks),
    fixedRejections: sharedArray(Int32Array, tasks),
  };
  runParallel({
    module: KERNELS,
    name: "aaBlock",
    kernel: aaBlock,
    tasks,
    arrays: arrays as unknown as Record<string, SharedTypedArray>,
    params: { seed, experiments, baseline, alpha, critical, tau2, minimumUnits },
  }, { threads, action: ACTION });
  // The blocks' counts, in task order.
  const significantAt = new Int32Array(looks);
  const peekingStops = new Int32Array(looks);
  const sequentialStops = new Int32Array(looks);
  let fixedRejections = 0;
  for (let t = 0; t < tasks; t++) {
    for (let k = 0; k < looks; k++) {
      significantAt[k] += arrays.significantAt[t * looks + k];
      peekingStops[k] += arrays.peekingStops[t * looks + k];
      sequentialStops[k] += arrays.sequentialStops[t * looks + k];
    }
    fixedRejections += arrays.fixedRejections[t];
  }

  const cumulative = (counts: Int32Array) => {
    const out: number[] = [];
    let sum = 0;
    for (let k = 0; k < looks; k++) out.push((sum += counts[k]) / experiments);
    return out;
  };
  const peekingRates = cumulative(peekingStops);
  const sequentialRates = cumulative(sequentialStops);
  const peekingTotal = peekingStops.reduce((s, v) => s + v, 0);
  const sequentialTotal = sequentialStops.reduce((s, v) => s + v, 0);
  const byLook = pl.DataFrame({
    look: Array.from({ length: looks }, (_, k) => k + 1),
    users_per_arm: Array.from(sizes),
    significant_rate: Array.from(significantAt, (c) => c / experiments),
    peeking_rate: peekingRates,
    sequential_rate: sequentialRates,
  });
  return {
    fixedHorizon: { falsePositives: fixedRejections, rate: fixedRejections / experiments },
    peeking: { falsePositives: peekingTotal, rate: peekingTotal / experiments },
    sequential: { falsePositives: sequentialTotal, rate: sequentialTotal / experiments },
    experiments,
    looks,
    alpha,
    tau,
    monteCarloError: Math.sqrt(alpha * (1 - alpha) / experiments),
    byLook,
  };
}
