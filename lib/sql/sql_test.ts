/**
 * Snapshot tests of the generated SQL for every dialect (tests/fixtures/sql/*.sql; rewrite them
 * with `UPDATE_SQL_SNAPSHOTS=1` after a deliberate change and review the diff), and the errors.
 * DuckDB's SQL is also run for real (tests/datasets/sql_duckdb_test.ts); the other dialects are
 * checked only here.
 */
import assert from "node:assert/strict";
import { rfmSql, SQL_DIALECTS } from "./rfm_sql.ts";
import { clvSummarySql } from "./clv_summary_sql.ts";
import { queryDuckDb } from "./query_duckdb.ts";

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
