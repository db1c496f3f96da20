/**
 * Pearson or Spearman correlation between every pair of numeric columns.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireOneOf } from "../core/errors.ts";
import { numericValues } from "../core/dtypes.ts";
import { averageRanks, summaryColumns } from "./_util.ts";

/** Options for {@linkcode correlationMatrix}. */
export interface CorrelationMatrixOptions {
  /**
   * `"pearson"` (linear correlation, the default) or `"spearman"` (Pearson correlation of the
   * average ranks, robust to outliers and monotone transformations).
   */
  method?: "pearson" | "spearman";
  /** The features, in this order. Default: every numeric (integer or float) column. */
  columns?: string[];
}

/**
 * Correlation matrix: the Pearson or Spearman correlation coefficient of every pair of numeric
 * columns, using pairwise-complete observations like pandas `DataFrame.corr()`: for each pair only
 * the rows where both values are present (not null, not NaN) count, and for Spearman the ranks are
 * taken within those rows (ties get their average rank).
 *
 * A cell is null when its pair has fewer than two complete rows or when either column is constant
 * on those rows (pandas gives NaN); a constant column therefore also has a null diagonal.
 * Cost: O(k² n) for Pearson and O(k² n log n) for Spearman with k features and n rows, on
 * `Float64Array`s.
 *
 * @see {@link https://en.wikipedia.org/wiki/Pearson_correlation_coefficient}
 * @see {@link https://en.wikipedia.org/wiki/Spearman%27s_rank_correlation_coefficient}
 *
 * @param df The frame; not modified.
 * @param options The method and the columns.
 * @returns A new frame: a Utf8 column `column` with the feature names, then one Float64 column per
 * feature, so row i, column j holds corr(feature i, feature j).
 * @throws {TypeError} When a requested column is missing or is not numeric.
 * @throws {RangeError} When the frame has no rows, no numeric column is available, `method` is
 * unknown, or a feature is named `column`.
 *
 * @example Two columns that rise together
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { correlationMatrix } from "./correlation_matrix.ts";
 *
 * const df = pl.DataFrame({ visits: [1, 2, 3, 4], spend: [10, 20, 25, 100] });
 * const pearson = correlationMatrix(df);
 * assert.deepEqual(pearson.getColumn("column").toArray(), ["visits", "spend"]);
 * const r = pearson.getColumn("spend").toArray()[0] as number;
 * assert.ok(Math.abs(r - 0.8594799233872414) < 1e-12); // pandas df.corr()
 *
 * // Spearman only looks at the order, which is the same in both columns.
 * const spearman = correlationMatrix(df, { method: "spearman" });
 * assert.equal(spearman.getColumn("spend").toArray()[0], 1);
 * ```
 */
export function correlationMatrix(
  df: DataFrame,
  options: CorrelationMatrixOptions = {},
): DataFrame {
  const action = "compute a correlation matrix";
  const method = requireOneOf(
    options.method ?? "pearson",
    ["pearson", "spearman"],
    "method",
    action,
  );
  const columns = summaryColumns(df, options.columns, action);
  if (columns.includes("column")) {
    throw new RangeError(
      `Cannot ${action} as a feature is named "column", which is the label column: rename it`,
    );
  }
  const values = columns.map((c) => numericValues(df, c, action));

  const k = columns.length;
  const matrix = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const r = pairCorrelation(values[i], values[j], method);
      matrix[i][j] = r;
      matrix[j][i] = r;
    }
  }
  return pl.DataFrame([
    pl.Series("column", columns, pl.Utf8),
    ...columns.map((c, j) => pl.Series(c, matrix.map((row) => row[j]), pl.Float64)),
  ]);
}

/** Correlation of the rows where both x and y are present; null when undefined. */
function pairCorrelation(
  x: Float64Array,
  y: Float64Array,
  method: "pearson" | "spearman",
): number | null {
  let n = 0;
  const xs = new Float64Array(x.length);
  const ys = new Float64Array(y.length);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) {
      xs[n] = x[i];
      ys[n] = y[i];
      n++;
    }
  }
  if (n < 2) return null;
  let a: Float64Array = xs.subarray(0, n);
  let b: Float64Array = ys.subarray(0, n);
  if (method === "spearman") {
    a = averageRanks(a);
    b = averageRanks(b);
  }
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const divisor = Math.sqrt(saa * sbb);
  return divisor === 0 ? null : Math.max(-1, Math.min(1, sab / divisor));
}
