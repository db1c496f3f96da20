/**
 * The same summaries on engines beyond one machine: {@linkcode rfmSql},
 * {@linkcode clvSummarySql}, {@linkcode kpiTableSql} and {@linkcode basketPairsSql} write one SQL
 * query each for DuckDB, ClickHouse, Trino (Presto), Spark SQL or BigQuery, over a table or a
 * Parquet location, with the definitions of `computeRfm`, `clvSummary`, `kpiTable` and
 * `frequentItemsets`' item and pair counts; {@linkcode queryDuckDb} runs SQL in an embedded DuckDB and
 * returns the (per-customer) result as a Polars DataFrame, {@linkcode queryClickHouse} does the same
 * on a ClickHouse server; {@linkcode compareSummaries} checks that two summaries agree. The DuckDB
 * SQL (in-process) and the ClickHouse SQL (on a two-shard cluster of ClickHouse 18.16 that the test
 * starts) are tested equal to the Polars results on the bundled data; the other dialects are
 * snapshot-tested.
 *
 * @example RFM of the bundled Online Retail file, computed by DuckDB
 * ```ts
 * import assert from "node:assert/strict";
 * import { queryDuckDb, rfmSql } from "./mod.ts";
 *
 * const rfm = await queryDuckDb(rfmSql("duckdb", {
 *   parquet: "data/online_retail.parquet",
 *   asOf: new Date("2011-12-10"),
 *   columns: {
 *     customer_id: "CustomerID",
 *     invoice_id: "InvoiceNo",
 *     invoice_date: "InvoiceDate",
 *     quantity: "Quantity",
 *     unit_price: "UnitPrice",
 *   },
 * }));
 * assert.equal(rfm.height, 4372);
 * ```
 *
 * @module
 */
export {
  rfmSql,
  type RfmSqlColumn,
  type RfmSqlOptions,
  SQL_DIALECTS,
  type SqlDialect,
  type SqlSource,
} from "./rfm_sql.ts";
export { clvSummarySql, type ClvSummarySqlOptions } from "./clv_summary_sql.ts";
export { kpiTableSql, type KpiTableSqlOptions } from "./kpi_table_sql.ts";
export { basketPairsSql, type BasketPairsSqlOptions } from "./basket_pairs_sql.ts";
export { compareSummaries, type CompareSummariesOptions } from "./compare_summaries.ts";
export { queryDuckDb, type QueryDuckDbOptions } from "./query_duckdb.ts";
export {
  CLICKHOUSE_COLUMN_TYPES,
  type ClickHouseColumnType,
  queryClickHouse,
  type QueryClickHouseOptions,
} from "./query_clickhouse.ts";
