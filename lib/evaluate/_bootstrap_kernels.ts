/**
 * Kernels of the bootstrap functions, run by the worker pool (lib/core/worker_pool.ts) over fixed
 * blocks of {@linkcode RESAMPLES_PER_TASK} resamples, block `t` drawing from its own stream
 * `splitmix32(taskSeed(seed, t))`: the resamples depend on the seed and the data, never on the
 * thread count. Imports only the import-free generator: each worker thread loads this module.
 *
 * @module
 */
import { type Random, splitmix32, taskSeed } from "../core/_splitmix.ts";

/** Resamples per task: fixed, never derived from the thread count. */
export const RESAMPLES_PER_TASK = 25;

/**
 * Draws one resample of row numbers into `picks` (n rows with replacement; when `stratified`,
 * the first `positives.length` from the positives and the rest from the negatives) and draws
 * again while it holds a single class. Shared by the kernel and the caller's path for a metric
 * given as a function, so both see the same resamples.
 *
 * @returns The number of positives drawn.
 */
export function drawRows(
  random: Random,
  y: Uint8Array,
  positives: Int32Array,
  negatives: Int32Array,
  stratified: boolean,
  picks: Int32Array,
): number {
  const n = y.length;
  let drawn = 0;
  do {
    drawn = 0;
    for (let r = 0; r < n; r++) {
      const i = stratified
        ? (r < positives.length
          ? positives[random.int(positives.length)]
          : negatives[random.int(negatives.length)])
        : random.int(n);
      picks[r] = i;
      drawn += y[i];
    }
  } while (drawn === 0 || drawn === n);
  return drawn;
}

/**
 * The generator of block `task`.
 *
 * @param seed The caller's (checked) seed.
 * @param task The block number.
 * @returns Its own stream.
 */
export function blockRandom(seed: number, task: number): Random {
  return splitmix32(taskSeed(seed, task));
}

/** The shared arrays of {@linkcode metricBlock}. */
export interface MetricArrays {
  /** 0/1 label of each row. */
  y: Uint8Array;
  /** Rows labelled 1. */
  positives: Int32Array;
  /** Rows labelled 0. */
  negatives: Int32Array;
  /** Rows by score, descending. */
  order: Int32Array;
  /** End (exclusive) in `order` of each group of equal scores. */
  groupEnd: Int32Array;
  /** The same for the `compareTo` scores (empty without). */
  otherOrder: Int32Array;
  /** The same for the `compareTo` scores (empty without). */
  otherGroupEnd: Int32Array;
  /** Output: the metric on each resample. */
  statistics: Float64Array;
  /** Output: metric(scores) − metric(compareTo) on each resample (empty without `compareTo`). */
  differences: Float64Array;
}

/** The parameters of {@linkcode metricBlock}. */
export interface MetricParams {
  /** The caller's seed. */
  seed: number;
  /** Total resamples. */
  resamples: number;
  /** Keep the class counts. */
  stratified: boolean;
  /** `"roc_auc"` or `"average_precision"`. */
  metric: "roc_auc" | "average_precision";
}

let scratch: { n: number; picks: Int32Array; counts: Int32Array } | undefined;

/**
 * Block `task` of a metric bootstrap: resamples `task * RESAMPLES_PER_TASK` onwards, each drawn
 * with {@linkcode drawRows} and scored from the rows' multiplicities over the rows in score order,
 * which gives the same thresholds, counts and arithmetic (so the same value to the bit) as
 * `rocAuc` / `averagePrecision` on the resampled rows, in O(n) instead of a sort.
 *
 * @param task The block number.
 * @param arrays Labels, class rows, score orders and outputs.
 * @param params Seed, resamples, stratification and metric.
 */
export function metricBlock(task: number, arrays: MetricArrays, params: MetricParams): void {
  const { y, positives, negatives, statistics, differences } = arrays;
  const n = y.length;
  if (scratch === undefined || scratch.n !== n) {
    scratch = { n, picks: new Int32Array(n), counts: new Int32Array(n) };
  }
  const { picks, counts } = scratch;
  const random = blockRandom(params.seed, task);
  const start = task * RESAMPLES_PER_TASK;
  const end = Math.min(params.resamples, start + RESAMPLES_PER_TASK);
  const ap = params.metric === "average_precision";
  for (let b = start; b < end; b++) {
    drawRows(random, y, positives, negatives, params.stratified, picks);
    for (let r = 0; r < n; r++) counts[picks[r]]++;
    const value = countedMetric(ap, y, arrays.order, arrays.groupEnd, counts);
    statistics[b] = value;
    if (differences.length > 0) {
      differences[b] = value -
        countedMetric(ap, y, arrays.otherOrder, arrays.otherGroupEnd, counts);
    }
    counts.fill(0);
  }
}

/**
 * ROC AUC or average precision of the rows weighted by `counts`, walking the groups of equal
 * scores from the highest: each group with a count is one threshold, as in `thresholdCounts`.
 */
function countedMetric(
  ap: boolean,
  y: Uint8Array,
  order: Int32Array,
  groupEnd: Int32Array,
  counts: Int32Array,
): number {
  let tp = 0;
  let fp = 0;
  let tpPrev = 0;
  let fpPrev = 0;
  let twiceArea = 0;
  let sum = 0;
  let from = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    let weight = 0;
    const to = groupEnd[g];
    for (let k = from; k < to; k++) {
      const i = order[k];
      const c = counts[i];
      weight += c;
      if (y[i] === 1) tp += c;
      else fp += c;
    }
    from = to;
    if (weight === 0) continue;
    if (ap) sum += (tp - tpPrev) * (tp / (tp + fp));
    else twiceArea += (fp - fpPrev) * (tp + tpPrev);
    tpPrev = tp;
    fpPrev = fp;
  }
  return ap ? sum / tp : twiceArea / (2 * tp * fp);
}

/** The shared arrays of {@linkcode meanBlock}. */
export interface MeanArrays {
  /** The values. */
  x: Float64Array;
  /** Output: the mean of each resample. */
  means: Float64Array;
}

/**
 * Block `task` of a bootstrap of the mean: each resample draws n values with replacement and sums
 * them in draw order.
 *
 * @param task The block number.
 * @param arrays The values and the output.
 * @param params Seed and total resamples.
 */
export function meanBlock(
  task: number,
  arrays: MeanArrays,
  params: { seed: number; resamples: number },
): void {
  const { x, means } = arrays;
  const n = x.length;
  const random = blockRandom(params.seed, task);
  const start = task * RESAMPLES_PER_TASK;
  const end = Math.min(params.resamples, start + RESAMPLES_PER_TASK);
  for (let b = start; b < end; b++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += x[random.int(n)];
    means[b] = s / n;
  }
}

/**
 * Rows by score, descending, and the end of each group of equal scores (for
 * {@linkcode metricBlock}). Runs on the caller.
 *
 * @param scores Finite scores (-0 already made 0).
 * @returns The order and group ends, in shared memory when `allocate` gives it.
 */
export function scoreGroups(
  scores: Float64Array,
  allocate: (length: number) => Int32Array,
): { order: Int32Array; groupEnd: Int32Array } {
  const n = scores.length;
  const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const order = allocate(n);
  const ends: number[] = [];
  for (let k = 0; k < n; k++) {
    order[k] = sorted[k];
    if (k > 0 && scores[sorted[k]] !== scores[sorted[k - 1]]) ends.push(k);
  }
  if (n > 0) ends.push(n);
  const groupEnd = allocate(ends.length);
  groupEnd.set(ends);
  return { order, groupEnd };
}
