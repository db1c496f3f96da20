import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { fitKMeans } from "./fit_kmeans.ts";
import { silhouetteScore } from "./silhouette_score.ts";
import { daviesBouldinScore } from "./davies_bouldin_score.ts";
import { calinskiHarabaszScore } from "./calinski_harabasz_score.ts";
import { featureMatrix } from "../core/feature_matrix.ts";
import { requireInteger } from "../core/errors.ts";
import { resolveThreads } from "../core/worker_pool.ts";

/** Options for {@linkcode evaluateK}. */
export interface EvaluateKOptions {
  /** Smallest k tried, at least 2 (the metrics need two clusters). */
  kMin: number;
  /** Largest k tried. */
  kMax: number;
  /** Seed for every k-means fit (and the silhouette sample). */
  seed: number;
  /** Feature columns. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /** k-means restarts per k. Default 10. */
  nInit?: number;
  /**
   * Rows sampled (seeded) for the silhouette, which costs O(n²). Default: all rows up to 5,000,
   * else a sample of 5,000.
   */
  silhouetteSampleSize?: number;
  /**
   * Threads for the k-means fits and silhouettes. Default: the project-wide default,
   * `getDefaultThreads()`, the cores available; 1 runs everything in the calling thread. The
   * result is the same at every thread count.
   */
  threads?: number;
}

/** What {@linkcode evaluateK} returns. */
export interface KEvaluation {
  /** One row per k: `k`, `inertia`, `silhouette`, `davies_bouldin`, `calinski_harabasz`. */
  readonly table: DataFrame;
  /** The elbow of the inertia curve (kneedle), or null when the curve has no knee. */
  readonly elbowK: number | null;
  /** The k with the highest silhouette. */
  readonly silhouetteK: number;
  /** The k with the lowest Davies-Bouldin index. */
  readonly daviesBouldinK: number;
  /** The k with the highest Calinski-Harabasz index. */
  readonly calinskiHarabaszK: number;
}

/**
 * Fits k-means for every k in [kMin, kMax] and scores each fit with the usual internal metrics,
 * to choose k: inertia (look for the elbow), silhouette (higher is better, -1 to 1),
 * Davies-Bouldin (lower is better, 0 at best) and Calinski-Harabasz (higher is better).
 *
 * The elbow is found with kneedle (Satopää, Albrecht, Irwin and Raghavan 2011, "Finding a
 * 'Kneedle' in a Haystack"): k and inertia are scaled to [0, 1], and the knee is the k whose
 * point lies farthest below the straight line from the first point to the last, i.e. the
 * largest `(1 - k') - inertia'`. Without kneedle's smoothing and sensitivity threshold; null
 * when no point lies below that line (a straight or concave curve).
 *
 * Cost: (kMax - kMin + 1) k-means fits plus O(s²·d) silhouettes on s sampled rows.
 *
 * @param df The rows to cluster (already scaled as wanted).
 * @param options The k range, seed and optional features, restarts, silhouette sample and
 * threads.
 * @returns The table and the suggested k by each rule.
 * @throws {TypeError} When `threads` is not a number.
 * @throws {RangeError} When kMin < 2, kMax < kMin, kMax exceeds the distinct points, or `threads`
 * is not an integer from 1 to 64.
 *
 * @example Three clear groups
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { evaluateK } from "./evaluate_k.ts";
 *
 * const x = [0, 0.1, 0.2, 5, 5.1, 5.2, 10, 10.1, 10.2];
 * const result = evaluateK(pl.DataFrame({ x }), { kMin: 2, kMax: 5, seed: 1 });
 * assert.equal(result.silhouetteK, 3);
 * assert.equal(result.table.height, 4);
 * ```
 */
export function evaluateK(df: DataFrame, options: EvaluateKOptions): KEvaluation {
  const { seed, nInit = 10 } = options;
  const action = "evaluate k";
  const threads = resolveThreads(options.threads, action);
  const kMin = requireInteger(options.kMin, "kMin", action, 2);
  const kMax = requireInteger(options.kMax, "kMax", `${action} from kMin = ${kMin}`, kMin);
  const features = featureMatrix(df, { features: options.features, action: action }).features;
  const sampleSize = options.silhouetteSampleSize ?? (df.height > 5_000 ? 5_000 : undefined);
  const rows: { k: number; inertia: number; s: number; db: number; ch: number }[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const model = fitKMeans(df, { k, seed, nInit, features, threads });
    rows.push({
      k,
      inertia: model.inertia,
      s: silhouetteScore(df, model.labels, { features, sampleSize, seed, threads }),
      db: daviesBouldinScore(df, model.labels, { features }),
      ch: calinskiHarabaszScore(df, model.labels, { features }),
    });
  }
  const table = pl.DataFrame({
    k: pl.Series("k", rows.map((r) => r.k), pl.Int64),
    inertia: rows.map((r) => r.inertia),
    silhouette: rows.map((r) => r.s),
    davies_bouldin: rows.map((r) => r.db),
    calinski_harabasz: rows.map((r) => r.ch),
  });
  const argBest = (score: (r: typeof rows[number]) => number) =>
    rows.reduce((best, r) => (score(r) > score(best) ? r : best)).k;
  return Object.freeze({
    table,
    elbowK: kneedle(rows.map((r) => r.k), rows.map((r) => r.inertia)),
    silhouetteK: argBest((r) => r.s),
    daviesBouldinK: argBest((r) => -r.db),
    calinskiHarabaszK: argBest((r) => r.ch),
  });
}

/**
 * The knee of a decreasing curve (kneedle without smoothing): the x whose scaled point lies
 * farthest below the chord from the first to the last point; null when none lies below it.
 *
 * @param x Increasing x values.
 * @param y The curve, same length.
 * @returns The x at the knee, or null.
 *
 * @example A classic elbow at 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { kneedle } from "./evaluate_k.ts";
 *
 * assert.equal(kneedle([1, 2, 3, 4, 5, 6], [100, 60, 20, 16, 13, 11]), 3);
 * assert.equal(kneedle([1, 2, 3], [3, 2, 1]), null);
 * ```
 */
export function kneedle(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 3) return null;
  const x0 = x[0], x1 = x[x.length - 1];
  const yMin = Math.min(...y), yMax = Math.max(...y);
  if (x1 === x0 || yMax === yMin) return null;
  let best: number | null = null;
  let bestGap = 1e-12;
  for (let i = 0; i < x.length; i++) {
    const xs = (x[i] - x0) / (x1 - x0);
    const ys = (y[i] - yMin) / (yMax - yMin);
    const gap = (1 - xs) - ys;
    if (gap > bestGap) {
      bestGap = gap;
      best = x[i];
    }
  }
  return best;
}
