import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireNumericColumns } from "../core/errors.ts";
import { toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode nameSegments}. */
export interface NameSegmentsOptions {
  /** One segment label per row (e.g. `model.labels`); -1 (noise) is left unnamed. */
  labels: ArrayLike<number>;
  /** The numeric column whose segment mean orders the segments (e.g. `"monetary"`). */
  by: string;
  /** The names, in order of the segment means: the first goes to the highest mean. */
  names: readonly string[];
  /** `true` (the default): highest mean first; `false`: lowest mean first. */
  descending?: boolean;
}

/**
 * Names segments from their profiles rather than from their label numbers: the segments are
 * ordered by their mean of one column and the i-th name goes to the i-th segment. k-means label
 * numbers depend on the seed (the same clusters come back under other numbers), so names keyed
 * by hand to label ids silently mislabel the segments when the seed or the data changes; names
 * keyed by a profile feature follow the segments. Check first that the segments themselves are
 * stable across seeds (see {@linkcode adjustedRandIndex}).
 *
 * Cost: one Polars group-by, O(n).
 *
 * @param df The rows that were segmented (needs the `by` column); not modified.
 * @param options The labels, the ordering column, the names in order and the direction.
 * @returns Names keyed by label id, for `labelSegments`, `profileSegments` and the charts.
 * @throws {TypeError} When `by` is missing or not numeric.
 * @throws {RangeError} When labels and rows differ in length, the number of names is not the
 * number of segments, or two segments have the same mean (the order would be arbitrary).
 *
 * @example The segment with the higher spend is named first, whatever its label
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { nameSegments } from "./name_segments.ts";
 *
 * const df = pl.DataFrame({ spend: [10, 12, 500, 520] });
 * const names = ["Big spenders", "Small spenders"];
 * assert.deepEqual(nameSegments(df, { labels: [1, 1, 0, 0], by: "spend", names }), {
 *   0: "Big spenders",
 *   1: "Small spenders",
 * });
 * assert.deepEqual(nameSegments(df, { labels: [0, 0, 1, 1], by: "spend", names }), {
 *   0: "Small spenders",
 *   1: "Big spenders",
 * });
 * ```
 */
export function nameSegments(
  df: DataFrame,
  options: NameSegmentsOptions,
): Record<number, string> {
  const action = "name segments";
  const { by, names, descending = true } = options;
  requireColumns(df, [by], action);
  requireNumericColumns(df, [by], action);
  const labels = toLabels(options.labels, df.height, action);
  const means = pl.DataFrame({
    __label: pl.Series("__label", labels, pl.Int32),
    __value: df.getColumn(by).cast(pl.Float64),
  })
    .filter(pl.col("__label").neq(pl.lit(-1)))
    .groupBy("__label")
    .agg(pl.col("__value").mean().alias("__mean"))
    .sort(["__mean", "__label"], descending)
    .toRecords()
    .map((r) => ({ label: Number(r.__label), mean: Number(r.__mean) }));
  if (names.length !== means.length) {
    throw new RangeError(
      `Cannot ${action} as the names do not match the segments: ${names.length} names, ${means.length} segments`,
    );
  }
  for (let i = 1; i < means.length; i++) {
    if (means[i].mean === means[i - 1].mean) {
      throw new RangeError(
        `Cannot ${action} as two segments have the same mean ${by}: labels ${
          means[i - 1].label
        } and ${means[i].label} (${means[i].mean})`,
      );
    }
  }
  return Object.fromEntries(means.map((m, i) => [m.label, names[i]]));
}
