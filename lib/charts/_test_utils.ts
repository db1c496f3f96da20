/**
 * Helpers shared by the chart tests: snapshots (pretty-printed, with a line diff on failure),
 * SVG parsing and mark counting.
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

/** An opening or closing tag (attribute values hold no `<` or `>`: they are escaped). */
const TAG = /<(\/?)[A-Za-z][^<>]*?(\/?)>/g;

/**
 * Pretty-prints SVG markup for snapshots: a line break before every tag that directly follows
 * another tag (`><`), indented two spaces per open element. A leaf element with its text
 * (`<text x="8">Customers</text>`) stays on one line, and text with line breaks of its own (a
 * `<style>` sheet) is kept as it is. Deterministic, and undone exactly by
 * {@linkcode unprettySvg} (checked by {@linkcode assertSnapshot} before it writes a snapshot).
 *
 * @param svg The SVG markup, as a chart's `svg`.
 * @returns The markup, one element per line.
 *
 * @example Nested groups
 * ```ts
 * import assert from "node:assert/strict";
 * import { prettySvg, unprettySvg } from "./_test_utils.ts";
 *
 * const svg = '<svg><g fill="red"><rect width="1"/><text>a</text></g></svg>';
 * const pretty = prettySvg(svg);
 * assert.equal(pretty, '<svg>\n  <g fill="red">\n    <rect width="1"/>\n    <text>a</text>\n  </g>\n</svg>');
 * assert.equal(unprettySvg(pretty), svg);
 * ```
 */
export function prettySvg(svg: string): string {
  const segments = svg.split(/(?<=>)(?=<)/);
  const lines: string[] = [];
  let depth = 0;
  for (const segment of segments) {
    let opened = 0;
    let closed = 0;
    for (const [, close, selfClose] of segment.matchAll(TAG)) {
      if (close) closed++;
      else if (!selfClose) opened++;
    }
    // A segment starting with a closing tag belongs to the enclosing level.
    const own = segment.startsWith("</") ? Math.max(0, depth - 1) : depth;
    lines.push("  ".repeat(own) + segment);
    depth = Math.max(0, depth + opened - closed);
  }
  return lines.join("\n");
}

/**
 * Undoes {@linkcode prettySvg}: removes each line break (and its indentation) between a `>` and
 * the `<` that follows.
 *
 * @param pretty Pretty-printed markup.
 * @returns The original markup.
 *
 * @example Back to one line
 * ```ts
 * import assert from "node:assert/strict";
 * import { unprettySvg } from "./_test_utils.ts";
 *
 * assert.equal(unprettySvg("<svg>\n  <rect/>\n</svg>"), "<svg><rect/></svg>");
 * ```
 */
export function unprettySvg(pretty: string): string {
  return pretty.replace(/>\n *(?=<)/g, ">");
}

/** At most this many characters of a line are shown in a snapshot diff. */
const DIFF_LINE_WIDTH = 160;
/** Unchanged lines shown before and after the first change. */
const DIFF_CONTEXT = 3;
/** At most this many removed and added lines are shown. */
const DIFF_LINES = 8;

/**
 * A readable diff of two pretty-printed snapshots: the first region that differs, as `-`
 * (expected) and `+` (actual) lines with their line numbers, and a few unchanged lines around it.
 *
 * @param expected The stored snapshot, pretty-printed.
 * @param actual The new output, pretty-printed.
 * @returns The diff, or `""` when they are equal.
 *
 * @example One attribute changed
 * ```ts
 * import assert from "node:assert/strict";
 * import { snapshotDiff } from "./_test_utils.ts";
 *
 * const diff = snapshotDiff("<a>\n  <b x=\"1\"/>\n</a>", "<a>\n  <b x=\"2\"/>\n</a>");
 * assert.match(diff, /- +2 \|   <b x="1"\/>/);
 * assert.match(diff, /\+ +2 \|   <b x="2"\/>/);
 * ```
 */
export function snapshotDiff(expected: string, actual: string): string {
  if (expected === actual) return "";
  const a = expected.split("\n");
  const b = actual.split("\n");
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  let endA = a.length;
  let endB = b.length;
  while (endA > first && endB > first && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const width = String(Math.max(a.length, b.length)).length;
  const show = (mark: string, number: number, line: string) => {
    const text = line.length > DIFF_LINE_WIDTH ? `${line.slice(0, DIFF_LINE_WIDTH)}…` : line;
    return `${mark} ${String(number).padStart(width)} | ${text}`;
  };
  const block = (lines: string[], from: number, to: number, mark: string) => {
    const shown = lines.slice(from, Math.min(to, from + DIFF_LINES))
      .map((line, i) => show(mark, from + i + 1, line));
    if (to - from > DIFF_LINES) shown.push(`${mark} … ${to - from - DIFF_LINES} more lines`);
    return shown;
  };
  return [
    `first difference at line ${first + 1} (expected ${a.length} lines, got ${b.length}):`,
    ...block(a, Math.max(0, first - DIFF_CONTEXT), first, " "),
    ...block(a, first, endA, "-"),
    ...block(b, first, endB, "+"),
    ...block(a, endA, Math.min(a.length, endA + DIFF_CONTEXT), " "),
  ].join("\n");
}

/**
 * Compares `actual` with `__snapshots__/<name>.svg.snap` beside this file. The files hold the
 * SVG pretty-printed ({@linkcode prettySvg}: one element per line), so a change shows up as a
 * readable line diff, which the failure message prints ({@linkcode snapshotDiff}). With the
 * environment variable `UPDATE_SNAPSHOTS=1` it (re)writes the file instead, after checking that
 * the pretty-printed form undoes exactly to `actual`. The `.snap` extension keeps `deno fmt`
 * from reformatting the files.
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
  const pretty = prettySvg(actual);
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
    assert.equal(
      unprettySvg(pretty),
      actual,
      `Snapshot ${name}: pretty-printing is not reversible`,
    );
    await Deno.writeTextFile(url, `${pretty}\n`);
    return;
  }
  let expected: string;
  try {
    expected = (await Deno.readTextFile(url)).replace(/\n$/, "");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      assert.fail(`Snapshot ${name}.svg.snap is missing: run the tests with UPDATE_SNAPSHOTS=1`);
    }
    throw error;
  }
  if (pretty !== expected) {
    assert.fail(
      `Snapshot ${name}.svg.snap differs, ${snapshotDiff(expected, pretty)}\n` +
        `If the change is intended, run the tests with UPDATE_SNAPSHOTS=1 and review the diff`,
    );
  }
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
