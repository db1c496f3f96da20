/**
 * Loads tests/fixtures/experiment_reference.json (written by
 * tests/reference/experiment_reference.R) and checks closeness relative to the reference.
 *
 * @module
 */
import assert from "node:assert/strict";
import { root } from "../../tests/_helpers.ts";

// deno-lint-ignore no-explicit-any
export const REFERENCE: Record<string, any[]> = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/experiment_reference.json")),
  (_key, value) => value === "Infinity" ? Infinity : value === "-Infinity" ? -Infinity : value,
);

/**
 * Asserts `|actual - expected| <= tolerance * |expected|` (equal infinities pass), returning the
 * relative error for reporting.
 */
export function assertRelative(
  actual: number,
  expected: number,
  tolerance: number,
  label: string,
): number {
  if (actual === expected) return 0;
  const error = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= tolerance, `${label}: ${actual} vs R ${expected} (relative ${error})`);
  return error;
}
