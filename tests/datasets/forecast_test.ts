/**
 * Whole-dataset checks of lib/forecast on the two bundled years of Online Retail.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../_helpers.ts";
import { loadOnlineRetailTwoYears } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { kpiTable } from "../../lib/kpi/kpi_table.ts";
import { regularSeries } from "../../lib/forecast/regular_series.ts";

const tx = cleanTransactions(loadOnlineRetailTwoYears()).data;
const asOf = new Date("2011-12-10T00:00:00Z");

Deno.test("monthly regularSeries agrees with kpiTable on revenue, orders and active customers", () => {
  const kpis = kpiTable(tx, { period: "month", asOf });
  const revenue = regularSeries(tx, { period: "month", value: "revenue", asOf });
  const orders = regularSeries(tx, { period: "month", value: "orders", asOf });
  const customers = regularSeries(tx, { period: "month", value: "customers", asOf });
  assert.equal(revenue.height, 25); // December 2009 to December 2011
  assert.deepEqual(revenue.getColumn("complete").toArray(), kpis.getColumn("complete").toArray());
  assertClose(
    revenue.getColumn("value").toArray() as number[],
    kpis.getColumn("revenue").toArray() as number[],
    1e-9,
    "revenue",
  );
  // Every invoice has one customer after cleaning, so distinct invoices = kpiTable's orders.
  assert.deepEqual(
    orders.getColumn("value").toArray(),
    kpis.getColumn("orders").toArray().map(Number),
  );
  assert.deepEqual(
    customers.getColumn("value").toArray(),
    kpis.getColumn("active_customers").toArray().map(Number),
  );
});

Deno.test("weekly series: 106 ISO weeks, the two Christmas closures filled, partial ends flagged", () => {
  const weekly = regularSeries(tx, { period: "week", value: "orders", asOf });
  const rows = weekly.toRecords() as unknown as {
    date: Date;
    value: number;
    complete: boolean;
    filled: boolean;
  }[];
  assert.equal(rows.length, 106);
  assert.deepEqual(
    rows.filter((r) => r.filled).map((r) => r.date.toISOString().slice(0, 10)),
    ["2009-12-28", "2010-12-27"],
  );
  // Data start on Tuesday 2009-12-01 and end on Friday 2011-12-09: first and last weeks partial.
  assert.deepEqual(rows.flatMap((r, i) => r.complete ? [] : [i]), [0, 105]);
  assert.equal(weekly.filter(pl.col("complete")).height, 104);
});
