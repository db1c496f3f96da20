/**
 * Shared helpers that build the house error messages:
 * "Cannot <action> as <reason>: <current state>".
 *
 * @module
 */
import type { DataFrame } from "nodejs-polars";

/** How many example values an error message or finding lists at most. */
export const MAX_EXAMPLES = 5;

/**
 * Formats up to {@linkcode MAX_EXAMPLES} values for an error message, e.g. `"a", "b" and 3 more`.
 *
 * @param values The offending values.
 * @param total The total count of offending values, when more exist than were passed.
 * @returns A short, readable list.
 */
export function formatExamples(values: readonly unknown[], total = values.length): string {
  const shown = values.slice(0, MAX_EXAMPLES).map((v) =>
    typeof v === "string" ? JSON.stringify(v) : String(v)
  );
  const more = total - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/**
 * Throws a `TypeError` naming the first missing column and listing those available.
 *
 * @param df The frame to check.
 * @param columns The column names that must exist.
 * @param action What the caller was doing, e.g. `"compute RFM"`.
 * @throws {TypeError} When a column is missing.
 */
export function requireColumns(df: DataFrame, columns: readonly string[], action: string): void {
  const have = new Set(df.columns);
  const missing = columns.filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot ${action} as column${missing.length > 1 ? "s" : ""} ${formatExamples(missing)} ${
        missing.length > 1 ? "are" : "is"
      } missing: available columns are ${df.columns.join(", ")}`,
    );
  }
}

/**
 * Throws a `RangeError` when the frame has no rows.
 *
 * @param df The frame to check.
 * @param action What the caller was doing.
 * @throws {RangeError} When `df.height === 0`.
 */
export function requireRows(df: DataFrame, action: string): void {
  if (df.height === 0) {
    throw new RangeError(`Cannot ${action} as the frame is empty: 0 rows`);
  }
}

/**
 * Throws a `TypeError` naming the first column that is not numeric (integer, float or decimal).
 *
 * @param df The frame to check.
 * @param columns Columns that must be numeric (they must exist: see {@linkcode requireColumns}).
 * @param action What the caller was doing.
 * @throws {TypeError} When a column is not numeric.
 */
export function requireNumericColumns(
  df: DataFrame,
  columns: readonly string[],
  action: string,
): void {
  for (const column of columns) {
    const series = df.getColumn(column);
    if (!series.isNumeric()) {
      throw new TypeError(
        `Cannot ${action} as column "${column}" is not numeric: its dtype is ${series.dtype.variant}`,
      );
    }
  }
}
