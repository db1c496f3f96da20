/**
 * Kernels of {@linkcode fitGradientBoosting}'s tree grower (lib/churn/_histogram_tree.ts) for the
 * worker pool (lib/core/worker_pool.ts): a node's histogram, the larger sibling's histogram by
 * subtraction, and the best split of each feature, over a fixed group of
 * {@linkcode FEATURES_PER_TASK} features per task. Features are independent: every bin's sums run
 * over the node's rows in the same order whoever computes them, and the caller picks the best
 * split across features in feature order (ties: the lowest feature, then the lowest bin), so the
 * trees are the same bit for bit at any thread count, and the same as when one thread computes
 * every feature in one call ({@linkcode buildNodeFeatures}). Import-free (workers import this
 * module). Not part of the public API.
 *
 * The kernels take their arrays as raw `SharedArrayBuffer`s in `params`, not as typed arrays in
 * `arrays`: posting a typed array to a `node:worker_threads` worker costs time in proportion to
 * its length in Deno 2.9.6 (see lib/churn/_logistic_kernels.ts), a raw buffer does not.
 *
 * @module
 */

/** Features per task: two per pass over the rows was measured as fast as four here. */
export const FEATURES_PER_TASK = 2;

/** Slots per (search, feature) in the split output: gain, bin, left G, left H, left count. */
export const SPLIT_FIELDS = 5;

/** A split search on one histogram of the call: the node's totals. */
export interface SplitSearch {
  /** Search the larger sibling's histogram (the parent's, after subtraction), else the one built. */
  parent: boolean;
  sumG: number;
  sumH: number;
  count: number;
}

/** Typed-array views of one call's inputs and outputs. */
export interface NodeViews {
  /** Bin codes, column-major: feature j of training row i at `j * n + i`. */
  codes: Uint8Array;
  n: number;
  /** Start of each feature's bins in a histogram. */
  offset: ArrayLike<number>;
  nBins: ArrayLike<number>;
  /** The node's rows are `rows[start + k]`, k < len; null: rows `start + k` (the root). */
  rows: Int32Array | null;
  start: number;
  len: number;
  /** Gradients and hessians interleaved, indexed by k (gathered in the node's row order). */
  gradHess: Float64Array;
  /** The histogram to build (zeroed by the caller, or holding the counts when `withCounts` is false). */
  gh: Float64Array;
  count: Int32Array;
  withCounts: boolean;
  /** The parent's histogram, to turn into the larger sibling's (parent - built), or null. */
  parentGh: Float64Array | null;
  parentCount: Int32Array | null;
  searches: readonly SplitSearch[];
  lambda: number;
  minLeaf: number;
  minHessian: number;
  /** Per search s and feature j, at `(s * d + j) * SPLIT_FIELDS`: the feature's best split. */
  out: Float64Array;
  d: number;
}

/**
 * For features [j0, j1): adds the node's rows to the histogram, subtracts it from the parent's
 * (if given), and finds each feature's best split on each searched histogram.
 */
export function buildNodeFeatures(v: NodeViews, j0: number, j1: number): void {
  accumulate(v, j0, j1);
  if (v.parentGh !== null && v.parentCount !== null) {
    const from = v.offset[j0];
    const to = j1 < v.d ? v.offset[j1] : v.count.length;
    const { gh, count, parentGh, parentCount } = v;
    for (let k = 2 * from; k < 2 * to; k++) parentGh[k] -= gh[k];
    for (let k = from; k < to; k++) parentCount[k] -= count[k];
  }
  v.searches.forEach((search, s) => {
    const gh = search.parent ? v.parentGh! : v.gh;
    const count = search.parent ? v.parentCount! : v.count;
    for (let j = j0; j < j1; j++) bestSplitOfFeature(v, search, gh, count, j, s);
  });
}

/**
 * The histogram kernel: for rows k = 0 … len - 1 (row `rows[start + k]`, or `start + k` when
 * `rows` is null), adds `gradHess[2k]`, `gradHess[2k + 1]` (and 1 to the count, if
 * `withCounts`) to the row's bin of every feature in [j0, j1). Several features per pass share
 * the loads of the row index and its gradient pair: measured here, 2.2 ns per update with four
 * features per pass against 3.5 for one.
 */
function accumulate(v: NodeViews, j0: number, j1: number): void {
  const { codes, n, offset, rows, start, len, gradHess, gh, count, withCounts } = v;
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    const c0 = j * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const o0 = offset[j];
    const o1 = offset[j + 1];
    const o2 = offset[j + 2];
    const o3 = offset[j + 3];
    for (let k = 0; k < len; k++) {
      const i = rows === null ? start + k : rows[start + k];
      const g = gradHess[2 * k];
      const h = gradHess[2 * k + 1];
      const s0 = o0 + codes[c0 + i];
      const s1 = o1 + codes[c1 + i];
      const s2 = o2 + codes[c2 + i];
      const s3 = o3 + codes[c3 + i];
      gh[2 * s0] += g;
      gh[2 * s0 + 1] += h;
      gh[2 * s1] += g;
      gh[2 * s1 + 1] += h;
      gh[2 * s2] += g;
      gh[2 * s2 + 1] += h;
      gh[2 * s3] += g;
      gh[2 * s3 + 1] += h;
      if (withCounts) {
        count[s0]++;
        count[s1]++;
        count[s2]++;
        count[s3]++;
      }
    }
  }
  for (; j + 2 <= j1; j += 2) {
    const c0 = j * n;
    const c1 = c0 + n;
    const o0 = offset[j];
    const o1 = offset[j + 1];
    for (let k = 0; k < len; k++) {
      const i = rows === null ? start + k : rows[start + k];
      const g = gradHess[2 * k];
      const h = gradHess[2 * k + 1];
      const s0 = o0 + codes[c0 + i];
      const s1 = o1 + codes[c1 + i];
      gh[2 * s0] += g;
      gh[2 * s0 + 1] += h;
      gh[2 * s1] += g;
      gh[2 * s1 + 1] += h;
      if (withCounts) {
        count[s0]++;
        count[s1]++;
      }
    }
  }
  for (; j < j1; j++) {
    const c0 = j * n;
    const o0 = offset[j];
    for (let k = 0; k < len; k++) {
      const i = rows === null ? start + k : rows[start + k];
      const s0 = o0 + codes[c0 + i];
      gh[2 * s0] += gradHess[2 * k];
      gh[2 * s0 + 1] += gradHess[2 * k + 1];
      if (withCounts) count[s0]++;
    }
  }
}

/**
 * Best split of feature j on one histogram: the second-order gain
 * `G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ)` (scikit-learn's, without XGBoost's factor 1/2),
 * subject to `minLeaf` rows and `minHessian` hessian on each side; the lowest bin wins ties.
 * Writes gain (0 if none), bin, left G, left H and left count at `(s d + j) · SPLIT_FIELDS`.
 */
function bestSplitOfFeature(
  v: NodeViews,
  search: SplitSearch,
  gh: Float64Array,
  counts: Int32Array,
  j: number,
  s: number,
): void {
  const { lambda, minLeaf, minHessian } = v;
  const { sumG, sumH, count } = search;
  const parent = sumG * sumG / (sumH + lambda);
  const base = v.offset[j];
  const last = base + v.nBins[j] - 1;
  let bestGain = 0;
  let bestBin = -1;
  let bestG = 0;
  let bestH = 0;
  let bestCount = 0;
  let gl = 0;
  let hl = 0;
  let nl = 0;
  for (let b = base; b < last; b++) {
    gl += gh[2 * b];
    hl += gh[2 * b + 1];
    nl += counts[b];
    if (nl < minLeaf || hl < minHessian) continue;
    const nr = count - nl;
    const hr = sumH - hl;
    if (nr < minLeaf || hr < minHessian) break;
    const gr = sumG - gl;
    const g = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
    if (g > bestGain) {
      bestGain = g;
      bestBin = b - base;
      bestG = gl;
      bestH = hl;
      bestCount = nl;
    }
  }
  const at = (s * v.d + j) * SPLIT_FIELDS;
  v.out[at] = bestBin < 0 ? 0 : bestGain;
  v.out[at + 1] = bestBin;
  v.out[at + 2] = bestG;
  v.out[at + 3] = bestH;
  v.out[at + 4] = bestCount;
}

/** {@linkcode NodeViews} with raw shared buffers in place of the typed arrays, for a worker. */
export interface NodeParams {
  codes: SharedArrayBuffer;
  n: number;
  d: number;
  offset: number[];
  nBins: number[];
  rows: SharedArrayBuffer | null;
  start: number;
  len: number;
  gradHess: SharedArrayBuffer;
  gh: SharedArrayBuffer;
  count: SharedArrayBuffer;
  withCounts: boolean;
  parentGh: SharedArrayBuffer | null;
  parentCount: SharedArrayBuffer | null;
  searches: SplitSearch[];
  lambda: number;
  minLeaf: number;
  minHessian: number;
  out: SharedArrayBuffer;
}

/** Task t: {@linkcode buildNodeFeatures} for features [t · 2, t · 2 + 2). */
export function nodeTask(task: number, _arrays: unknown, params: NodeParams): void {
  const j0 = task * FEATURES_PER_TASK;
  const j1 = Math.min(params.d, j0 + FEATURES_PER_TASK);
  buildNodeFeatures(
    {
      ...params,
      codes: new Uint8Array(params.codes),
      rows: params.rows === null ? null : new Int32Array(params.rows),
      gradHess: new Float64Array(params.gradHess),
      gh: new Float64Array(params.gh),
      count: new Int32Array(params.count),
      parentGh: params.parentGh === null ? null : new Float64Array(params.parentGh),
      parentCount: params.parentCount === null ? null : new Int32Array(params.parentCount),
      out: new Float64Array(params.out),
    },
    j0,
    j1,
  );
}

/**
 * Rows per task of {@linkcode gradientTask}: a multiple of {@linkcode LOG_BLOCK}, so the
 * log-loss blocks never straddle two tasks.
 */
export const GRADIENT_CHUNK = 8192;

/**
 * Rows per block in the log-loss sums: log(1 + e) with e in (0, 1] is summed as the log of a
 * product over the block (each factor in (1, 2], so the product stays below 2^32), one `Math.log`
 * per block instead of one per row. Measured here: `Math.log1p` per row made the loss pass
 * ~4x slower than the gradients it comes with.
 */
export const LOG_BLOCK = 32;

/** Parameters of {@linkcode gradientTask}: shared buffers and sizes. */
export interface GradientParams {
  /** Raw predictions (log-odds), Float64, one per row; updated in place when `values` is given. */
  raw: SharedArrayBuffer;
  /** Targets, Uint8 0/1. */
  y: SharedArrayBuffer;
  /** Output: gradient p - y and hessian p(1 - p) of each row, interleaved (Float64, 2 n). */
  gradHess: SharedArrayBuffer;
  /** Output: each row's `max(r, 0) - y r` (Float64, n). */
  linear: SharedArrayBuffer;
  /** Output: each block's `log(prod (1 + exp(-|r|)))` (Float64, one per block of 32 rows). */
  logs: SharedArrayBuffer;
  /** The last tree's leaf of each row (Int32), with `values`; or null. */
  leafOf: SharedArrayBuffer | null;
  /** The last tree's node values, added to `raw` through `leafOf` first; or null. */
  values: number[] | null;
  n: number;
}

/**
 * Task t, rows `[t · chunk, (t + 1) · chunk)`: adds the last tree's leaf values to the raw
 * predictions (if given), then writes each row's gradient, hessian and linear log-loss term and
 * each block's log term. The caller adds the terms in row and block order, as one thread would.
 */
export function gradientTask(task: number, _arrays: unknown, params: GradientParams): void {
  const { n } = params;
  const raw = new Float64Array(params.raw);
  const y = new Uint8Array(params.y);
  const gradHess = new Float64Array(params.gradHess);
  const linear = new Float64Array(params.linear);
  const logs = new Float64Array(params.logs);
  const first = task * GRADIENT_CHUNK;
  const last = Math.min(n, first + GRADIENT_CHUNK);
  if (params.leafOf !== null && params.values !== null) {
    const leafOf = new Int32Array(params.leafOf);
    const values = params.values;
    for (let i = first; i < last; i++) raw[i] += values[leafOf[i]];
  }
  for (let start = first; start < last; start += LOG_BLOCK) {
    const end = Math.min(last, start + LOG_BLOCK);
    let product = 1;
    for (let i = start; i < end; i++) {
      const r = raw[i];
      const e = Math.exp(r > 0 ? -r : r);
      product *= 1 + e;
      linear[i] = (r > 0 ? r : 0) - y[i] * r;
      const p = r >= 0 ? 1 / (1 + e) : e / (1 + e);
      gradHess[2 * i] = p - y[i];
      gradHess[2 * i + 1] = p * (1 - p);
    }
    logs[start / LOG_BLOCK] = Math.log(product);
  }
}
