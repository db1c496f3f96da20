/**
 * Loads tests/fixtures/stats_reference.json (written by tests/reference/stats_reference.py:
 * scipy 1.10.1 values, and mpmath 1.2.1 values at 50 digits) and measures a distribution
 * function's relative error at every point of its grid.
 *
 * @module
 */
import { root } from "../../tests/_helpers.ts";

/** One grid point: distribution, function, parameters, argument, scipy value, mpmath value. */
export type ReferencePoint = [
  string,
  string,
  Record<string, number>,
  number,
  number,
  number | null,
];

const POINTS: ReferencePoint[] = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/stats_reference.json")),
).points;

/** What {@linkcode compareWithReference} measured. */
export interface Comparison {
  /** Grid points compared. */
  count: number;
  /** Per function: worst relative error against scipy where scipy is right, against mpmath. */
  worst: Record<string, { scipy: number; mpmath: number; scipyOff: number }>;
  /** Points where scipy is off and mpmath sides with us (scipy's own error above tolerance). */
  scipyOff: string[];
  /** Points that fail: off from scipy and not shown right by mpmath. */
  failures: string[];
}

function relative(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const error = Math.abs(actual - expected) / Math.abs(expected);
  return Number.isNaN(error) ? Infinity : error;
}

/**
 * Evaluates a distribution at every grid point of `distribution`. A CDF or survival value
 * passes when within `tolerance` of scipy, or, where scipy itself is off, of mpmath. A quantile
 * passes when within `tolerance` of scipy's, or else when our CDF at our quantile misses p
 * (1 - p above the median, through the survival function) by no more than mpmath's CDF at
 * scipy's quantile does: our quantile inverts the CDF at least as well as scipy's.
 *
 * @param distribution E.g. `"normal"`.
 * @param functions The distribution's `cdf`, `sf` and `quantile`.
 * @param tolerance Relative tolerance.
 * @returns What was measured.
 */
export function compareWithReference(
  distribution: string,
  functions: Record<"cdf" | "sf" | "quantile", (x: number, p: Record<string, number>) => number>,
  tolerance: number,
): Comparison {
  const result: Comparison = {
    count: 0,
    worst: {},
    scipyOff: [],
    failures: [],
  };
  for (const [dist, name, parameters, argument, scipy, exact] of POINTS) {
    if (dist !== distribution) continue;
    result.count++;
    const fn = functions[name as "cdf" | "sf" | "quantile"];
    const value = fn(argument, parameters);
    const error = relative(value, scipy);
    const worst = result.worst[name] ??= { scipy: 0, mpmath: 0, scipyOff: 0 };
    const offBefore = result.scipyOff.length;
    const where = `${name}(${argument}, ${JSON.stringify(parameters)}) = ${value}, scipy ${scipy}`;
    if (name !== "quantile") {
      if (exact !== null) worst.mpmath = Math.max(worst.mpmath, relative(value, exact));
      if (error <= tolerance) {
        worst.scipy = Math.max(worst.scipy, error);
        continue;
      }
      if (exact !== null && relative(value, exact) <= tolerance) {
        result.scipyOff.push(`${where}, mpmath ${exact}`);
      } else result.failures.push(`${where}, mpmath ${exact}`);
      worst.scipyOff += result.scipyOff.length - offBefore;
      continue;
    }
    if (error <= tolerance) {
      worst.scipy = Math.max(worst.scipy, error);
      continue;
    }
    const p = argument;
    const ours = p <= 0.5
      ? relative(functions.cdf(value, parameters), p)
      : relative(functions.sf(value, parameters), 1 - p);
    // The fixture's mpmath column is the CDF at scipy's quantile, the survival function above
    // the median.
    const theirs = exact === null ? null : relative(exact, p <= 0.5 ? p : 1 - p);
    if (theirs !== null && ours <= theirs) {
      result.scipyOff.push(`${where}: CDF misses p by ${ours}, at scipy's ${theirs} (mpmath)`);
    } else result.failures.push(`${where}: CDF misses p by ${ours}, at scipy's ${theirs}`);
    worst.scipyOff += result.scipyOff.length - offBefore;
  }
  return result;
}
