/**
 * The 0/1 target check shared by {@linkcode fitLogisticRegression} and
 * {@linkcode fitGradientBoosting}: one definition of what a binary target is and one set of error
 * messages. Not part of the public API.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, MAX_EXAMPLES } from "../core/errors.ts";
import { dtypeName, isNumericDtype } from "../core/dtypes.ts";

/**
 * The target column as 0/1 bytes, checked: numeric 0/1 or boolean (`true` is 1), no missing
 * values, both classes present. O(n).
 *
 * @param df The training rows (the column must exist: see `requireColumns`).
 * @param target The target column.
 * @param action What the caller was doing, e.g. `"fit logistic regression"`.
 * @returns One 0/1 label per row.
 * @throws {TypeError} When the column is neither numeric nor boolean (naming a few values).
 * @throws {RangeError} When it has missing or NaN values, values other than 0 and 1 (with the
 * count and the first rows, from 1), or one class only.
 */
export function binaryTarget(df: DataFrame, target: string, action: string): Uint8Array {
  const series = df.getColumn(target);
  if (series.dtype.variant !== "Bool" && !isNumericDtype(series.dtype)) {
    const values = series.unique().head(MAX_EXAMPLES + 1).toArray().map((v) =>
      v === null ? "null" : v
    );
    throw new TypeError(
      `Cannot ${action} as target "${target}" is not a 0/1 number or boolean: it is ${
        dtypeName(series.dtype)
      } with values ${formatExamples(values)}`,
    );
  }
  const values = df.select(pl.col(target).cast(pl.Float64).fillNull(pl.lit(Number.NaN)))
    .getColumn(target).toTypedArray() as Float64Array;
  const n = values.length;
  const y = new Uint8Array(n);
  const missing: number[] = [];
  const other: string[] = [];
  let missingCount = 0;
  let otherCount = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === 0 || v === 1) {
      y[i] = v;
      positives += v;
    } else if (Number.isNaN(v)) {
      if (missingCount++ < MAX_EXAMPLES) missing.push(i + 1);
    } else if (otherCount++ < MAX_EXAMPLES) {
      other.push(`row ${i + 1} is ${v}`);
    }
  }
  if (missingCount > 0) {
    throw new RangeError(
      `Cannot ${action} as target "${target}" has ${missingCount} missing or NaN ${
        missingCount === 1 ? "value" : "values"
      }: ${missingCount === 1 ? "row" : "rows"} ${formatExamples(missing, missingCount)}`,
    );
  }
  if (otherCount > 0) {
    throw new RangeError(
      `Cannot ${action} as target "${target}" has ${otherCount} ${
        otherCount === 1 ? "value" : "values"
      } other than 0 and 1: ${formatExamples(other, otherCount).replaceAll('"', "")}`,
    );
  }
  if (positives === 0 || positives === n) {
    throw new RangeError(
      `Cannot ${action} as the target has only one class: ${n} rows, all ${positives ? 1 : 0}`,
    );
  }
  return y;
}
