import type { DataFrame } from "../core/frame.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { encodeClusterLabels } from "./silhouette_samples.ts";

/** Options for {@linkcode calinskiHarabaszScore}. */
export interface CalinskiHarabaszScoreOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
}

/**
 * Calinski-Harabasz index, also called the variance ratio criterion (Calinski and Harabasz 1974):
 * between-cluster dispersion over within-cluster dispersion, each divided by its degrees of
 * freedom, (B / (k - 1)) / (W / (n - k)), where B = Σ_c n_c ‖centroid_c − mean‖² and
 * W = Σ_i ‖x_i − centroid_(c_i)‖². Higher is better; a fast score for choosing the number of
 * segments. Same as `sklearn.metrics.calinski_harabasz_score`, including its edge case: 1.0 when
 * the within-cluster dispersion W is exactly 0.
 * Every integer label is an ordinary cluster, -1 included: drop DBSCAN noise rows first.
 *
 * Cost: O(n d) time, O(k d) memory beyond the n·d matrix.
 * References: Caliński, T. and Harabasz, J. (1974), "A dendrite method for cluster analysis",
 * Communications in Statistics 3(1), 1-27, <https://doi.org/10.1080/03610927408827101>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.metrics.calinski_harabasz_score.html>.
 *
 * @param df Rows to score; features must be numeric without missing values.
 * @param labels One integer cluster label per row (any `ArrayLike<number>`).
 * @param options Optional feature columns.
 * @returns The index, >= 0 (higher is better).
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, the labels'
 * length differs from the row count, a label is not an integer, or the number of distinct labels
 * is not from 2 to n - 1.
 *
 * @example Two pairs of points
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { calinskiHarabaszScore } from "./calinski_harabasz_score.ts";
 *
 * const df = pl.DataFrame({ x: [0, 2, 10, 12] });
 * // B = 2·5² + 2·5² = 100, W = 4 · 1² = 4, n = 4, k = 2.
 * const score = calinskiHarabaszScore(df, [0, 0, 1, 1]);
 * assert.ok(Math.abs(score - (100 / 1) / (4 / 2)) < 1e-12);
 * ```
 */
export function calinskiHarabaszScore(
  df: DataFrame,
  labels: ArrayLike<number>,
  options: CalinskiHarabaszScoreOptions = {},
): number {
  const action = "compute Calinski-Harabasz score";
  const { data, n, d } = featureMatrix(df, { features: options.features, action: action });
  const { codes, sizes, k } = encodeClusterLabels(labels, n, action);
  const mean = new Float64Array(d);
  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const co = codes[i] * d;
    for (let j = 0; j < d; j++) {
      mean[j] += data[i * d + j];
      centroids[co + j] += data[i * d + j];
    }
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= sizes[c];
  let between = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = centroids[c * d + j] - mean[j];
      s += diff * diff;
    }
    between += sizes[c] * s;
  }
  let within = 0;
  for (let i = 0; i < n; i++) {
    const co = codes[i] * d;
    for (let j = 0; j < d; j++) {
      const diff = data[i * d + j] - centroids[co + j];
      within += diff * diff;
    }
  }
  return within === 0 ? 1 : (between * (n - k)) / (within * (k - 1));
}
