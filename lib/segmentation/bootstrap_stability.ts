import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";
import { requireFrame, requireInteger, requireRows } from "../core/errors.ts";
import { toLabels } from "../core/feature_matrix.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";

/** Options for {@linkcode bootstrapStability}. */
export interface BootstrapStabilityOptions {
  /**
   * Fits a segmentation with `k` segments and a seed and returns one label per row of the data it
   * was given, e.g. `(d, o) => fitKMeans(d, { ...o, features })` or
   * `(d, o) => fitKPrototypes(d, { ...o, numeric, categorical })`.
   */
  fit: (data: DataFrame, options: { k: number; seed: number }) => { labels: ArrayLike<number> };
  /** Number of segments. */
  k: number;
  /** Bootstrap resamples, at least 1 (50 to 200 is usual). */
  resamples: number;
  /** Seed of the one generator behind the resampling and the fits' seeds. */
  seed: number;
}

/** What {@linkcode bootstrapStability} returns. */
export interface BootstrapStability {
  /** One row per resample: `resample` (1, 2, ...) and `adjusted_rand_index`. */
  readonly scores: DataFrame;
  /** Mean adjusted Rand index over the resamples. */
  readonly mean: number;
  /** Lowest adjusted Rand index. */
  readonly min: number;
  /** Labels of the reference fit on all rows. */
  readonly labels: Int32Array;
}

/**
 * Checks that a segmentation is a property of the customers rather than of the sample: fits once
 * on all rows (the reference), then, for each resample, draws `n` rows with replacement, fits
 * again, and compares the resample's labels with the reference labels of the same rows by the
 * {@linkcode adjustedRandIndex} (1: the same segments, whatever their numbers; about 0: no better
 * than chance). A mean near 1 with a high minimum says the segments would come back on another
 * sample of the same customers; values below about 0.6-0.75 say that at least some segments are
 * an artefact (Hennig 2007 uses the same bootstrap idea per cluster, with the Jaccard index).
 * Rows drawn several times count several times, as the resample's fit sees them. A small
 * segment can be missing from a resample altogether; the fit then splits another one, and the
 * score drops: that is the instability the check is for.
 *
 * Reference: Hennig, C. (2007), "Cluster-wise assessment of cluster stability", Computational
 * Statistics & Data Analysis 52, 258-271; Lange et al. (2004), "Stability-based validation of
 * clustering solutions", Neural Computation 16, 1299-1323.
 * Cost: `resamples + 1` fits.
 *
 * @param df The rows to segment; not modified.
 * @param options The `fit` function, `k`, `resamples` and `seed`.
 * @returns The per-resample scores, their mean and minimum, and the reference labels.
 * @throws {TypeError} When `df` is not a frame or `fit` is not a function.
 * @throws {RangeError} When the frame is empty, `k` or `resamples` is not a positive integer,
 * `fit` returns the wrong number of labels, and as `fit` throws.
 *
 * @example Well-separated groups are stable
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { bootstrapStability } from "./bootstrap_stability.ts";
 * import { fitKMeans } from "./fit_kmeans.ts";
 *
 * const df = pl.DataFrame({ x: [0, 50, 100].flatMap((c) => [c, c + 1, c + 2, c + 3, c + 4, c + 5, c + 6, c + 7]) });
 * const result = bootstrapStability(df, {
 *   fit: (d, o) => fitKMeans(d, { ...o, features: ["x"] }),
 *   k: 3,
 *   resamples: 10,
 *   seed: 1,
 * });
 * assert.equal(result.scores.height, 10);
 * assert.equal(result.min, 1);
 * ```
 */
export function bootstrapStability(
  df: DataFrame,
  options: BootstrapStabilityOptions,
): BootstrapStability {
  const action = "check bootstrap stability";
  requireFrame(df, "the data", action);
  requireRows(df, action);
  if (typeof options?.fit !== "function") {
    throw new TypeError(
      `Cannot ${action} as fit must be a function (data, { k, seed }) => { labels }: got ${typeof options
        ?.fit}`,
    );
  }
  const k = requireInteger(options.k, "k", action);
  const resamples = requireInteger(options.resamples, "resamples", action);
  const random = createRandom(options.seed);
  const n = df.height;
  const nextSeed = () => Math.floor(random.next() * MAX_SEED);
  const labelsOf = (data: DataFrame, seed: number, what: string) => {
    const fitted = options.fit(data, { k, seed });
    return toLabels(fitted?.labels ?? [], data.height, `${action} (${what})`);
  };
  const reference = labelsOf(df, nextSeed(), "reference fit");
  const scores = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    const rows = Array.from({ length: n }, () => random.int(n));
    const sample = df.select(pl.all().gather(rows));
    const labels = labelsOf(sample, nextSeed(), `resample ${b + 1}`);
    scores[b] = adjustedRandIndex(Int32Array.from(rows, (i) => reference[i]), labels);
  }
  let sum = 0;
  let min = Infinity;
  for (const s of scores) {
    sum += s;
    if (s < min) min = s;
  }
  return Object.freeze({
    scores: pl.DataFrame([
      pl.Series("resample", Int32Array.from({ length: resamples }, (_, i) => i + 1), pl.Int32),
      pl.Series("adjusted_rand_index", scores, pl.Float64),
    ]),
    mean: sum / resamples,
    min,
    labels: reference,
  });
}
