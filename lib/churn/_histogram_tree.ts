/**
 * Internal kernels of {@linkcode fitGradientBoosting}: quantile binning of features and the
 * growth of one histogram-based regression tree on gradients and hessians (best-first, with the
 * histogram subtraction trick), as in LightGBM (Ke et al. 2017) and scikit-learn's
 * `HistGradientBoostingClassifier`. Not part of the public API.
 *
 * @module
 */
import type { Random } from "../core/random.ts";
import { quantileSorted } from "../core/quantile.ts";
import { runParallel, sharedArray } from "../core/worker_pool.ts";
import {
  buildNodeFeatures,
  FEATURES_PER_TASK,
  nodeTask,
  type NodeViews,
  SPLIT_FIELDS,
  type SplitSearch,
} from "./_boosting_kernels.ts";

const KERNELS = new URL("./_boosting_kernels.ts", import.meta.url).href;

/**
 * Nodes with fewer (rows x features) histogram updates than this are built in the calling thread:
 * below it, posting to the pool costs more than the work saved (~0.1 ms a call on a quiet
 * machine, several ms on a loaded one). It changes nothing in the result.
 */
export const PARALLEL_MIN_UPDATES = 1 << 18;

/** Rows used to compute bin thresholds at most (scikit-learn's `subsample=2e5`). */
export const BINNING_SUBSAMPLE = 200_000;

/**
 * Smallest hessian sum allowed in a child (scikit-learn's `min_hessian_to_split`): keeps leaf
 * values -G/(H+λ) finite when every row of a leaf is already predicted with near certainty.
 */
export const MIN_HESSIAN = 1e-3;

/** Bin thresholds of every feature, fitted on the training rows. */
export interface Binning {
  /**
   * Per feature, strictly increasing thresholds: value `x` falls in bin `b` when
   * `thresholds[b - 1] < x <= thresholds[b]` (bin 0 below the first, the last bin above the last).
   */
  readonly thresholds: readonly Float64Array[];
  /** Bins per feature: `thresholds[j].length + 1`, at most `maxBins`. */
  readonly nBins: Int32Array;
}

/**
 * Computes bin thresholds for each feature from the chosen rows, as scikit-learn's `_BinMapper`:
 * a feature with at most `maxBins` distinct values gets one bin per value (thresholds at the
 * midpoints between consecutive distinct values); otherwise the thresholds are the
 * `maxBins - 1` interior percentiles `100 k / maxBins` (numpy's `method="midpoint"`), with
 * duplicates (from heavily tied values) dropped, which only removes empty bins. With more than
 * {@linkcode BINNING_SUBSAMPLE} rows, a seeded random subsample of that size is used.
 *
 * Cost: O(d m log m) for m = min(rows, 200,000).
 */
export function fitBinning(
  columns: readonly Float64Array[],
  rows: Int32Array,
  maxBins: number,
  random: Random,
): Binning {
  let sample = rows;
  if (rows.length > BINNING_SUBSAMPLE) {
    // Partial Fisher-Yates over a copy, then sorted so that reads stay in row order.
    const copy = rows.slice();
    for (let k = 0; k < BINNING_SUBSAMPLE; k++) {
      const swap = k + random.int(copy.length - k);
      const t = copy[k];
      copy[k] = copy[swap];
      copy[swap] = t;
    }
    sample = copy.subarray(0, BINNING_SUBSAMPLE).sort();
  }
  const m = sample.length;
  const values = new Float64Array(m);
  const thresholds = columns.map((column) => {
    for (let k = 0; k < m; k++) values[k] = column[sample[k]];
    values.sort();
    return featureThresholds(values, maxBins);
  });
  return { thresholds, nBins: Int32Array.from(thresholds, (t) => t.length + 1) };
}

/** Thresholds of one feature from its sorted values (see {@linkcode fitBinning}). */
function featureThresholds(sorted: Float64Array, maxBins: number): Float64Array {
  const m = sorted.length;
  let distinct = 1;
  for (let k = 1; k < m && distinct <= maxBins; k++) if (sorted[k] !== sorted[k - 1]) distinct++;
  const out: number[] = [];
  if (distinct <= maxBins) {
    for (let k = 1; k < m; k++) {
      if (sorted[k] !== sorted[k - 1]) out.push((sorted[k - 1] + sorted[k]) * 0.5);
    }
  } else {
    // numpy.percentile(x, linspace(0, 100, maxBins + 1)[1:-1], method="midpoint"), with the same
    // floating-point steps (so thresholds match scikit-learn's on the same values).
    const step = 100 / maxBins;
    for (let k = 1; k < maxBins; k++) {
      const value = quantileSorted(sorted, (k * step) / 100, { method: "midpoint" });
      if (out.length === 0 || value > out[out.length - 1]) out.push(value);
    }
  }
  return Float64Array.from(out);
}

/**
 * The bin of each chosen row of one feature: the number of thresholds strictly below the
 * value (binary search).
 *
 * Cost: O(rows · log bins).
 */
export function binColumn(
  column: Float64Array,
  rows: Int32Array,
  thresholds: Float64Array,
  out: Uint8Array,
  outOffset = 0,
  outStride = 1,
): void {
  const t = thresholds.length;
  for (let k = 0; k < rows.length; k++) {
    const x = column[rows[k]];
    let lo = 0;
    let hi = t;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x <= thresholds[mid]) hi = mid;
      else lo = mid + 1;
    }
    out[outOffset + k * outStride] = lo;
  }
}

/**
 * One fitted regression tree in flat arrays. Node 0 is the root; a leaf has `feature = -1`.
 * An internal node sends a row left when its value of `feature` is `<= threshold` (equivalently
 * its bin is `<= bin`).
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly bin: Uint8Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf values, learning rate included (0 at internal nodes). */
  readonly value: Float64Array;
  /** Split gain at internal nodes (0 at leaves), for gain importance. */
  readonly gain: Float64Array;
}

/** Settings of the tree grower. */
export interface GrowerSettings {
  readonly maxLeafNodes: number;
  /** Depth limit (root at depth 0), or Infinity. */
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly learningRate: number;
}

/**
 * A node's histogram: for every (feature, bin) at `offset[f] + bin`, the sums of gradients and
 * hessians interleaved in `gh` (`2 * slot`, `2 * slot + 1`) and the row count in `count`.
 * Measured here: separate integer counts made building ~1.7x faster than three interleaved
 * float64 sums per bin.
 */
interface Histogram {
  gh: Float64Array;
  count: Int32Array;
}

/** A node while its tree grows. */
interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  hist: Histogram | null;
  // best split
  gain: number;
  feature: number;
  bin: number;
  leftG: number;
  leftH: number;
  leftCount: number;
}

/**
 * Grows trees on one training set's bin codes, reusing every buffer across boosting rounds.
 *
 * Every buffer (row indices, ordered gradients, histograms) is allocated once, in shared memory,
 * and reused. Nodes with many rows have their histograms built and their splits searched on the
 * worker pool, a fixed group of features per task (lib/churn/_boosting_kernels.ts): the trees are
 * the same bit for bit at any thread count.
 */
export class TreeGrower {
  readonly #codes: readonly Uint8Array[];
  readonly #allCodes: Uint8Array;
  readonly #thresholds: readonly Float64Array[];
  readonly #nBins: Int32Array;
  readonly #offset: Int32Array;
  readonly #slots: number;
  readonly #n: number;
  readonly #d: number;
  readonly #settings: GrowerSettings;
  readonly #threads: number;
  readonly #indices: Int32Array;
  readonly #scratch: Int32Array;
  readonly #ordered: Float64Array;
  readonly #pool: Histogram[] = [];
  readonly #leafOf: Int32Array;
  readonly #rootCount: Int32Array;
  readonly #splits: Float64Array;
  #sharedGradHess: Float64Array | null = null;

  /**
   * @param codes Column-major bin codes: `codes[j][i]` is the bin of training row i, feature j.
   * @param binning The thresholds behind the codes.
   * @param settings Tree settings.
   * @param threads Threads for the histograms of large nodes (checked by the caller). Default 1.
   */
  constructor(
    codes: readonly Uint8Array[],
    binning: Binning,
    settings: GrowerSettings,
    threads = 1,
  ) {
    const n = codes[0].length;
    const d = codes.length;
    this.#allCodes = sharedArray(Uint8Array, n * d);
    codes.forEach((column, j) => this.#allCodes.set(column, j * n));
    this.#codes = codes.map((_, j) => this.#allCodes.subarray(j * n, (j + 1) * n));
    this.#thresholds = binning.thresholds;
    this.#nBins = binning.nBins;
    this.#offset = new Int32Array(d);
    let total = 0;
    for (let j = 0; j < d; j++) {
      this.#offset[j] = total;
      total += binning.nBins[j];
    }
    this.#slots = total;
    this.#n = n;
    this.#d = d;
    this.#settings = settings;
    this.#threads = threads;
    this.#indices = sharedArray(Int32Array, n);
    this.#scratch = new Int32Array(n);
    this.#ordered = sharedArray(Float64Array, 2 * n);
    this.#leafOf = sharedArray(Int32Array, n);
    this.#rootCount = new Int32Array(total);
    this.#splits = sharedArray(Float64Array, 2 * d * SPLIT_FIELDS);
    for (let j = 0; j < d; j++) {
      const column = this.#codes[j];
      const base = this.#offset[j];
      for (let i = 0; i < n; i++) this.#rootCount[base + column[i]]++;
    }
  }

  /**
   * The leaf (node id) of each training row in the tree grown last; valid until the next
   * {@linkcode grow}.
   */
  get leafOf(): Int32Array {
    return this.#leafOf;
  }

  /**
   * Grows one tree best-first on the rows' gradients and hessians: the leaf with the largest
   * gain is split next, until `maxLeafNodes` leaves or no leaf has a split with positive gain.
   *
   * Cost: O(n d) for the root histogram, then O(rows in the smaller child · d) per split (the
   * larger child's histogram is the parent's minus the smaller's), plus O(d · bins) per node for
   * the split search.
   *
   * @param gradHess Each training row's gradient and hessian, interleaved: `2 i` and `2 i + 1`
   *   (best in shared memory, from `sharedArray`; otherwise it is copied there).
   * @returns The tree; {@linkcode leafOf} then gives each training row's leaf.
   */
  grow(gradHess: Float64Array): Tree {
    const n = this.#n;
    if (!(gradHess.buffer instanceof SharedArrayBuffer) || gradHess.byteOffset !== 0) {
      this.#sharedGradHess ??= sharedArray(Float64Array, 2 * n);
      this.#sharedGradHess.set(gradHess);
      gradHess = this.#sharedGradHess;
    }
    const indices = this.#indices;
    for (let i = 0; i < n; i++) indices[i] = i;
    const s = this.#settings;
    const maxNodes = 2 * Math.min(s.maxLeafNodes, n) - 1;
    const feature = new Int32Array(maxNodes).fill(-1);
    const bin = new Uint8Array(maxNodes);
    const threshold = new Float64Array(maxNodes);
    const left = new Int32Array(maxNodes).fill(-1);
    const right = new Int32Array(maxNodes).fill(-1);
    const value = new Float64Array(maxNodes);
    const gain = new Float64Array(maxNodes);
    let nodes = 1;

    let sumG = 0;
    let sumH = 0;
    for (let i = 0; i < n; i++) {
      sumG += gradHess[2 * i];
      sumH += gradHess[2 * i + 1];
    }
    const root: GrowNode = this.#node(0, 0, n, 0, sumG, sumH);
    const leaves: GrowNode[] = [];
    const splittable: GrowNode[] = [];
    if (this.#canSplit(root)) {
      // The root's counts are the same every round: copied, not counted.
      root.hist = this.#acquire();
      root.hist.count.set(this.#rootCount);
      this.#build(root.hist, null, 0, n, gradHess, false, null, [search(root, false)]);
      this.#applySplit(root, 0);
    }
    if (root.gain > 0) splittable.push(root);
    else this.#finalize(root, leaves);

    let nLeaves = 1;
    while (splittable.length > 0) {
      let pick = 0;
      for (let k = 1; k < splittable.length; k++) {
        if (splittable[k].gain > splittable[pick].gain) pick = k;
      }
      const node = splittable[pick];
      splittable.splice(pick, 1);
      const mid = this.#partition(node);
      const l = this.#node(
        nodes++,
        node.start,
        mid,
        node.depth + 1,
        node.leftG,
        node.leftH,
      );
      const r = this.#node(
        nodes++,
        mid,
        node.end,
        node.depth + 1,
        node.sumG - node.leftG,
        node.sumH - node.leftH,
      );
      feature[node.id] = node.feature;
      bin[node.id] = node.bin;
      threshold[node.id] = this.#thresholds[node.feature][node.bin];
      left[node.id] = l.id;
      right[node.id] = r.id;
      gain[node.id] = node.gain;
      nLeaves++;

      const parentHist = node.hist!;
      node.hist = null;
      if (nLeaves >= s.maxLeafNodes) {
        this.#release(parentHist);
        this.#finalize(l, leaves);
        this.#finalize(r, leaves);
        for (const open of splittable) {
          this.#release(open.hist!);
          open.hist = null;
          this.#finalize(open, leaves);
        }
        splittable.length = 0;
        break;
      }
      const splitL = this.#canSplit(l);
      const splitR = this.#canSplit(r);
      if (!splitL && !splitR) {
        this.#release(parentHist);
      } else {
        // The smaller child's histogram from its rows, the larger's as the parent's minus it, and
        // the best split of each child that may split, in one pass.
        const [small, large] = l.end - l.start < r.end - r.start ? [l, r] : [r, l];
        const searches: SplitSearch[] = [];
        const order: GrowNode[] = [];
        for (const [child, inParent] of [[small, false], [large, true]] as const) {
          if (this.#canSplit(child)) {
            searches.push(search(child, inParent));
            order.push(child);
          }
        }
        small.hist = this.#acquire();
        const len = small.end - small.start;
        const ordered = this.#ordered;
        for (let k = 0; k < len; k++) {
          const i = indices[small.start + k];
          ordered[2 * k] = gradHess[2 * i];
          ordered[2 * k + 1] = gradHess[2 * i + 1];
        }
        this.#build(small.hist, indices, small.start, len, ordered, true, parentHist, searches);
        large.hist = parentHist;
        order.forEach((child, k) => this.#applySplit(child, k));
      }
      for (const child of [l, r]) {
        if (child.hist !== null && !(child.gain > 0)) {
          this.#release(child.hist);
          child.hist = null;
        }
        if (child.gain > 0) splittable.push(child);
        else this.#finalize(child, leaves);
      }
    }

    const leafOf = this.#leafOf;
    for (const leaf of leaves) {
      const v = -s.learningRate * leaf.sumG / (leaf.sumH + s.l2Regularization);
      value[leaf.id] = v;
      for (let k = leaf.start; k < leaf.end; k++) leafOf[indices[k]] = leaf.id;
    }
    return {
      feature: feature.slice(0, nodes),
      bin: bin.slice(0, nodes),
      threshold: threshold.slice(0, nodes),
      left: left.slice(0, nodes),
      right: right.slice(0, nodes),
      value: value.slice(0, nodes),
      gain: gain.slice(0, nodes),
    };
  }

  #node(id: number, start: number, end: number, depth: number, g: number, h: number): GrowNode {
    return {
      id,
      start,
      end,
      depth,
      sumG: g,
      sumH: h,
      hist: null,
      gain: 0,
      feature: -1,
      bin: 0,
      leftG: 0,
      leftH: 0,
      leftCount: 0,
    };
  }

  /** Whether a node may be split at all: room in depth and rows for two leaves. */
  #canSplit(node: GrowNode): boolean {
    const s = this.#settings;
    return node.depth < s.maxDepth && node.end - node.start >= 2 * s.minSamplesLeaf &&
      node.sumH >= 2 * MIN_HESSIAN;
  }

  #finalize(node: GrowNode, leaves: GrowNode[]): void {
    leaves.push(node);
  }

  #acquire(): Histogram {
    const hist = this.#pool.pop();
    if (hist === undefined) {
      return {
        gh: sharedArray(Float64Array, 2 * this.#slots),
        count: sharedArray(Int32Array, this.#slots),
      };
    }
    hist.gh.fill(0);
    hist.count.fill(0);
    return hist;
  }

  #release(hist: Histogram): void {
    this.#pool.push(hist);
  }

  /**
   * Builds `hist` from rows k < len (row `rows[start + k]`, or `start + k` when `rows` is null)
   * with gradients `gradHess[2k]`, `gradHess[2k + 1]`, turns `parent` (if given) into the larger
   * sibling's histogram, and runs `searches`, writing each feature's best split to `#splits`.
   * Large nodes go to the pool, a group of features per task; small ones run here, every
   * feature in one call. Either way each feature's numbers are computed alike.
   */
  #build(
    hist: Histogram,
    rows: Int32Array | null,
    start: number,
    len: number,
    gradHess: Float64Array,
    withCounts: boolean,
    parent: Histogram | null,
    searches: SplitSearch[],
  ): void {
    const d = this.#d;
    const s = this.#settings;
    const common = {
      n: this.#n,
      d,
      start,
      len,
      withCounts,
      searches,
      lambda: s.l2Regularization,
      minLeaf: s.minSamplesLeaf,
      minHessian: MIN_HESSIAN,
    };
    if (this.#threads > 1 && len * d >= PARALLEL_MIN_UPDATES) {
      const buffer = (a: { buffer: ArrayBufferLike }) => a.buffer as SharedArrayBuffer;
      runParallel({
        module: KERNELS,
        name: "nodeTask",
        kernel: nodeTask,
        tasks: Math.ceil(d / FEATURES_PER_TASK),
        arrays: {},
        params: {
          ...common,
          codes: buffer(this.#allCodes),
          offset: Array.from(this.#offset),
          nBins: Array.from(this.#nBins),
          rows: rows === null ? null : buffer(rows),
          gradHess: buffer(gradHess),
          gh: buffer(hist.gh),
          count: buffer(hist.count),
          parentGh: parent === null ? null : buffer(parent.gh),
          parentCount: parent === null ? null : buffer(parent.count),
          out: buffer(this.#splits),
        },
      }, { threads: this.#threads, action: "fit gradient boosting" });
      return;
    }
    const views: NodeViews = {
      ...common,
      codes: this.#allCodes,
      offset: this.#offset,
      nBins: this.#nBins,
      rows,
      gradHess,
      gh: hist.gh,
      count: hist.count,
      parentGh: parent === null ? null : parent.gh,
      parentCount: parent === null ? null : parent.count,
      out: this.#splits,
    };
    buildNodeFeatures(views, 0, d);
  }

  /**
   * Sets a node's best split from search `s` of the last {@linkcode #build}: the largest gain
   * over features, the first feature (and within it the lowest bin) on ties.
   */
  #applySplit(node: GrowNode, s: number): void {
    const out = this.#splits;
    let best = -1;
    let bestGain = 0;
    for (let j = 0; j < this.#d; j++) {
      const g = out[(s * this.#d + j) * SPLIT_FIELDS];
      if (g > bestGain) {
        bestGain = g;
        best = j;
      }
    }
    if (best < 0) {
      node.gain = 0;
      node.feature = -1;
      return;
    }
    const at = (s * this.#d + best) * SPLIT_FIELDS;
    node.gain = bestGain;
    node.feature = best;
    node.bin = out[at + 1];
    node.leftG = out[at + 2];
    node.leftH = out[at + 3];
    node.leftCount = out[at + 4];
  }

  /**
   * Stable in-place partition of a node's rows by its split (left rows first, each side keeping
   * row order, so later passes read the columns in increasing row order). Returns the boundary.
   */
  #partition(node: GrowNode): number {
    const indices = this.#indices;
    const scratch = this.#scratch;
    const codes = this.#codes[node.feature];
    const bin = node.bin;
    let l = node.start;
    let r = 0;
    for (let k = node.start; k < node.end; k++) {
      const i = indices[k];
      if (codes[i] <= bin) indices[l++] = i;
      else scratch[r++] = i;
    }
    indices.set(scratch.subarray(0, r), l);
    return l;
  }
}

/** A split search on a node's histogram (`inParent`: the parent's, after subtraction). */
function search(node: GrowNode, inParent: boolean): SplitSearch {
  return { parent: inParent, sumG: node.sumG, sumH: node.sumH, count: node.end - node.start };
}

/**
 * Adds one tree's prediction for each row of a row-major bin-code matrix (d codes per row).
 *
 * Cost: O(rows · depth).
 */
export function addTreeBinned(tree: Tree, codes: Uint8Array, d: number, raw: Float64Array): void {
  const { feature, bin, left, right, value } = tree;
  for (let i = 0; i < raw.length; i++) {
    let node = 0;
    const row = i * d;
    while (feature[node] >= 0) {
      node = codes[row + feature[node]] <= bin[node] ? left[node] : right[node];
    }
    raw[i] += value[node];
  }
}

/**
 * Adds one tree's prediction for each row of a row-major value matrix (d values per row),
 * comparing raw values with the thresholds (same result as binning them first).
 *
 * Cost: O(rows · depth).
 */
export function addTreeRaw(tree: Tree, data: Float64Array, d: number, raw: Float64Array): void {
  const { feature, threshold, left, right, value } = tree;
  for (let i = 0; i < raw.length; i++) {
    let node = 0;
    const row = i * d;
    while (feature[node] >= 0) {
      node = data[row + feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    raw[i] += value[node];
  }
}
