import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";
import type { Chart } from "./chart.ts";
import { heatmap } from "./heatmap.ts";
import type { ChartOptions } from "./render_chart.ts";

/** Options for {@linkcode correlationHeatmap}. */
export interface CorrelationHeatmapOptions extends ChartOptions {
  /** Diverging colour scheme. Default `"rdbu"` (red negative, blue positive). */
  scheme?: string;
  /**
   * Column holding each row's feature name. Default `"column"` (as `correlationMatrix` names
   * it).
   */
  names?: string;
}

/**
 * Draws a correlation matrix (the wide frame {@linkcode correlationMatrix} returns: a `column`
 * column, then one column per feature) as a heatmap on a fixed [-1, 1] diverging scale, features
 * in the matrix's order, each cell labelled with its coefficient to 2 decimals.
 *
 * @param matrix A correlation matrix frame.
 * @param options Titles, size and colour scheme.
 * @returns A {@linkcode Chart}.
 * @throws {TypeError} When the frame has no `column` column (or the column named by `names`).
 * @throws {RangeError} When the matrix is empty.
 *
 * @example A 2 x 2 matrix
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { correlationHeatmap } from "./correlation_heatmap.ts";
 *
 * const m = pl.DataFrame({ column: ["a", "b"], a: [1, -0.5], b: [-0.5, 1] });
 * assert.match(correlationHeatmap(m).svg, /-0\.50/);
 * ```
 */
export function correlationHeatmap(
  matrix: DataFrame,
  options: CorrelationHeatmapOptions = {},
): Chart {
  const action = "draw correlation heatmap";
  const { names = "column", ...chartOptions } = options;
  requireColumns(matrix, [names], action);
  if (matrix.height === 0) {
    throw new RangeError(`Cannot ${action} as the matrix is empty: 0 rows`);
  }
  const features = matrix.getColumn(names).toArray() as string[];
  const rows = matrix.toRecords().flatMap((row) =>
    features.map((feature) => ({
      row: String(row[names]),
      feature,
      correlation: row[feature] === null ? Number.NaN : Number(row[feature]),
    }))
  );
  return heatmap(rows, {
    x: "feature",
    y: "row",
    fill: "correlation",
    scheme: options.scheme ?? "rdbu",
    domain: [-1, 1],
    xDomain: features,
    yDomain: features,
    labels: true,
    labelFormat: (v) => v.toFixed(2),
    xLabel: options.xLabel ?? "",
    yLabel: options.yLabel ?? "",
    ...chartOptions,
  });
}
