import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { toLabels } from "../core/feature_matrix.ts";
import { resolveThreads } from "../core/worker_pool.ts";
import { silhouetteSamples } from "./silhouette_samples.ts";

/** Options for {@linkcode silhouetteBySegment}. */
export interface SilhouetteBySegmentOptions {
  /** One segment label per row (e.g. `model.labels`); -1 (noise) rows are left out. */
  labels: ArrayLike<number>;
  /** Feature columns (default: every numeric column), as for {@linkcode silhouetteSamples}. */
  features?: readonly string[];
  /** Display names by label, as {@linkcode labelSegments} takes them. */
  names?: Readonly<Record<number, string>>;
  /**
   * Threads to run on. Default: the project-wide default, `getDefaultThreads()`, the cores
   * available; 1 runs everything in the calling thread. The result is the same at every thread
   * count.
   */
  threads?: number;
}

/**
 * The silhouette of each segment: how well its members sit inside it rather than in the nearest
 * other segment (-1 to 1, higher is better). One row per segment, in label order: `label`,
 * `segment` (display name), `size`, `silhouette_mean`, `silhouette_min` and `negative` (members
 * closer to another segment than to their own, silhouette below 0). The mean over all rows is
 * scikit-learn's `silhouette_score`; the per-row values are {@linkcode silhouetteSamples}.
 *
 * Cost: that of {@linkcode silhouetteSamples}, O(n^2 d), on the worker pool (`threads`).
 *
 * @param df The rows that were clustered, with the feature columns.
 * @param options The labels, features, display names and threads.
 * @returns A new frame, one row per segment.
 * @throws {TypeError} When a feature is missing or not numeric, or `threads` is not a number.
 * @throws {RangeError} When labels do not match the rows, fewer than two segments exist, or
 * `threads` is not an integer from 1 to 64.
 *
 * @example Two tight segments
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { silhouetteBySegment } from "./silhouette_by_segment.ts";
 *
 * const df = pl.DataFrame({ x: [0, 0.1, 10, 10.1] });
 * const table = silhouetteBySegment(df, { labels: [0, 0, 1, 1], names: { 0: "Low", 1: "High" } });
 * assert.deepEqual(table.getColumn("segment").toArray(), ["Low", "High"]);
 * assert.ok((table.getColumn("silhouette_min").toArray() as number[]).every((s) => s > 0.9));
 * ```
 */
export function silhouetteBySegment(df: DataFrame, options: SilhouetteBySegmentOptions): DataFrame {
  const action = "compute silhouette by segment";
  const threads = resolveThreads(options.threads, action);
  const labels = toLabels(options.labels, df.height, action);
  const samples = silhouetteSamples(df, labels, { features: options.features, threads });
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (label < 0) return;
    const values = groups.get(label) ?? [];
    values.push(samples[i]);
    groups.set(label, values);
  });
  const order = [...groups.keys()].sort((a, b) => a - b);
  const name = (l: number) => options.names?.[l] ?? `Segment ${l + 1}`;
  return pl.DataFrame([
    pl.Series("label", order, pl.Int32),
    pl.Series("segment", order.map(name), pl.Utf8),
    pl.Series("size", order.map((l) => groups.get(l)!.length), pl.Int64),
    pl.Series(
      "silhouette_mean",
      order.map((l) => {
        const values = groups.get(l)!;
        let sum = 0;
        for (const v of values) sum += v;
        return sum / values.length;
      }),
      pl.Float64,
    ),
    pl.Series("silhouette_min", order.map((l) => Math.min(...groups.get(l)!)), pl.Float64),
    pl.Series(
      "negative",
      order.map((l) => groups.get(l)!.filter((v) => v < 0).length),
      pl.Int64,
    ),
  ]);
}
