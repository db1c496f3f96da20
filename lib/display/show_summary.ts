/**
 * Objects that read like a report: a plain object of results (a model's fit statistics, a few
 * headline numbers) displayed as a two-column table with rounded values.
 *
 * @module
 */
import { escapeXml } from "../core/xml.ts";
import { requireInteger } from "../core/errors.ts";
import { JUPYTER_DISPLAY } from "../charts/chart.ts";
import { formatForName, formatValue, type ShownTable, showTable } from "./show_table.ts";
import type { DataFrame } from "../core/frame.ts";

/** Options for {@linkcode showSummary}. */
export interface ShowSummaryOptions {
  /** Significant digits for plain numbers (default 4). */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
}

/** A displayable summary: the object as given, and its fields as display text. */
export interface ShownSummary {
  /** The object, unchanged (full precision). */
  readonly data: object;
  /** One `[field, value]` pair per displayed line; nested fields as `outer.inner`. */
  readonly rows: readonly (readonly [string, string])[];
  /** An aligned plain-text rendering. */
  readonly text: string;
  /** The HTML table. */
  readonly html: string;
  /**
   * The MIME bundle Deno's Jupyter kernel displays: `text/html` and `text/plain`.
   *
   * @returns The display bundle.
   */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

function isFrame(value: unknown): value is DataFrame {
  return value !== null && typeof value === "object" &&
    Array.isArray((value as DataFrame).columns) &&
    typeof (value as DataFrame).height === "number" &&
    typeof (value as DataFrame).getColumn === "function";
}

function flatten(
  value: unknown,
  prefix: string,
  digits: number,
  out: [string, string][],
  frames: [string, ShownTable][],
): void {
  if (isFrame(value)) {
    // A table inside the object is shown as a table below the fields, not as text in a cell.
    out.push([prefix, `table below (${value.height} rows)`]);
    frames.push([prefix, showTable(value, { digits })]);
    return;
  }
  if (
    value !== null && typeof value === "object" && !(value instanceof Date) &&
    !Array.isArray(value) && !ArrayBuffer.isView(value)
  ) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      flatten(inner, prefix ? `${prefix}.${key}` : key, digits, out, frames);
    }
    return;
  }
  const name = prefix.split(".").pop() ?? prefix;
  const format = formatForName(name);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, 12).map((v) => formatValue(v, format, digits)).join(", ");
    out.push([prefix, items.length > 12 ? `${shown}, … (${items.length} in all)` : shown]);
    return;
  }
  out.push([prefix, formatValue(value, format, digits)]);
}

/**
 * Displays a plain object of results as a two-column table: one line per field (nested objects
 * as `outer.inner`, arrays as lists, frames as tables below the fields), numbers rounded like
 * {@linkcode showTable} (4 significant
 * digits; `*_share`/`*_rate` as %, money names to 2 decimals, `p_value` like 3.1e-12). The object
 * is not changed. Use it where a cell would otherwise print a raw object with 17-digit floats.
 *
 * @param data The object.
 * @param options Digits and a caption.
 * @returns A displayable summary.
 * @throws {TypeError} When `data` is not a plain object.
 *
 * @example A model's fit statistics
 * ```ts
 * import assert from "node:assert/strict";
 * import { showSummary } from "./show_summary.ts";
 *
 * const shown = showSummary({ inertia: 65.56840815571681, sizes: [39, 81], top_share: 0.3206 });
 * assert.deepEqual(shown.rows, [["inertia", "65.57"], ["sizes", "39, 81"], ["top_share", "32.1%"]]);
 * ```
 */
export function showSummary(
  data: object,
  options: ShowSummaryOptions = {},
): ShownSummary {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new TypeError(
      `Cannot show summary as data must be a plain object: got ${
        data === null ? "null" : Array.isArray(data) ? "an array" : typeof data
      }`,
    );
  }
  const digits = requireInteger(options.digits ?? 4, "digits", "show summary", 1, 15);
  const rows: [string, string][] = [];
  const frames: [string, ShownTable][] = [];
  flatten(data, "", digits, rows, frames);
  const width = Math.max(5, ...rows.map(([k]) => k.length));
  const text = [
    ...(options.caption ? [options.caption] : []),
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
    ...frames.flatMap(([k, table]) => ["", `${k}:`, table.text]),
  ].join("\n");
  const html = [
    "<table>",
    ...(options.caption ? [`<caption>${escapeXml(options.caption)}</caption>`] : []),
    "<tbody>",
    ...rows.map(([k, v]) =>
      `<tr><th style="text-align:left">${escapeXml(k)}</th><td style="text-align:right">${
        escapeXml(v)
      }</td></tr>`
    ),
    "</tbody>",
    "</table>",
    ...frames.flatMap(([k, table]) => [`<p><strong>${escapeXml(k)}</strong></p>`, table.html]),
  ].join("\n");
  return Object.freeze({
    data,
    rows,
    text,
    html,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html, "text/plain": text }),
  });
}
