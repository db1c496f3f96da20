import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { encodeClusterLabels } from "./silhouette_samples.ts";

/** Options for {@linkcode daviesBouldinScore}. */
export interface DaviesBouldinScoreOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
}

/**
 * Davies-Bouldin index (Davies and Bouldin 1979): for each cluster, the worst ratio of
 * within-cluster scatter to between-centroid separation against any other cluster, averaged over
 * clusters. Lower is better (0 is the minimum); a cheap complement to the silhouette score for
 * choosing the number of segments. With S_i the mean euclidean distance of cluster i's rows to its
 * centroid and M_ij the distance between centroids i and j, the index is
 * mean_i max_{j != i} (S_i + S_j) / M_ij.
 *
 * Follows `sklearn.metrics.davies_bouldin_score` exactly, including its edge cases: the score is
 * 0 when every S_i is within 1e-8 of 0 or every centroid distance is (numpy's `allclose` default
 * absolute tolerance), and a pair of coinciding centroids (M_ij = 0) contributes a ratio of 0.
 * (scikit-learn computes centroid distances with the dot-product formula, which can leave a
 * rounding residue instead of an exact 0 for coinciding centroids; here they are exactly 0.)
 * Every integer label is an ordinary cluster, -1 included: drop DBSCAN noise rows first.
 *
 * Cost: O(n d + k² d) time, O(n + k d) memory beyond the n·d matrix.
 * References: Davies, D. L. and Bouldin, D. W. (1979), "A cluster separation measure", IEEE
 * Trans. Pattern Anal. Mach. Intell. PAMI-1(2), 224-227, <https://doi.org/10.1109/TPAMI.1979.4766909>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.metrics.davies_bouldin_score.html>.
 *
 * @param df Rows to score; features must be numeric without missing values.
 * @param labels One integer cluster label per row (any `ArrayLike<number>`).
 * @param options Optional feature columns.
 * @returns The index, >= 0 (lower is better).
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, the labels'
 * length differs from the row count, a label is not an integer, or the number of distinct labels
 * is not from 2 to n - 1.
 *
 * @example Two pairs of points
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { daviesBouldinScore } from "./davies_bouldin_score.ts";
 *
 * const df = pl.DataFrame({ x: [0, 2, 10, 12, 30] });
 * // Scatters 1, 1 and 0; centroids 1, 11 and 30.
 * const score = daviesBouldinScore(df, [0, 0, 1, 1, 2]);
 * assert.ok(Math.abs(score - (2 / 10 + 2 / 10 + 1 / 19) / 3) < 1e-15);
 * ```
 */
export function daviesBouldinScore(
  df: DataFrame,
  labels: ArrayLike<number>,
  options: DaviesBouldinScoreOptions = {},
): number {
  const action = "compute Davies-Bouldin score";
  const { data, n, d } = featureMatrix(df, { features: options.features, action: action });
  const { codes, sizes, k } = encodeClusterLabels(labels, n, action);
  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const co = codes[i] * d;
    for (let j = 0; j < d; j++) centroids[co + j] += data[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= sizes[c];
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const co = codes[i] * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = data[i * d + j] - centroids[co + j];
      s += diff * diff;
    }
    scatter[codes[i]] += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) scatter[c] /= sizes[c];

  const separation = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = centroids[a * d + j] - centroids[b * d + j];
        s += diff * diff;
      }
      separation[a * k + b] = separation[b * k + a] = Math.sqrt(s);
    }
  }
  // numpy.allclose(x, 0): |x| <= 1e-8 everywhere.
  const allNearZero = (values: Float64Array) => values.every((v) => Math.abs(v) <= 1e-8);
  if (allNearZero(scatter) || allNearZero(separation)) return 0;

  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const m = separation[a * k + b];
      if (m === 0) continue; // scikit-learn: zero distances become inf, the ratio 0.
      worst = Math.max(worst, (scatter[a] + scatter[b]) / m);
    }
    total += worst;
  }
  return total / k;
}
