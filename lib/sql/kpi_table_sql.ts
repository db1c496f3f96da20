/**
 * The monthly (or quarterly) KPI table as one SQL query.
 *
 * @module
 */
import { requireDate, requireOneOf } from "../core/errors.ts";
import type { KpiPeriod } from "../kpi/kpi_table.ts";
import {
  columnName,
  type Dialect,
  dialectOf,
  fromItem,
  type SqlDialect,
  type SqlSource,
} from "./_dialect.ts";
import type { RfmSqlColumn } from "./rfm_sql.ts";

/** Options for {@linkcode kpiTableSql}. */
export interface KpiTableSqlOptions extends SqlSource {
  /** `"month"` or `"quarter"` (calendar periods, UTC fields), as for `kpiTable`. */
  period: KpiPeriod;
  /** The analysis date, required: rows after it are left out (UTC fields). */
  asOf: Date;
  /**
   * Maps the canonical names (`customer_id`, `invoice_id`, `invoice_date`, `quantity`,
   * `unit_price`) to the source's own column names; names not listed are used as they are.
   */
  columns?: Partial<Record<RfmSqlColumn, string>>;
}

const ACTION = "generate KPI table SQL";
const PERIODS: readonly KpiPeriod[] = ["month", "quarter"];

/** The period number of a timestamp: `year * 12 + month - 1` or `year * 4 + quarter - 1`. */
function periodKey(d: Dialect, e: string, period: KpiPeriod): string {
  const year = `CAST(EXTRACT(YEAR FROM ${e}) AS BIGINT)`;
  const month0 = `(CAST(EXTRACT(MONTH FROM ${e}) AS BIGINT) - 1)`;
  const y = d.name === "bigquery" ? year.replace("BIGINT", "INT64") : year;
  const m = d.name === "bigquery" ? month0.replace("BIGINT", "INT64") : month0;
  if (d.name === "clickhouse") {
    const cy = `toInt64(toYear(${e}))`;
    const cm = `(toInt64(toMonth(${e})) - 1)`;
    return period === "month" ? `${cy} * 12 + ${cm}` : `${cy} * 4 + ${d.intDiv(cm, "3")}`;
  }
  return period === "month" ? `${y} * 12 + ${m}` : `${y} * 4 + ${d.intDiv(m, "3")}`;
}

/** The first day (a DATE) of the month or quarter of a timestamp. */
function periodStart(d: Dialect, e: string, period: KpiPeriod): string {
  switch (d.name) {
    case "clickhouse":
      return period === "month" ? `toStartOfMonth(${e})` : `toStartOfQuarter(${e})`;
    case "bigquery":
      return `DATE_TRUNC(CAST(${e} AS DATE), ${period.toUpperCase()})`;
    case "spark":
      return `CAST(date_trunc('${period.toUpperCase()}', ${e}) AS DATE)`;
    default:
      return `CAST(date_trunc('${period}', ${e}) AS DATE)`;
  }
}

/**
 * Writes the SQL that computes {@linkcode kpiTable}'s counts and revenue in a database or query
 * engine, with the same definitions: rows with a customer id (not NULL, not `''`) dated on or
 * before `asOf`; per calendar period `active_customers`, `new_customers` (first counted period is
 * this one), `returning_customers`, `retained_customers` (also active in the period before),
 * `reactivated_customers` (back after a gap), `churned_customers` (NULL in the first period),
 * `retention_rate`, `churn_rate`, `repeat_purchase_rate` (2 or more distinct invoices in the
 * period), `revenue` (sum of quantity x unit price), `orders` (distinct invoices per customer,
 * summed), `average_order_value`, `purchase_frequency` and `revenue_per_customer`, with
 * `period` (the first day, a DATE) and `complete` (false when `asOf` falls before the period's
 * end). Sorted by `period`. Distinct invoices are counted exactly; no window functions (the
 * previous period is a join on the period number), so old engines run it too.
 *
 * One difference: `kpiTable` lists every period from the first to the last, with zeros for a
 * period without purchases; the SQL lists only periods with at least one counted row (the counts
 * of the period after a gap are the same, since its previous period has no customers). And like
 * the other generators it does not validate (see {@linkcode rfmSql}); pass cleaned transactions
 * (a view over `cleanTransactions`' rules) so returns do not count as purchases.
 *
 * Dialects as for {@linkcode rfmSql}: `"duckdb"` and `"clickhouse"` are run by the tests and
 * equal `kpiTable` on the bundled data; the others are snapshot-tested only (tests/fixtures/sql/).
 * The ClickHouse query is shaped differently (one join per SELECT, the first period as a scalar
 * subquery), since ClickHouse 18.16 joins only two tables per SELECT.
 *
 * @param dialect `"duckdb"`, `"clickhouse"`, `"trino"`, `"spark"` or `"bigquery"`.
 * @param options The source (`table` or `parquet`), `period`, `asOf` and the column mapping.
 * @returns The SQL text of one SELECT statement.
 * @throws {RangeError} When the dialect or period is unknown, `asOf` is an invalid Date, the
 *   table name is not a plain name, or the dialect cannot read Parquet directly.
 * @throws {TypeError} When `asOf` is not a Date, neither or both of `table` and `parquet` are
 *   given, or a column name is not a non-empty string.
 *
 * @example Monthly KPIs over a Trino table
 * ```ts
 * import assert from "node:assert/strict";
 * import { kpiTableSql } from "./kpi_table_sql.ts";
 *
 * const sql = kpiTableSql("trino", {
 *   table: "sales.transactions",
 *   period: "month",
 *   asOf: new Date("2011-12-10"),
 * });
 * assert.ok(sql.includes("COUNT(DISTINCT kpi_invoice) AS kpi_orders"));
 * assert.ok(sql.includes('AS "retained_customers"'));
 * ```
 */
export function kpiTableSql(dialect: SqlDialect, options: KpiTableSqlOptions): string {
  const d = dialectOf(dialect, ACTION);
  const o = options ?? ({} as KpiTableSqlOptions);
  const period = requireOneOf(o.period, PERIODS, "period", ACTION);
  const asOf = requireDate(o.asOf, "asOf", ACTION);
  const from = fromItem(d, o, ACTION);
  const given = o.columns ?? {};
  const col = (c: RfmSqlColumn) => d.id(columnName(given[c], c, `columns.${c}`, ACTION));
  const asOfSql = d.timestamp(asOf.getTime());
  const asOfKey = period === "month"
    ? asOf.getUTCFullYear() * 12 + asOf.getUTCMonth()
    : asOf.getUTCFullYear() * 4 + Math.floor(asOf.getUTCMonth() / 3);
  const rate = (num: string, den: string) =>
    `CASE WHEN ${den} > 0 THEN ${d.double(num)} / ${den} END`;
  const previous = "COALESCE(kpi_prev.kpi_active, 0)";
  const isFirst = "kpi_now.kpi_period = kpi_bounds.kpi_first_period";
  const lines = [
    "(",
    "  SELECT",
    "    kpi_customer,",
    `    ${periodKey(d, "kpi_at", period)} AS kpi_period,`,
    `    ${periodStart(d, "kpi_at", period)} AS kpi_start,`,
    `    ${d.countDistinct("kpi_invoice")} AS kpi_orders,`,
    "    SUM(kpi_value) AS kpi_revenue",
    "  FROM (",
    "    SELECT",
    `      ${col("customer_id")} AS kpi_customer,`,
    `      ${col("invoice_id")} AS kpi_invoice,`,
    `      ${d.asTimestamp(col("invoice_date"))} AS kpi_at,`,
    `      ${d.double(col("quantity"))} * ${d.double(col("unit_price"))} AS kpi_value`,
    `    FROM ${from}`,
    "  ) kpi_lines",
    "  WHERE kpi_customer IS NOT NULL",
    `    AND ${d.text("kpi_customer")} <> ''`,
    `    AND kpi_at <= ${asOfSql}`,
    `  GROUP BY kpi_customer, ${periodKey(d, "kpi_at", period)}, ${
      periodStart(d, "kpi_at", period)
    }`,
    ")",
  ];
  const pairs = (indent: string) => lines.map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  if (d.name === "clickhouse") return clickHouseKpis(d, pairs, asOfKey);
  const periods = (indent: string) =>
    [
      "(",
      "  SELECT",
      "    kpi_pairs.kpi_period,",
      "    MIN(kpi_pairs.kpi_start) AS kpi_start,",
      "    COUNT(*) AS kpi_active,",
      "    SUM(CASE WHEN kpi_pairs.kpi_period = kpi_firsts.kpi_first THEN 1 ELSE 0 END) AS kpi_new,",
      "    SUM(CASE WHEN COALESCE(kpi_before.kpi_orders, 0) > 0 THEN 1 ELSE 0 END) AS kpi_retained,",
      "    SUM(CASE WHEN kpi_pairs.kpi_orders >= 2 THEN 1 ELSE 0 END) AS kpi_repeat,",
      "    SUM(kpi_pairs.kpi_orders) AS kpi_orders,",
      "    SUM(kpi_pairs.kpi_revenue) AS kpi_revenue",
      `  FROM ${pairs("  ")} kpi_pairs`,
      `  INNER JOIN (`,
      "    SELECT kpi_customer, MIN(kpi_period) AS kpi_first",
      `    FROM ${pairs("    ")} kpi_all`,
      "    GROUP BY kpi_customer",
      "  ) kpi_firsts ON kpi_firsts.kpi_customer = kpi_pairs.kpi_customer",
      `  LEFT JOIN ${pairs("  ")} kpi_before`,
      "    ON kpi_before.kpi_customer = kpi_pairs.kpi_customer",
      "    AND kpi_before.kpi_period = kpi_pairs.kpi_period - 1",
      "  GROUP BY kpi_pairs.kpi_period",
      ")",
    ].map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  return [
    "SELECT",
    `  kpi_now.kpi_start AS ${d.id("period")},`,
    `  kpi_now.kpi_period < ${asOfKey} AS ${d.id("complete")},`,
    `  kpi_now.kpi_active AS ${d.id("active_customers")},`,
    `  kpi_now.kpi_new AS ${d.id("new_customers")},`,
    `  kpi_now.kpi_active - kpi_now.kpi_new AS ${d.id("returning_customers")},`,
    `  kpi_now.kpi_retained AS ${d.id("retained_customers")},`,
    `  kpi_now.kpi_active - kpi_now.kpi_new - kpi_now.kpi_retained AS ${
      d.id("reactivated_customers")
    },`,
    `  CASE WHEN ${isFirst} THEN NULL ELSE ${previous} - kpi_now.kpi_retained END AS ${
      d.id("churned_customers")
    },`,
    `  ${rate("kpi_now.kpi_retained", previous)} AS ${d.id("retention_rate")},`,
    `  ${rate(`${previous} - kpi_now.kpi_retained`, previous)} AS ${d.id("churn_rate")},`,
    `  ${rate("kpi_now.kpi_repeat", "kpi_now.kpi_active")} AS ${d.id("repeat_purchase_rate")},`,
    `  kpi_now.kpi_revenue AS ${d.id("revenue")},`,
    `  kpi_now.kpi_orders AS ${d.id("orders")},`,
    `  ${rate("kpi_now.kpi_revenue", "kpi_now.kpi_orders")} AS ${d.id("average_order_value")},`,
    `  ${rate("kpi_now.kpi_orders", "kpi_now.kpi_active")} AS ${d.id("purchase_frequency")},`,
    `  ${rate("kpi_now.kpi_revenue", "kpi_now.kpi_active")} AS ${d.id("revenue_per_customer")}`,
    `FROM ${periods("")} kpi_now`,
    `LEFT JOIN ${periods("")} kpi_prev`,
    "  ON kpi_prev.kpi_period = kpi_now.kpi_period - 1",
    "CROSS JOIN (",
    "  SELECT MIN(kpi_period) AS kpi_first_period",
    `  FROM ${pairs("  ")} kpi_span`,
    ") kpi_bounds",
    "ORDER BY kpi_now.kpi_period",
  ].join("\n");
}

/**
 * The ClickHouse query: the same definitions as the other dialects', shaped for ClickHouse 18.16
 * and later, which joins two tables per SELECT only (no `a JOIN b JOIN c`), joins with `ALL` and
 * `USING`, fills unmatched LEFT JOIN columns with 0 rather than NULL, and reads a column of the
 * right table only under a name the left table does not use. The first period is a scalar
 * subquery instead of a CROSS JOIN.
 */
function clickHouseKpis(d: Dialect, pairs: (indent: string) => string, asOfKey: number): string {
  const rate = (num: string, den: string) =>
    `CASE WHEN ${den} > 0 THEN ${d.double(num)} / ${den} END`;
  const previous = "kpi_prev_active";
  const periods = (indent: string) =>
    [
      "(",
      "  SELECT",
      "    kpi_period,",
      "    MIN(kpi_start) AS kpi_period_start,",
      "    COUNT(*) AS kpi_active,",
      "    SUM(CASE WHEN kpi_period = kpi_first THEN 1 ELSE 0 END) AS kpi_new,",
      "    SUM(CASE WHEN kpi_before_orders > 0 THEN 1 ELSE 0 END) AS kpi_retained,",
      "    SUM(CASE WHEN kpi_orders >= 2 THEN 1 ELSE 0 END) AS kpi_repeat,",
      "    SUM(kpi_orders) AS kpi_period_orders,",
      "    SUM(kpi_revenue) AS kpi_period_revenue",
      "  FROM (",
      "    SELECT",
      "      kpi_customer, kpi_period, kpi_start, kpi_orders, kpi_revenue, kpi_first,",
      "      kpi_period - 1 AS kpi_before_period",
      `    FROM ${pairs("    ")} kpi_pairs`,
      "    ALL INNER JOIN (",
      "      SELECT kpi_customer, MIN(kpi_period) AS kpi_first",
      `      FROM ${pairs("      ")} kpi_all`,
      "      GROUP BY kpi_customer",
      "    ) kpi_firsts USING kpi_customer",
      "  ) kpi_with_first",
      "  ALL LEFT JOIN (",
      "    SELECT kpi_customer, kpi_period AS kpi_before_period, kpi_orders AS kpi_before_orders",
      `    FROM ${pairs("    ")} kpi_all_before`,
      "  ) kpi_before USING kpi_customer, kpi_before_period",
      "  GROUP BY kpi_period",
      ")",
    ].map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  return [
    "SELECT",
    `  kpi_period_start AS ${d.id("period")},`,
    `  kpi_period < ${asOfKey} AS ${d.id("complete")},`,
    `  kpi_active AS ${d.id("active_customers")},`,
    `  kpi_new AS ${d.id("new_customers")},`,
    `  kpi_active - kpi_new AS ${d.id("returning_customers")},`,
    `  kpi_retained AS ${d.id("retained_customers")},`,
    `  kpi_active - kpi_new - kpi_retained AS ${d.id("reactivated_customers")},`,
    `  CASE WHEN kpi_period = kpi_first_period THEN NULL ELSE ${previous} - kpi_retained END AS ${
      d.id("churned_customers")
    },`,
    `  ${rate("kpi_retained", previous)} AS ${d.id("retention_rate")},`,
    `  ${rate(`${previous} - kpi_retained`, previous)} AS ${d.id("churn_rate")},`,
    `  ${rate("kpi_repeat", "kpi_active")} AS ${d.id("repeat_purchase_rate")},`,
    `  kpi_period_revenue AS ${d.id("revenue")},`,
    `  kpi_period_orders AS ${d.id("orders")},`,
    `  ${rate("kpi_period_revenue", "kpi_period_orders")} AS ${d.id("average_order_value")},`,
    `  ${rate("kpi_period_orders", "kpi_active")} AS ${d.id("purchase_frequency")},`,
    `  ${rate("kpi_period_revenue", "kpi_active")} AS ${d.id("revenue_per_customer")}`,
    "FROM (",
    "  SELECT",
    "    kpi_period, kpi_period_start, kpi_active, kpi_new, kpi_retained, kpi_repeat,",
    "    kpi_period_orders, kpi_period_revenue, kpi_period - 1 AS kpi_prev_period,",
    "    (",
    "      SELECT MIN(kpi_period)",
    `      FROM ${pairs("      ")} kpi_span`,
    "    ) AS kpi_first_period",
    `  FROM ${periods("  ")} kpi_periods`,
    ") kpi_now",
    "ALL LEFT JOIN (",
    `  SELECT kpi_period AS kpi_prev_period, kpi_active AS ${previous}`,
    `  FROM ${periods("  ")} kpi_prev_periods`,
    ") kpi_prev USING kpi_prev_period",
    "ORDER BY kpi_period",
  ].join("\n");
}
