/**
 * Whole-dataset tests of lib/quality on the bundled Online Retail data: every check and cleaning
 * step against pandas.
 *
 * Reference: tests/reference/quality_reference.py (pandas 1.5.3, Debian bookworm), run on the CSV
 * export of the bundled file.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { checkTransactions } from "../../lib/quality/check_transactions.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";

let raw: DataFrame | undefined;
function onlineRetail(): DataFrame {
  raw ??= loadOnlineRetail();
  return raw;
}

function asRecord(findings: DataFrame) {
  return Object.fromEntries(
    findings.toRecords().map((r) => [`${r.rule}:${r.column}`, Number(r.rows)]),
  );
}

function rowsByRule(log: DataFrame) {
  return Object.fromEntries(log.toRecords().map((r) => [r.rule, [r.action, Number(r.rows)]]));
}

function revenue(data: DataFrame): number {
  return Number(
    data.select(pl.col("quantity").mul(pl.col("unit_price")).sum().alias("r")).getColumn("r")
      .get(0),
  );
}

Deno.test("checkTransactions on Online Retail equals pandas' counts", () => {
  // Reference: tests/reference/quality_reference.py (pandas 1.5.3, Debian bookworm); the first
  // six also match the dataset's SOURCE.md, counted independently with hyparquet.
  const counts = asRecord(checkTransactions(onlineRetail()));
  assert.deepEqual(counts, {
    "missing_values:customer_id": 135_080,
    "missing_values:description": 1_454,
    "duplicate_rows:*": 5_268,
    "cancellations:invoice_id": 9_288,
    "non_positive_quantity:quantity": 10_624,
    "zero_price:unit_price": 2_515,
    "negative_price:unit_price": 2,
    "non_product_code:product_id": 2_950,
    "extreme_quantity:quantity": 3,
    "extreme_price:unit_price": 806,
    "padded_description:description": 113_452,
  });
});

Deno.test("cleanTransactions on Online Retail equals pandas step by step", () => {
  // Reference: tests/reference/quality_reference.py, "clean (default)" (pandas 1.5.3): the same
  // rules written with drop_duplicates, isna, str.startswith and str.match, applied in the same
  // order, with the order lines that cancellations reverse removed (the default).
  const { data, log } = cleanTransactions(onlineRetail());
  assert.deepEqual(rowsByRule(log), {
    duplicate_rows: ["removed", 5_268],
    missing_customer: ["removed", 135_037],
    cancelled_orders: ["removed", 2_882],
    cancellations: ["removed", 8_872],
    non_positive_quantity: ["removed", 0],
    non_positive_price: ["removed", 40],
    non_product_code: ["removed", 1_478],
    extreme_quantity: ["off", 0],
    extreme_price: ["off", 0],
    padded_description: ["changed", 82_876],
    encoding_artifacts: ["changed", 0],
  });
  assert.equal(data.height, 388_332);
  const total = revenue(data);
  assert.ok(Math.abs(total - 8_311_431.43) < 0.01, `revenue ${total}`);
  assert.equal(data.getColumn("customer_id").nUnique(), 4_324);
  assert.equal(data.getColumn("invoice_id").nUnique(), 18_276);
});

Deno.test("cleanTransactions with dropCancelledOrders off keeps the reversed orders, as pandas", () => {
  // tests/reference/quality_reference.py, "clean (dropCancelledOrders off)" (pandas 1.5.3): the
  // numbers before cancelled orders were dropped by default.
  const { data, log } = cleanTransactions(onlineRetail(), { dropCancelledOrders: false });
  const steps = rowsByRule(log);
  assert.deepEqual(steps.cancelled_orders, ["off", 0]);
  assert.deepEqual(steps.non_product_code, ["removed", 1_542]);
  assert.deepEqual(steps.padded_description, ["changed", 83_444]);
  assert.equal(data.height, 391_150);
  const total = revenue(data);
  assert.ok(Math.abs(total - 8_737_227.64) < 0.01, `revenue ${total}`);
  assert.equal(data.getColumn("customer_id").nUnique(), 4_334);
  assert.equal(data.getColumn("invoice_id").nUnique(), 18_402);
});
