import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";
import type { Chart } from "./chart.ts";
import { heatmap } from "./heatmap.ts";
import type { ChartOptions } from "./render_chart.ts";

/** Options for {@linkcode profileHeatmap}. */
export interface ProfileHeatmapOptions extends ChartOptions {
  /** Column of the segment names. Default `"segment"` (as `profileSegments` names it). */
  segment?: string;
  /** Suffix of the index columns, `<feature><suffix>`. Default `"_index"`. */
  suffix?: string;
}

/**
 * Draws a segment profile (the frame {@linkcode profileSegments} returns) as a heatmap of the
 * feature indexes: one row per segment, one column per feature, 100 = the average customer, on a
 * diverging scale centred at 100 and labelled in each cell.
 *
 * @param profile A segment profile with `segment` and `<feature>_index` columns (or the columns
 * named by `segment` and `suffix`).
 * @param options Column names, title and size.
 * @returns The chart.
 * @throws {TypeError} When the frame has no `segment` column or no index columns.
 *
 * @example Two segments, one feature
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { profileHeatmap } from "./profile_heatmap.ts";
 *
 * const profile = pl.DataFrame({ segment: ["A", "B"], spend_index: [40, 160] });
 * assert.match(profileHeatmap(profile).svg, />160</);
 * ```
 */
export function profileHeatmap(profile: DataFrame, options: ProfileHeatmapOptions = {}): Chart {
  const action = "draw profile heatmap";
  const { segment = "segment", suffix = "_index", ...chartOptions } = options;
  requireColumns(profile, [segment], action);
  const indexColumns = profile.columns.filter((c) => c.endsWith(suffix));
  if (indexColumns.length === 0) {
    throw new TypeError(
      `Cannot ${action} as no column ends in "${suffix}": available columns are ${
        profile.columns.join(", ")
      }`,
    );
  }
  const features = indexColumns.map((c) => c.slice(0, -suffix.length));
  const segments = profile.getColumn(segment).toArray() as string[];
  const records = profile.toRecords();
  const rows = records.flatMap((row) =>
    features.map((feature) => ({
      segment: String(row[segment]),
      feature,
      index: row[`${feature}${suffix}`] === null ? Number.NaN : Number(row[`${feature}${suffix}`]),
    }))
  );
  const finite = rows.map((r) => r.index).filter(Number.isFinite);
  const spread = Math.max(50, ...finite.map((v) => Math.abs(v - 100)));
  return heatmap(rows, {
    x: "feature",
    y: "segment",
    fill: "index",
    scheme: "rdbu",
    domain: [100 - spread, 100 + spread],
    xDomain: features,
    yDomain: segments,
    labels: true,
    labelFormat: (v) => String(Math.round(v)),
    xLabel: "",
    yLabel: "",
    ...chartOptions,
  });
}
