import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { basketSizes } from "./basket_sizes.ts";
import { assertThrows, transactions } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (pandas 1.5.3), section "basketSizes":
// tx.groupby("invoice_id").agg(customer_id=("customer_id", "first"), invoice_date=(..., "first"),
// lines=("product_id", "size"), distinct_products=("product_id", "nunique"),
// units=("quantity", "sum"), value=("revenue", "sum")).sort_index()
// Rows: invoice_id, customer_id, invoice_date, lines, distinct_products, units, value.
const EXPECTED: [string, string | null, string, number, number, number, number][] = [
  ["1001", "C1", "2023-12-29 09:15:00", 3, 2, 4, 17.75],
  ["1002", "C2", "2023-12-31 14:40:00", 1, 1, 4, 8.4],
  ["1003", null, "2024-01-01 10:05:00", 2, 2, 3, 26.5],
  ["1004", "C3", "2024-01-03 16:20:00", 1, 1, 1, 25.0],
  ["1005", "C1", "2024-01-08 09:50:00", 2, 2, 9, 23.1],
  ["1006", "C2", "2024-01-14 18:30:00", 1, 1, -1, -7.25],
  ["1007", "C4", "2024-01-15 09:10:00", 2, 2, 3, 73.9],
  ["1008", "C3", "2024-02-02 11:45:00", 1, 1, 10, 32.0],
  ["1009", "C2", "2024-02-05 14:05:00", 2, 2, 4, 54.2],
  ["1010", "C5", "2024-02-05 09:30:00", 1, 1, 1, 49.9],
  ["1011", null, "2024-02-11 14:55:00", 1, 1, 1, 3.5],
  ["1012", "C1", "2024-02-12 10:00:00", 1, 1, 3, 21.75],
];

Deno.test("basketSizes() matches pandas groupby('invoice_id').agg(...)", () => {
  const tx = transactions();
  const baskets = basketSizes(tx.reverse()); // input order must not matter for the sort
  assert.deepEqual(baskets.columns, [
    "invoice_id",
    "customer_id",
    "invoice_date",
    "lines",
    "distinct_products",
    "units",
    "value",
  ]);
  assert.deepEqual(baskets.dtypes.map((d) => d.variant), [
    "String",
    "String",
    "Datetime",
    "Int64",
    "Int64",
    "Int64",
    "Float64",
  ]);
  const records = baskets.toRecords();
  assert.equal(records.length, EXPECTED.length);
  records.forEach((r, i) => {
    const [invoice, customer, date, lines, distinct, units, value] = EXPECTED[i];
    assert.deepEqual(
      [r.invoice_id, r.customer_id, (r.invoice_date as unknown as Date).toISOString(), r.lines],
      [invoice, customer, `${date.replace(" ", "T")}.000Z`, lines],
    );
    assert.deepEqual([r.distinct_products, r.units], [distinct, units], `invoice ${invoice}`);
    assertClose(r.value as number, value);
  });
  assert.equal(tx.height, 18); // input untouched
});

Deno.test("basketSizes() keeps Float64 quantities and ignores null products in the count", () => {
  const tx = transactions().withColumns(
    pl.col("quantity").cast(pl.Float64),
    pl.when(pl.col("product_id").eq(pl.lit("P2"))).then(pl.lit(null)).otherwise(
      pl.col("product_id"),
    ).alias("product_id"),
  );
  const baskets = basketSizes(tx);
  assert.equal(baskets.getColumn("units").dtype.variant, "Float64");
  // invoice 1001: P1, P2 (now null), P1 -> 1 distinct product, still 3 lines
  assert.deepEqual(baskets.row(0).slice(3, 6), [3, 1, 4]);
});

Deno.test("basketSizes() rejects bad input", () => {
  const tx = transactions();
  assertThrows(
    () => basketSizes(tx.drop("product_id")),
    TypeError,
    /^Cannot compute basket sizes as column "product_id" is missing: available columns are/,
  );
  assertThrows(
    () => basketSizes(tx.head(0)),
    RangeError,
    /^Cannot compute basket sizes as the frame is empty: 0 rows$/,
  );
  assertThrows(
    () => basketSizes(tx.withColumns(pl.col("unit_price").cast(pl.Utf8))),
    TypeError,
    /^Cannot compute basket sizes as column "unit_price" is not numeric: its dtype is String$/,
  );
});
