import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode labelSegments}. */
export interface LabelSegmentsOptions {
  /** One segment label per row (e.g. `model.labels`), -1 for DBSCAN noise. */
  labels: ArrayLike<number>;
  /** Display names by label. Default `"Segment 1"`, `"Segment 2"`... and `"Noise"` for -1. */
  names?: Readonly<Record<number, string>>;
  /** Name of the added column. Default `"segment"`. */
  column?: string;
  /** Prefix of default names: `"<prefix> 1"`, ... Default `"Segment"`. */
  prefix?: string;
}

/**
 * Adds each row's segment name as a text column, for charts coloured by segment and for exports
 * (the same names {@linkcode profileSegments} uses).
 *
 * @param df The rows that were segmented; not modified.
 * @param options The labels, and optional display names, name prefix and column name.
 * @returns A new frame with the segment column added (or replaced).
 * @throws {RangeError} When labels and rows differ in length.
 *
 * @example Name two segments
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { labelSegments } from "./label_segments.ts";
 *
 * const out = labelSegments(pl.DataFrame({ x: [1, 2, 3] }), { labels: [0, 1, -1] });
 * assert.deepEqual(out.getColumn("segment").toArray(), ["Segment 1", "Segment 2", "Noise"]);
 * ```
 */
export function labelSegments(df: DataFrame, options: LabelSegmentsOptions): DataFrame {
  const label = toLabels(options.labels, df.height, "label segments");
  const prefix = options.prefix ?? "Segment";
  const name = (l: number) => options.names?.[l] ?? (l === -1 ? "Noise" : `${prefix} ${l + 1}`);
  return df.withColumns(pl.Series(options.column ?? "segment", Array.from(label, name), pl.Utf8));
}
