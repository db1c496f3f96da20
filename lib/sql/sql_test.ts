/**
 * Snapshot tests of the generated SQL for every dialect (tests/fixtures/sql/*.sql; rewrite them
 * with `UPDATE_SQL_SNAPSHOTS=1` after a deliberate change and review the diff), and the errors.
 * DuckDB's SQL is also run for real (tests/datasets/sql_duckdb_test.ts), and so is ClickHouse's, on
 * a two-shard cluster (tests/datasets/sql_clickhouse_test.ts); the other dialects are checked only
 * here.
 */
import assert from "node:assert/strict";
import { rfmSql, SQL_DIALECTS } from "./rfm_sql.ts";
import { clvSummarySql } from "./clv_summary_sql.ts";
import { queryDuckDb } from "./query_duckdb.ts";
import { kpiTableSql } from "./kpi_table_sql.ts";
import { basketPairsSql } from "./basket_pairs_sql.ts";

const DIR = new URL("../../tests/fixtures/sql/", import.meta.url).pathname;
const UPDATE = Deno.env.get("UPDATE_SQL_SNAPSHOTS") === "1";

function snapshot(name: string, sql: string): void {
  const path = `${DIR}${name}.sql`;
  if (UPDATE) {
    Deno.mkdirSync(DIR, { recursive: true });
    Deno.writeTextFileSync(path, sql + "\n");
  }
  assert.equal(sql + "\n", Deno.readTextFileSync(path), path);
}

const AS_OF = new Date("2011-12-10T00:00:00Z");

for (const dialect of SQL_DIALECTS) {
  Deno.test(`rfmSql and clvSummarySql snapshots: ${dialect}`, () => {
    const source = { table: "sales.transactions" };
    snapshot(`rfm_${dialect}`, rfmSql(dialect, { ...source, asOf: AS_OF }));
    snapshot(
      `clv_summary_${dialect}`,
      clvSummarySql(dialect, {
        ...source,
        asOf: AS_OF,
        timeUnit: "weeks",
        quantity: "quantity",
        price: "unit_price",
      }),
    );
    snapshot(
      `clv_summary_holdout_${dialect}`,
      clvSummarySql(dialect, {
        ...source,
        asOf: AS_OF,
        timeUnit: "days",
        monetary: "amount",
        calibrationEnd: new Date("2011-09-01T00:00:00Z"),
      }),
    );
  });
}

for (const dialect of SQL_DIALECTS) {
  Deno.test(`kpiTableSql and basketPairsSql snapshots: ${dialect}`, () => {
    const source = { table: "sales.transactions" };
    for (const period of ["month", "quarter"] as const) {
      snapshot(
        `kpi_table_${period}_${dialect}`,
        kpiTableSql(dialect, { ...source, period, asOf: AS_OF }),
      );
    }
    snapshot(`basket_pairs_${dialect}`, basketPairsSql(dialect, { ...source, minCount: 100 }));
    snapshot(
      `basket_pairs_max_size_${dialect}`,
      basketPairsSql(dialect, {
        ...source,
        transaction: "InvoiceNo",
        item: "StockCode",
        minCount: 5,
        maxBasketSize: 50,
      }),
    );
  });
}

Deno.test("kpiTableSql and basketPairsSql refuse bad options", () => {
  assert.throws(
    () => kpiTableSql("duckdb", { table: "t", period: "week" as "month", asOf: AS_OF }),
    (e: Error) => e instanceof RangeError && e.message.includes("period"),
  );
  assert.throws(
    () => kpiTableSql("spark" as "duckdb", { period: "month", asOf: AS_OF }),
    (e: Error) => e instanceof TypeError && e.message.includes("got neither"),
  );
  assert.throws(
    () => kpiTableSql("bigquery", { parquet: "x.parquet", period: "month", asOf: AS_OF }),
    (e: Error) => e instanceof RangeError && e.message.includes("pass { table }"),
  );
  assert.throws(
    () => basketPairsSql("duckdb", { table: "t", minCount: 0 }),
    (e: Error) => e instanceof RangeError && e.message.includes("minCount"),
  );
  assert.throws(
    () => basketPairsSql("duckdb", { table: "t", maxBasketSize: 2.5 }),
    (e: Error) => e instanceof RangeError && e.message.includes("maxBasketSize"),
  );
  assert.throws(
    () => basketPairsSql("duckdb", { table: "t", transaction: "x", item: "x" }),
    (e: Error) => e instanceof RangeError && e.message.includes("are the same"),
  );
  assert.throws(
    () => basketPairsSql("mysql" as "duckdb", { table: "t" }),
    (e: Error) => e instanceof RangeError && e.message.includes('"mysql"'),
  );
});

Deno.test("kpiTableSql in DuckDB: retained, reactivated and a gap month", async () => {
  const rows = [
    ["a", "1", "2024-01-05 10:00:00", 1, 10],
    ["b", "2", "2024-01-09 10:00:00", 2, 5],
    ["a", "3", "2024-02-01 10:00:00", 1, 20],
    ["a", "4", "2024-02-20 10:00:00", 3, 10],
    ["c", "5", "2024-02-21 10:00:00", 1, 8],
    ["b", "6", "2024-03-02 10:00:00", 1, 4],
    ["", "7", "2024-03-03 10:00:00", 1, 99],
    ["c", "8", "2024-05-02 10:00:00", 1, 1],
    ["a", "9", "2024-06-20 10:00:00", 1, 1],
  ].map(([c, i, at, q, p]) => `('${c}', '${i}', TIMESTAMP '${at}', ${q}, ${p})`);
  const table = `(VALUES ${
    rows.join(", ")
  }) t(customer_id, invoice_id, invoice_date, quantity, unit_price)`;
  const sql = kpiTableSql("duckdb", { table: "tx", period: "month", asOf: new Date("2024-06-25") })
    .replaceAll("FROM tx", `FROM ${table}`);
  const kpis = await queryDuckDb(sql);
  // April has no purchase: no row (kpiTable lists it with zeros); May's previous month is empty.
  assert.deepEqual(kpis.getColumn("active_customers").toArray(), [2, 2, 1, 1, 1]);
  assert.deepEqual(kpis.getColumn("new_customers").toArray(), [2, 1, 0, 0, 0]);
  assert.deepEqual(kpis.getColumn("retained_customers").toArray(), [0, 1, 0, 0, 0]);
  assert.deepEqual(kpis.getColumn("reactivated_customers").toArray(), [0, 0, 1, 1, 1]);
  assert.deepEqual(kpis.getColumn("churned_customers").toArray(), [null, 1, 2, 0, 1]);
  assert.deepEqual(kpis.getColumn("retention_rate").toArray(), [null, 0.5, 0, null, 0]);
  assert.deepEqual(kpis.getColumn("revenue").toArray(), [20, 58, 4, 1, 1]);
  assert.deepEqual(kpis.getColumn("complete").toArray(), [true, true, true, true, false]);
});

Deno.test("basketPairsSql in DuckDB: repeated lines, missing values, maxBasketSize", async () => {
  const rows = [
    ["1", "tea"],
    ["1", "mug"],
    ["1", "mug"],
    ["2", "tea"],
    ["2", "mug"],
    ["2", "jam"],
    ["3", "tea"],
    ["3", null],
    [null, "jam"],
  ].map(([t, i]) => `(${t === null ? "NULL" : `'${t}'`}, ${i === null ? "NULL" : `'${i}'`})`);
  const table = `(VALUES ${rows.join(", ")}) t(invoice_id, product_id)`;
  const run = (options: { minCount?: number; maxBasketSize?: number }) =>
    queryDuckDb(
      basketPairsSql("duckdb", { table: "tx", ...options }).replaceAll(
        "FROM tx",
        `FROM ${table}`,
      ),
    );
  assert.deepEqual((await run({})).toRecords(), [
    { item_a: "tea", item_b: null, length: 1, count: 3, transactions: 3 },
    { item_a: "mug", item_b: null, length: 1, count: 2, transactions: 3 },
    { item_a: "jam", item_b: null, length: 1, count: 1, transactions: 3 },
    { item_a: "mug", item_b: "tea", length: 2, count: 2, transactions: 3 },
    { item_a: "jam", item_b: "mug", length: 2, count: 1, transactions: 3 },
    { item_a: "jam", item_b: "tea", length: 2, count: 1, transactions: 3 },
  ]);
  assert.deepEqual((await run({ minCount: 2, maxBasketSize: 2 })).toRecords(), [
    { item_a: "tea", item_b: null, length: 1, count: 2, transactions: 2 },
  ]);
});

Deno.test("rfmSql reads Parquet where the dialect can, with mapped columns", () => {
  const columns = { customer_id: "CustomerID", invoice_date: "InvoiceDate" };
  const duck = rfmSql("duckdb", { parquet: "data/it's.parquet", asOf: AS_OF, columns });
  assert.ok(duck.includes("FROM read_parquet('data/it''s.parquet')"));
  assert.ok(duck.includes('"CustomerID" AS rfm_customer'));
  assert.ok(
    rfmSql("spark", { parquet: "s3://b/tx", asOf: AS_OF }).includes("FROM parquet.`s3://b/tx`"),
  );
  assert.ok(
    rfmSql("clickhouse", { parquet: "tx.parquet", asOf: AS_OF })
      .includes("FROM file('tx.parquet', 'Parquet')"),
  );
});

Deno.test("the SQL generators refuse bad dialects, sources and options", () => {
  assert.throws(
    () => rfmSql("oracle" as "duckdb", { table: "t", asOf: AS_OF }),
    (e: Error) =>
      e instanceof RangeError && e.message.startsWith("Cannot generate RFM SQL as dialect") &&
      e.message.includes('"oracle"'),
  );
  for (const dialect of ["trino", "bigquery"] as const) {
    assert.throws(
      () => rfmSql(dialect, { parquet: "x.parquet", asOf: AS_OF }),
      (e: Error) => e instanceof RangeError && e.message.includes("pass { table }"),
    );
  }
  assert.throws(
    () => rfmSql("duckdb", { table: "t", parquet: "x", asOf: AS_OF }),
    (e: Error) => e instanceof TypeError && e.message.includes("got both"),
  );
  assert.throws(
    () => rfmSql("duckdb", { asOf: AS_OF }),
    (e: Error) => e instanceof TypeError && e.message.includes("got neither"),
  );
  assert.throws(
    () => rfmSql("duckdb", { table: "t; DROP TABLE x", asOf: AS_OF }),
    (e: Error) => e instanceof RangeError && e.message.includes("not a plain table name"),
  );
  assert.throws(
    () => rfmSql("duckdb", { table: "t", asOf: new Date("nope") }),
    RangeError,
  );
  assert.throws(
    () => rfmSql("duckdb", { table: "t", asOf: AS_OF, columns: { quantity: "" } }),
    (e: Error) => e instanceof TypeError && e.message.includes("columns.quantity"),
  );
  assert.throws(
    () => clvSummarySql("duckdb", { table: "t", asOf: AS_OF, timeUnit: "months" as "days" }),
    (e: Error) => e instanceof RangeError && e.message.includes("timeUnit"),
  );
  assert.throws(
    () =>
      clvSummarySql("duckdb", {
        table: "t",
        asOf: AS_OF,
        timeUnit: "days",
        calibrationEnd: new Date("2012-01-01"),
      }),
    (e: Error) => e instanceof RangeError && e.message.includes("calibrationEnd < observationEnd"),
  );
  assert.throws(
    () => clvSummarySql("duckdb", { table: "t", asOf: AS_OF, timeUnit: "days", quantity: "q" }),
    (e: Error) => e instanceof TypeError && e.message.includes("only one of quantity and price"),
  );
});

Deno.test("clvSummarySql in DuckDB: one-time buyers, same-day purchases, a holdout", async () => {
  const rows = [
    ["a", "2024-01-01 10:00:00", 10],
    ["a", "2024-01-01 18:00:00", 5],
    ["a", "2024-01-11 09:00:00", 20],
    ["b", "2024-01-21 12:00:00", 7],
    ["b", "2024-02-05 12:00:00", 3],
    [null, "2024-01-05 12:00:00", 99],
  ].map(([id, at, v]) => `(${id === null ? "NULL" : `'${id}'`}, TIMESTAMP '${at}', ${v})`);
  const table = `(VALUES ${rows.join(", ")}) t(customer_id, invoice_date, amount)`;
  const sql = clvSummarySql("duckdb", {
    table: "tx",
    asOf: new Date("2024-02-10"),
    timeUnit: "days",
    monetary: "amount",
    calibrationEnd: new Date("2024-01-31"),
  }).replaceAll("FROM tx", `FROM ${table}`);
  const summary = await queryDuckDb(sql);
  assert.deepEqual(summary.toRecords(), [
    {
      customer_id: "a",
      frequency: 1,
      recency: 10,
      T: 30,
      monetary_value: 20,
      frequency_holdout: 0,
      monetary_holdout: 0,
      duration_holdout: 10,
    },
    {
      customer_id: "b",
      frequency: 0,
      recency: 0,
      T: 10,
      monetary_value: 0,
      frequency_holdout: 1,
      monetary_holdout: 3,
      duration_holdout: 10,
    },
  ]);
});
