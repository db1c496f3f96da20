import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { isNumericDtype } from "../core/dtypes.ts";
import { requireFrame, requireInteger } from "../core/errors.ts";
import { suppressSmallCells } from "../governance/suppress_small_cells.ts";

/**
 * Column names that count customers in an aggregate table: `customers`, `count`, `size`, `n`,
 * and any name ending in `_customers` (`active_customers`, `new_customers`).
 */
export const COUNT_COLUMN_PATTERN: RegExp = /^(customers|count|size|n|.*_customers)$/;

/**
 * The environment variable `deno task analyze` sets in runs on an analyst's own data: the
 * small-cell threshold. Unset (the bundled runs): nothing is suppressed.
 */
export const MIN_CELL_ENV = "CUSTOMER_LENS_MIN_CELL";

/**
 * The environment variable naming a file to which every suppression is appended as one JSON line
 * (`{"source","columns","primary","secondary"}`), so the report can say how many cells were hidden.
 */
export const SUPPRESSION_LOG_ENV = "CUSTOMER_LENS_SUPPRESSION_LOG";

/**
 * The small-cell threshold of this run, from `CUSTOMER_LENS_MIN_CELL`.
 *
 * @param options `env`: the variables to read instead of the process environment.
 * @returns The threshold, or undefined when the variable is unset or empty, or environment access
 * is not granted (then nothing is suppressed).
 * @throws {RangeError} When the variable is set to something other than a whole number of 2 or
 * more.
 *
 * @example Set by deno task analyze, or unset
 * ```ts
 * import assert from "node:assert/strict";
 * import { smallCellThreshold } from "./small_cells.ts";
 *
 * assert.equal(smallCellThreshold({ env: { CUSTOMER_LENS_MIN_CELL: "10" } }), 10);
 * assert.equal(smallCellThreshold({ env: {} }), undefined);
 * assert.throws(() => smallCellThreshold({ env: { CUSTOMER_LENS_MIN_CELL: "1" } }), RangeError);
 * ```
 */
export function smallCellThreshold(
  options: { env?: Readonly<Record<string, string | undefined>> } = {},
): number | undefined {
  let value: string | undefined;
  if (options.env !== undefined) {
    value = options.env[MIN_CELL_ENV];
  } else {
    try {
      value = Deno.env.get(MIN_CELL_ENV);
    } catch {
      return undefined;
    }
  }
  if (value === undefined || value === "") return undefined;
  return requireInteger(Number(value), MIN_CELL_ENV, "suppress small cells", 2);
}

/** What {@linkcode suppressCountColumns} returns. */
export interface CountSuppression {
  /** The table with hidden cells set to null (same columns as the input). */
  readonly table: DataFrame;
  /** The count columns checked (whole non-negative numbers in a column named like a count). */
  readonly columns: readonly string[];
  /** Cells hidden as small. */
  readonly primary: number;
  /** Cells hidden so that no small one can be worked out from the totals. */
  readonly secondary: number;
  /** Per column, the row indices hidden (counts, and the other numbers of hidden groups). */
  readonly hidden: Readonly<Record<string, readonly number[]>>;
}

/**
 * Hides small customer counts in an aggregate table: every column named like a count of customers
 * ({@linkcode COUNT_COLUMN_PATTERN}) holding whole non-negative numbers is passed through
 * `suppressSmallCells` (secondary suppression included, as the totals may be published). In a
 * one-way table (one count column, one group per row) the other numbers of a hidden row (its
 * share, its mean spend) are hidden too: they would give the count, or its few customers, away.
 * Tables with a `customer_id` column are customer-level, not aggregates, and are returned
 * unchanged.
 *
 * @param df The table; not modified.
 * @param options `threshold`: counts from 1 to threshold - 1 are hidden (at least 2).
 * @returns The table with hidden counts as null, and what was hidden.
 * @throws {TypeError} When `df` is not a DataFrame.
 * @throws {RangeError} When the threshold is not a whole number of 2 or more.
 *
 * @example A segment summary with a small segment
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { suppressCountColumns } from "./small_cells.ts";
 *
 * const summary = pl.DataFrame({
 *   segment: ["A", "B", "C"],
 *   customers: [120, 4, 57],
 *   customer_share: [0.66, 0.02, 0.32],
 * });
 * const result = suppressCountColumns(summary, { threshold: 10 });
 * assert.deepEqual(result.table.getColumn("customers").toArray(), [120, null, null]);
 * assert.deepEqual(result.table.getColumn("customer_share").toArray(), [0.66, null, null]);
 * assert.equal(result.primary, 1);
 * assert.equal(result.secondary, 1);
 * ```
 */
export function suppressCountColumns(
  df: DataFrame,
  options: { threshold: number },
): CountSuppression {
  const action = "suppress small cells";
  requireFrame(df, "the table", action);
  const threshold = requireInteger(options.threshold, "threshold", action, 2);
  const none = { table: df, columns: [], primary: 0, secondary: 0, hidden: {} };
  if (df.columns.includes("customer_id")) return Object.freeze(none);
  const columns = df.columns.filter((c) => {
    if (!COUNT_COLUMN_PATTERN.test(c)) return false;
    const values = df.getColumn(c).toArray() as unknown[];
    return values.every((v) =>
      (typeof v === "number" || typeof v === "bigint") && Number.isInteger(Number(v)) &&
      Number(v) >= 0
    );
  });
  if (columns.length === 0) return Object.freeze(none);
  const result = suppressSmallCells(df, { countColumns: columns, threshold });
  let table = result.table.select(...df.columns);
  if (columns.length === 1) {
    // A one-way table: each row describes one group, and its other numbers (its share of all
    // customers, its mean spend) would give the hidden count, or its few customers, away.
    const rows = new Set(
      (table.getColumn(columns[0]).toArray() as unknown[]).flatMap((v, i) =>
        v === null && df.getColumn(columns[0]).get(i) !== null ? [i] : []
      ),
    );
    if (rows.size > 0) {
      const others = df.columns.filter((c) =>
        c !== columns[0] && isNumericDtype(df.getColumn(c).dtype)
      );
      table = table.withColumns(
        ...others.map((c) =>
          pl.Series(
            c,
            (table.getColumn(c).toArray() as unknown[]).map((v, i) => (rows.has(i) ? null : v)),
            table.getColumn(c).dtype,
          )
        ),
      );
    }
  }
  const hidden: Record<string, number[]> = {};
  for (const c of df.columns) {
    const before = df.getColumn(c).toArray() as unknown[];
    const after = table.getColumn(c).toArray() as unknown[];
    const rows = before.flatMap((v, i) => (v !== null && after[i] === null ? [i] : []));
    if (rows.length > 0) hidden[c] = rows;
  }
  return Object.freeze({
    table,
    columns,
    primary: result.primary,
    secondary: result.secondary,
    hidden,
  });
}

/**
 * Appends one suppression to the log named by `CUSTOMER_LENS_SUPPRESSION_LOG` (when set), for
 * the report's count of hidden cells.
 *
 * @param entry Where the cells were hidden and how many.
 */
export function logSuppression(
  entry: { source: string; columns: readonly string[]; primary: number; secondary: number },
): void {
  let path: string | undefined;
  try {
    path = Deno.env.get(SUPPRESSION_LOG_ENV);
  } catch {
    return;
  }
  if (!path) return;
  Deno.writeTextFileSync(path, JSON.stringify(entry) + "\n", { append: true });
}
