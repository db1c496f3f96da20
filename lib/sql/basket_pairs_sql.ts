/**
 * Item and pair counts for association rules as one SQL query.
 *
 * @module
 */
import { requireInteger } from "../core/errors.ts";
import {
  columnName,
  type Dialect,
  dialectOf,
  fromItem,
  type SqlDialect,
  type SqlSource,
} from "./_dialect.ts";

/** Options for {@linkcode basketPairsSql}. */
export interface BasketPairsSqlOptions extends SqlSource {
  /** Column identifying the basket (transaction, invoice). Default `"invoice_id"`. */
  transaction?: string;
  /** Column holding the item, compared as text. Default `"product_id"`. */
  item?: string;
  /**
   * Keep items and pairs found in at least this many baskets (integer >= 1, default 1). From a
   * support threshold: `minSupportCount(minSupport, transactions)` of lib/basket.
   */
  minCount?: number;
  /** Leave out every basket with more distinct items than this (integer >= 1), as lib/basket does. */
  maxBasketSize?: number;
}

const ACTION = "generate basket pair SQL";

/**
 * Writes the SQL that counts, in a database or query engine, what association rules are built
 * from: for every item and every pair of items, the number of baskets holding them, as
 * `frequentItemsets` counts them for itemsets of length 1 and 2. A basket is a distinct value of
 * `transaction`; rows with a missing basket or item are left out; an item repeated in a basket
 * counts once; items are compared as text, and a pair is listed once with `item_a < item_b`
 * (text order). With `maxBasketSize`, larger baskets are dropped first, as lib/basket does.
 *
 * Columns: `item_a` (text), `item_b` (text, NULL on single-item rows), `length` (1 or 2),
 * `count` (baskets holding the item or pair) and `transactions` (the baskets counted, the same
 * on every row: support is `count / transactions`). Only items and pairs with `count >=
 * minCount` are listed, and pairs are formed only from such items (Apriori pruning, which loses
 * nothing), so the query's cost is the self-join of the frequent items' lines on the basket.
 * Sorted by `length`, `count` descending, `item_a`, `item_b`. Written with common table
 * expressions (`WITH`), except for ClickHouse (below).
 *
 * Dialects as for {@linkcode rfmSql}: `"duckdb"` and `"clickhouse"` are run by the tests and
 * equal `frequentItemsets` on the bundled data; the others are snapshot-tested only. The
 * ClickHouse query repeats the shared pieces as subqueries instead (ClickHouse 18.16 has no table
 * expressions in `WITH`).
 *
 * @param dialect `"duckdb"`, `"clickhouse"`, `"trino"`, `"spark"` or `"bigquery"`.
 * @param options The source (`table` or `parquet`), the basket and item columns, `minCount` and
 *   `maxBasketSize`.
 * @returns The SQL text of one SELECT statement.
 * @throws {RangeError} When the dialect is unknown, `minCount` or `maxBasketSize` is not an
 *   integer >= 1, the table name is not a plain name, the two columns are the same, or the
 *   dialect cannot read Parquet directly.
 * @throws {TypeError} When a column name is not a non-empty string, or neither or both of `table`
 *   and `parquet` are given.
 *
 * @example Pairs bought together in at least 100 baskets, in Spark SQL
 * ```ts
 * import assert from "node:assert/strict";
 * import { basketPairsSql } from "./basket_pairs_sql.ts";
 *
 * const sql = basketPairsSql("spark", { parquet: "s3://shop/lines/", minCount: 100 });
 * assert.ok(sql.includes("FROM parquet.`s3://shop/lines/`"));
 * assert.ok(sql.includes("HAVING COUNT(*) >= 100"));
 * ```
 */
export function basketPairsSql(dialect: SqlDialect, options: BasketPairsSqlOptions): string {
  const d = dialectOf(dialect, ACTION);
  const o = options ?? ({} as BasketPairsSqlOptions);
  const transaction = columnName(o.transaction, "invoice_id", "transaction", ACTION);
  const item = columnName(o.item, "product_id", "item", ACTION);
  if (transaction === item) {
    throw new RangeError(
      `Cannot ${ACTION} as the transaction and item columns are the same: "${item}"`,
    );
  }
  const minCount = requireInteger(o.minCount ?? 1, "minCount", ACTION, 1);
  const maxSize = o.maxBasketSize === undefined
    ? undefined
    : requireInteger(o.maxBasketSize, "maxBasketSize", ACTION, 1);
  const from = fromItem(d, o, ACTION);
  const t = d.id(transaction);
  const i = d.id(item);
  const noItem = d.text("NULL");
  if (d.name === "clickhouse") {
    return clickHousePairs(d, from, t, i, minCount, maxSize);
  }
  const distinct = [
    "  SELECT DISTINCT",
    `    ${t} AS bp_t,`,
    `    ${d.text(i)} AS bp_i`,
    `  FROM ${from}`,
    `  WHERE ${t} IS NOT NULL AND ${i} IS NOT NULL`,
  ];
  const ctes = maxSize === undefined ? ["bp_lines AS (", ...distinct, ")"] : [
    "bp_all AS (",
    ...distinct,
    "),",
    "bp_lines AS (",
    "  SELECT bp_all.bp_t, bp_all.bp_i",
    "  FROM bp_all",
    "  INNER JOIN (",
    "    SELECT bp_t FROM bp_all GROUP BY bp_t",
    `    HAVING COUNT(*) <= ${maxSize}`,
    "  ) bp_kept ON bp_kept.bp_t = bp_all.bp_t",
    ")",
  ];
  return [
    "WITH",
    ...ctes.slice(0, -1),
    "),",
    "bp_items AS (",
    "  SELECT bp_i, COUNT(*) AS bp_count",
    "  FROM bp_lines",
    "  GROUP BY bp_i",
    `  HAVING COUNT(*) >= ${minCount}`,
    "),",
    "bp_frequent AS (",
    "  SELECT bp_lines.bp_t, bp_lines.bp_i",
    "  FROM bp_lines",
    "  INNER JOIN bp_items ON bp_items.bp_i = bp_lines.bp_i",
    "),",
    "bp_pairs AS (",
    "  SELECT bp_a.bp_i AS bp_item_a, bp_b.bp_i AS bp_item_b, COUNT(*) AS bp_count",
    "  FROM bp_frequent bp_a",
    "  INNER JOIN bp_frequent bp_b ON bp_b.bp_t = bp_a.bp_t",
    "  WHERE bp_a.bp_i < bp_b.bp_i",
    "  GROUP BY bp_a.bp_i, bp_b.bp_i",
    `  HAVING COUNT(*) >= ${minCount}`,
    "),",
    "bp_total AS (",
    `  SELECT ${d.countDistinct("bp_t")} AS bp_transactions FROM bp_lines`,
    ")",
    "SELECT",
    `  bp_found.bp_item_a AS ${d.id("item_a")},`,
    `  bp_found.bp_item_b AS ${d.id("item_b")},`,
    `  bp_found.bp_length AS ${d.id("length")},`,
    `  bp_found.bp_count AS ${d.id("count")},`,
    `  bp_total.bp_transactions AS ${d.id("transactions")}`,
    "FROM (",
    `  SELECT bp_i AS bp_item_a, ${noItem} AS bp_item_b, 1 AS bp_length, bp_count FROM bp_items`,
    "  UNION ALL",
    "  SELECT bp_item_a, bp_item_b, 2 AS bp_length, bp_count FROM bp_pairs",
    ") bp_found",
    "CROSS JOIN bp_total",
    "ORDER BY bp_found.bp_length, bp_found.bp_count DESC, bp_found.bp_item_a, bp_found.bp_item_b",
  ].join("\n");
}

/** Indents every line after the first of a multi-line SQL piece. */
const indent = (sql: string, by: string) => sql.split("\n").join("\n" + by);

/**
 * The ClickHouse query: the same counts, shaped for ClickHouse 18.16 and later, which has no
 * table expressions in `WITH`, joins two tables per SELECT with `ALL` and `USING`, and reads a
 * column of the right table only under a name the left table does not use (so the self-join
 * renames the second item). The shared pieces are repeated as subqueries.
 */
function clickHousePairs(
  d: Dialect,
  from: string,
  t: string,
  i: string,
  minCount: number,
  maxSize: number | undefined,
): string {
  const all = [
    "(",
    "  SELECT DISTINCT",
    `    ${t} AS bp_t,`,
    `    ${d.text(i)} AS bp_i`,
    `  FROM ${from}`,
    `  WHERE ${t} IS NOT NULL AND ${i} IS NOT NULL`,
    ")",
  ].join("\n");
  const lines = maxSize === undefined ? all : [
    "(",
    "  SELECT bp_t, bp_i",
    `  FROM ${indent(all, "  ")} bp_all`,
    "  ALL INNER JOIN (",
    "    SELECT bp_t",
    `    FROM ${indent(all, "    ")} bp_sizes`,
    "    GROUP BY bp_t",
    `    HAVING COUNT(*) <= ${maxSize}`,
    "  ) bp_kept USING bp_t",
    ")",
  ].join("\n");
  const items = [
    "(",
    "  SELECT bp_i, COUNT(*) AS bp_count",
    `  FROM ${indent(lines, "  ")} bp_lines`,
    "  GROUP BY bp_i",
    `  HAVING COUNT(*) >= ${minCount}`,
    ")",
  ].join("\n");
  const frequent = [
    "(",
    "  SELECT bp_t, bp_i",
    `  FROM ${indent(lines, "  ")} bp_lines`,
    `  ALL INNER JOIN (SELECT bp_i FROM ${indent(items, "  ")} bp_items) bp_keep USING bp_i`,
    ")",
  ].join("\n");
  const pairs = [
    "(",
    "  SELECT bp_item_a, bp_item_b, COUNT(*) AS bp_pair_count",
    "  FROM (",
    "    SELECT bp_t, bp_i AS bp_item_a",
    `    FROM ${indent(frequent, "    ")} bp_a`,
    "  ) bp_left",
    "  ALL INNER JOIN (",
    "    SELECT bp_t, bp_i AS bp_item_b",
    `    FROM ${indent(frequent, "    ")} bp_b`,
    "  ) bp_right USING bp_t",
    "  WHERE bp_item_a < bp_item_b",
    "  GROUP BY bp_item_a, bp_item_b",
    `  HAVING COUNT(*) >= ${minCount}`,
    ")",
  ].join("\n");
  return [
    "SELECT",
    `  bp_item_a AS ${d.id("item_a")},`,
    `  bp_item_b AS ${d.id("item_b")},`,
    `  bp_length AS ${d.id("length")},`,
    `  bp_count AS ${d.id("count")},`,
    `  bp_transactions AS ${d.id("transactions")}`,
    "FROM (",
    "  SELECT bp_i AS bp_item_a, CAST(NULL AS Nullable(String)) AS bp_item_b, 1 AS bp_length, bp_count",
    `  FROM ${indent(items, "  ")} bp_items`,
    "  UNION ALL",
    "  SELECT bp_item_a, CAST(bp_item_b AS Nullable(String)) AS bp_item_b, 2 AS bp_length,",
    "    bp_pair_count AS bp_count",
    `  FROM ${indent(pairs, "  ")} bp_pairs`,
    ") bp_found",
    "CROSS JOIN (",
    `  SELECT ${d.countDistinct("bp_t")} AS bp_transactions`,
    `  FROM ${indent(lines, "  ")} bp_lines`,
    ") bp_total",
    "ORDER BY bp_length, bp_count DESC, bp_item_a, bp_item_b",
  ].join("\n");
}
