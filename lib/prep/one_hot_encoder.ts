import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import {
  formatExamples,
  MAX_EXAMPLES,
  requireColumns,
  requireOneOf,
  requireRows,
} from "../core/errors.ts";
import { isNumericColumn } from "../core/dtypes.ts";

/** Options for {@linkcode fitOneHotEncoder}. */
export interface FitOneHotEncoderOptions {
  /** Categorical columns to encode: text, categorical, boolean, integer, date or whole-number float. */
  columns: readonly string[];
  /**
   * Leave out the indicator of each column's first category (the reference level), as pandas'
   * `get_dummies(drop_first=True)` and scikit-learn's `OneHotEncoder(drop="first")` do; needed to
   * avoid collinear indicators in an unpenalised regression. Default: false.
   */
  dropFirst?: boolean;
  /**
   * What `transform` does with a category not seen when fitting: `"ignore"` gives the row zeros
   * in all of that column's indicators (with `dropFirst`, the same as the first category);
   * `"error"` throws, naming the column, the unseen values and how many rows have them.
   * Default: `"ignore"`.
   */
  handleUnknown?: "ignore" | "error";
}

/** One output column of a {@linkcode OneHotEncoderModel}: which category it indicates. */
export interface OneHotIndicator {
  /** The source column. */
  readonly column: string;
  /** The category as text (`null` for missing values). */
  readonly category: string | null;
  /** The output column name. */
  readonly name: string;
}

/** A fitted one-hot encoder (read-only). */
export interface OneHotEncoderModel {
  /** The options it was fitted with, defaults filled in. */
  readonly options: Readonly<{
    columns: readonly string[];
    dropFirst: boolean;
    handleUnknown: "ignore" | "error";
  }>;
  /** The encoded columns, in the order given. */
  readonly columns: readonly string[];
  /**
   * The categories of each column seen when fitting, as text, sorted (numerically for number
   * columns, by UTF-16 code units, JavaScript's default sort, otherwise), with `null` last when
   * the column had missing values. With `dropFirst` the first of these has no indicator.
   */
  readonly categories: Readonly<Record<string, readonly (string | null)[]>>;
  /** Every output column with its source column and category, in output order. */
  readonly indicators: readonly OneHotIndicator[];
  /** The names of the output (indicator) columns, in output order: pass them as `features`. */
  readonly outputColumns: readonly string[];
  /**
   * Returns a new frame in which each encoded column is replaced, where it stood, by its Float64
   * 0/1 indicator columns; other columns are untouched and keep their order. Cost: O(n k) in
   * Polars for k output columns, plus one `unique` per encoded column to find unseen values.
   * @throws {TypeError} When an encoded column is missing or of an unsupported type, or an output
   * name is already taken by a column of the frame that is not encoded.
   * @throws {RangeError} With `handleUnknown: "error"`, when a column has categories not seen
   * when fitting (naming them and the count of rows).
   */
  transform(df: DataFrame): DataFrame;
}

const FIT_ACTION = "fit OneHotEncoder";
const TRANSFORM_ACTION = "transform with OneHotEncoder";
const TEXT = /^(String|Utf8|Categorical|Enum)$/;
const KEYED = /^(Bool|Int|UInt|Date|Datetime)/;

/**
 * The category text of a column as a Polars expression: the text itself, or numbers, booleans and
 * dates cast to text. Floats are accepted only with whole-number values (integer codes read as
 * floats) and are cast to Int64 first, so `1.0` and `1` are the same category.
 */
function categoryText(df: DataFrame, column: string, action: string): Expr {
  const series = df.getColumn(column);
  const variant = series.dtype.variant;
  if (variant === "String" || variant === "Utf8") return pl.col(column);
  if (TEXT.test(variant) || KEYED.test(variant)) return pl.col(column).cast(pl.Utf8);
  if (variant.startsWith("Float")) {
    const values = series.dropNulls().cast(pl.Float64).toTypedArray() as Float64Array;
    const bad: number[] = [];
    let count = 0;
    for (const v of values) {
      if (!Number.isInteger(v)) {
        count++;
        if (bad.length < MAX_EXAMPLES) bad.push(v);
      }
    }
    if (count > 0) {
      throw new TypeError(
        `Cannot ${action} as column "${column}" is ${variant} with ${count} non-integer ${
          count === 1 ? "value" : "values"
        }: ${
          formatExamples(bad, count)
        } (one-hot encode text, booleans or integer codes, not measurements)`,
      );
    }
    return pl.col(column).cast(pl.Int64).cast(pl.Utf8);
  }
  throw new TypeError(
    `Cannot ${action} as column "${column}" has an unsupported type: it is ${variant}`,
  );
}

/** The distinct category texts of a column, with `null` for missing values. */
function distinct(df: DataFrame, column: string, action: string): (string | null)[] {
  return df.select(categoryText(df, column, action).alias(column)).getColumn(column).unique()
    .toArray() as (string | null)[];
}

/**
 * A readable, code-friendly name part for a category: accents removed, lower case, every run of
 * characters other than letters and digits turned into `_`, no leading or trailing `_`;
 * `"blank"` when nothing is left (e.g. `""`), `"null"` for missing values.
 */
function slug(category: string | null): string {
  if (category === null) return "null";
  const text = category.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_").replace(/^_+|_+$/g, "");
  return text === "" ? "blank" : text;
}

/**
 * Fits a one-hot encoder: records the categories of each listed column so that `transform` can
 * replace the column by one 0/1 indicator column per category, for models that need numbers
 * (logistic regression, k-means). The vocabulary of scikit-learn's `OneHotEncoder` and pandas'
 * `get_dummies`.
 *
 * **Categories** are the column's values as text (numbers, booleans and dates cast to text;
 * floats only when they are whole numbers, e.g. codes read as floats), sorted numerically for
 * number columns and by text otherwise. **Missing values** (null) are a category of their own,
 * listed last and named `null`, when the fitting frame has any; otherwise a null met by
 * `transform` is an unseen category.
 *
 * **Names**: each indicator is named `${column}_${category}` with the category made safe for code
 * and formulas: accents removed, lower case, runs of other characters than letters and digits
 * replaced by `_` (`"Month-to-month"` → `Contract_month_to_month`, `"Fiber optic"` →
 * `InternetService_fiber_optic`); an empty result becomes `blank`. The column part is kept as
 * is. When two categories give the same name, or a name is already a column of the fitting frame,
 * `_2`, `_3`, … is appended in category order, so names are unique.
 *
 * Cost: one `unique` per column in Polars, O(n); then O(k log k) to sort k categories.
 *
 * @param df The frame to fit on; never modified.
 * @param options `columns` to encode, `dropFirst` (default false), `handleUnknown`
 * (`"ignore"`, the default, or `"error"`).
 * @returns A frozen {@linkcode OneHotEncoderModel}.
 * @throws {TypeError} When no columns are given, a column is missing, listed twice, or of an
 * unsupported type (e.g. a float with fractions, a list).
 * @throws {RangeError} When the frame is empty or `handleUnknown` is not `"ignore"` or `"error"`.
 *
 * @example Encode a contract type for a model
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitOneHotEncoder } from "./one_hot_encoder.ts";
 *
 * const df = pl.DataFrame({
 *   id: ["a", "b", "c"],
 *   Contract: ["Two year", "Month-to-month", "One year"],
 *   tenure: [60, 2, 14],
 * });
 * const encoder = fitOneHotEncoder(df, { columns: ["Contract"], dropFirst: true });
 * assert.deepEqual(encoder.categories.Contract, ["Month-to-month", "One year", "Two year"]);
 * assert.deepEqual(encoder.outputColumns, ["Contract_one_year", "Contract_two_year"]);
 * const out = encoder.transform(df);
 * assert.deepEqual(out.columns, ["id", "Contract_one_year", "Contract_two_year", "tenure"]);
 * assert.deepEqual(out.getColumn("Contract_two_year").toArray(), [1, 0, 0]);
 * ```
 */
export function fitOneHotEncoder(
  df: DataFrame,
  options: FitOneHotEncoderOptions,
): OneHotEncoderModel {
  const { columns, dropFirst = false, handleUnknown = "ignore" } = options ?? {};
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new TypeError(
      `Cannot ${FIT_ACTION} as no columns were given: columns is ${JSON.stringify(columns)}`,
    );
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) {
      throw new TypeError(
        `Cannot ${FIT_ACTION} as column "${c}" is listed twice: ${columns.join(", ")}`,
      );
    }
    seen.add(c);
  }
  requireOneOf(handleUnknown, ["ignore", "error"], "handleUnknown", FIT_ACTION);
  requireColumns(df, columns, FIT_ACTION);
  requireRows(df, FIT_ACTION);

  const categories: Record<string, readonly (string | null)[]> = {};
  const indicators: OneHotIndicator[] = [];
  const used = new Set(df.columns.filter((c) => !seen.has(c)));
  for (const column of columns) {
    const numeric = isNumericColumn(df, column);
    const values = distinct(df, column, FIT_ACTION);
    const text = values.filter((v): v is string => v !== null);
    text.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
    const sorted: (string | null)[] = values.includes(null) ? [...text, null] : text;
    categories[column] = Object.freeze(sorted);
    sorted.forEach((category, k) => {
      if (dropFirst && k === 0) return;
      const base = `${column}_${slug(category)}`;
      let name = base;
      for (let suffix = 2; used.has(name); suffix++) name = `${base}_${suffix}`;
      used.add(name);
      indicators.push(Object.freeze({ column, category, name }));
    });
  }

  const frozenColumns = Object.freeze([...columns]);
  const frozenCategories = Object.freeze(categories);
  const frozenIndicators = Object.freeze(indicators);
  const outputColumns = Object.freeze(indicators.map((i) => i.name));

  const transform = (other: DataFrame): DataFrame => {
    requireColumns(other, frozenColumns, TRANSFORM_ACTION);
    const outputs = new Set(outputColumns);
    const taken = other.columns.find((c) => outputs.has(c) && !seen.has(c));
    if (taken !== undefined) {
      throw new TypeError(
        `Cannot ${TRANSFORM_ACTION} as output column "${taken}" is already a column of the frame: ${
          other.columns.join(", ")
        }`,
      );
    }
    const expressions = new Map<string, Expr[]>();
    for (const column of frozenColumns) {
      const key = categoryText(other, column, TRANSFORM_ACTION);
      if (handleUnknown === "error") {
        const known = new Set(frozenCategories[column]);
        const unseen = distinct(other, column, TRANSFORM_ACTION).filter((v) => !known.has(v));
        if (unseen.length > 0) {
          const unseenSet = new Set(unseen);
          const keys = other.select(key.alias(column)).getColumn(column).toArray();
          const rows = keys.filter((v) => unseenSet.has(v as string | null)).length;
          throw new RangeError(
            `Cannot ${TRANSFORM_ACTION} as column "${column}" has ${unseen.length} unseen ${
              unseen.length === 1 ? "category" : "categories"
            } in ${rows} ${rows === 1 ? "row" : "rows"}: ${
              formatExamples(unseen.map((v) => v ?? "null (missing)"))
            }; fitted categories are ${
              formatExamples(frozenCategories[column].map((v) => v ?? "null (missing)"))
            }`,
          );
        }
      }
      expressions.set(
        column,
        frozenIndicators.filter((i) => i.column === column).map(({ category, name }) =>
          (category === null
            ? pl.col(column).isNull()
            : key.eq(pl.lit(category)).fillNull(pl.lit(false)))
            .cast(pl.Float64).alias(name)
        ),
      );
    }
    return other.select(...other.columns.flatMap((c) => expressions.get(c) ?? [pl.col(c)]));
  };

  return Object.freeze({
    options: Object.freeze({
      columns: frozenColumns,
      dropFirst: Boolean(dropFirst),
      handleUnknown,
    }),
    columns: frozenColumns,
    categories: frozenCategories,
    indicators: frozenIndicators,
    outputColumns,
    transform,
  });
}
