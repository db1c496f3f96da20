/**
 * Whole-dataset tests of the lib/io loaders: each bundled dataset loads with the documented
 * columns, row counts and value changes.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  loadCdnow,
  loadMallCustomers,
  loadOnlineRetail,
  loadTelcoChurn,
} from "../../lib/io/datasets.ts";
import { TRANSACTION_COLUMNS } from "../../lib/io/read_transactions.ts";

// Reference figures: each dataset's SOURCE.md (shared/datasets/), counted independently when the
// files were vetted (hyparquet for Online Retail; the CDNOW totals also match lifetimes' summaries).

Deno.test("loadOnlineRetail returns canonical columns and restores missing descriptions", () => {
  const tx = loadOnlineRetail();
  assert.equal(tx.height, 541_909);
  assert.deepEqual(tx.columns, [...TRANSACTION_COLUMNS]);
  assert.equal(tx.getColumn("description").nullCount(), 1_454);
  assert.equal(tx.getColumn("customer_id").nUnique() - 1, 4_372); // minus the null group
  const raw = loadOnlineRetail({ restoreMissingDescriptions: false });
  assert.equal(raw.getColumn("description").nullCount(), 0);
  assert.equal(
    raw.filter(pl.col("description").eq(pl.lit("Unknown"))).height,
    1_454,
  );
});

Deno.test("loadMallCustomers keeps the zero-padded ids and renames Genre", () => {
  const mall = loadMallCustomers();
  assert.deepEqual(mall.columns, [
    "customer_id",
    "gender",
    "age",
    "annual_income_k",
    "spending_score",
  ]);
  assert.equal(mall.getColumn("customer_id").get(0), "0001");
  assert.equal(mall.filter(pl.col("gender").eq(pl.lit("Female"))).height, 112);
  assert.equal(mall.getColumn("age").mean(), 38.85);
  assert.equal(mall.getColumn("annual_income_k").mean(), 60.56);
});

Deno.test("loadTelcoChurn makes total_charges numeric with the 11 blanks missing", () => {
  const telco = loadTelcoChurn();
  assert.deepEqual(telco.shape, { height: 7_043, width: 22 });
  assert.equal(telco.getColumn("churned").sum(), 1_869);
  const zero = loadTelcoChurn({ blankTotalCharges: "zero" });
  assert.equal(zero.getColumn("total_charges").nullCount(), 0);
  assert.equal(zero.filter(pl.col("tenure_months").eq(0)).getColumn("total_charges").sum(), 0);
  assert.ok(telco.columns.includes("customer_id") && telco.columns.includes("tenure_months"));
  assert.ok(telco.columns.includes("monthly_charges") && telco.columns.includes("payment_method"));
  const blanks = telco.filter(pl.col("total_charges").isNull());
  assert.equal(blanks.height, 11);
  assert.deepEqual(new Set(blanks.getColumn("tenure_months").toArray()), new Set([0]));
  assert.equal(telco.filter(pl.col("churn").eq(pl.lit("Yes"))).height, 1_869);
});

Deno.test("loadCdnow reads the master log and the sample", () => {
  const master = loadCdnow();
  assert.equal(master.height, 69_659);
  assert.equal(master.getColumn("customer_id").nUnique(), 23_570);
  const total = Number(master.getColumn("monetary").sum());
  assert.ok(Math.abs(total - 2_500_315.63) < 0.005, `total ${total}`);
  const sample = loadCdnow({ file: "sample" });
  assert.equal(sample.height, 6_919);
  assert.equal(sample.getColumn("customer_id").nUnique(), 2_357);
  const sampleTotal = Number(sample.getColumn("monetary").sum());
  assert.ok(Math.abs(sampleTotal - 244_091.94) < 0.005, `total ${sampleTotal}`);
  const dates = sample.getColumn("invoice_date").toArray() as unknown as Date[];
  const min = Math.min(...dates.map((d) => d.getTime()));
  const max = Math.max(...dates.map((d) => d.getTime()));
  assert.equal(new Date(min).toISOString().slice(0, 10), "1997-01-01");
  assert.equal(new Date(max).toISOString().slice(0, 10), "1998-06-30");
});
