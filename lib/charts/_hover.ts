/**
 * Hover titles: each bar, dot or cell of a chart carries an SVG `<title>` naming its values,
 * which a browser shows as a tooltip wherever the SVG is inline (the HTML report, a trusted or
 * re-run Notebook). No script is needed. JupyterLab draws SVG outputs as images, where no tooltip
 * can show, and untrusted notebooks show the PNG.
 *
 * @module
 */
import type { ChartRow } from "./chart_data.ts";

/** Marks with more elements than this get no titles (they would add ~50 bytes each). */
export const MAX_HOVER_ELEMENTS = 300;

/** A value as a tooltip shows it: numbers to 4 significant digits, dates as ISO dates. */
export function hoverValue(value: unknown): string {
  if (value === null || value === undefined) return "missing";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    return Number.isInteger(value) && Math.abs(value) < 1e15
      ? value.toLocaleString("en-US")
      : String(Number(value.toPrecision(4)));
  }
  return String(value);
}

/**
 * The `title` channel for a mark: one line per named column, `column: value`; or nothing when
 * the mark has more than {@linkcode MAX_HOVER_ELEMENTS} rows.
 *
 * @param rows The mark's rows.
 * @param columns The columns to show, in order (undefined entries are skipped).
 * @returns `{ title }` to spread into the mark's options, or `{}`.
 */
export function hoverTitle(
  rows: readonly ChartRow[],
  columns: readonly (string | undefined)[],
): { title?: (row: ChartRow) => string } {
  const shown = [...new Set(columns.filter((c): c is string => c !== undefined))];
  if (rows.length > MAX_HOVER_ELEMENTS || shown.length === 0) return {};
  return { title: (row) => shown.map((c) => `${c}: ${hoverValue(row[c])}`).join("\n") };
}
