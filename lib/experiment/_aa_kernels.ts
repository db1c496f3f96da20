/**
 * The kernel of `simulateAaTests`, run by the worker pool (lib/core/worker_pool.ts) over fixed
 * blocks of {@linkcode EXPERIMENTS_PER_TASK} simulated experiments, block `t` drawing from its own
 * stream `splitmix32(taskSeed(seed, t))`: the experiments depend on the seed, never on the thread
 * count. Imports only import-free modules (the generator, the binomial sampler, the mSPRT ratio),
 * so a worker thread never loads nodejs-polars.
 *
 * @module
 */
import { splitmix32, taskSeed } from "../core/_splitmix.ts";
import { binomialDraw } from "./_binomial.ts";
import { mixtureRatio } from "./_msprt.ts";

/** Experiments per task: fixed, never derived from the thread count. */
export const EXPERIMENTS_PER_TASK = 100;

/** The shared arrays of {@linkcode aaBlock}: per-task counts, task t's at `t * looks + k`. */
export interface AaArrays {
  /** Units per arm at each look. */
  sizes: Int32Array;
  /** Experiments with p < alpha at look k. */
  significantAt: Int32Array;
  /** Experiments whose first p < alpha is at look k. */
  peekingStops: Int32Array;
  /** Experiments the mSPRT stops at look k. */
  sequentialStops: Int32Array;
  /** Experiments significant at the last look, one slot per task. */
  fixedRejections: Int32Array;
}

/** The parameters of {@linkcode aaBlock}. */
export interface AaParams {
  /** The caller's seed. */
  seed: number;
  /** Total experiments. */
  experiments: number;
  /** True conversion rate of both arms. */
  baseline: number;
  /** Significance level. */
  alpha: number;
  /** The z test's two-sided critical value. */
  critical: number;
  /** Squared mixing standard deviation of the mSPRT. */
  tau2: number;
  /** Units per arm before the mSPRT counts. */
  minimumUnits: number;
}

/**
 * Task t: simulates experiments `t * EXPERIMENTS_PER_TASK` onwards and counts, per look, the
 * fixed-horizon, peeking and mSPRT rejections into the task's own slots.
 *
 * @param task The block number.
 * @param arrays Look sizes and the per-task counts.
 * @param params The design.
 */
export function aaBlock(task: number, arrays: AaArrays, params: AaParams): void {
  const { sizes } = arrays;
  const looks = sizes.length;
  const { baseline, alpha, critical, tau2, minimumUnits } = params;
  const random = splitmix32(taskSeed(params.seed, task));
  const start = task * EXPERIMENTS_PER_TASK;
  const end = Math.min(params.experiments, start + EXPERIMENTS_PER_TASK);
  const at = task * looks;
  let fixedRejections = 0;
  for (let e = start; e < end; e++) {
    let xc = 0;
    let xt = 0;
    let previous = 0;
    let peeked = false;
    let stopped = false;
    let p = 1;
    for (let k = 0; k < looks; k++) {
      const n = sizes[k];
      xc += binomialDraw(random, n - previous, baseline);
      xt += binomialDraw(random, n - previous, baseline);
      previous = n;
      const d = (xt - xc) / n;
      // Fixed-horizon z with the pooled rate (twoProportionTest's statistic).
      const pooled = (xc + xt) / (2 * n);
      const pooledVariance = pooled * (1 - pooled) * 2 / n;
      const significant = pooledVariance > 0 && Math.abs(d) > critical * Math.sqrt(pooledVariance);
      if (significant) {
        arrays.significantAt[at + k]++;
        if (!peeked) {
          peeked = true;
          arrays.peekingStops[at + k]++;
        }
        if (k === looks - 1) fixedRejections++;
      }
      // mSPRT with the plug-in variance, as sequentialTest computes it.
      if (!stopped && n >= minimumUnits) {
        const v = (xc * (n - xc) + xt * (n - xt)) / (n * n * (n - 1));
        if (v > 0) {
          p = Math.min(p, 1 / mixtureRatio(d, v, tau2));
          if (p <= alpha) {
            stopped = true;
            arrays.sequentialStops[at + k]++;
          }
        }
      }
    }
  }
  arrays.fixedRejections[task] = fixedRejections;
}
