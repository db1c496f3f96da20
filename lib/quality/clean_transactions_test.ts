import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cleanTransactions } from "./clean_transactions.ts";
import { repairMojibake } from "./rules.ts";

function small() {
  return pl.DataFrame({
    customer_id: ["1", "1", null, "2", "3", "3", "4", "5"],
    invoice_id: ["100", "100", "101", "C102", "103", "104", "105", "106"],
    invoice_date: pl.Series("invoice_date", [
      new Date("2011-01-01"),
      new Date("2011-01-01"),
      new Date("2011-01-02"),
      new Date("2011-01-03"),
      new Date("2011-01-04"),
      new Date("2011-01-05"),
      new Date("2011-01-06"),
      new Date("2011-01-07"),
    ]),
    product_id: ["A", "A", "A", "A", "22752", "POST", "22753", "DCGS0004"],
    description: ["CUP ", "CUP ", "CUP", "CUP", "BOWL", "POSTAGE", "PLATE", "Voucher Â£20"],
    quantity: [2, 2, 1, -2, 0, 1, 1, 3],
    unit_price: [1.5, 1.5, 1.5, 1.5, 2, 18, 0, 20],
  });
}

function rowsByRule(log: ReturnType<typeof cleanTransactions>["log"]) {
  return Object.fromEntries(log.toRecords().map((r) => [r.rule, [r.action, Number(r.rows)]]));
}

Deno.test("cleanTransactions applies and logs every rule in order", () => {
  const { data, log } = cleanTransactions(small());
  assert.deepEqual(log.columns, [
    "step",
    "rule",
    "column",
    "action",
    "rows",
    "rows_after",
    "detail",
  ]);
  assert.deepEqual(rowsByRule(log), {
    duplicate_rows: ["removed", 1],
    missing_customer: ["removed", 1],
    cancelled_orders: ["removed", 0],
    cancellations: ["removed", 1],
    non_positive_quantity: ["removed", 1],
    non_positive_price: ["removed", 1],
    non_product_code: ["removed", 1],
    extreme_quantity: ["off", 0],
    extreme_price: ["off", 0],
    padded_description: ["changed", 1],
    encoding_artifacts: ["changed", 1],
  });
  assert.deepEqual(data.getColumn("invoice_id").toArray(), ["100", "106"]);
  assert.deepEqual(data.getColumn("description").toArray(), ["CUP", "Voucher £20"]);
  assert.deepEqual(log.getColumn("rows_after").toArray(), [7, 6, 6, 5, 4, 3, 2, 2, 2, 2, 2]);
});

Deno.test("cleanTransactions rules can be switched off and leave the input untouched", () => {
  const tx = small();
  const before = tx.toRecords();
  const { data, log } = cleanTransactions(tx, {
    dropDuplicates: false,
    dropMissingCustomer: false,
    dropCancelledOrders: false,
    dropCancellations: false,
    dropNonPositiveQuantity: false,
    dropNonPositivePrice: false,
    dropNonProductCodes: false,
    trimDescriptions: false,
    repairEncoding: false,
  });
  assert.equal(data.height, tx.height);
  assert.deepEqual(data.toRecords(), before);
  assert.deepEqual(tx.toRecords(), before);
  assert.ok(log.getColumn("action").toArray().every((a) => a === "off"));
});

Deno.test("cleanTransactions can drop extreme outliers with a stated fence", () => {
  const quantity = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100_000];
  const tx = pl.DataFrame({
    customer_id: quantity.map((_, i) => String(i)),
    invoice_id: quantity.map((_, i) => String(1000 + i)),
    invoice_date: pl.Series("invoice_date", quantity.map(() => new Date("2011-01-01"))),
    product_id: quantity.map(() => "A"),
    quantity,
    unit_price: quantity.map(() => 1),
  });
  const { data, log } = cleanTransactions(tx, { dropExtremeOutliers: true });
  assert.equal(data.height, 10);
  const row = log.filter(pl.col("rule").eq(pl.lit("extreme_quantity"))).toRecords()[0];
  assert.equal(row.rows, 1);
  assert.match(String(row.detail), /log10 Tukey fence k=3/);
  assert.throws(() => cleanTransactions(tx, { outlierFence: 0 }), RangeError);
});

Deno.test("repairMojibake reverses UTF-8 read as Latin-1", () => {
  assert.equal(repairMojibake("Gift Voucher Â£40.00"), "Gift Voucher £40.00");
  assert.equal(repairMojibake("CafÃ© crÃ¨me"), "Café crème");
  assert.equal(repairMojibake("PLAIN TEXT"), "PLAIN TEXT");
});

function cancelledOrders() {
  const d = (s: string) => new Date(s);
  return pl.DataFrame({
    customer_id: ["1", "1", "1", "2", "2", "3", "3", "3"],
    invoice_id: ["100", "101", "C102", "200", "C201", "C300", "301", "C302"],
    invoice_date: pl.Series("invoice_date", [
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-03T10:00:00Z"),
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-03T10:00:00Z"),
    ]),
    product_id: ["P1", "P1", "P1", "P2", "P2", "P3", "P3", "P3"],
    quantity: [5, 5, -5, 3, -2, -4, 4, -7],
    unit_price: [1, 1, 1, 2, 2, 3, 3, 3],
  });
}

Deno.test("cleanTransactions removes the orders that cancellations reverse by default", () => {
  const { data, log } = cleanTransactions(cancelledOrders());
  assert.deepEqual(data.getColumn("invoice_id").toArray(), ["100", "200", "301"]);
  const row = log.filter(pl.col("rule").eq(pl.lit("cancelled_orders"))).toRecords()[0];
  assert.equal(row.action, "removed");
  assert.equal(row.rows, 1);
});

Deno.test("cleanTransactions keeps the reversed orders with dropCancelledOrders: false", () => {
  const { data, log } = cleanTransactions(cancelledOrders(), { dropCancelledOrders: false });
  assert.deepEqual(data.getColumn("invoice_id").toArray(), ["100", "101", "200", "301"]);
  const row = log.filter(pl.col("rule").eq(pl.lit("cancelled_orders"))).toRecords()[0];
  assert.equal(row.action, "off");
  assert.equal(row.rows, 0);
});

Deno.test("cleanTransactions can remove the orders that cancellations reverse", () => {
  const d = (s: string) => new Date(s);
  const tx = pl.DataFrame({
    customer_id: ["1", "1", "1", "2", "2", "3", "3", "3"],
    invoice_id: ["100", "101", "C102", "200", "C201", "C300", "301", "C302"],
    invoice_date: pl.Series("invoice_date", [
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-03T10:00:00Z"),
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-01T10:00:00Z"),
      d("2011-01-02T10:00:00Z"),
      d("2011-01-03T10:00:00Z"),
    ]),
    product_id: ["P1", "P1", "P1", "P2", "P2", "P3", "P3", "P3"],
    quantity: [5, 5, -5, 3, -2, -4, 4, -7],
    unit_price: [1, 1, 1, 2, 2, 3, 3, 3],
  });
  const { data, log } = cleanTransactions(tx, { dropCancelledOrders: true });
  // Customer 1: C102 reverses the latest matching order (101), not 100. Customer 2: quantities
  // differ, nothing is reversed. Customer 3: C300 comes before the order, C302's quantity differs.
  assert.deepEqual(data.getColumn("invoice_id").toArray(), ["100", "200", "301"]);
  const row = log.filter(pl.col("rule").eq(pl.lit("cancelled_orders"))).toRecords()[0];
  assert.equal(row.action, "removed");
  assert.equal(row.rows, 1);
});
