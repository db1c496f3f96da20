/**
 * Polars dtype questions asked everywhere: is a column numeric, temporal; its readable name; a
 * numeric column as a `Float64Array`. "Numeric" has one meaning in the library: an integer or
 * floating-point dtype (not Boolean, not Decimal).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, DataType } from "./frame.ts";

const NUMERIC_VARIANTS: ReadonlySet<string> = new Set([
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
  "Float32",
  "Float64",
]);

/**
 * Whether a dtype is an integer or floating-point type (Boolean and Decimal are not).
 *
 * @param dtype The dtype.
 * @returns True for Int8..UInt64, Float32 and Float64.
 */
export function isNumericDtype(dtype: DataType): boolean {
  return NUMERIC_VARIANTS.has(dtype.variant);
}

/**
 * Whether a column of `df` has a numeric dtype ({@linkcode isNumericDtype}).
 *
 * @param df The frame (the column must exist).
 * @param column The column name.
 * @returns True when numeric.
 */
export function isNumericColumn(df: DataFrame, column: string): boolean {
  return isNumericDtype(df.getColumn(column).dtype);
}

/**
 * Whether a dtype is `Date` or `Datetime`.
 *
 * @param dtype The dtype.
 * @returns True for Date and Datetime of any unit and zone.
 */
export function isTemporalDtype(dtype: DataType): boolean {
  return dtype.variant === "Date" || dtype.variant === "Datetime";
}

/**
 * A readable dtype name: `Float64`, `String`, `Date`, `Datetime(ms)`, `Datetime(us, UTC)`.
 *
 * @param dtype The dtype.
 * @returns Its name for messages.
 */
export function dtypeName(dtype: DataType): string {
  if (dtype.variant === "Datetime") {
    const [unit, zone] = (dtype as unknown as { inner: (string | null | undefined)[] }).inner;
    return zone ? `Datetime(${unit}, ${zone})` : `Datetime(${unit})`;
  }
  return dtype.variant;
}

/**
 * Throws a `TypeError` unless `column` of `df` is a Date or Datetime column.
 *
 * @param df The frame holding the column (the column must exist).
 * @param column The column name.
 * @param action What the caller was doing, for the message.
 * @throws {TypeError} When the column is not temporal.
 */
export function requireTemporal(df: DataFrame, column: string, action: string): void {
  const dtype = df.getColumn(column).dtype;
  if (!isTemporalDtype(dtype)) {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not a Date or Datetime: its dtype is ${
        dtypeName(dtype)
      }`,
    );
  }
}

/**
 * A numeric column as a `Float64Array`, with `NaN` where the value is null (or already NaN).
 * Costs one Polars cast and one copy, O(n).
 *
 * @param df The frame (the column must exist).
 * @param column The column name.
 * @param action What the caller was doing, for the message when the column is not numeric.
 * @returns The values, `NaN` marking missing ones.
 * @throws {TypeError} When the column is not numeric.
 */
export function numericValues(df: DataFrame, column: string, action: string): Float64Array {
  const dtype = df.getColumn(column).dtype;
  if (!isNumericDtype(dtype)) {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not numeric: its dtype is ${dtypeName(dtype)}`,
    );
  }
  return df.select(pl.col(column).cast(pl.Float64).fillNull(pl.lit(NaN))).getColumn(column)
    .toTypedArray() as Float64Array;
}
