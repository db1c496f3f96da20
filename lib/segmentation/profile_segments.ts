import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { featureMatrix, toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode profileSegments}. */
export interface ProfileSegmentsOptions {
  /** One segment label per row (e.g. `model.labels`), -1 for DBSCAN noise. */
  labels: ArrayLike<number>;
  /** Features to profile. Default: every numeric column except id-like ones (`customer_id`, `CustomerID`...). */
  features?: readonly string[];
  /** Display names by label, e.g. `{ 0: "Careful", 1: "Big spenders" }`. Default `"Segment 1"`... */
  names?: Readonly<Record<number, string>>;
  /** Index at or above which a feature is called "high". Default 120. */
  high?: number;
  /** Index at or below which a feature is called "low". Default 80. */
  low?: number;
}

/**
 * Profiles segments: size, share, and for each feature the segment's mean, median and index
 * against the whole (100 × segment mean / overall mean: 150 means 50% above average), plus a
 * plain-language description listing the features that stand out ("high spending_score (178),
 * low age (72)"). Label -1 (DBSCAN noise) is profiled as "Noise".
 *
 * Indexes assume a positive overall mean (raw RFM values, income, age...): they are null for a
 * feature whose overall mean is 0 or negative (e.g. standardised values); profile raw values.
 *
 * Cost: O(n·d) plus a Polars group-by.
 *
 * @param df The rows that were segmented (raw, unscaled values read best).
 * @param options The labels, and optional features, display names and high/low thresholds.
 * @returns One row per segment, ordered by label: `segment`, `label`, `size`, `share`, then
 * `<feature>_mean`, `<feature>_median`, `<feature>_index` for each feature, and `description`.
 * @throws {TypeError} When a feature is missing or not numeric.
 * @throws {RangeError} When labels and rows differ in length or values are missing.
 *
 * @example Two segments of spenders
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { profileSegments } from "./profile_segments.ts";
 *
 * const df = pl.DataFrame({ spend: [10, 10, 90, 90] });
 * const profile = profileSegments(df, { labels: [0, 0, 1, 1], names: { 1: "Big spenders" } });
 * assert.deepEqual(profile.getColumn("segment").toArray(), ["Segment 1", "Big spenders"]);
 * assert.equal(profile.getColumn("spend_index").toArray()[1], 180);
 * assert.equal(profile.getColumn("description").toArray()[1], "high spend (180)");
 * ```
 */
export function profileSegments(df: DataFrame, options: ProfileSegmentsOptions): DataFrame {
  const action = "profile segments";
  const m = featureMatrix(df, { features: options.features, action: action });
  const label = toLabels(options.labels, m.n, action);
  const { high = 120, low = 80 } = options;
  const features = m.features;
  const frame = df.select(...features.map((f) => pl.col(f).cast(pl.Float64)))
    .withColumns(pl.Series("__label", label, pl.Int32));
  const overall = frame.select(...features.map((f) => pl.col(f).mean().alias(f))).toRecords()[0];
  const grouped = frame.groupBy("__label").agg(
    pl.len().alias("size"),
    ...features.flatMap((
      f,
    ) => [pl.col(f).mean().alias(`${f}_mean`), pl.col(f).median().alias(`${f}_median`)]),
  ).sort("__label");
  const labelsOut = grouped.getColumn("__label").toArray() as number[];
  const name = (l: number) => options.names?.[l] ?? (l === -1 ? "Noise" : `Segment ${l + 1}`);
  const indexColumns = features.map((f) => {
    const mean = Number(overall[f]);
    const values = (grouped.getColumn(`${f}_mean`).toArray() as number[]).map((v) =>
      mean > 0 ? (100 * v) / mean : null
    );
    return pl.Series(`${f}_index`, values, pl.Float64);
  });
  const descriptions = labelsOut.map((_, row) => {
    const parts: string[] = [];
    features.forEach((f, j) => {
      const index = indexColumns[j].toArray()[row] as number | null;
      if (index === null) return;
      if (index >= high) parts.push(`high ${f} (${Math.round(index)})`);
      else if (index <= low) parts.push(`low ${f} (${Math.round(index)})`);
    });
    return parts.length > 0 ? parts.join(", ") : "close to average on every feature";
  });
  const sizes = grouped.getColumn("size").toArray() as number[];
  const ordered: pl.Series[] = [
    pl.Series("segment", labelsOut.map(name), pl.Utf8),
    pl.Series("label", labelsOut, pl.Int32),
    pl.Series("size", sizes, pl.Int64),
    pl.Series("share", sizes.map((s) => Number(s) / m.n), pl.Float64),
  ];
  features.forEach((f, j) => {
    ordered.push(grouped.getColumn(`${f}_mean`), grouped.getColumn(`${f}_median`), indexColumns[j]);
  });
  ordered.push(pl.Series("description", descriptions, pl.Utf8));
  return pl.DataFrame(ordered);
}
