import type { DataFrame } from "../core/frame.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";
import { requireInteger } from "../core/errors.ts";
import { featureMatrix, toLabels } from "../core/feature_matrix.ts";
import { resolveThreads } from "../core/worker_pool.ts";
import { encodeClusterLabels, silhouetteOfMatrix } from "./silhouette_samples.ts";

/** Options for {@linkcode silhouetteScore}. */
export interface SilhouetteScoreOptions {
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /**
   * Score a random subset of this many rows (without replacement) instead of all rows, to bound
   * the O(n²) cost on large frames. An integer >= 2; a value >= the row count uses every row.
   * Default: every row.
   */
  sampleSize?: number;
  /** Seed of the generator that draws the `sampleSize` subset. Default 0. */
  seed?: number;
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The result is the same bits at every
   * thread count.
   */
  threads?: number;
}

/**
 * Silhouette score: the mean silhouette coefficient over all rows (Rousseeuw 1987), the usual
 * single number for comparing segmentations of the same data (for example k-means with different
 * k): near 1 for compact, well-separated clusters, near 0 for overlapping ones, negative when
 * rows sit closer to another cluster than to their own. For row i with a = mean distance to the
 * other members of its cluster and b = the lowest mean distance to the members of another
 * cluster, s = (b - a) / max(a, b), and s = 0 for a row alone in its cluster. Same definition as
 * `sklearn.metrics.silhouette_score` (euclidean); exact, without an n × n distance matrix.
 *
 * Every integer label is an ordinary cluster, -1 included (as in scikit-learn): drop DBSCAN noise
 * rows (label -1) first if they should not count as a cluster.
 *
 * Sampling: with `sampleSize` < n, a subset of that many rows is drawn without replacement by a
 * partial Fisher-Yates shuffle driven by the library's seeded splitmix32 generator
 * (`lib/core/random.ts`, no global state), and the score is the mean over that subset, computed
 * among the subset only (as scikit-learn does). scikit-learn draws its subset with numpy's
 * `RandomState.permutation`, which cannot be reproduced here, so sampled scores match
 * scikit-learn's only statistically, not bit for bit; unsampled scores match to rounding.
 *
 * Runs on the worker pool (`threads`, see `silhouetteOfMatrix`), with the same bits at any thread
 * count.
 *
 * Cost: O(m² d) time for m = min(n, sampleSize) rows, O(n d + m · blocks) memory; never an m × m
 * matrix.
 * References: Rousseeuw, P. J. (1987), "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20, 53-65,
 * <https://doi.org/10.1016/0377-0427(87)90125-7>;
 * <https://scikit-learn.org/stable/modules/generated/sklearn.metrics.silhouette_score.html>.
 *
 * @param df Rows to score; features must be numeric without missing values.
 * @param labels One integer cluster label per row (any `ArrayLike<number>`).
 * @param options Optional feature columns, `sampleSize`, `seed` and `threads`.
 * @returns The mean silhouette, from -1 to 1.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When the frame is empty, a value is missing/NaN/infinite, the labels'
 * length differs from the row count, a label is not an integer, the number of distinct labels
 * (in the sample, when sampling) is not from 2 to n - 1, `sampleSize` is not an integer >= 2, or
 * `seed` is not an integer from 0 to 2^32 - 1, or `threads` is not an integer from 1 to 64.
 *
 * @example Two well-separated groups score close to 1
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { silhouetteScore } from "./silhouette_score.ts";
 *
 * const df = pl.DataFrame({ x: [0, 1, 10, 11], y: [0, 0, 0, 0] });
 * const score = silhouetteScore(df, [0, 0, 1, 1]);
 * // Rows 0 and 3: (10.5 - 1) / 10.5; rows 1 and 2: (9.5 - 1) / 9.5.
 * assert.ok(Math.abs(score - (9.5 / 10.5 + 8.5 / 9.5) / 2) < 1e-15);
 * ```
 */
export function silhouetteScore(
  df: DataFrame,
  labels: ArrayLike<number>,
  options: SilhouetteScoreOptions = {},
): number {
  const action = "compute silhouette score";
  const threads = resolveThreads(options.threads, action);
  const { sampleSize, seed = 0 } = options;
  if (sampleSize !== undefined) requireInteger(sampleSize, "sampleSize", action, 2);
  requireInteger(seed, "seed", action, 0, MAX_SEED);
  const matrix = featureMatrix(df, { features: options.features, action: action });
  const { n, d } = matrix;
  if (sampleSize === undefined || sampleSize >= n) {
    return mean(silhouetteOfMatrix(matrix, encodeClusterLabels(labels, n, action), { threads }));
  }
  const all = toLabels(labels, n, action);
  // Partial Fisher-Yates: the first sampleSize entries of `pick` become a uniform random subset.
  const random = createRandom(seed);
  const pick = new Int32Array(n);
  for (let i = 0; i < n; i++) pick[i] = i;
  for (let i = 0; i < sampleSize; i++) {
    const j = i + random.int(n - i);
    const t = pick[i];
    pick[i] = pick[j];
    pick[j] = t;
  }
  const data = new Float64Array(sampleSize * d);
  const sampled = new Int32Array(sampleSize);
  for (let i = 0; i < sampleSize; i++) {
    const row = pick[i];
    data.set(matrix.data.subarray(row * d, row * d + d), i * d);
    sampled[i] = all[row];
  }
  const subset = { features: matrix.features, data, n: sampleSize, d };
  const encoded = encodeClusterLabels(sampled, sampleSize, action, "sampled rows");
  return mean(silhouetteOfMatrix(subset, encoded, { threads }));
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
