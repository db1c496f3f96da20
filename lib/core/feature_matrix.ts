/**
 * The one definition of "the features to use" and the dense numeric matrix the numeric kernels
 * run on: {@linkcode resolveFeatures} picks and checks feature columns (the given list, or every
 * numeric column), {@linkcode featureMatrix} copies them into typed arrays, {@linkcode toLabels}
 * checks a label vector against them. Used by prep, segmentation, churn and charts alike.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "./frame.ts";
import { formatExamples, MAX_EXAMPLES, requireColumns, requireRows } from "./errors.ts";
import { dtypeName, isNumericDtype } from "./dtypes.ts";

/** A dense, row-major numeric matrix taken from DataFrame columns, for the numeric kernels. */
export interface FeatureMatrix {
  /** Feature (column) names, in column order of `data`. */
  readonly features: readonly string[];
  /** Row-major values: row `i`, feature `j` is `data[i * d + j]`. */
  readonly data: Float64Array;
  /**
   * The same values column by column: feature `j` of row `i` is `columns[j][i]`. Streaming
   * kernels (one feature over all rows) run faster on these than on `data`. Each is a copy the
   * caller owns (sorting it in place is safe).
   */
  readonly columns: readonly Float64Array[];
  /** Number of rows. */
  readonly n: number;
  /** Number of features. */
  readonly d: number;
}

/** Options for {@linkcode resolveFeatures} and {@linkcode featureMatrix}. */
export interface FeatureMatrixOptions {
  /**
   * Feature columns, in order (default: every numeric column that does not look like an id, see
   * {@linkcode featureColumns}; name an id column here to use it anyway).
   */
  features?: readonly string[];
  /** What the caller was doing, for error messages (e.g. `"fit k-means"`). */
  action?: string;
}

/**
 * Names of a frame's numeric columns (integer and floating-point dtypes, as
 * {@linkcode isNumericDtype}; not booleans, decimals, dates or text): the default feature set of
 * every model and scaler.
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
 * const df = pl.DataFrame({ id: ["a"], age: [30], income: [52.5], vip: [true] });
 * assert.deepEqual(numericColumns(df), ["age", "income"]);
 * ```
 */
export function numericColumns(df: DataFrame): string[] {
  return df.columns.filter((c) => isNumericDtype(df.getColumn(c).dtype));
}

/**
 * Names that say "identifier": `id`, `*_id` / `* id` / `*-id`, and the run-together forms of
 * common entities (`CustomerID`, `user_id`, `InvoiceNo`, `ProductNumber`...). An id stored as a
 * number is a label, not a measurement: used as a clustering feature it dominates the distances.
 */
export const ID_COLUMN_PATTERN =
  /^(id|.*[_ \-.]id|.*(customer|user|client|member|account|order|invoice|product|item|stock|row)_?(id|no|number|code))$|^(index|unnamed: ?0|__index_level_0__)$/i;

/**
 * The default feature columns: numeric columns whose name does not look like an id
 * ({@linkcode ID_COLUMN_PATTERN}), in column order.
 *
 * @param df Any frame.
 * @returns The column names.
 */
export function featureColumns(df: DataFrame): string[] {
  return numericColumns(df).filter((c) => !ID_COLUMN_PATTERN.test(c));
}

/**
 * The features to use: the given list, or the frame's {@linkcode featureColumns} (numeric, not id-like). Checks that each
 * feature is listed once, exists and is numeric, and that there is at least one. The single
 * definition every model, scaler and transform shares, so they agree on defaults and messages.
 *
 * Cost: O(d) dtype lookups.
 *
 * @param df The frame.
 * @param options `features` (default: every numeric column) and `action` for the messages.
 * @returns The feature names, in order (a new array).
 * @throws {TypeError} When a feature is listed twice, missing or not numeric, or no feature is
 * numeric.
 *
 * @example The default is every numeric column
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { resolveFeatures } from "./feature_matrix.ts";
 *
 * const df = pl.DataFrame({ id: ["a"], recency: [3], monetary: [9.5] });
 * assert.deepEqual(resolveFeatures(df), ["recency", "monetary"]);
 * assert.throws(() => resolveFeatures(df, { features: ["id"] }), TypeError);
 * ```
 */
export function resolveFeatures(df: DataFrame, options: FeatureMatrixOptions = {}): string[] {
  const { features, action = "build a feature matrix" } = options;
  const names = features ? [...features] : featureColumns(df);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new TypeError(
        `Cannot ${action} as feature "${name}" is listed twice: ${names.join(", ")}`,
      );
    }
    seen.add(name);
  }
  requireColumns(df, names, action);
  if (names.length === 0) {
    throw new TypeError(
      `Cannot ${action} as no feature is numeric (id-like columns are left out unless named in features): columns are ${
        df.columns.map((c) => `${c} (${dtypeName(df.getColumn(c).dtype)})`).join(", ") || "none"
      }`,
    );
  }
  for (const name of names) {
    const dtype = df.getColumn(name).dtype;
    if (!isNumericDtype(dtype)) {
      throw new TypeError(
        `Cannot ${action} as feature "${name}" is not numeric: it is ${dtypeName(dtype)}`,
      );
    }
  }
  return names;
}

/**
 * Copies the chosen columns of a frame into a row-major Float64Array, validating them: the hot
 * loops of k-means, DBSCAN and the cluster metrics run on typed arrays, not on Polars rows.
 * Features are chosen and checked by {@linkcode resolveFeatures}.
 *
 * Cost: O(n d) time and memory.
 *
 * @param df The frame; not modified.
 * @param options `features` (default: every numeric column) and `action` for the messages.
 * @returns The matrix with its feature names.
 * @throws {TypeError} When a feature is listed twice, missing or not numeric, or no feature is
 * numeric.
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
export function featureMatrix(
  df: DataFrame,
  options: FeatureMatrixOptions = {},
): FeatureMatrix {
  const action = options.action ?? "build a feature matrix";
  const names = resolveFeatures(df, { features: options.features, action });
  requireRows(df, action);
  const n = df.height;
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
        if (bad.length < MAX_EXAMPLES) bad.push(i + 1);
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

/** Feature values above this magnitude are refused by {@linkcode requireModerateValues}. */
export const MAX_FEATURE_MAGNITUDE = 1e100;

/**
 * Refuses features with values of magnitude above {@linkcode MAX_FEATURE_MAGNITUDE} (1e100):
 * squared distances and Hessians overflow Float64 (1.8e308) from about 1e150, and the kernels then
 * return Infinity or fail with unrelated messages. Such values are unscaled (or corrupt) features.
 *
 * @param m The feature matrix.
 * @param action What the caller was doing, for the message.
 * @throws {RangeError} Naming the feature, the count of rows, the first rows and values.
 */
export function requireModerateValues(m: FeatureMatrix, action: string): void {
  m.columns.forEach((column, j) => {
    const rows: number[] = [];
    const values: number[] = [];
    let count = 0;
    for (let i = 0; i < column.length; i++) {
      if (Math.abs(column[i]) > MAX_FEATURE_MAGNITUDE) {
        count++;
        if (rows.length < MAX_EXAMPLES) {
          rows.push(i + 1);
          values.push(column[i]);
        }
      }
    }
    if (count > 0) {
      throw new RangeError(
        `Cannot ${action} as feature "${m.features[j]}" has ${count} ${
          count === 1 ? "row" : "rows"
        } with magnitude above 1e100, which overflows its arithmetic: ${
          rows.length === 1 ? "row" : "rows"
        } ${rows.join(", ")} ${rows.length === 1 ? "holds" : "hold"} ${
          formatExamples(values, count)
        } (standardise it first with fitStandardScaler)`,
      );
    }
  });
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
