/**
 * The check every function with column-name options shares: an option naming a column must be a
 * non-empty string. Used by the chart builders and the survival functions.
 *
 * @module
 */

/**
 * What a value is, for a message: `null`, `an array`, or its `typeof`.
 *
 * @param value Any value.
 * @returns A short description.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * Checks that a builder option naming a column is a non-empty string.
 *
 * @param value The option's value.
 * @param option The option's name, e.g. `"x"`.
 * @param action What the caller is doing, for error messages.
 * @param optional Whether `undefined` is allowed.
 * @returns The column name, or `undefined` when optional and unset.
 * @throws {TypeError} When the value is not a non-empty string (or is unset and required).
 *
 * @example A required option left out
 * ```ts
 * import assert from "node:assert/strict";
 * import { requireColumnOption } from "./column_option.ts";
 *
 * assert.equal(requireColumnOption("price", "x", "draw histogram"), "price");
 * assert.equal(requireColumnOption(undefined, "fill", "draw histogram", true), undefined);
 * assert.throws(() => requireColumnOption(undefined, "x", "draw histogram"), {
 *   name: "TypeError",
 *   message: "Cannot draw histogram as option x must name a column: got undefined",
 * });
 * ```
 */
export function requireColumnOption(value: unknown, option: string, action: string): string;
export function requireColumnOption(
  value: unknown,
  option: string,
  action: string,
  optional: boolean,
): string | undefined;
export function requireColumnOption(
  value: unknown,
  option: string,
  action: string,
  optional = false,
): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `Cannot ${action} as option ${option} must name a column: got ${
        typeof value === "string" ? '""' : describeValue(value)
      }`,
    );
  }
  return value;
}
