import type { DataFrame } from "../core/frame.ts";
import { type FeatureMatrix, featureMatrix, toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode silhouetteSamples}. */
export interface SilhouetteSamplesOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
}

/** Cluster labels recoded to 0..k-1 in ascending order of the original labels. */
export interface EncodedClusterLabels {
  /** Code of each row, 0 to `k - 1`: the rank of its label among the distinct labels. */
  readonly codes: Int32Array;
  /** The distinct original labels, ascending (`classes[codes[i]]` is row `i`'s label). */
  readonly classes: Int32Array;
  /** Number of rows of each code. */
  readonly sizes: Int32Array;
  /** Number of distinct labels. */
  readonly k: number;
}

/**
 * Checks a label vector and recodes it to 0..k-1 (ascending order of the labels, like
 * scikit-learn's `LabelEncoder`), enforcing scikit-learn's rule for cluster metrics: the number
 * of distinct labels must be from 2 to n - 1 (inclusive). Shared by the silhouette,
 * Davies-Bouldin and Calinski-Harabasz scores. Every integer, -1 included, is an ordinary label.
 *
 * Cost: O(n log n) time, O(n) memory.
 *
 * @param labels One integer label per row.
 * @param n Number of rows.
 * @param action What the caller is doing, for error messages.
 * @param rows How to name the rows in the label-count message. Default `"rows"`.
 * @returns Codes, distinct labels and cluster sizes.
 * @throws {RangeError} When the length differs from `n`, a label is not an integer, or the number
 * of distinct labels is not in [2, n - 1].
 *
 * @example Labels 5, -1, 5, 2 become codes 2, 0, 2, 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeClusterLabels } from "./silhouette_samples.ts";
 *
 * const encoded = encodeClusterLabels([5, -1, 5, 2, 2], 5, "score clusters");
 * assert.deepEqual([...encoded.codes], [2, 0, 2, 1, 1]);
 * assert.deepEqual([...encoded.classes], [-1, 2, 5]);
 * assert.deepEqual([...encoded.sizes], [1, 2, 2]);
 * ```
 */
export function encodeClusterLabels(
  labels: ArrayLike<number>,
  n: number,
  action: string,
  rows = "rows",
): EncodedClusterLabels {
  const values = toLabels(labels, n, action);
  const sorted = values.slice().sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i];
  const classes = sorted.slice(0, k);
  if (k < 2 || k > n - 1) {
    const shown = classes.length <= 5 ? ` (${[...classes].join(", ")})` : "";
    throw new RangeError(
      `Cannot ${action} as the number of distinct labels must be from 2 to n - 1 (inclusive): ${k} distinct ${
        k === 1 ? "label" : "labels"
      }${shown} for n = ${n} ${rows}`,
    );
  }
  const codes = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    // Binary search of the label among the sorted distinct labels.
    let lo = 0;
    let hi = k - 1;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (classes[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
    sizes[lo]++;
  }
  return { codes, classes, sizes, k };
}

/** Above this many n·k cells, the kernel trades the halved distance work for O(1) extra memory. */
const SYMMETRIC_BUDGET = 1 << 22;

/**
 * Silhouette coefficient of each row of a feature matrix, given encoded labels: the numeric
 * kernel behind {@linkcode silhouetteSamples} and `silhouetteScore`, exact and without an n × n
 * distance matrix. Rows are reordered by cluster; each pair's euclidean distance is computed once
 * and added to both rows' per-cluster sums (O(n·k) extra memory), or, when n·k exceeds 2^22, each
 * row's sums are accumulated cluster by cluster (every distance computed twice, O(1) extra memory).
 *
 * Cost: O(n² d) time; O(n d + n k) memory (O(n d) when n·k > 2^22).
 *
 * @param matrix The features (see `featureMatrix`).
 * @param encoded Labels from {@linkcode encodeClusterLabels}, one per matrix row.
 * @returns The silhouette of each row, in row order (0 for rows in singleton clusters).
 *
 * @example Two tight pairs far apart
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeClusterLabels, silhouetteOfMatrix } from "./silhouette_samples.ts";
 *
 * const matrix = { features: ["x"], data: new Float64Array([0, 1, 10, 11]), n: 4, d: 1 };
 * const s = silhouetteOfMatrix(matrix, encodeClusterLabels([0, 0, 1, 1], 4, "test"));
 * assert.ok(Math.abs(s[0] - (10.5 - 1) / 10.5) < 1e-15);
 * ```
 */
export function silhouetteOfMatrix(
  matrix: Pick<FeatureMatrix, "data" | "n" | "d">,
  encoded: EncodedClusterLabels,
): Float64Array {
  const { n, d, data } = matrix;
  const { codes, sizes, k } = encoded;
  // Counting sort of the rows by cluster: cluster c occupies positions start[c] to start[c+1]-1.
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c] + sizes[c];
  const fill = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[codes[i]]++] = i;
  const x = new Float64Array(n * d);
  for (let p = 0; p < n; p++) x.set(data.subarray(order[p] * d, order[p] * d + d), p * d);
  const clusterOf = new Int32Array(n);
  for (let c = 0; c < k; c++) clusterOf.fill(c, start[c], start[c + 1]);

  const result = new Float64Array(n);
  const coefficient = (p: number, sumTo: (c: number) => number) => {
    const own = clusterOf[p];
    if (sizes[own] === 1) return 0;
    const a = sumTo(own) / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own) b = Math.min(b, sumTo(c) / sizes[c]);
    }
    const denominator = Math.max(a, b);
    // scikit-learn: 0/0 (a = b = 0, duplicate points) becomes 0 through nan_to_num.
    return denominator === 0 ? 0 : (b - a) / denominator;
  };

  if (n * k <= SYMMETRIC_BUDGET) {
    // sums[c * n + p]: total distance from position p to the members of cluster c.
    const sums = new Float64Array(k * n);
    for (let p = 0; p < n; p++) {
      const cp = clusterOf[p];
      const ownRow = cp * n;
      const po = p * d;
      for (let c = cp; c < k; c++) {
        let acc = 0;
        const end = start[c + 1];
        for (let q = Math.max(p + 1, start[c]); q < end; q++) {
          const qo = q * d;
          let s = 0;
          for (let j = 0; j < d; j++) {
            const diff = x[po + j] - x[qo + j];
            s += diff * diff;
          }
          const dist = Math.sqrt(s);
          acc += dist;
          sums[ownRow + q] += dist;
        }
        sums[c * n + p] += acc;
      }
    }
    for (let p = 0; p < n; p++) result[order[p]] = coefficient(p, (c) => sums[c * n + p]);
  } else {
    const rowSums = new Float64Array(k);
    for (let p = 0; p < n; p++) {
      const po = p * d;
      for (let c = 0; c < k; c++) {
        let acc = 0;
        for (let q = start[c]; q < start[c + 1]; q++) {
          const qo = q * d;
          let s = 0;
          for (let j = 0; j < d; j++) {
            const diff = x[po + j] - x[qo + j];
            s += diff * diff;
          }
          acc += Math.sqrt(s);
        }
        rowSums[c] = acc;
      }
      result[order[p]] = coefficient(p, (c) => rowSums[c]);
    }
  }
  return result;
}

/**
 * Silhouette samples: the silhouette coefficient of each row (Rousseeuw 1987), a per-customer
 * measure of how well a segment fits, from -1 (closer to another segment) to 1 (well inside its
 * own). For row i with a = mean distance to the other members of its cluster and b = the lowest
 * mean distance to the members of another cluster, s = (b - a) / max(a, b); s = 0 for a row
 * alone in its cluster. Same definition and values as `sklearn.metrics.silhouette_samples`
 * (euclidean), computed exactly without an n × n distance matrix.
 *
 * Every integer label is an ordinary cluster, -1 included (as in scikit-learn): drop DBSCAN noise
 * rows (label -1) first if they should not count as a cluster.
 *
 * Cost: O(n² d) time, O(n d + n k) memory (see {@linkcode silhouetteOfMatrix}).
 * References: Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20, 53-65,
 * <https://doi.org/10.1016/0377-0427(87)90125-7>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.metrics.silhouette_samples.html>.
 *
 * @param df Rows to score; features must be numeric without missing values.
 * @param labels One integer cluster label per row (any `ArrayLike<number>`).
 * @param options Optional feature columns.
 * @returns The silhouette of each row, in row order.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, the labels'
 * length differs from the row count, a label is not an integer, or the number of distinct labels
 * is not from 2 to n - 1.
 *
 * @example Two tight pairs far apart
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { silhouetteSamples } from "./silhouette_samples.ts";
 *
 * const df = pl.DataFrame({ x: [0, 1, 10, 11, 30] });
 * const s = silhouetteSamples(df, [0, 0, 1, 1, 2]);
 * // Row 0: a = 1, b = mean(10, 11) = 10.5.
 * assert.ok(Math.abs(s[0] - (10.5 - 1) / 10.5) < 1e-15);
 * assert.equal(s[4], 0); // alone in its cluster
 * ```
 */
export function silhouetteSamples(
  df: DataFrame,
  labels: ArrayLike<number>,
  options: SilhouetteSamplesOptions = {},
): Float64Array {
  const action = "compute silhouette samples";
  const matrix = featureMatrix(df, { features: options.features, action: action });
  return silhouetteOfMatrix(matrix, encodeClusterLabels(labels, matrix.n, action));
}
