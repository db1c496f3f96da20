import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { computeRfm } from "./compute_rfm.ts";
import { AS_OF, smallTransactions, utc } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/rfm_reference.py, section "small table: rfm_table(tx, AS_OF)":
// pandas 1.5.3 `t.groupby("CustomerID").agg(...)` with `(AS_OF - last).dt.days`,
// `("InvoiceNo", "nunique")` and `sum(Quantity * UnitPrice)`, after dropping rows without a
// customer and rows after AS_OF.
const EXPECTED = {
  customer_id: ["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c10", "c11"],
  recency_days: [0, 27, 44, 14, 14, 70, 0, 0, 31, 1],
  frequency: [3, 2, 1, 1, 2, 1, 1, 2, 3, 1],
  monetary: [56.0, 40.0, 16.0, 7.0, 45.0, 25.200000000000003, 7.0, 15.0, 40.16, 34.0],
  tenure_days: [54, 49, 44, 14, 89, 70, 0, 56, 85, 1],
  avg_order_value: [
    18.666666666666668,
    20.0,
    16.0,
    7.0,
    22.5,
    25.200000000000003,
    7.0,
    7.5,
    13.386666666666665,
    34.0,
  ],
};

Deno.test("computeRfm matches pandas on the small table", () => {
  const rfm = computeRfm(smallTransactions(), { asOf: AS_OF });
  assert.deepEqual(rfm.columns, Object.keys(EXPECTED));
  assert.deepEqual(
    rfm.dtypes.map((d) => d.variant),
    ["String", "Int64", "Int64", "Float64", "Int64", "Float64"],
  );
  assert.deepEqual(rfm.getColumn("customer_id").toArray(), EXPECTED.customer_id);
  assert.deepEqual(rfm.getColumn("recency_days").toArray(), EXPECTED.recency_days);
  assert.deepEqual(rfm.getColumn("frequency").toArray(), EXPECTED.frequency);
  assert.deepEqual(rfm.getColumn("tenure_days").toArray(), EXPECTED.tenure_days);
  assertClose(rfm.getColumn("monetary").toArray(), EXPECTED.monetary, 1e-12, "monetary");
  assertClose(
    rfm.getColumn("avg_order_value").toArray(),
    EXPECTED.avg_order_value,
    1e-12,
    "avg_order_value",
  );
});

Deno.test("computeRfm ignores a purchase after asOf and counts one exactly at asOf", () => {
  const rfm = computeRfm(smallTransactions(), { asOf: AS_OF });
  const row = (id: string) => rfm.filter(pl.col("customer_id").eq(pl.lit(id))).toRecords()[0];
  // c04 bought for 125.00 one second after AS_OF: only the 7.00 order before it counts.
  assert.deepEqual(
    [row("c04").frequency, row("c04").monetary, row("c04").recency_days],
    [1, 7, 14],
  );
  // c07's only purchase is exactly at AS_OF: counted, 0 days ago.
  assert.deepEqual([row("c07").frequency, row("c07").recency_days], [1, 0]);
  // c09 bought only after AS_OF, and the row without a customer is ignored.
  assert.equal(rfm.filter(pl.col("customer_id").eq(pl.lit("c09"))).height, 0);
  assert.equal(rfm.getColumn("customer_id").nullCount(), 0);

  // One second later, c04's later purchase counts.
  const later = computeRfm(smallTransactions(), { asOf: new Date(AS_OF.getTime() + 1000) });
  const c04 = later.filter(pl.col("customer_id").eq(pl.lit("c04"))).toRecords()[0];
  assert.deepEqual([c04.frequency, c04.monetary, c04.recency_days], [2, 132, 0]);
});

Deno.test("computeRfm floors days: 23:59:59 before asOf is 0 days, 24:00:00 is 1", () => {
  const tx = pl.DataFrame([
    pl.Series("customer_id", ["a", "b", "c"], pl.Utf8),
    pl.Series("invoice_id", ["1", "2", "3"], pl.Utf8),
    pl.Series(
      "invoice_date",
      [utc("2011-02-28 00:00:01"), utc("2011-02-28 00:00:00"), utc("2011-02-27 23:59:59")],
      pl.Datetime("ms"),
    ),
    pl.Series("quantity", [1, 1, 1], pl.Int64),
    pl.Series("unit_price", [1, 1, 1], pl.Float64),
  ]);
  const rfm = computeRfm(tx, { asOf: AS_OF });
  assert.deepEqual(rfm.getColumn("recency_days").toArray(), [0, 1, 1]);
});

Deno.test("computeRfm accepts a Date column and ignores empty customer ids", () => {
  const tx = pl.DataFrame([
    pl.Series("customer_id", ["a", "", "a"], pl.Utf8),
    pl.Series("invoice_id", ["1", "2", "3"], pl.Utf8),
    pl.Series(
      "invoice_date",
      [utc("2011-01-01 00:00:00"), utc("2011-01-02 00:00:00"), utc("2011-02-01 00:00:00")],
      pl.Datetime("ms"),
    ).cast(pl.Date),
    pl.Series("quantity", [1.5, 1, 2], pl.Float64),
    pl.Series("unit_price", [2, 1, 1], pl.Float64),
  ]);
  const rfm = computeRfm(tx, { asOf: AS_OF });
  assert.deepEqual(rfm.toRecords(), [{
    customer_id: "a",
    recency_days: 28,
    frequency: 2,
    monetary: 5,
    tenure_days: 59,
    avg_order_value: 2.5,
  }]);
});

Deno.test("computeRfm does not modify its input", () => {
  const tx = smallTransactions();
  const before = tx.clone();
  computeRfm(tx, { asOf: AS_OF });
  assert.ok(tx.frameEqual(before, true));
  assert.deepEqual(tx.columns, before.columns);
});

Deno.test("computeRfm rejects a missing or invalid asOf", () => {
  const tx = smallTransactions();
  for (const asOf of ["2011-03-01", undefined, 1298937600000]) {
    assert.throws(
      () => computeRfm(tx, { asOf } as unknown as { asOf: Date }),
      (e: unknown) =>
        e instanceof TypeError &&
        /^Cannot compute RFM as asOf must be a Date, e\.g\. new Date\("2011-12-10"\): got /.test(
          e.message,
        ),
    );
  }
  assert.throws(
    () => computeRfm(tx, { asOf: new Date("not a date") }),
    /^RangeError: Cannot compute RFM as asOf is an invalid Date$/,
  );
  assert.throws(
    () => computeRfm(tx, undefined as unknown as { asOf: Date }),
    TypeError,
  );
});

Deno.test("computeRfm names a missing or mistyped column", () => {
  const tx = smallTransactions();
  assert.throws(
    () => computeRfm(tx.drop("unit_price"), { asOf: AS_OF }),
    (e: unknown) =>
      e instanceof TypeError &&
      /^Cannot compute RFM as column "unit_price" is missing: available columns are/.test(
        e.message,
      ),
  );
  assert.throws(
    () =>
      computeRfm(tx.withColumns(pl.col("invoice_date").dt.strftime("%Y-%m-%d")), { asOf: AS_OF }),
    /^TypeError: Cannot compute RFM as column "invoice_date" is not a Date or Datetime: its dtype is String$/,
  );
  assert.throws(
    () => computeRfm(tx.withColumns(pl.col("quantity").cast(pl.Utf8)), { asOf: AS_OF }),
    /^TypeError: Cannot compute RFM as column "quantity" is not numeric: its dtype is String$/,
  );
});

Deno.test("computeRfm rejects empty frames and frames without customers", () => {
  const tx = smallTransactions();
  assert.throws(
    () => computeRfm(tx.head(0), { asOf: AS_OF }),
    /^RangeError: Cannot compute RFM as the frame is empty: 0 rows$/,
  );
  assert.throws(
    () =>
      computeRfm(tx.withColumns(pl.lit(null).cast(pl.Utf8).alias("customer_id")), { asOf: AS_OF }),
    /^RangeError: Cannot compute RFM as no row has a customer id: all 22 rows have a missing customer_id$/,
  );
});

Deno.test("computeRfm names asOf and the first date when nothing is on or before asOf", () => {
  assert.throws(
    () => computeRfm(smallTransactions(), { asOf: new Date("2010-11-30T12:00:00Z") }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot compute RFM as no customer transaction is on or before asOf: asOf is 2010-11-30 12:00:00, the first customer transaction is on 2010-12-01 09:00:00",
  );
});

Deno.test("computeRfm reports counted rows with missing or non-finite values", () => {
  const tx = smallTransactions().withColumns(
    pl.when(pl.col("invoice_id").eq(pl.lit("1002"))).then(pl.lit(Number.NaN))
      .otherwise(pl.col("unit_price")).alias("unit_price"),
  );
  assert.throws(
    () => computeRfm(tx, { asOf: AS_OF }),
    /^RangeError: Cannot compute RFM as 1 customer row has a missing invoice_id or invoice_date, or a missing, NaN or infinite quantity or unit_price: rows 5$/,
  );
  // The same problem after asOf, or without a customer, does not count.
  const ignored = smallTransactions().withColumns(
    pl.when(pl.col("invoice_id").eq(pl.lit("1030")).or(pl.col("customer_id").isNull()))
      .then(pl.lit(null).cast(pl.Float64)).otherwise(pl.col("unit_price")).alias("unit_price"),
  );
  assert.equal(computeRfm(ignored, { asOf: AS_OF }).height, 10);
});

Deno.test("computeRfm normalises Float64 ids, never pools NaN or token ids, and notes what it left out", async () => {
  const { dataNotes } = await import("../core/errors.ts");
  const tx = pl.DataFrame({
    customer_id: [17850.0, 17850.0, NaN, NaN, 13047.0],
    invoice_id: ["1", "2", "3", "4", "5"],
    invoice_date: pl.Series("invoice_date", [
      utc("2011-01-01"),
      utc("2011-01-02"),
      utc("2011-01-03"),
      utc("2011-01-04"),
      utc("2011-02-01"),
    ]).cast(pl.Datetime("ms")),
    quantity: [1, 1, 1, 1, 1],
    unit_price: [1, 1, 1, 1, 1],
  });
  const rfm = computeRfm(tx, { asOf: utc("2011-01-10") });
  assert.deepEqual(rfm.getColumn("customer_id").toArray(), ["17850"]);
  assert.deepEqual(dataNotes(rfm).map((n) => [n.rule, n.rows]), [
    ["rows_after_as_of", 1],
    ["rows_without_customer", 2],
  ]);
  const text = tx.withColumns(pl.Series("customer_id", ["a", "a", "NA", "NULL", "b"]));
  assert.deepEqual(
    computeRfm(text, { asOf: utc("2011-03-01") }).getColumn("customer_id").toArray(),
    ["a", "b"],
  );
});

Deno.test("computeRfm refuses counted rows dated before 1990 (typo years)", () => {
  const tx = pl.DataFrame({
    customer_id: ["a", "b"],
    invoice_id: ["1", "2"],
    invoice_date: pl.Series("invoice_date", [utc("2011-01-01"), utc("0201-01-01")]).cast(
      pl.Datetime("ms"),
    ),
    quantity: [1, 1],
    unit_price: [1, 1],
  });
  assert.throws(
    () => computeRfm(tx, { asOf: utc("2011-01-10") }),
    /^RangeError: Cannot compute RFM as 1 customer row has an implausible invoice_date \(before 1990-01-01, a typo year\?\): row 2 holds "0201-01-01 00:00:00"/,
  );
});
