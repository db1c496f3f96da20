import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { kpiTable } from "./kpi_table.ts";

const at = (d: string) => new Date(`${d}T12:00:00Z`);

// A hand-made log: five customers over January to May 2011 (March has no purchase at all).
// a: Jan (2 orders), Feb, Apr      b: Jan, Apr (back after a gap)     c: Feb (new), Feb
// d: Apr (new)                     e: May 2 (new, in a partial May)   a line with no customer
const LOG = pl.DataFrame({
  customer_id: ["a", "a", "b", "a", "c", "c", "a", "b", "d", "e", null],
  invoice_id: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"],
  invoice_date: [
    "2011-01-03",
    "2011-01-20",
    "2011-01-21",
    "2011-02-02",
    "2011-02-10",
    "2011-02-11",
    "2011-04-01",
    "2011-04-15",
    "2011-04-30",
    "2011-05-02",
    "2011-02-01",
  ].map(at),
  quantity: [1, 2, 3, 1, 4, 1, 2, 1, 5, 1, 100],
  unit_price: [10, 5, 2, 30, 2.5, 8, 7, 20, 1, 9, 1],
});

Deno.test("kpiTable by month: every column of a hand-computed log", () => {
  const t = kpiTable(LOG, { period: "month", asOf: new Date("2011-05-10T00:00:00Z") });
  const col = (name: string) => t.getColumn(name).toArray().map((v) => v === null ? null : v);
  const months = (t.getColumn("period").toArray() as unknown as Date[]).map((d) =>
    d.toISOString().slice(0, 10)
  );
  assert.deepEqual(months, ["2011-01-01", "2011-02-01", "2011-03-01", "2011-04-01", "2011-05-01"]);
  assert.deepEqual(col("complete"), [true, true, true, true, false]);
  assert.deepEqual(col("active_customers"), [2, 2, 0, 3, 1]);
  assert.deepEqual(col("new_customers"), [2, 1, 0, 1, 1]);
  assert.deepEqual(col("returning_customers"), [0, 1, 0, 2, 0]);
  assert.deepEqual(col("retained_customers"), [0, 1, 0, 0, 0]);
  assert.deepEqual(col("reactivated_customers"), [0, 0, 0, 2, 0]);
  assert.deepEqual(col("churned_customers"), [null, 1, 2, 0, 3]);
  // Feb: a kept of {a, b}; Mar: none of {a, c}; Apr: no one was active in March; May: 0 of 3.
  assert.deepEqual(col("retention_rate"), [null, 0.5, 0, null, 0]);
  assert.deepEqual(col("churn_rate"), [null, 0.5, 1, null, 1]);
  // Jan: a has 2 orders; Feb: c has 2 orders (5 and 6).
  assert.deepEqual(col("repeat_purchase_rate"), [0.5, 0.5, null, 0, 0]);
  // Jan: 10 + 10 + 6 = 26; Feb: 30 + 10 + 8 = 48; Apr: 14 + 20 + 5 = 39; May: 9.
  assert.deepEqual(col("revenue"), [26, 48, 0, 39, 9]);
  assert.deepEqual(col("orders"), [3, 3, 0, 3, 1]);
  assert.deepEqual(col("average_order_value"), [26 / 3, 16, null, 13, 9]);
  assert.deepEqual(col("purchase_frequency"), [1.5, 1.5, null, 1, 1]);
  assert.deepEqual(col("revenue_per_customer"), [13, 24, null, 13, 9]);
});

Deno.test("kpiTable by quarter, and asOf leaves later rows out", () => {
  const t = kpiTable(LOG, { period: "quarter", asOf: new Date("2011-04-30T23:59:59Z") });
  const quarters = (t.getColumn("period").toArray() as unknown as Date[]).map((d) =>
    d.toISOString().slice(0, 10)
  );
  assert.deepEqual(quarters, ["2011-01-01", "2011-04-01"]);
  assert.deepEqual(t.getColumn("complete").toArray(), [true, false]);
  // Q1: a, b, c (all new); Q2 as of 30 April: a, b retained, d new; e (May) is left out.
  assert.deepEqual(t.getColumn("active_customers").toArray(), [3, 3]);
  assert.deepEqual(t.getColumn("retained_customers").toArray(), [0, 2]);
  assert.deepEqual(t.getColumn("retention_rate").toArray(), [null, 2 / 3]);
  assert.deepEqual(t.getColumn("revenue").toArray(), [74, 39]);
  // Q1 repeaters: a (orders 1, 2, 4) and c (5, 6).
  assert.deepEqual(t.getColumn("repeat_purchase_rate").toArray(), [2 / 3, 0]);
});

Deno.test("kpiTable: a period is complete only once asOf reaches the next period's start", () => {
  const end = kpiTable(LOG, { period: "month", asOf: new Date("2011-06-01T00:00:00Z") });
  assert.equal(end.getColumn("complete").toArray().at(-1), true);
  const before = kpiTable(LOG, { period: "month", asOf: new Date("2011-05-31T23:59:59Z") });
  assert.equal(before.getColumn("complete").toArray().at(-1), false);
});

Deno.test("kpiTable refuses bad arguments with the value named", () => {
  // deno-lint-ignore no-explicit-any
  assert.throws(() => kpiTable(LOG, { period: "month" } as any), {
    name: "TypeError",
    message: /^Cannot compute the KPI table as asOf/,
  });
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => kpiTable(LOG, { period: "week" as any, asOf: new Date("2011-06-01") }),
    { name: "RangeError", message: /period must be one of .*: got "?week"?/ },
  );
  assert.throws(
    () => kpiTable(LOG.drop("invoice_id"), { period: "month", asOf: new Date("2011-06-01") }),
    { name: "TypeError", message: /invoice_id/ },
  );
  assert.throws(
    () => kpiTable(LOG, { period: "month", asOf: new Date("2010-01-01T00:00:00Z") }),
    {
      name: "RangeError",
      message: /^Cannot compute the KPI table as no customer transaction is on or before asOf/,
    },
  );
  assert.throws(
    () =>
      kpiTable(LOG.withColumns(pl.lit("x").alias("quantity")), {
        period: "month",
        asOf: new Date("2011-06-01"),
      }),
    { name: "TypeError", message: /quantity/ },
  );
});
