/**
 * Turns a chart builder's `data` argument into records Plot can draw, checking columns.
 *
 * @module
 */
import { describeValue, requireColumnOption } from "../core/column_option.ts";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples } from "../core/errors.ts";

/** One row of chart data: column name to value. */
export type ChartRow = Readonly<Record<string, unknown>>;

/** What chart builders accept: a nodejs-polars DataFrame or an array of records. */
export type ChartData = DataFrame | readonly ChartRow[];

function isDataFrame(data: unknown): data is DataFrame {
  return typeof data === "object" && data !== null && !Array.isArray(data) &&
    typeof (data as DataFrame).toRecords === "function" &&
    Array.isArray((data as DataFrame).columns);
}

/**
 * Returns the rows of `data` as plain records after checking that every named column exists
 * and that there is at least one row. A DataFrame is converted with `toRecords()` (Date and
 * Datetime columns come back as JS `Date`). For an array, the available columns are the union
 * of the records' keys. Undefined entries in `columns` (unset options) are skipped.
 *
 * Cost: O(rows × columns) for an array (to collect keys); `toRecords()` for a DataFrame.
 *
 * @param data A nodejs-polars DataFrame or an array of records.
 * @param columns Column names the chart reads; `undefined` entries are ignored.
 * @param action What the caller is doing, for error messages, e.g. `"draw histogram"`.
 * @returns The rows as records (a new array; the input is not changed).
 * @throws {TypeError} When `data` is neither a DataFrame nor an array, or a column is missing.
 * @throws {RangeError} When `data` has no rows.
 *
 * @example Rows from an array, with a missing column reported
 * ```ts
 * import assert from "node:assert/strict";
 * import { chartRows } from "./chart_data.ts";
 *
 * const rows = chartRows([{ a: 1, b: 2 }], ["a", undefined], "draw chart");
 * assert.deepEqual(rows, [{ a: 1, b: 2 }]);
 * assert.throws(() => chartRows([{ a: 1 }], ["z"], "draw chart"), {
 *   name: "TypeError",
 *   message: 'Cannot draw chart as column "z" is missing: available columns are a',
 * });
 * ```
 */
export function chartRows(
  data: ChartData,
  columns: readonly (string | undefined)[],
  action: string,
): ChartRow[] {
  let available: readonly string[];
  let rows: () => ChartRow[];
  if (isDataFrame(data)) {
    available = data.columns;
    rows = () => data.toRecords() as ChartRow[];
  } else if (Array.isArray(data)) {
    const keys = new Set<string>();
    for (const row of data as readonly ChartRow[]) {
      if (typeof row !== "object" || row === null) {
        throw new TypeError(
          `Cannot ${action} as data must hold records: found ${describeValue(row)} in the array`,
        );
      }
      for (const key of Object.keys(row)) keys.add(key);
    }
    available = [...keys];
    rows = () => [...(data as readonly ChartRow[])];
  } else {
    throw new TypeError(
      `Cannot ${action} as data is not a DataFrame or an array of records: got ${
        describeValue(data)
      }`,
    );
  }
  const wanted = columns.filter((c): c is string => c !== undefined);
  const have = new Set(available);
  const missing = [...new Set(wanted.filter((c) => !have.has(c)))];
  if (missing.length > 0 && available.length > 0) {
    throw new TypeError(
      `Cannot ${action} as column${missing.length > 1 ? "s" : ""} ${formatExamples(missing)} ${
        missing.length > 1 ? "are" : "is"
      } missing: available columns are ${available.join(", ")}`,
    );
  }
  const result = rows();
  if (result.length === 0) {
    throw new RangeError(`Cannot ${action} as the data is empty: 0 rows`);
  }
  return result;
}

/**
 * Checks that every non-missing value of `column` is a finite number (or, when `allowDates`, a
 * `Date`), so Plot does not silently draw nothing.
 *
 * @param rows Records from {@linkcode chartRows}.
 * @param column The column to check.
 * @param action What the caller is doing, for error messages.
 * @param allowDates Whether `Date` values are accepted too.
 * @returns The number of non-missing values.
 * @throws {TypeError} When a value is neither null/undefined/NaN nor a number (or Date).
 *
 * @example A text column is rejected
 * ```ts
 * import assert from "node:assert/strict";
 * import { requireNumericColumn } from "./chart_data.ts";
 *
 * assert.equal(requireNumericColumn([{ x: 1 }, { x: null }], "x", "draw histogram"), 1);
 * assert.throws(() => requireNumericColumn([{ x: "a" }], "x", "draw histogram"), TypeError);
 * ```
 */
export function requireNumericColumn(
  rows: readonly ChartRow[],
  column: string,
  action: string,
  allowDates = false,
): number {
  const bad: unknown[] = [];
  let badCount = 0;
  let present = 0;
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined || Number.isNaN(value)) continue;
    if (typeof value === "number" || (allowDates && value instanceof Date)) {
      present++;
      continue;
    }
    badCount++;
    if (bad.length < 5) bad.push(value instanceof Date ? value.toISOString() : value);
  }
  if (badCount > 0) {
    throw new TypeError(
      `Cannot ${action} as column "${column}" is not numeric${
        allowDates ? " or dates" : ""
      }: ${badCount} value${badCount === 1 ? "" : "s"} such as ${formatExamples(bad, badCount)}`,
    );
  }
  return present;
}

export { requireColumnOption };

/** Which options of a chart builder name columns, and what those columns must hold. */
export interface ChartColumnSpec<R extends string, O extends string> {
  /** Options that must name a column. */
  readonly required: readonly R[];
  /** Options that may name a column. */
  readonly optional?: readonly O[];
  /** Of those, the columns that must be numeric (see {@linkcode requireNumericColumn}). */
  readonly numeric?: readonly (R | O)[];
  /** Of those, the columns that must be numeric or dates. */
  readonly numericOrDate?: readonly (R | O)[];
}

/** What {@linkcode chartColumns} returns: the rows and the column each option names. */
export interface ChartColumns<R extends string, O extends string> {
  /** The rows as records. */
  readonly rows: ChartRow[];
  /** The column named by each option (optional ones may be undefined). */
  readonly columns: Readonly<Record<R, string> & Partial<Record<O, string>>>;
}

/**
 * The first steps of every chart builder in one call: checks the options that name columns
 * ({@linkcode requireColumnOption}), reads the rows ({@linkcode chartRows}) and checks that the
 * numeric columns are numeric ({@linkcode requireNumericColumn}).
 *
 * @param data A nodejs-polars DataFrame or an array of records.
 * @param options The builder's options.
 * @param spec Which options name columns, and which of those must be numeric.
 * @param action What the caller is doing, for error messages, e.g. `"draw bar chart"`.
 * @returns The rows and the named columns.
 * @throws {TypeError} When an option does not name a column, a column is missing or a numeric
 * column is not numeric.
 * @throws {RangeError} When `data` has no rows.
 *
 * @example Two required columns, one numeric
 * ```ts
 * import assert from "node:assert/strict";
 * import { chartColumns } from "./chart_data.ts";
 *
 * const { rows, columns } = chartColumns([{ a: "x", b: 2 }], { x: "a", y: "b" }, {
 *   required: ["x", "y"],
 *   numeric: ["y"],
 * }, "draw chart");
 * assert.deepEqual(columns, { x: "a", y: "b" });
 * assert.equal(rows.length, 1);
 * ```
 */
export function chartColumns<R extends string, O extends string = never>(
  data: ChartData,
  options: Readonly<Partial<Record<R | O, unknown>>> | undefined,
  spec: ChartColumnSpec<R, O>,
  action: string,
): ChartColumns<R, O> {
  const columns: Record<string, string | undefined> = {};
  for (const option of spec.required) {
    columns[option] = requireColumnOption(options?.[option], option, action);
  }
  for (const option of spec.optional ?? []) {
    columns[option] = requireColumnOption(options?.[option], option, action, true);
  }
  const rows = chartRows(data, Object.values(columns), action);
  for (const option of spec.numeric ?? []) {
    const column = columns[option];
    if (column !== undefined) requireNumericColumn(rows, column, action);
  }
  for (const option of spec.numericOrDate ?? []) {
    const column = columns[option];
    if (column !== undefined) requireNumericColumn(rows, column, action, true);
  }
  return { rows, columns: columns as Record<R, string> & Partial<Record<O, string>> };
}
