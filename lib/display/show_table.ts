/**
 * Tables that read like a report: a frame displayed with its numbers rounded for reading, while
 * the frame itself keeps full precision.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { requireFrame, requireInteger } from "../core/errors.ts";
import { escapeXml } from "../core/xml.ts";
import { isNumericDtype, isTemporalDtype } from "../core/dtypes.ts";
import { JUPYTER_DISPLAY } from "../charts/chart.ts";
import { logSuppression, smallCellThreshold, suppressCountColumns } from "./small_cells.ts";

/** How a column's values are written. */
export type ColumnFormat = "percent" | "money" | "pValue" | "number" | "integer" | "text" | "date";

/** Options for {@linkcode showTable}. */
export interface ShowTableOptions {
  /** Significant digits for plain numbers (default 4). */
  digits?: number;
  /** Rows shown at most (default 20); a footer says how many more there are. */
  maxRows?: number;
  /** Columns shown as percentages (values are shares: 0.455 shows as 45.5%). */
  percent?: readonly string[];
  /** Columns shown as money: two decimals with thousands separators. */
  money?: readonly string[];
  /** Columns shown as p-values: two significant digits, scientific below 0.001. */
  pValue?: readonly string[];
  /** Columns shown as plain numbers whatever their name suggests (e.g. a standardised `monetary`). */
  number?: readonly string[];
  /** Columns to show first (default: a text column named segment, name, description or label). */
  lead?: readonly string[];
  /** A caption above the table. */
  caption?: string;
  /**
   * Small-cell threshold: customer counts under it are hidden (see `suppressCountColumns`). Default:
   * the `CUSTOMER_LENS_MIN_CELL` environment variable, which `deno task analyze` sets in runs on an
   * analyst's own data; unset, nothing is hidden. `null`: never hide.
   */
  minCell?: number | null;
}

/** A displayable table: the frame as given, and its rows as display text. */
export interface ShownTable {
  /** The frame (full precision; with small customer counts hidden when a threshold applies). */
  readonly data: DataFrame;
  /** Column names in display order. */
  readonly columns: readonly string[];
  /** The format chosen for each column. */
  readonly formats: Readonly<Record<string, ColumnFormat>>;
  /** The displayed rows as text, one array per row in `columns` order. */
  readonly rows: readonly (readonly string[])[];
  /** An aligned plain-text rendering (what a text-only front end shows). */
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

const PERCENT = /(^|_)(share|rate|pct|percent|retention)(_|$)/i;
const MONEY =
  /(^|_)(revenue|monetary|price|spend|spent|amount|sales|gbp|clv|cost|aov|charges?|profit)(_|$)/i;
const P_VALUE = /(^|_)p_?value(_|$)|^p$/i;
const LEAD = ["segment", "name", "description", "label"];
/** A number written as text with more decimals than a reader needs. */
const LONG_DECIMAL = /^-?\d+\.\d{5,}$/;

function significant(value: number, digits: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e15 || magnitude < 1e-4) {
    return value.toExponential(digits - 1).replace(/\.?0+e/, "e");
  }
  // Whole digits are never rounded away: 18,225.36 shows as 18,225, not 18,230.
  if (magnitude >= 10 ** (digits - 1)) return Math.round(value).toLocaleString("en-US");
  const rounded = Number(value.toPrecision(digits));
  // Digits after the point: enough for `digits` significant ones, at most 6.
  const decimals = Math.min(6, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded)))));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

/**
 * Writes one value in a column's format. Missing values are empty; NaN and infinities are
 * written as such.
 *
 * @param value The value.
 * @param format The column's format.
 * @param digits Significant digits for plain numbers.
 * @returns The display text.
 *
 * @example Float noise disappears, shares become percentages
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatValue } from "./show_table.ts";
 *
 * assert.equal(formatValue(0.9909999999999999, "number", 4), "0.991");
 * assert.equal(formatValue(78054.99999999999, "money", 4), "78,055.00");
 * assert.equal(formatValue(0.455, "percent", 4), "45.5%");
 * assert.equal(formatValue(3.1234e-12, "pValue", 4), "3.1e-12");
 * assert.equal(formatValue(18225.359999999997, "number", 4), "18,225");
 * ```
 */
export function formatValue(value: unknown, format: ColumnFormat, digits: number): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
  }
  if (typeof value === "bigint") value = Number(value);
  if (typeof value === "string" && format === "text" && LONG_DECIMAL.test(value)) {
    // Numbers already written as text (describe's mixed columns): rounded like numbers.
    return significant(Number(value), digits);
  }
  if (typeof value !== "number") {
    return Array.isArray(value) ? value.map(String).join(" | ") : String(value);
  }
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case "percent": {
      // One decimal from 1% up (2.0%, 24.9%); two significant digits below (0.27%).
      const pct = value * 100;
      return `${Math.abs(pct) >= 1 || pct === 0 ? pct.toFixed(1) : Number(pct.toPrecision(2))}%`;
    }
    case "money":
      return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case "pValue":
      // A p-value of exactly 0 underflowed: it is below the smallest double, not zero.
      if (value === 0) return "< 1e-300";
      return value < 0.001 ? value.toExponential(1) : Number(value.toPrecision(2)).toString();
    case "integer":
      return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
    default:
      return Number.isInteger(value) && Math.abs(value) < 1e15
        ? value.toLocaleString("en-US")
        : significant(value, digits);
  }
}

/**
 * The format a value named `name` gets from its name alone (shares as percentages, money, p-values),
 * or `"number"`.
 *
 * @param name A column or field name.
 * @returns The format.
 */
export function formatForName(name: string): ColumnFormat {
  if (P_VALUE.test(name)) return "pValue";
  if (PERCENT.test(name)) return "percent";
  if (MONEY.test(name)) return "money";
  return "number";
}

function chooseFormat(df: DataFrame, column: string, options: ShowTableOptions): ColumnFormat {
  if (options.number?.includes(column)) return "number";
  if (options.percent?.includes(column)) return "percent";
  if (options.money?.includes(column)) return "money";
  if (options.pValue?.includes(column)) return "pValue";
  const dtype = df.getColumn(column).dtype;
  if (isTemporalDtype(dtype)) return "date";
  if (!isNumericDtype(dtype)) return "text";
  if (/^(Int|UInt)/.test(dtype.variant)) return "integer";
  if (P_VALUE.test(column)) return "pValue";
  if (PERCENT.test(column)) return "percent";
  if (MONEY.test(column)) return "money";
  return "number";
}

/**
 * Displays a frame as a report table: numbers rounded for reading (4 significant digits; shares
 * as percentages; money to 2 decimals with thousands separators; p-values like `3.1e-12`),
 * dates as ISO dates, readable name columns first, at most `maxRows` rows. The frame is not
 * changed and keeps full precision: the rounding is for display only. Formats are chosen from
 * the dtype and the column name (`*_share`, `*_rate`, `retention` as %; `revenue`, `monetary`,
 * `price`, `spend`, `clv`, ... as money; `p_value` as a p-value), and the options override them.
 *
 * In Jupyter it shows as an HTML table (kept by untrusted notebooks too) with a plain-text
 * alternative.
 *
 * @param df The frame to show; not modified.
 * @param options Digits, row limit, column formats, leading columns and a caption.
 * @returns A displayable table.
 * @throws {TypeError} When `df` is not a DataFrame or a named column is missing.
 * @throws {RangeError} When `digits` or `maxRows` is not a positive integer.
 *
 * @example A segment summary
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { showTable } from "./show_table.ts";
 *
 * const summary = pl.DataFrame({
 *   customers: [120, 80],
 *   revenue_share: [0.6543, 0.3457],
 *   monetary: [1234.5678, 99.999999],
 *   segment: ["Champions", "At risk"],
 * });
 * const shown = showTable(summary);
 * assert.deepEqual(shown.columns, ["segment", "customers", "revenue_share", "monetary"]);
 * assert.deepEqual(shown.rows[0], ["Champions", "120", "65.4%", "1,234.57"]);
 * assert.equal(summary.getColumn("monetary").get(0), 1234.5678);
 * ```
 */
export function showTable(table: DataFrame, options: ShowTableOptions = {}): ShownTable {
  const action = "show table";
  requireFrame(table, "the table", action);
  // Runs on an analyst's own data (deno task analyze sets CUSTOMER_LENS_MIN_CELL) hide small
  // customer counts; the bundled runs show every count.
  const threshold = options.minCell === undefined
    ? smallCellThreshold()
    : options.minCell ?? undefined;
  const suppression = threshold === undefined
    ? undefined
    : suppressCountColumns(table, { threshold });
  const df = suppression?.table ?? table;
  if (suppression !== undefined && suppression.columns.length > 0) {
    logSuppression({
      source: "report table",
      columns: suppression.columns,
      primary: suppression.primary,
      secondary: suppression.secondary,
    });
  }
  const digits = requireInteger(options.digits ?? 4, "digits", action, 1, 15);
  const maxRows = requireInteger(options.maxRows ?? 20, "maxRows", action, 1);
  for (
    const name of [
      ...options.percent ?? [],
      ...options.money ?? [],
      ...options.pValue ?? [],
      ...options.number ?? [],
    ]
  ) {
    if (!df.columns.includes(name)) {
      throw new TypeError(
        `Cannot ${action} as column "${name}" is missing: available columns are ${
          df.columns.join(", ")
        }`,
      );
    }
  }
  const lead = (options.lead ??
    df.columns.filter((c) => LEAD.includes(c) && !isNumericDtype(df.getColumn(c).dtype)))
    .filter((c) => df.columns.includes(c));
  const columns = [...lead, ...df.columns.filter((c) => !lead.includes(c))];
  const formats: Record<string, ColumnFormat> = {};
  for (const c of columns) formats[c] = chooseFormat(df, c, options);
  const head = df.head(maxRows);
  const values = columns.map((c) => head.getColumn(c).toArray() as unknown[]);
  const hidden = suppression?.hidden ?? {};
  const rows = Array.from(
    { length: head.height },
    (_, i) =>
      columns.map((c, j) =>
        hidden[c]?.includes(i) ? "(hidden)" : formatValue(values[j][i], formats[c], digits)
      ),
  );
  const more = df.height - head.height;
  const suppressed = (suppression?.primary ?? 0) + (suppression?.secondary ?? 0);
  const footer = [
    more > 0
      ? `${more.toLocaleString("en-US")} more rows (${df.height.toLocaleString("en-US")} in all)`
      : "",
    suppressed > 0
      ? `${suppressed} ${
        suppressed === 1 ? "count" : "counts"
      } hidden: under the small-cell threshold of ${threshold} customers, or revealing one from the totals`
      : "",
  ].filter((f) => f !== "").join("; ");
  const numeric = columns.map((c) => !["text", "date"].includes(formats[c]));
  const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, j) => numeric[j] ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))
      .join("  ").trimEnd();
  const text = [
    ...(options.caption ? [options.caption] : []),
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    ...(footer ? [footer] : []),
  ].join("\n");
  const cell = (tag: string, content: string, j: number) =>
    `<${tag}${
      numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"'
    }>${content}</${tag}>`;
  const html = [
    "<table>",
    ...(options.caption ? [`<caption>${escapeXml(options.caption)}</caption>`] : []),
    // Underscores may break, so long snake_case headers wrap instead of widening the table.
    `<thead><tr>${
      columns.map((c, j) => cell("th", escapeXml(c).replace(/_/g, "_<wbr>"), j)).join("")
    }</tr></thead>`,
    "<tbody>",
    ...rows.map((r) => `<tr>${r.map((v, j) => cell("td", escapeXml(v), j)).join("")}</tr>`),
    "</tbody>",
    "</table>",
    ...(footer ? [`<p>${footer}</p>`] : []),
  ].join("\n");
  return Object.freeze({
    data: df,
    columns,
    formats,
    rows,
    text,
    html,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html, "text/plain": text }),
  });
}
