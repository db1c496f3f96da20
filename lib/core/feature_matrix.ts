import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, requireColumns } from "../core/errors.ts";

/** A dense, row-major numeric matrix taken from DataFrame columns, for the numeric kernels. */
export interface FeatureMatrix {
  /** Feature (column) names, in column order of `data`. */
  readonly features: readonly string[];
  /** Row-major values: row `i`, feature `j` is `data[i * d + j]`. */
  readonly data: Float64Array;
  /**
   * The same values column by column: feature `j` of row `i` is `columns[j][i]`. Streaming
   * kernels (one feature over all rows) run faster on these than on `data`.
   */
  readonly columns: readonly Float64Array[];
  /** Number of rows. */
  readonly n: number;
  /** Number of features. */
  readonly d: number;
}

const NUMERIC = /^(Int|UInt|Float)/;

/**
 * Names of a frame's numeric columns (integers and floats; not booleans, dates or text), the
 * default feature set of every model in `lib/segmentation`.
 *
 * @param df The frame.
 * @returns Column names in frame order.
 *
 * @example Numeric columns only
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { numericColumns } from "./feature_matrix.ts";
 *
 * const df = pl.DataFrame({ id: ["a"], age: [30], income: [52.5] });
 * assert.deepEqual(numericColumns(df), ["age", "income"]);
 * ```
 */
export function numericColumns(df: DataFrame): string[] {
  return df.columns.filter((c) => NUMERIC.test(df.getColumn(c).dtype.variant));
}

/**
 * Copies the chosen columns of a frame into a row-major Float64Array, validating them: the hot
 * loops of k-means, DBSCAN and the cluster metrics run on typed arrays, not on Polars rows.
 *
 * Cost: O(n d) time and memory.
 *
 * @param df The frame; not modified.
 * @param features Columns to use. Default: every numeric column.
 * @param action What the caller is doing, for error messages (e.g. `"fit k-means"`).
 * @returns The matrix with its feature names.
 * @throws {TypeError} When a feature is missing or not numeric, or no feature is numeric.
 * @throws {RangeError} When the frame is empty, or a value is null, NaN or infinite (naming the
 * column, the count of bad rows and the first row numbers, counted from 1).
 *
 * @example Two features, row-major
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { featureMatrix } from "./feature_matrix.ts";
 *
 * const m = featureMatrix(pl.DataFrame({ x: [1, 2], y: [3, 4] }));
 * assert.deepEqual([...m.data], [1, 3, 2, 4]);
 * ```
 */
/** Options for {@linkcode featureMatrix}. */
export interface FeatureMatrixOptions {
  /** Feature columns, in order (default: every numeric column). */
  features?: readonly string[];
  /** What the caller was doing, for error messages. */
  action?: string;
}

export function featureMatrix(
  df: DataFrame,
  options: FeatureMatrixOptions = {},
): FeatureMatrix {
  const { features, action = "build a feature matrix" } = options;
  const names = features ? [...features] : numericColumns(df);
  if (features) requireColumns(df, names, action);
  if (names.length === 0) {
    throw new TypeError(
      `Cannot ${action} as no feature is numeric: columns are ${
        df.columns.map((c) => `${c} (${df.getColumn(c).dtype.variant})`).join(", ")
      }`,
    );
  }
  for (const name of names) {
    const variant = df.getColumn(name).dtype.variant;
    if (!NUMERIC.test(variant)) {
      throw new TypeError(`Cannot ${action} as feature "${name}" is not numeric: it is ${variant}`);
    }
  }
  const n = df.height;
  if (n === 0) throw new RangeError(`Cannot ${action} as the frame is empty: 0 rows`);
  const d = names.length;
  const data = new Float64Array(n * d);
  const columns: Float64Array[] = [];
  names.forEach((name, j) => {
    // toTypedArray is ~100x faster than toArray, but throws on nulls: count nulls first.
    const series = df.getColumn(name).cast(pl.Float64);
    const column = series.nullCount() === 0
      ? (series.toTypedArray() as Float64Array).slice() // a copy we own, not a view
      : Float64Array.from(series.toArray() as (number | null)[], (v) => v ?? Number.NaN);
    columns.push(column);
    const bad: number[] = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i];
      if (!Number.isFinite(v)) {
        count++;
        if (bad.length < 5) bad.push(i + 1);
      }
      data[i * d + j] = v;
    }
    if (count > 0) {
      throw new RangeError(
        `Cannot ${action} as feature "${name}" has ${count} ${
          count === 1 ? "row" : "rows"
        } with missing, NaN or infinite values: rows ${formatExamples(bad, count)}`,
      );
    }
  });
  return { features: names, data, columns, n, d };
}

/**
 * Checks a label vector against a matrix's row count and converts it to an Int32Array.
 *
 * @param labels One label per row (integers; -1 marks noise where the caller allows it).
 * @param n Expected length.
 * @param action What the caller is doing, for error messages.
 * @returns The labels as Int32Array (a copy).
 * @throws {RangeError} When the length differs or a label is not an integer.
 */
export function toLabels(labels: ArrayLike<number>, n: number, action: string): Int32Array {
  if (labels.length !== n) {
    throw new RangeError(
      `Cannot ${action} as labels and rows differ in length: ${labels.length} labels, ${n} rows`,
    );
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (!Number.isInteger(v)) {
      throw new RangeError(`Cannot ${action} as label ${i + 1} is not an integer: ${v}`);
    }
    out[i] = v;
  }
  return out;
}
