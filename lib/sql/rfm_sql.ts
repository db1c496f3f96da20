/**
 * The RFM table as one SQL query, for engines that hold more transactions than one machine's
 * memory.
 *
 * @module
 */
import { requireDate } from "../core/errors.ts";
import { MISSING_VALUE_TOKENS } from "../io/read_transactions.ts";
import { columnName, dialectOf, fromItem, type SqlDialect, type SqlSource } from "./_dialect.ts";

export { SQL_DIALECTS, type SqlDialect, type SqlSource } from "./_dialect.ts";

/** The transaction columns {@linkcode rfmSql} reads. */
export type RfmSqlColumn =
  | "customer_id"
  | "invoice_id"
  | "invoice_date"
  | "quantity"
  | "unit_price";

/** Options for {@linkcode rfmSql}. */
export interface RfmSqlOptions extends SqlSource {
  /** The analysis date, required, as for `computeRfm` (compared through its UTC fields). */
  asOf: Date;
  /**
   * Maps the canonical names to the source's own column names, e.g.
   * `{ customer_id: "CustomerID", invoice_date: "InvoiceDate" }`; names not listed are used as
   * they are.
   */
  columns?: Partial<Record<RfmSqlColumn, string>>;
}

const ACTION = "generate RFM SQL";
const DAY_MS = 86_400_000;

/**
 * Writes the SQL that computes {@linkcode computeRfm}'s table in a database or query engine: one
 * row per customer with `customer_id`, `recency_days`, `frequency`, `monetary`, `tenure_days` and
 * `avg_order_value`, with the same definitions (rows with a customer id, dated on or before
 * `asOf`; whole days floored; distinct invoices counted exactly; `monetary` the sum of quantity x
 * unit price), sorted by `customer_id`.
 *
 * The query is plain aggregation in nested subqueries (no CTEs, no window functions), so it runs
 * unchanged on old engines too. What it does not do is `computeRfm`'s validation: it does not
 * refuse rows with a missing invoice, date or value (rows with a missing date are left out, a
 * missing value is skipped by `SUM`), and it attaches no notes. Run `checkTransactions` on a sample,
 * or a count query, to see those. Customer ids that are NULL, empty or a missing-value token
 * (`NA`, `NULL`, ... after trimming) are left out, as `computeRfm` does; ids stored as numbers
 * come back as numbers (the DuckDB reader {@linkcode queryDuckDb} turns whole ones into text the
 * way `readTransactions` does).
 *
 * Dialects: the `"duckdb"` SQL is run by the tests, in-process, and equals `computeRfm` on the
 * bundled data; the `"clickhouse"` SQL (exact distinct counts with `uniqExact`, DateTime read in
 * UTC, written for ClickHouse 18.16 and later) is run by the tests on a two-shard ClickHouse 18.16
 * cluster over a `Distributed` table (read the result with {@linkcode queryClickHouse}) and equals
 * it too; `"trino"`, `"spark"` (set `spark.sql.session.timeZone` to UTC) and `"bigquery"` (naive
 * `DATETIME` columns) are snapshot-tested only so far (tests/fixtures/sql/).
 *
 * @param dialect `"duckdb"`, `"clickhouse"`, `"trino"`, `"spark"` or `"bigquery"`.
 * @param options The source (`table` or `parquet`), `asOf` and the column mapping.
 * @returns The SQL text of one SELECT statement.
 * @throws {RangeError} When the dialect is unknown, `asOf` is an invalid Date, the table name is
 * not a plain name, or the dialect cannot read Parquet directly (Trino, BigQuery: use a table).
 * @throws {TypeError} When `asOf` is not a Date, neither or both of `table` and `parquet` are
 * given, or a column name is not a non-empty string.
 *
 * @example RFM as of 2011-12-10 over a DuckDB table
 * ```ts
 * import assert from "node:assert/strict";
 * import { rfmSql } from "./rfm_sql.ts";
 *
 * const sql = rfmSql("duckdb", { table: "transactions", asOf: new Date("2011-12-10") });
 * assert.ok(sql.includes("COUNT(DISTINCT rfm_invoice) AS rfm_frequency"));
 * assert.ok(sql.includes("TIMESTAMP '2011-12-10 00:00:00.000'"));
 * ```
 */
export function rfmSql(dialect: SqlDialect, options: RfmSqlOptions): string {
  const d = dialectOf(dialect, ACTION);
  const o = options ?? ({} as RfmSqlOptions);
  const asOf = requireDate(o.asOf, "asOf", ACTION);
  const from = fromItem(d, o, ACTION);
  const given = o.columns ?? {};
  const col = (c: RfmSqlColumn) => d.id(columnName(given[c], c, `columns.${c}`, ACTION));
  const asOfSql = d.timestamp(asOf.getTime());
  const days = (from: string) => d.intDiv(d.msBetween(from, asOfSql), String(DAY_MS));
  const tokens = MISSING_VALUE_TOKENS.map((t) => `'${t.replaceAll("'", "''")}'`).join(", ");
  return [
    "SELECT",
    `  rfm_customer AS ${d.id("customer_id")},`,
    `  ${days("rfm_last")} AS ${d.id("recency_days")},`,
    `  rfm_frequency AS ${d.id("frequency")},`,
    `  rfm_monetary AS ${d.id("monetary")},`,
    `  ${days("rfm_first")} AS ${d.id("tenure_days")},`,
    `  rfm_monetary / rfm_frequency AS ${d.id("avg_order_value")}`,
    "FROM (",
    "  SELECT",
    "    rfm_customer,",
    "    MAX(rfm_at) AS rfm_last,",
    "    MIN(rfm_at) AS rfm_first,",
    `    ${d.countDistinct("rfm_invoice")} AS rfm_frequency,`,
    "    SUM(rfm_value) AS rfm_monetary",
    "  FROM (",
    "    SELECT",
    `      ${col("customer_id")} AS rfm_customer,`,
    `      ${col("invoice_id")} AS rfm_invoice,`,
    `      ${d.asTimestamp(col("invoice_date"))} AS rfm_at,`,
    `      ${d.double(col("quantity"))} * ${d.double(col("unit_price"))} AS rfm_value`,
    `    FROM ${from}`,
    "  ) rfm_lines",
    "  WHERE rfm_customer IS NOT NULL",
    `    AND ${d.trim(d.text("rfm_customer"))} NOT IN (${tokens})`,
    `    AND rfm_at <= ${asOfSql}`,
    "  GROUP BY rfm_customer",
    ") rfm_customers",
    "ORDER BY rfm_customer",
  ].join("\n");
}
