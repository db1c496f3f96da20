import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { checkTransactions } from "./check_transactions.ts";

function small() {
  return pl.DataFrame({
    customer_id: ["1", "1", null, "2", "3", "3", "4"],
    invoice_id: ["100", "100", "101", "C102", "103", "104", "105"],
    invoice_date: pl.Series("invoice_date", [
      new Date("2011-01-01"),
      new Date("2011-01-01"),
      new Date("2011-01-02"),
      new Date("2011-01-03"),
      new Date("2011-01-04"),
      new Date("2011-01-05"),
      new Date("2011-01-06"),
    ]),
    product_id: ["A", "A", "POST", "A", "22752", "gift_0001_20", "22753"],
    description: ["CUP ", "CUP ", "POSTAGE", "CUP", "Gift Voucher Â£20.00", null, "BOWL"],
    quantity: [2, 2, 1, -2, 1, 1, 1],
    unit_price: [1.5, 1.5, 18, 1.5, 0, 16.67, -5],
  });
}

function asRecord(findings: ReturnType<typeof checkTransactions>) {
  return Object.fromEntries(
    findings.toRecords().map((r) => [`${r.rule}:${r.column}`, Number(r.rows)]),
  );
}

Deno.test("checkTransactions counts every rule on a hand-made frame", () => {
  const findings = checkTransactions(small());
  assert.deepEqual(findings.columns, ["rule", "column", "rows", "share", "examples"]);
  assert.deepEqual(asRecord(findings), {
    "missing_values:customer_id": 1,
    "missing_values:description": 1,
    "duplicate_rows:*": 1,
    "cancellations:invoice_id": 1,
    "non_positive_quantity:quantity": 1,
    "zero_price:unit_price": 1,
    "negative_price:unit_price": 1,
    "non_product_code:product_id": 2,
    "padded_description:description": 2,
    "encoding_artifacts:description": 1,
  });
  const dup = findings.filter(pl.col("rule").eq(pl.lit("duplicate_rows")));
  assert.equal(dup.getColumn("examples").get(0), '"row 2"');
  assert.equal(dup.getColumn("share").get(0), 1 / 7);
});

Deno.test("checkTransactions does not modify its input", () => {
  const tx = small();
  const before = tx.toRecords();
  checkTransactions(tx);
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("checkTransactions rejects a frame without required columns or rows", () => {
  assert.throws(
    () => checkTransactions(small().drop("quantity")),
    (e: unknown) => e instanceof TypeError && /column "quantity" is missing/.test(e.message),
  );
  assert.throws(
    () => checkTransactions(small().head(0)),
    (e: unknown) => e instanceof RangeError && /the frame is empty/.test(e.message),
  );
  assert.throws(
    () => checkTransactions(small(), { outlierFence: 0 }),
    /^RangeError: Cannot check transactions as outlierFence must be a finite number > 0: got 0$/,
  );
});

Deno.test("checkTransactions flags implausible dates and non-finite values, never NaN as extreme", () => {
  const tx = small().withColumns(
    pl.Series("invoice_date", [
      new Date("2011-01-01"),
      new Date("0201-01-01"),
      new Date("2011-01-02"),
      new Date("2101-01-03"),
      new Date("2011-01-04"),
      new Date("2011-01-05"),
      new Date("2011-01-06"),
    ]),
    pl.Series("quantity", [2, NaN, 1, -2, 1, 1, 1e9]),
  );
  const found = asRecord(checkTransactions(tx));
  assert.equal(found["implausible_dates:invoice_date"], 2);
  assert.equal(found["non_finite_values:quantity"], 1);
  assert.equal(found["extreme_quantity:quantity"], 1, "1e9 only, not NaN");
});

Deno.test("checkTransactions refuses a text quantity, counting the values that are not numbers", () => {
  const tx = small().withColumns(pl.col("quantity").cast(pl.Utf8));
  assert.throws(
    () => checkTransactions(tx.withColumns(pl.lit("two").alias("quantity"))),
    /^TypeError: Cannot check transactions as column "quantity" holds text, not numbers: 7 of 7 rows do not even parse as a number \(e.g. "two", "two", "two", "two", "two" and 2 more\)/,
  );
});
