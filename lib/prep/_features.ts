/**
 * Feature-list checks shared by the fitted transforms in `lib/prep` (internal).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";
import { numericColumns } from "../core/feature_matrix.ts";

/**
 * The features to use: the given list, or every numeric column. Checks that each exists, is
 * numeric and is listed once, and that there is at least one.
 *
 * @throws {TypeError} When a feature is missing, not numeric or repeated, or none is numeric.
 */
export function resolveFeatures(
  df: DataFrame,
  features: readonly string[] | undefined,
  action: string,
): string[] {
  const names = features ? [...features] : numericColumns(df);
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
      `Cannot ${action} as no feature is numeric: columns are ${
        df.columns.map((c) => `${c} (${df.getColumn(c).dtype.variant})`).join(", ")
      }`,
    );
  }
  for (const name of names) {
    if (!df.getColumn(name).isNumeric()) {
      throw new TypeError(
        `Cannot ${action} as feature "${name}" is not numeric: it is ${
          df.getColumn(name).dtype.variant
        }`,
      );
    }
  }
  return names;
}

/**
 * Replaces each feature `f` by `(f - center[f]) / scale[f]` as Float64, keeping every other column
 * and the column order; nulls stay null. Used by both scalers' `transform`.
 */
export function affine(
  df: DataFrame,
  features: readonly string[],
  center: Readonly<Record<string, number>>,
  scale: Readonly<Record<string, number>>,
  inverse: boolean,
  action: string,
): DataFrame {
  resolveFeatures(df, features, action);
  return df.withColumns(
    ...features.map((f) => {
      const x = pl.col(f).cast(pl.Float64);
      const y = inverse
        ? x.mul(pl.lit(scale[f])).add(pl.lit(center[f]))
        : x.sub(pl.lit(center[f])).div(pl.lit(scale[f]));
      return y.alias(f);
    }),
  );
}

/** Column `j` of a row-major matrix with `d` columns, as a new Float64Array. */
export function column(data: Float64Array, n: number, d: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * d + j];
  return out;
}

/** A frozen record from parallel arrays of names and values. */
export function frozenRecord(
  names: readonly string[],
  values: readonly number[],
): Readonly<Record<string, number>> {
  return Object.freeze(Object.fromEntries(names.map((name, j) => [name, values[j]])));
}
