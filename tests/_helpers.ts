/**
 * Test helpers shared by every test file: closeness assertions, paths to the repository's files,
 * and seeded synthetic data. One copy here instead of one per test file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createRandom } from "../lib/core/random.ts";

/** The repository root, as an absolute path with a trailing slash. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url));

/**
 * An absolute path inside the repository.
 *
 * @param path A path relative to the repository root, e.g. `"tests/fixtures/moons_400.csv"`.
 * @returns The absolute path.
 */
export function root(path: string): string {
  return ROOT + path;
}

/**
 * Asserts closeness to a relative tolerance, absolute below 1:
 * `|actual - expected| <= tolerance * max(1, |expected|)`, for numbers or, element by element,
 * for arrays (equal lengths required). NaN equals NaN; null never equals a number.
 *
 * @param actual The computed value or values.
 * @param expected The reference value or values (write their source beside them).
 * @param tolerance The tolerance (default 1e-12).
 * @param label What is compared, for the failure message.
 * @throws {assert.AssertionError} When a value is not close.
 */
export function assertClose(
  actual: unknown,
  expected: number | ArrayLike<number>,
  tolerance = 1e-12,
  label = "value",
): void {
  if (typeof expected === "number") {
    assert.ok(
      typeof actual === "number" || typeof actual === "bigint",
      `${label}: expected a number, got ${actual}`,
    );
    check(Number(actual), expected, tolerance, label);
    return;
  }
  const values = actual as ArrayLike<unknown>;
  assert.ok(
    values !== null && typeof values === "object" && "length" in values,
    `${label}: not an array`,
  );
  assert.equal(
    values.length,
    expected.length,
    `${label}: length ${values.length} != ${expected.length}`,
  );
  for (let i = 0; i < expected.length; i++) {
    const value = values[i];
    assert.ok(
      typeof value === "number" || typeof value === "bigint",
      `${label}[${i}]: expected a number, got ${value}`,
    );
    check(Number(value), expected[i], tolerance, `${label}[${i}]`);
  }
}

function check(actual: number, expected: number, tolerance: number, label: string): void {
  if (Number.isNaN(expected) && Number.isNaN(actual)) return;
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)) ||
      actual === expected,
    `${label}: ${actual} vs ${expected} (tolerance ${tolerance})`,
  );
}

/**
 * Seeded standard-normal draws (Box-Muller on the library's generator), for synthetic fixtures.
 *
 * @param n How many values.
 * @param seed The seed (an integer from 0 to 2^32 - 1).
 * @returns `n` draws.
 */
export function normalDraws(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - random.next();
    const v = random.next();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}
