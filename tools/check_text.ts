/**
 * Checks that every number a notebook's markdown quotes is printed by a cell above it: the text
 * must not quote numbers no reader can see. A quoted number matches when an earlier output shows
 * it, rounded as quoted (`72%` matches a printed `0.7234` or `72.3%`; `GBP 302` matches
 * `301.98`), or when an earlier code cell writes it (parameters such as `k = 5`). Years, ordinals
 * in headings and a short allow-list per notebook are exempt.
 *
 * Usage: `deno run --allow-read tools/check_text.ts [notebook...]` prints the unmatched numbers.
 *
 * @module
 */

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { text?: string | string[]; data?: Record<string, unknown> }[];
}

/** A number quoted in markdown that no earlier cell prints. */
export interface Unmatched {
  /** Index of the markdown cell (0-based, all cells counted). */
  cell: number;
  /** The number as written. */
  quoted: string;
  /** Some text around it. */
  context: string;
}

const join = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join("") : value ?? "";

/** Numbers as written in prose: 4,334 / 0.85 / 72% / 3.1e-12 / -5. */
const NUMBER =
  /(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?(?![\w])|(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?%?(?![\w])/g;

function outputText(cell: Cell): string {
  const parts: string[] = [];
  for (const output of cell.outputs ?? []) {
    parts.push(join(output.text));
    for (const [mime, value] of Object.entries(output.data ?? {})) {
      if (mime.startsWith("image/png")) continue;
      parts.push(
        typeof value === "string" || Array.isArray(value)
          ? join(value as string[])
          : JSON.stringify(value),
      );
    }
  }
  return parts.join("\n");
}

/** Every number in a text, as values (percent signs dropped, separators removed). */
function values(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = Number(match[0].replace(/[,%]/g, ""));
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

function decimals(quoted: string): number {
  const body = quoted.replace(/[,%]/g, "");
  if (/e/i.test(body)) return 20;
  const dot = body.indexOf(".");
  return dot < 0 ? 0 : body.length - dot - 1;
}

function roundsTo(value: number, target: number, places: number): boolean {
  if (places >= 20) return Math.abs(value - target) <= Math.abs(target) * 0.05;
  const scale = 10 ** places;
  const rounded = Math.round(value * scale) / scale;
  // Half-way cases round either way in prose.
  return Math.abs(rounded - target) < 1e-9 * Math.max(1, Math.abs(target)) ||
    Math.abs(Math.abs(value - target) - 0.5 / scale) < 1e-9;
}

/**
 * The numbers quoted in a notebook's markdown that no earlier cell prints or writes.
 *
 * @param path The notebook.
 * @param allow Numbers (as written) exempt in this notebook.
 * @returns The unmatched numbers, in order.
 */
export function uncheckedNumbers(path: string, allow: readonly string[] = []): Unmatched[] {
  const nb = JSON.parse(Deno.readTextFileSync(path)) as { cells: Cell[] };
  const seen: number[] = [];
  const unmatched: Unmatched[] = [];
  nb.cells.forEach((cell, index) => {
    const source = join(cell.source);
    if (cell.cell_type === "code") {
      seen.push(...values(source), ...values(outputText(cell)));
      return;
    }
    if (cell.cell_type !== "markdown") return;
    // Suggestions to try are parameters, not results.
    if (/^##+\s+On your own/m.test(source)) return;
    // Headings, links, inline code, notebook numbers and years are not quoted results.
    const prose = source
      .replace(/\bnotebooks? \d\d(?:(?:, | and | or |-)\d\d)*/gi, "")
      .replace(/^#+ .*$/gm, "")
      .replace(/\]\([^)]*\)/g, "]")
      .replace(/`[^`]*`/g, "")
      .replace(/https?:\/\/\S+/g, "");
    for (const match of prose.matchAll(NUMBER)) {
      const quoted = match[0];
      const plain = quoted.replace(/[,%]/g, "");
      const value = Number(plain);
      if (!Number.isFinite(value) || allow.includes(quoted)) continue;
      if (/^(19|20)\d\d$/.test(plain) && !quoted.includes(",")) continue; // a year
      if (/^\d$/.test(plain) && !quoted.endsWith("%")) continue; // counting words: "two", "3 steps"
      const places = decimals(quoted);
      const percent = quoted.endsWith("%");
      const found = seen.some((v) =>
        roundsTo(v, value, places) || (percent && roundsTo(v * 100, value, places))
      );
      if (!found) {
        const at = match.index ?? 0;
        unmatched.push({
          cell: index,
          quoted,
          context: prose.slice(Math.max(0, at - 40), at + quoted.length + 20).replace(/\s+/g, " "),
        });
      }
    }
  });
  return unmatched;
}

if (import.meta.main) {
  const paths = Deno.args.length > 0 ? Deno.args : [...Deno.readDirSync("notebooks")]
    .filter((e) => /^\d\d_.*\.ipynb$/.test(e.name)).map((e) => `notebooks/${e.name}`).sort();
  let total = 0;
  for (const path of paths) {
    const found = uncheckedNumbers(path);
    total += found.length;
    for (const u of found) console.log(`${path} cell ${u.cell}: ${u.quoted}  … ${u.context} …`);
  }
  console.log(`${total} quoted numbers not printed above them`);
}
