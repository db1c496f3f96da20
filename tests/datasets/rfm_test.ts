/**
 * Full-data check of the RFM pipeline on the bundled Online Retail file against pandas.
 *
 * Reference values: tests/reference/rfm_reference.py run on the CSV export of the bundled file
 * (`/usr/bin/python3 tests/reference/rfm_reference.py /tmp/online_retail.csv`), section
 * "Online Retail, cleaned (388332 rows), as of 2011-12-10 00:00:00": the cleanTransactions default
 * rules written in pandas (tests/reference/online_retail_clean.py: drop_duplicates, CustomerID
 * notna, the order lines cancellations reverse, InvoiceNo not starting with C,
 * Quantity > 0, UnitPrice > 0, non-product StockCodes dropped, CustomerID float -> int -> str),
 * then `groupby("CustomerID").agg(...)` with `(as_of - last).dt.days`, and the scores as
 * `np.ceil(x.rank(method="average") * 5 / n)`.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { scoreRfm } from "../../lib/rfm/score_rfm.ts";
import { rfmSegmentSummary } from "../../lib/rfm/rfm_segment_summary.ts";
import { assertClose } from "../_helpers.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");

let cached: DataFrame | undefined;
function rfm(): DataFrame {
  cached ??= computeRfm(cleanTransactions(loadOnlineRetail()).data, { asOf: AS_OF });
  return cached;
}

const sum = (df: DataFrame, column: string) => Number(df.getColumn(column).sum());

Deno.test("computeRfm on cleaned Online Retail matches pandas totals", () => {
  const table = rfm();
  assert.equal(table.height, 4324);
  assert.equal(sum(table, "recency_days"), 399325);
  assert.equal(sum(table, "frequency"), 18276);
  assert.equal(sum(table, "tenure_days"), 964208);
  assertClose([sum(table, "monetary")], [8311431.43], 1e-6, "monetary sum");
  assertClose([sum(table, "avg_order_value")], [1610029.2158213924], 1e-6, "avg_order_value sum");
  assertClose([Number(table.getColumn("recency_days").mean())], [92.35083256244218], 1e-12);
});

Deno.test("computeRfm on cleaned Online Retail matches pandas for four customers", () => {
  // [recency_days, frequency, monetary, tenure_days, avg_order_value] from pandas.
  const expected: Record<string, number[]> = {
    "12347": [2, 7, 4310.0, 367, 615.7142857142857],
    "14646": [1, 72, 278742.02, 354, 3871.4169444444447],
    "17850": [372, 34, 5333.25, 373, 156.86029411764707],
    "18287": [42, 3, 1837.28, 201, 612.4266666666666],
  };
  for (const [id, values] of Object.entries(expected)) {
    const row = rfm().filter(pl.col("customer_id").eq(pl.lit(id))).toRecords()[0];
    assert.deepEqual(
      [row.recency_days, row.frequency, row.tenure_days],
      [values[0], values[1], values[3]],
      id,
    );
    assertClose([row.monetary, row.avg_order_value], [values[2], values[4]], 1e-9, id);
  }
});

Deno.test("scoreRfm on Online Retail matches pandas score and segment counts", () => {
  const scored = scoreRfm(rfm());
  const counts = (column: string) =>
    Object.fromEntries(
      scored.groupBy(column).len().sort(column).rows().map(([k, n]) => [String(k), Number(n)]),
    );
  assert.deepEqual(counts("r_score"), { 1: 863, 2: 861, 3: 860, 4: 878, 5: 862 });
  // A third of the customers ordered once: they share F 1 and no one gets F 2.
  assert.deepEqual(counts("f_score"), { 1: 1502, 3: 1333, 4: 631, 5: 858 });
  assert.deepEqual(counts("m_score"), { 1: 864, 2: 865, 3: 865, 4: 865, 5: 865 });
  assert.deepEqual(counts("segment"), {
    "About to sleep": 386,
    "At risk": 267,
    "Cannot lose them": 27,
    "Champions": 943,
    "Hibernating": 453,
    "Lost": 720,
    "Loyal": 249,
    "Needs attention": 482,
    "New": 57,
    "Potential loyalist": 595,
    "Promising": 145,
  });
  const score = (id: string) =>
    scored.filter(pl.col("customer_id").eq(pl.lit(id))).getColumn("rfm_score").get(0);
  assert.equal(score("14646"), "555");
  assert.equal(score("17850"), "155");

  const summary = rfmSegmentSummary(scored);
  assert.equal(summary.height, 11);
  assert.equal(summary.getColumn("segment").get(0), "Champions");
  assertClose([sum(summary, "monetary_total")], [8311431.43], 1e-9);
  assertClose([sum(summary, "customer_share"), sum(summary, "monetary_share")], [1, 1], 1e-12);
});
