/**
 * Erasure: dropping every row of customers who asked to be forgotten.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame } from "../core/errors.ts";
import { normalizedId, normalizeIdValue } from "../io/normalize_id.ts";

/** Options for {@linkcode forgetCustomers}. */
export interface ForgetCustomersOptions {
  /** The customer ids to erase, as written anywhere (`17850`, `"17850.0"` and `"17850"` agree). */
  ids: readonly (string | number)[];
  /** The id column (default `"customer_id"`). */
  column?: string;
}

/** What {@linkcode forgetCustomers} did. */
export interface ForgetResult {
  /** The rows that remain. */
  readonly data: DataFrame;
  /** Rows dropped. */
  readonly rowsDropped: number;
  /** Distinct requested ids found in the data. */
  readonly idsFound: number;
  /** Distinct requested ids not found (nothing to erase for them). */
  readonly idsNotFound: number;
}

/**
 * Erases customers (the right to erasure, GDPR article 17): drops every row whose id, normalised
 * like {@linkcode pseudonymize} does it, is one of `ids`, before any analysis sees them. Missing ids
 * in the request are ignored.
 *
 * @param df The transactions; not modified.
 * @param options The ids to erase and the id column.
 * @returns The remaining rows with counts of rows dropped and ids found or not found.
 * @throws {TypeError} When `df` is not a DataFrame, the column is missing or `ids` is not an array.
 *
 * @example Forget one customer of two
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { forgetCustomers } from "./forget_customers.ts";
 *
 * const df = pl.DataFrame({ customer_id: ["17850", "17850", "12346"] });
 * const out = forgetCustomers(df, { ids: ["17850.0", "99999"] });
 * assert.equal(out.data.height, 1);
 * assert.deepEqual([out.rowsDropped, out.idsFound, out.idsNotFound], [2, 1, 1]);
 * ```
 */
export function forgetCustomers(df: DataFrame, options: ForgetCustomersOptions): ForgetResult {
  const action = "forget customers";
  requireFrame(df, "df", action);
  const column = options.column ?? "customer_id";
  requireColumns(df, [column], action);
  if (!Array.isArray(options.ids)) {
    throw new TypeError(`Cannot ${action} as ids is not an array: ${typeof options.ids}`);
  }
  const wanted = [
    ...new Set(options.ids.map(normalizeIdValue).filter((v): v is string => v !== null)),
  ];
  const ids = normalizedId(df, column);
  const hit = ids.isIn(wanted).fillNull(false);
  const found = df.select(ids.filter(hit).unique().alias("id")).height;
  const data = df.filter(hit.not());
  return {
    data,
    rowsDropped: df.height - data.height,
    idsFound: found,
    idsNotFound: wanted.length - found,
  };
}

/** Options for {@linkcode retainRecent}. */
export interface RetainRecentOptions {
  /** Retention window in whole calendar months (at least 1). */
  months: number;
  /** The analysis date: rows dated before `asOf` minus `months` months are dropped. */
  asOf: Date | string;
  /** The date column (default `"invoice_date"`). */
  date?: string;
}

/** What {@linkcode retainRecent} did. */
export interface RetainResult {
  /** The rows inside the window (and rows with no date, which the quality checks report). */
  readonly data: DataFrame;
  /** Rows dropped as older than the window. */
  readonly rowsDropped: number;
  /** The first instant kept: `asOf` minus `months` calendar months (UTC). */
  readonly cutoff: Date;
}

/**
 * A retention window (storage limitation, GDPR article 5(1)(e)): drops transactions dated before
 * `asOf` minus `months` calendar months, so data older than the stated retention never enters the
 * analysis. Rows after `asOf` are kept (the analysis decides about them); rows with no date are
 * kept for the quality checks to report.
 *
 * @param df The transactions; not modified.
 * @param options The window in months, the analysis date and the date column.
 * @returns The kept rows, the count dropped and the cutoff.
 * @throws {TypeError} When `df` is not a DataFrame or the column is missing.
 * @throws {RangeError} When `months` is not a whole number from 1 to 1200 or `asOf` is not a date.
 *
 * @example Keep the last twelve months
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { retainRecent } from "./forget_customers.ts";
 *
 * const df = pl.DataFrame({
 *   invoice_date: [new Date("2009-06-01"), new Date("2010-06-01")],
 * });
 * const out = retainRecent(df, { months: 12, asOf: "2010-12-01" });
 * assert.equal(out.data.height, 1);
 * assert.equal(out.cutoff.toISOString().slice(0, 10), "2009-12-01");
 * ```
 */
export function retainRecent(df: DataFrame, options: RetainRecentOptions): RetainResult {
  const action = "apply the retention window";
  requireFrame(df, "df", action);
  const column = options.date ?? "invoice_date";
  requireColumns(df, [column], action);
  const months = options.months;
  if (!Number.isInteger(months) || months < 1 || months > 1200) {
    throw new RangeError(
      `Cannot ${action} as months is not a whole number from 1 to 1200: ${months}`,
    );
  }
  const asOf = options.asOf instanceof Date ? options.asOf : new Date(options.asOf);
  if (Number.isNaN(asOf.getTime())) {
    throw new RangeError(`Cannot ${action} as asOf is not a date: ${options.asOf}`);
  }
  const cutoff = new Date(asOf);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const d = pl.col(column).cast(pl.Datetime("ms"));
  const data = df.filter(d.gtEq(pl.lit(cutoff)).or(d.isNull()));
  return { data, rowsDropped: df.height - data.height, cutoff };
}
