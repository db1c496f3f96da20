/**
 * Numeric and categorical feature extraction shared by the mixed-type segmenters (k-prototypes,
 * segment cards): one set of checks and error messages for missing, all-missing and one-level
 * features. Not part of the public API.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  MAX_EXAMPLES,
  requireColumns,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";

/** Numeric columns as Float64Arrays and categorical columns as integer codes. */
export interface MixedFeatures {
  readonly n: number;
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  /** One array per numeric feature. */
  readonly numericColumns: readonly Float64Array[];
  /** One code array per categorical feature; code `c` is `levels[j][c]`. */
  readonly codes: readonly Int32Array[];
  /** Levels of each categorical feature, sorted. */
  readonly levels: readonly (readonly string[])[];
}

/**
 * Reads and checks mixed features. Numeric: numeric dtype, not all missing, no missing value.
 * Categorical: any dtype (read as text), no missing value, at least two levels.
 *
 * @throws {TypeError} When a column is missing or a numeric one is not numeric, or a list is not
 * an array.
 * @throws {RangeError} When the frame is empty, no feature is given, a feature is listed twice,
 * a numeric feature is all missing or has missing values, or a categorical one has missing values
 * or a single level.
 */
export function mixedFeatures(
  df: DataFrame,
  numeric: readonly string[] | undefined,
  categorical: readonly string[] | undefined,
  action: string,
  options: { allowOneLevel?: boolean } = {},
): MixedFeatures {
  const num = [...(numeric ?? [])];
  const cat = [...(categorical ?? [])];
  if (num.length + cat.length === 0) {
    throw new RangeError(
      `Cannot ${action} as there is no feature: numeric and categorical are both empty`,
    );
  }
  const all = [...num, ...cat];
  const twice = all.filter((c, i) => all.indexOf(c) !== i);
  if (twice.length > 0) {
    throw new RangeError(
      `Cannot ${action} as a feature is listed twice: ${formatExamples([...new Set(twice)])}`,
    );
  }
  requireColumns(df, all, action);
  requireRows(df, action);
  requireNumericColumns(df, num, action);
  const n = df.height;
  const numericColumns = num.map((name) => {
    const values = df.select(pl.col(name).cast(pl.Float64).fillNull(pl.lit(Number.NaN)))
      .getColumn(name).toTypedArray() as Float64Array;
    const bad: number[] = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i])) {
        if (count++ < MAX_EXAMPLES) bad.push(i + 1);
      }
    }
    if (count === n) {
      throw new RangeError(
        `Cannot ${action} as numeric feature "${name}" is all missing: ${count} of ${n} rows`,
      );
    }
    if (count > 0) {
      throw new RangeError(
        `Cannot ${action} as numeric feature "${name}" has ${count} missing or non-finite values (impute or drop them first): rows ${
          formatExamples(bad, count)
        }`,
      );
    }
    return Float64Array.from(values);
  });
  const codes: Int32Array[] = [];
  const levels: string[][] = [];
  for (const name of cat) {
    const values = df.getColumn(name).cast(pl.Utf8).toArray() as (string | null)[];
    const missing: number[] = [];
    let count = 0;
    values.forEach((v, i) => {
      if (v === null && count++ < MAX_EXAMPLES) missing.push(i + 1);
    });
    if (count > 0) {
      throw new RangeError(
        `Cannot ${action} as categorical feature "${name}" has ${count} missing values (give them a level first): rows ${
          formatExamples(missing, count)
        }`,
      );
    }
    const sorted = [...new Set(values as string[])].sort();
    if (sorted.length < 2 && !options.allowOneLevel) {
      throw new RangeError(
        `Cannot ${action} as categorical feature "${name}" has one level, so it cannot separate segments: ${
          formatExamples(sorted)
        } in all ${n} rows`,
      );
    }
    const index = new Map(sorted.map((level, c) => [level, c]));
    codes.push(Int32Array.from(values, (v) => index.get(v as string)!));
    levels.push(sorted);
  }
  return { n, numeric: num, categorical: cat, numericColumns, codes, levels };
}

/** Number of distinct rows of the features, counted up to `limit`. */
export function countDistinctMixedRows(m: MixedFeatures, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < m.n && seen.size < limit; i++) {
    seen.add(rowKey(m, i));
  }
  return seen.size;
}

/** A string identifying row `i`'s feature values. */
export function rowKey(m: MixedFeatures, i: number): string {
  const parts: (number | string)[] = [];
  for (const col of m.numericColumns) parts.push(col[i]);
  for (const col of m.codes) parts.push(col[i]);
  return parts.join("\u0000");
}
