/**
 * Argument checks shared by the distribution functions.
 *
 * @module
 */
import { requirePositive } from "../core/errors.ts";

/**
 * Throws unless `value` is a number other than NaN (infinities are allowed: `cdf(-Infinity)` is
 * 0).
 */
export function requireArgument(value: unknown, name: string, action: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`Cannot ${action} as ${name} is not a number: got ${String(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`Cannot ${action} as ${name} is NaN: got NaN`);
  return value;
}

/** Throws unless `df` is a number > 0 (Infinity allowed, meaning the limiting distribution). */
export function requireDegreesOfFreedom(
  df: unknown,
  action: string,
  allowInfinity = false,
): number {
  if (allowInfinity && df === Infinity) return df;
  return requirePositive(df, "df", action);
}
