/**
 * The two bundled years of the same shop (Online Retail II's first sheet, Online Retail) joined
 * without counting their shared days, 2010-12-01 to 2010-12-09, twice.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import {
  combineTransactionLogs,
  loadOnlineRetail,
  loadOnlineRetailII,
} from "../../lib/io/datasets.ts";

const OVERLAP_START = Date.UTC(2010, 11, 1);
const OVERLAP_END = Date.UTC(2010, 11, 10);

/** Distinct invoices per day of the overlap window, as `{ "2010-12-01": n, ... }`. */
function invoicesPerDay(tx: DataFrame): Record<string, number> {
  const ms = pl.col("invoice_date").cast(pl.Int64).cast(pl.Float64);
  const days = tx
    .filter(ms.gtEq(pl.lit(OVERLAP_START)).and(ms.lt(pl.lit(OVERLAP_END))))
    .select(
      pl.col("invoice_date").cast(pl.Date).cast(pl.Int32).alias("day"),
      pl.col("invoice_id"),
    )
    .groupBy("day")
    .agg(
      pl.col("invoice_id").nUnique().alias("invoices"),
      pl.col("invoice_id").count().alias("lines"),
    )
    .sort("day");
  const out: Record<string, number> = {};
  const day = days.getColumn("day").toArray();
  const n = days.getColumn("invoices").toArray();
  day.forEach((d, i) =>
    out[new Date(Number(d) * 86_400_000).toISOString().slice(0, 10)] = Number(n[i])
  );
  return out;
}

const first = loadOnlineRetailII();
const second = loadOnlineRetail();
const both = combineTransactionLogs(first, second);

Deno.test("loadOnlineRetailII gives the same canonical columns and types as loadOnlineRetail", () => {
  assert.deepEqual(first.columns, second.columns);
  for (const name of first.columns) {
    assert.equal(String(first.getColumn(name).dtype), String(second.getColumn(name).dtype), name);
  }
  // SOURCE.md of the vetted copy: 525,461 rows, 107,927 missing customers, 2,928 descriptions.
  assert.equal(first.height, 525_461);
  assert.equal(first.getColumn("customer_id").nullCount(), 107_927);
  assert.equal(first.getColumn("description").nullCount(), 2_928);
});

Deno.test("combineTransactionLogs counts 1-9 December 2010 once", () => {
  const fromFirst = invoicesPerDay(first);
  const fromSecond = invoicesPerDay(second);
  const joined = invoicesPerDay(both);
  // Both files hold the same nine days (8 trading days; no trade on Sunday 5 December)...
  assert.deepEqual(fromFirst, fromSecond);
  assert.equal(Object.keys(joined).length, 8);
  // ...and the joined log has each day's invoices once, not twice.
  assert.deepEqual(joined, fromSecond);
  const total = Object.values(joined).reduce((a, b) => a + b, 0);
  assert.equal(total, 1_088);
  // Lines: 525,461 - 22,523 (the overlap, dropped from the first file) + 541,909.
  assert.equal(both.height, 525_461 - 22_523 + 541_909);
  const ms = both.getColumn("invoice_date").cast(pl.Int64).cast(pl.Float64);
  assert.equal(Number(ms.min()), Date.UTC(2009, 11, 1, 7, 45));
  assert.equal(Number(ms.max()), Date.UTC(2011, 11, 9, 12, 50));
});
