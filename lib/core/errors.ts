/**
 * The house error messages, "Cannot <action> as <reason>: <current state>", and the argument and
 * frame checks every module uses. One definition each: modules never write their own integer,
 * range, column or date checks.
 *
 * Error classes follow Deno std: `TypeError` for a wrong type or a missing column, `RangeError`
 * for a value out of range.
 *
 * @module
 */
import type { DataFrame } from "./frame.ts";
import { dtypeName, isNumericDtype } from "./dtypes.ts";

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
    typeof v === "string" ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : String(v)
  );
  const more = total - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** A value for a message: strings quoted, everything else as `String` gives it. */
function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Throws a `TypeError` unless `df` is a Polars DataFrame.
 *
 * @param df The value to check.
 * @param name What it is, for the message, e.g. `"the transactions"`.
 * @param action What the caller was doing, e.g. `"compute RFM"`.
 * @returns `df`, typed.
 * @throws {TypeError} When `df` is not a DataFrame.
 */
export function requireFrame(df: unknown, name: string, action: string): DataFrame {
  if (
    df === null || typeof df !== "object" || !Array.isArray((df as DataFrame).columns) ||
    typeof (df as DataFrame).height !== "number"
  ) {
    throw new TypeError(
      `Cannot ${action} as ${name} is not a DataFrame: got ${
        df === null ? "null" : Array.isArray(df) ? "an array" : typeof df
      }`,
    );
  }
  return df as DataFrame;
}

/**
 * Throws a `TypeError` naming the missing columns and listing those available.
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
 * Throws a `TypeError` naming the first column that is not numeric. Numeric means an integer or
 * floating-point dtype ({@linkcode isNumericDtype}): Boolean and Decimal columns are refused, so
 * cast a Decimal to Float64 first.
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
    const dtype = df.getColumn(column).dtype;
    if (!isNumericDtype(dtype)) {
      throw new TypeError(
        `Cannot ${action} as column "${column}" is not numeric: its dtype is ${dtypeName(dtype)}`,
      );
    }
  }
}

/**
 * Throws unless `value` is an integer of at least `min` (and at most `max` when given).
 *
 * @param value The value to check.
 * @param name The option or argument name, for the message.
 * @param action What the caller was doing.
 * @param min The smallest allowed value (default 1).
 * @param max The largest allowed value (default: no limit).
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is not a number.
 * @throws {RangeError} When it is not an integer in range.
 */
export function requireInteger(
  value: unknown,
  name: string,
  action: string,
  min = 1,
  max = Infinity,
): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${action} as ${name} is not a number: got ${show(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`Cannot ${action} as ${name} must be an integer ${range}: got ${value}`);
  }
  return value;
}

/**
 * Throws unless `value` is a finite number.
 *
 * @param value The value to check.
 * @param name The option or argument name, for the message.
 * @param action What the caller was doing.
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is not a number.
 * @throws {RangeError} When it is NaN or infinite.
 */
export function requireFinite(value: unknown, name: string, action: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${action} as ${name} is not a number: got ${show(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot ${action} as ${name} must be a finite number: got ${value}`);
  }
  return value;
}

/**
 * Throws unless `value` is a finite number greater than zero.
 *
 * @param value The value to check.
 * @param name The option or argument name, for the message.
 * @param action What the caller was doing.
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is not a number.
 * @throws {RangeError} When it is not finite and > 0.
 */
export function requirePositive(value: unknown, name: string, action: string): number {
  requireFinite(value, name, action);
  if ((value as number) <= 0) {
    throw new RangeError(`Cannot ${action} as ${name} must be a finite number > 0: got ${value}`);
  }
  return value as number;
}

/**
 * Throws unless `value` is a finite number of at least zero.
 *
 * @param value The value to check.
 * @param name The option or argument name, for the message.
 * @param action What the caller was doing.
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is not a number.
 * @throws {RangeError} When it is not finite and >= 0.
 */
export function requireNonNegative(value: unknown, name: string, action: string): number {
  requireFinite(value, name, action);
  if ((value as number) < 0) {
    throw new RangeError(`Cannot ${action} as ${name} must be a finite number >= 0: got ${value}`);
  }
  return value as number;
}

/**
 * Throws unless `value` is a number strictly between 0 and 1 (a significance level, a power, a
 * share), or in [0, 1] with `closed`.
 *
 * @param value The value to check.
 * @param name The option or argument name, for the message.
 * @param action What the caller was doing.
 * @param closed Whether 0 and 1 themselves are allowed (default false).
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is not a number.
 * @throws {RangeError} When it is outside the interval.
 */
export function requireProbability(
  value: unknown,
  name: string,
  action: string,
  closed = false,
): number {
  requireFinite(value, name, action);
  const v = value as number;
  if (closed ? v < 0 || v > 1 : v <= 0 || v >= 1) {
    throw new RangeError(
      `Cannot ${action} as ${name} must be ${closed ? "in [0, 1]" : "in (0, 1)"}: got ${v}`,
    );
  }
  return v;
}

/**
 * Throws unless `value` is a valid `Date` (an analysis date, a cutoff). Never defaults to "now".
 *
 * @param value The value to check.
 * @param name The option name, for the message, e.g. `"asOf"`.
 * @param action What the caller was doing.
 * @returns `value`, typed.
 * @throws {TypeError} When `value` is missing or not a `Date`.
 * @throws {RangeError} When it is an invalid date.
 */
export function requireDate(value: unknown, name: string, action: string): Date {
  if (!(value instanceof Date)) {
    throw new TypeError(
      `Cannot ${action} as ${name} must be a Date, e.g. new Date("2011-12-10"): got ${
        value === undefined ? "undefined" : show(value)
      }`,
    );
  }
  if (Number.isNaN(value.getTime())) {
    throw new RangeError(`Cannot ${action} as ${name} is an invalid Date`);
  }
  return value;
}

/**
 * Throws a `RangeError` unless `value` is one of `allowed`.
 *
 * @param value The value to check.
 * @param allowed The accepted values.
 * @param name The option name, for the message.
 * @param action What the caller was doing.
 * @returns `value`, typed as the union of `allowed`.
 * @throws {RangeError} When it is not one of them.
 */
export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  action: string,
): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new RangeError(
      `Cannot ${action} as ${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}: got ${
        show(value)
      }`,
    );
  }
  return value as T;
}

/**
 * Something a function noticed in its input and handled without refusing it (rows it left out,
 * offsets it converted, quintiles it could not form), in the shape of a quality finding.
 */
export interface DataNote {
  /** Rule name, e.g. `"rows_after_as_of"`. */
  rule: string;
  /** The column concerned (`"*"` for whole rows). */
  column: string;
  /** Rows (or customers, as the rule says) concerned. */
  rows: number;
  /** Example values (at most five), already formatted. */
  examples: string[];
}

const NOTES = new WeakMap<object, readonly DataNote[]>();

/**
 * Attaches notes to a frame a function returns, for {@linkcode dataNotes} to read back.
 *
 * @param df The returned frame.
 * @param notes The notes (nothing is attached when empty).
 * @returns `df` itself.
 */
export function attachNotes<T extends object>(df: T, notes: readonly DataNote[]): T {
  if (notes.length > 0) NOTES.set(df, [...(NOTES.get(df) ?? []), ...notes]);
  return df;
}

/**
 * The notes a library function attached to the frame it returned: what it noticed in its input
 * and handled without refusing it. `readTransactions` notes `mixed_time_zone_offsets`;
 * `computeRfm` notes `rows_after_as_of` and `rows_without_customer`; `scoreRfm` notes
 * `too_few_distinct_values`. `checkTransactions` lists a transaction frame's notes among its
 * findings. Notes belong to that exact frame object: a frame derived from it (filtered, joined,
 * selected) has none.
 *
 * @param df A frame returned by a library function.
 * @returns Its notes, empty when it has none.
 *
 * @example No notes on a frame built in code
 * ```ts
 * import { dataNotes } from "./errors.ts";
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(dataNotes(pl.DataFrame({ a: [1] })), []);
 * ```
 */
export function dataNotes(df: object): readonly DataNote[] {
  return NOTES.get(df) ?? [];
}
