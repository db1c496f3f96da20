/**
 * Flag outlying values of a numeric column with Tukey's fences, z-scores or modified z-scores.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireRows } from "../core/errors.ts";
import { numericValues } from "../core/dtypes.ts";
import { fitOutlierRule, type OutlierMethod, resolveOutlierOptions } from "./_outliers.ts";

export type { OutlierMethod } from "./_outliers.ts";

/** Options for {@linkcode flagOutliers}. */
export interface FlagOutliersOptions {
  /** The numeric column to check. */
  column: string;
  /**
   * - `"iqr"` (default): Tukey's fences, outside [Q1 − t·IQR, Q3 + t·IQR];
   * - `"zscore"`: |x − mean| / std > t, with the sample standard deviation (ddof = 1);
   * - `"mad"`: modified z-score 0.6745·|x − median| / MAD > t (Iglewicz & Hoaglin 1993), where MAD is
   *   the raw median absolute deviation from the median.
   */
  method?: OutlierMethod;
  /** The threshold t, a finite number > 0. Defaults: iqr 1.5, zscore 3, mad 3.5. */
  threshold?: number;
}

/**
 * Flag outliers: a copy of the frame with a Boolean column `<column>_outlier` that is true where
 * the value lies outside the rule's bounds (comparisons are strict: a value on a fence is not an
 * outlier). The rule is fitted on the column's present values.
 *
 * - Null and NaN values are never flagged (false).
 * - When the spread is zero, nothing is flagged: `zscore` with std = 0 or fewer than two values,
 *   `mad` with MAD = 0 (more than half the values equal). With `iqr` an IQR of 0 makes both fences
 *   equal to the quartile, and every other value is flagged, as Tukey's rule says.
 * - An existing `<column>_outlier` column is replaced.
 *
 * Cost: O(n log n) (quartiles and medians sort the column).
 *
 * @see {@link https://en.wikipedia.org/wiki/Outlier#Tukey's_fences}
 * @see {@link https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm} (modified z-score)
 *
 * @param df The frame; not modified.
 * @param options The column, the method and the threshold.
 * @returns A new frame: every column of `df` plus the Boolean `<column>_outlier`.
 * @throws {TypeError} When the column is missing or is not numeric.
 * @throws {RangeError} When the frame has no rows, the method is unknown or the threshold is not a
 * finite number > 0.
 *
 * @example Flag an unusually large order
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { flagOutliers } from "./flag_outliers.ts";
 *
 * const orders = pl.DataFrame({ amount: [12, 15, 11, 14, 13, 250, null] });
 * const flagged = flagOutliers(orders, { column: "amount" });
 * assert.deepEqual(
 *   flagged.getColumn("amount_outlier").toArray(),
 *   [false, false, false, false, false, true, false],
 * );
 * assert.equal(orders.width, 1); // the input is untouched
 * ```
 */
export function flagOutliers(df: DataFrame, options: FlagOutliersOptions): DataFrame {
  const action = "flag outliers";
  const column = options?.column;
  if (typeof column !== "string") {
    throw new TypeError(`Cannot ${action} as the column option is not a string: got ${column}`);
  }
  const { method, threshold } = resolveOutlierOptions(options.method, options.threshold, action);
  requireColumns(df, [column], action);
  requireRows(df, action);
  const rule = fitOutlierRule(numericValues(df, column, action), method, threshold);
  return df.withColumn(pl.Series(`${column}_outlier`, rule.flags, pl.Bool));
}
