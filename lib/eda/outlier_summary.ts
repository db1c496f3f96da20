/**
 * Outlier counts and bounds per numeric column.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { numericValues } from "../core/dtypes.ts";
import { summaryColumns } from "./_util.ts";
import { fitOutlierRule, type OutlierMethod, resolveOutlierOptions } from "./_outliers.ts";

/** Options for {@linkcode outlierSummary}. */
export interface OutlierSummaryOptions {
  /** Columns to check, in this order. Default: every numeric (integer or float) column. */
  columns?: string[];
  /** `"iqr"` (default), `"zscore"` or `"mad"`, as in {@linkcode flagOutliers}. */
  method?: OutlierMethod;
  /** The threshold, a finite number > 0. Defaults: iqr 1.5, zscore 3, mad 3.5. */
  threshold?: number;
}

/**
 * Outlier summary: for each numeric column, the bounds of the outlier rule and how many values
 * fall outside them, with the same rules as {@linkcode flagOutliers} (row i of this summary counts
 * the `true`s that `flagOutliers` would add for column i).
 *
 * `lower` and `upper` are value bounds: Tukey's fences for `iqr`; mean ± t·std for `zscore`;
 * median ± t·MAD / 0.6745 for `mad`. They are null when the rule flags nothing by construction
 * (zero std or MAD, fewer than two values for `zscore`, or no values at all). `share` is
 * `outliers` divided by the number of rows (nulls included), i.e. the mean of the flag column.
 * Cost: O(k n log n) for k columns.
 *
 * @see {@link https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm}
 *
 * @param df The frame; not modified.
 * @param options The columns, the method and the threshold.
 * @returns A new frame, one row per column: `column`, `method` (Utf8), `threshold`, `lower`,
 * `upper` (Float64), `outliers` (Int64), `share` (Float64).
 * @throws {TypeError} When a requested column is missing or is not numeric.
 * @throws {RangeError} When the frame has no rows, there is no numeric column, the method is
 * unknown or the threshold is not a finite number > 0.
 *
 * @example Count outliers per column
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { outlierSummary } from "./outlier_summary.ts";
 *
 * const df = pl.DataFrame({ amount: [1, 2, 3, 4, 100], items: [1, 1, 2, 2, 3] });
 * const summary = outlierSummary(df);
 * assert.deepEqual(summary.getColumn("outliers").toArray(), [1, 0]);
 * assert.deepEqual(summary.getColumn("upper").toArray(), [7, 3.5]);
 * assert.deepEqual(summary.getColumn("share").toArray(), [0.2, 0]);
 * ```
 */
export function outlierSummary(df: DataFrame, options: OutlierSummaryOptions = {}): DataFrame {
  const action = "summarise outliers";
  const { method, threshold } = resolveOutlierOptions(options.method, options.threshold, action);
  const columns = summaryColumns(df, options.columns, action);
  const rules = columns.map((c) => fitOutlierRule(numericValues(df, c, action), method, threshold));
  return pl.DataFrame([
    pl.Series("column", columns, pl.Utf8),
    pl.Series("method", columns.map(() => method), pl.Utf8),
    pl.Series("threshold", columns.map(() => threshold), pl.Float64),
    pl.Series("lower", rules.map((r) => r.lower), pl.Float64),
    pl.Series("upper", rules.map((r) => r.upper), pl.Float64),
    pl.Series("outliers", rules.map((r) => r.outliers), pl.Int64),
    pl.Series("share", rules.map((r) => r.outliers / df.height), pl.Float64),
  ]);
}
