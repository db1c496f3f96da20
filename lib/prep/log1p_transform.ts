import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, MAX_EXAMPLES } from "../core/errors.ts";
import { resolveFeatures } from "../core/feature_matrix.ts";

/** Options for {@linkcode log1pTransform}. */
export interface Log1pTransformOptions {
  /** Columns to transform. Default: every numeric column. */
  features?: readonly string[];
}

/**
 * Replaces each feature `x` by `log(1 + x)` (numpy's `log1p`, accurate for small `x`), the usual
 * fix for the right skew of RFM columns: monetary and frequency span several orders of magnitude,
 * so without it a few big customers dominate every distance. Apply it before scaling
 * (`fitStandardScaler(log1pTransform(rfm))`), which is how the k-means RFM recipes do it; zeros
 * stay 0 (`log1p(0) = 0`), so counts and day differences need no offset. Stateless: there is
 * nothing to fit, so the same call applies to training and new data.
 *
 * Values at or below -1 are rejected rather than turned into NaN (below -1) or -Infinity (at -1),
 * which no scaler or model downstream can use. Nulls stay null.
 *
 * Cost: O(n d) in Polars, one check pass and one transform pass.
 *
 * @param df The frame; never modified.
 * @param options `features` (default: every numeric column).
 * @returns A new frame with the same columns, the features replaced by Float64 `log1p` values.
 * @throws {TypeError} When a feature is missing, not numeric or listed twice, or no column is
 * numeric.
 * @throws {RangeError} When a feature has values at or below -1 (naming the column, the count, and
 * the first rows, counted from 1, and their values).
 *
 * @example Compress a skewed monetary column
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { log1pTransform } from "./log1p_transform.ts";
 *
 * const df = pl.DataFrame({ id: ["a", "b"], monetary: [0, Math.E - 1] });
 * const out = log1pTransform(df);
 * assert.deepEqual(out.columns, ["id", "monetary"]);
 * assert.deepEqual(out.getColumn("monetary").toArray(), [0, 1]);
 * ```
 */
export function log1pTransform(df: DataFrame, options: Log1pTransformOptions = {}): DataFrame {
  const action = "apply log1p";
  const features = resolveFeatures(df, { features: options.features, action });
  const bad = (f: string) => pl.col(f).cast(pl.Float64).ltEq(pl.lit(-1)).fillNull(false);
  const counts = df.select(...features.map((f) => bad(f).sum().alias(f))).toRecords()[0];
  for (const f of features) {
    const count = Number(counts[f]);
    if (count === 0) continue;
    const rows = df.withRowIndex("__row").filter(bad(f)).head(MAX_EXAMPLES);
    const numbers = rows.getColumn("__row").toArray().map((i) => Number(i) + 1);
    const values = rows.getColumn(f).toArray();
    throw new RangeError(
      `Cannot ${action} as column "${f}" has ${count} ${
        count === 1 ? "value" : "values"
      } at or below -1: ${numbers.length === 1 ? "row" : "rows"} ${
        formatExamples(numbers, count)
      } ${numbers.length === 1 ? "holds" : "hold"} ${formatExamples(values)}`,
    );
  }
  return df.withColumns(...features.map((f) => pl.col(f).cast(pl.Float64).log1p().alias(f)));
}
