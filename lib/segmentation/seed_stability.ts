import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import { fitKMeans, type FitKMeansOptions } from "./fit_kmeans.ts";
import { resolveThreads } from "../core/worker_pool.ts";

/** Options for {@linkcode seedStability}: k-means' options plus the seeds to compare with. */
export interface SeedStabilityOptions extends FitKMeansOptions {
  /** The other seeds; each fit is compared with the fit from `seed`. At least one. */
  seeds: readonly number[];
}

/**
 * Checks that k-means finds the same segments whatever its seed: fits once with `seed` and once
 * with each of `seeds` (the same k, features and restarts), and compares each fit's labels with
 * the first fit's by the {@linkcode adjustedRandIndex} (1: the same segments, whatever their label
 * numbers). Name segments only when it is close to 1 for every seed.
 *
 * Cost: one {@linkcode fitKMeans} per seed, each on `threads` threads (see
 * {@linkcode FitKMeansOptions}).
 *
 * @param df The rows to cluster (as for {@linkcode fitKMeans}); not modified.
 * @param options k-means options (`k`, `seed`, `features`, ...) and the other `seeds`.
 * @returns One row per other seed: `seed`, `adjusted_rand_index` (against the `seed` fit),
 * `inertia` and `same_labels` (true when even the label numbers agree).
 * @throws {TypeError} When `threads` is not a number, and as {@linkcode fitKMeans} throws.
 * @throws {RangeError} When `threads` is not an integer from 1 to 64, `seeds` is empty, and as
 * {@linkcode fitKMeans} throws.
 *
 * @example Two well-separated groups are found from every seed
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { seedStability } from "./seed_stability.ts";
 *
 * const df = pl.DataFrame({ x: [1, 2, 3, 50, 51, 52] });
 * const table = seedStability(df, { k: 2, seed: 42, seeds: [1, 2, 3] });
 * assert.deepEqual(table.getColumn("adjusted_rand_index").toArray(), [1, 1, 1]);
 * ```
 */
export function seedStability(df: DataFrame, options: SeedStabilityOptions): DataFrame {
  const threads = resolveThreads(options.threads, "check seed stability");
  const { seeds, ...rest } = options;
  const fitOptions = { ...rest, threads };
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new RangeError(
      `Cannot check seed stability as seeds must list at least one seed: got ${
        JSON.stringify(seeds)
      }`,
    );
  }
  const reference = fitKMeans(df, fitOptions).labels;
  const fits = seeds.map((seed) => fitKMeans(df, { ...fitOptions, seed }));
  return pl.DataFrame([
    pl.Series("seed", [...seeds], pl.Int64),
    pl.Series(
      "adjusted_rand_index",
      fits.map((m) => adjustedRandIndex(reference, m.labels)),
      pl.Float64,
    ),
    pl.Series("inertia", fits.map((m) => m.inertia), pl.Float64),
    pl.Series(
      "same_labels",
      fits.map((m) => m.labels.every((l, i) => l === reference[i])),
      pl.Bool,
    ),
  ]);
}
