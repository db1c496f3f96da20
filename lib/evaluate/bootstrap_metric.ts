import { runParallel, sharedArray, type SharedTypedArray, toShared } from "../core/worker_pool.ts";
import {
  blockRandom,
  drawRows,
  type MetricArrays,
  metricBlock,
  RESAMPLES_PER_TASK,
  scoreGroups,
} from "./_bootstrap_kernels.ts";
import { binaryInput } from "./_binary.ts";
import {
  type BootstrapInterval,
  type BootstrapOptions,
  percentileInterval,
  resolveBootstrap,
} from "./_bootstrap.ts";
import { rocAuc } from "./roc_auc.ts";
import { averagePrecision } from "./average_precision.ts";

export type { BootstrapInterval, BootstrapOptions } from "./_bootstrap.ts";

const KERNELS = new URL("./_bootstrap_kernels.ts", import.meta.url).href;

/** Below this many row draws (rows × resamples) the pool is not worth starting. */
const SMALL_WORK = 200_000;

/** A metric of labels and scores, higher or lower is better as the metric says. */
export type BinaryMetric = (yTrue: ArrayLike<number>, scores: ArrayLike<number>) => number;

/** Options for {@linkcode bootstrapMetric}. */
export interface BootstrapMetricOptions extends BootstrapOptions {
  /**
   * The metric: `"roc_auc"`, `"average_precision"` or a function `(yTrue, scores) => number`.
   * Default `"roc_auc"`.
   */
  metric?: "roc_auc" | "average_precision" | BinaryMetric;
  /**
   * `false` (default): resample rows as a whole, as scipy's `bootstrap(..., paired=True)`; a
   * resample with one class is drawn again. `true`: resample positives and negatives separately,
   * keeping their counts (pROC's default for `ci.auc`); this leaves out the sampling variation of
   * the base rate, so average precision (which depends on it) gets a narrower interval.
   */
  stratified?: boolean;
  /**
   * Scores of a second model on the same rows: the result then also holds the interval of the
   * difference `metric(scores) − metric(compareTo)` over the same resamples (a paired bootstrap),
   * which is the right interval for "is model A better than model B?".
   */
  compareTo?: ArrayLike<number>;
}

/** Result of {@linkcode bootstrapMetric}. */
export interface BootstrapMetricInterval extends BootstrapInterval {
  /** Interval of `metric(scores) − metric(compareTo)`, when `compareTo` was given, else null. */
  readonly difference: BootstrapInterval | null;
}

/**
 * Percentile bootstrap confidence interval of a ranking metric (ROC AUC, average precision, or
 * any metric of labels and scores): the rows are resampled with replacement `resamples` times,
 * the metric is computed on each resample, and the interval is the `(1 - level) / 2` and
 * `(1 + level) / 2` quantiles of those values (Efron and Tibshirani's percentile method). A
 * test-set AUC of 0.85 on 1,761 rows is an estimate; this says how far it could move with
 * another sample of customers, before claiming that one model beats another.
 *
 * Rows are resampled as a whole by default (`stratified: true` keeps the class counts, as pROC's
 * `ci.auc`). The resamples come in fixed blocks of 25, block t drawn from its own seeded stream
 * (`createRandom(taskSeed(seed, t))`): the same seed, labels and row count give the same
 * resamples, so intervals of several models computed with one seed are paired, and the blocks run
 * on `threads` threads with the same result bit for bit at every thread count. With `compareTo`,
 * the difference of the two models on each resample gives the paired interval of the difference.
 *
 * Cost: for `"roc_auc"` and `"average_precision"`, one sort of the scores, then O(n) per resample
 * (the metric is counted from the rows' multiplicities in score order: the same value, to the bit,
 * as the metric of the resampled rows), spread over the threads; a metric given as a function
 * runs `resamples` times in the calling thread (threads do not apply to it). O(n + resamples)
 * memory.
 * Reference: Efron, B. and Tibshirani, R. (1993), *An Introduction to the Bootstrap*, ch. 13;
 * Robin, X. et al. (2011), "pROC", BMC Bioinformatics 12, 77,
 * <https://doi.org/10.1186/1471-2105-12-77>. Checked against scipy 1.10's
 * `stats.bootstrap(method="percentile")` (`tests/reference/bootstrap_reference.py`).
 *
 * @param yTrue One 0/1 label per row; both classes required.
 * @param scores One finite score per row.
 * @param options `seed` (required), `metric` (default ROC AUC), `resamples` (default 2,000),
 * `level` (default 0.95), `stratified` (default false), `compareTo`, `threads`.
 * @returns The estimate on all rows, the interval, the bootstrap standard error and, with
 * `compareTo`, the interval of the difference.
 * @throws {TypeError} When an argument is not array-like, `seed` is missing or `metric` is not
 * one of the names or a function.
 * @throws {RangeError} When lengths differ, a label is not 0 or 1, a score is not finite, only
 * one class is present, `resamples` is below 100, `level` is outside (0, 1), `threads` is not an
 * integer from 1 to 64, or the metric returns a non-finite value.
 *
 * @example An interval around the AUC
 * ```ts
 * import assert from "node:assert/strict";
 * import { bootstrapMetric } from "./bootstrap_metric.ts";
 *
 * const y = [1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0];
 * const s = [0.9, 0.8, 0.7, 0.3, 0.2, 0.6, 0.1, 0.4, 0.35, 0.5, 0.45, 0.05];
 * const ci = bootstrapMetric(y, s, { metric: "roc_auc", seed: 1, resamples: 500 });
 * assert.ok(ci.lower < ci.estimate && ci.estimate < ci.upper);
 * assert.ok(ci.upper <= 1 && ci.lower > 0.3);
 * ```
 */
export function bootstrapMetric(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: BootstrapMetricOptions,
): BootstrapMetricInterval {
  const action = "bootstrap metric";
  const resolved = resolveBootstrap(options, action);
  const metricOption = options.metric ?? "roc_auc";
  const metric: BinaryMetric = metricOption === "roc_auc"
    ? rocAuc
    : metricOption === "average_precision"
    ? averagePrecision
    : metricOption as BinaryMetric;
  if (typeof metric !== "function") {
    throw new TypeError(
      `Cannot ${action} as metric must be "roc_auc", "average_precision" or a function: got ${
        JSON.stringify(metricOption)
      }`,
    );
  }
  const input = binaryInput(yTrue, scores, action, { requireBothClasses: "the bootstrap" });
  const other = options.compareTo === undefined
    ? null
    : binaryInput(yTrue, options.compareTo, action).scores;
  const { y, n } = input;
  const stratified = options.stratified ?? false;
  const positives = sharedArray(Int32Array, input.positives);
  const negatives = sharedArray(Int32Array, input.negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (y[i] === 1) positives[p++] = i;
    else negatives[q++] = i;
  }
  const check = (value: number) => {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Cannot ${action} as the metric returned a non-finite value: ${value}`);
    }
    return value;
  };
  const { resamples } = resolved;
  const statistics = sharedArray(Float64Array, resamples);
  const differences = sharedArray(Float64Array, other ? resamples : 0);
  const tasks = Math.ceil(resamples / RESAMPLES_PER_TASK);
  if (typeof metricOption === "string") {
    // A named metric: counted from the rows' multiplicities in the kernel, on the pool.
    const allocate = (length: number) => sharedArray(Int32Array, length);
    const groups = scoreGroups(input.scores, allocate);
    const otherGroups = other ? scoreGroups(other, allocate) : undefined;
    const arrays: MetricArrays = {
      y: toShared(y),
      positives,
      negatives,
      order: groups.order,
      groupEnd: groups.groupEnd,
      otherOrder: otherGroups?.order ?? allocate(0),
      otherGroupEnd: otherGroups?.groupEnd ?? allocate(0),
      statistics,
      differences,
    };
    runParallel({
      module: KERNELS,
      name: "metricBlock",
      kernel: metricBlock,
      tasks,
      arrays: arrays as unknown as Record<string, SharedTypedArray>,
      params: { seed: resolved.seed, resamples, stratified, metric: metricOption },
    }, { threads: n * resamples < SMALL_WORK ? 1 : resolved.threads, action });
  } else {
    // A metric given as a function cannot go to a worker: the same blocks, in the calling thread.
    const picks = new Int32Array(n);
    const yb = new Uint8Array(n);
    const sb = new Float64Array(n);
    const ob = new Float64Array(n);
    for (let t = 0; t < tasks; t++) {
      const random = blockRandom(resolved.seed, t);
      for (
        let b = t * RESAMPLES_PER_TASK;
        b < Math.min(resamples, (t + 1) * RESAMPLES_PER_TASK);
        b++
      ) {
        drawRows(random, y, positives, negatives, stratified, picks);
        for (let r = 0; r < n; r++) {
          const i = picks[r];
          yb[r] = y[i];
          sb[r] = input.scores[i];
          if (other) ob[r] = other[i];
        }
        statistics[b] = check(metric(yb, sb));
        if (other) differences[b] = statistics[b] - check(metric(yb, ob));
      }
    }
  }
  const estimate = check(metric(input.y, input.scores));
  const difference = other
    ? percentileInterval(estimate - check(metric(input.y, other)), differences, resolved)
    : null;
  return { ...percentileInterval(estimate, statistics, resolved), difference };
}
