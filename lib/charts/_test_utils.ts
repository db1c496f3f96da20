/**
 * Helpers shared by the chart tests: snapshots, SVG parsing and mark counting.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { Resvg } from "@resvg/resvg-js";

/** The element members the tests read (Deno's types have no DOM). */
export interface TestElement {
  readonly localName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<TestElement>;
  querySelector(selector: string): TestElement | null;
}

/**
 * Parses `svg` as XML twice: strictly with resvg (which rejects malformed XML and a missing
 * namespace) and with linkedom for querying. Asserts the root is an `<svg>` with both namespaces.
 *
 * @param svg An SVG document string.
 * @returns The root `<svg>` element.
 * @throws {AssertionError} When the string is not a standalone SVG document.
 *
 * @example Parse a tiny SVG
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSvg } from "./_test_utils.ts";
 *
 * const root = parseSvg(
 *   '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1" height="1"/>',
 * );
 * assert.equal(root.localName, "svg");
 * ```
 */
export function parseSvg(svg: string): TestElement {
  const size = new Resvg(svg).innerBBox();
  assert.ok(size === undefined || size.width >= 0, "resvg parses the SVG");
  const document = new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as {
    documentElement: TestElement;
  };
  const root = document.documentElement;
  assert.equal(root.localName, "svg");
  assert.equal(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.equal(root.getAttribute("xmlns:xlink"), "http://www.w3.org/1999/xlink");
  return root;
}

/**
 * Counts the `tag` elements inside Plot's mark group(s) with `aria-label="label"`.
 *
 * @param root The parsed chart.
 * @param label The mark's aria-label, e.g. `"rect"`, `"bar"`, `"line"`, `"cell"`.
 * @param tag The element drawn per datum, e.g. `"rect"`, `"path"`, `"circle"`.
 * @returns How many there are.
 *
 * @example Count rectangles in a mark group
 * ```ts
 * import assert from "node:assert/strict";
 * import { countMarks, parseSvg } from "./_test_utils.ts";
 *
 * const root = parseSvg(
 *   '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9">' +
 *     '<g aria-label="bar"><rect width="1" height="1"/><rect width="1" height="1"/></g></svg>',
 * );
 * assert.equal(countMarks(root, "bar", "rect"), 2);
 * ```
 */
export function countMarks(root: TestElement, label: string, tag: string): number {
  let count = 0;
  for (const group of Array.from(root.querySelectorAll(`g[aria-label="${label}"]`))) {
    count += group.querySelectorAll(tag).length;
  }
  return count;
}

/**
 * The texts of all `<text>` elements, in document order.
 *
 * @param root The parsed chart.
 * @returns Their text content.
 *
 * @example Read the labels
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSvg, texts } from "./_test_utils.ts";
 *
 * const root = parseSvg(
 *   '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9">' +
 *     "<text>a</text><text>b</text></svg>",
 * );
 * assert.deepEqual(texts(root), ["a", "b"]);
 * ```
 */
export function texts(root: TestElement): string[] {
  return Array.from(root.querySelectorAll("text")).map((t) => t.textContent ?? "");
}

/**
 * Compares `actual` with `__snapshots__/<name>.svg.snap` beside this file. With the environment
 * variable `UPDATE_SNAPSHOTS=1` it (re)writes the file instead. The files hold the SVG exactly;
 * the `.snap` extension keeps `deno fmt` from reformatting them (it formats `.svg`).
 *
 * @param name Snapshot name, e.g. `"histogram"`.
 * @param actual The chart's SVG.
 * @returns Once compared or written.
 * @throws {AssertionError} When the snapshot differs or does not exist.
 *
 * @example Compare with a snapshot (skipped: needs the snapshot files)
 * ```ts ignore
 * import { assertSnapshot } from "./_test_utils.ts";
 *
 * await assertSnapshot("histogram", "<svg/>");
 * ```
 */
export async function assertSnapshot(name: string, actual: string): Promise<void> {
  const url = new URL(`./__snapshots__/${name}.svg.snap`, import.meta.url);
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
    await Deno.writeTextFile(url, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      assert.fail(`Snapshot ${name}.svg.snap is missing: run the tests with UPDATE_SNAPSHOTS=1`);
    }
    throw error;
  }
  assert.ok(
    actual === expected,
    `Snapshot ${name}.svg.snap differs (${actual.length} vs ${expected.length} characters): ` +
      `if the change is intended, run the tests with UPDATE_SNAPSHOTS=1 and review the diff`,
  );
}

/**
 * Deterministic pseudo-random numbers in [0, 1) from a seed (a 32-bit LCG), for test data.
 *
 * @param n How many numbers.
 * @param seed The seed.
 * @returns The numbers.
 *
 * @example Same seed, same numbers
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededUniform } from "./_test_utils.ts";
 *
 * assert.deepEqual(seededUniform(3, 7), seededUniform(3, 7));
 * ```
 */
export function seededUniform(n: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  });
}
