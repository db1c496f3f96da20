import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import assert from "node:assert/strict";
import { revenueByTime } from "./revenue_by_time.ts";
import { assertThrows, transactions } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (pandas 1.5.3), section "revenueByTime":
// tx.groupby(key).agg(revenue=("revenue", "sum"), orders=("invoice_id", "nunique"),
// customers=("customer_id", "nunique"), lines=("invoice_id", "size")), with keys
// dt.floor("D"), dt.to_period("W-SUN").dt.start_time (Monday), dt.to_period("M").dt.start_time,
// dt.dayofweek + 1, dt.hour. Rows: [key..., revenue, orders, customers, lines].
type Row = (string | number)[];

function assertTable(actual: DataFrame, keys: string[], expected: Row[]): void {
  assert.deepEqual(actual.columns, [...keys, "revenue", "orders", "customers", "lines"]);
  const records = actual.toRecords();
  assert.equal(records.length, expected.length);
  records.forEach((record, i) => {
    const want = expected[i];
    const got = keys.map((k) => {
      const v: unknown = record[k];
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    assert.deepEqual(got, want.slice(0, keys.length), `row ${i} keys`);
    assertClose(record.revenue as number, want[keys.length] as number);
    assert.deepEqual(
      [record.orders, record.customers, record.lines],
      want.slice(keys.length + 1),
      `row ${i} counts`,
    );
  });
}

Deno.test("revenueByTime() per day, week (from Monday) and month matches pandas", () => {
  const tx = transactions();
  const day = revenueByTime(tx, { period: "day" });
  assert.equal(day.getColumn("period").dtype.variant, "Date");
  assert.equal(day.getColumn("revenue").dtype.variant, "Float64");
  assert.equal(day.getColumn("orders").dtype.variant, "Int64");
  assertTable(day, ["period"], [
    ["2023-12-29", 17.75, 1, 1, 3],
    ["2023-12-31", 8.4, 1, 1, 1],
    ["2024-01-01", 26.5, 1, 0, 2],
    ["2024-01-03", 25.0, 1, 1, 1],
    ["2024-01-08", 23.1, 1, 1, 2],
    ["2024-01-14", -7.25, 1, 1, 1],
    ["2024-01-15", 73.9, 1, 1, 2],
    ["2024-02-02", 32.0, 1, 1, 1],
    ["2024-02-05", 104.1, 2, 2, 3],
    ["2024-02-11", 3.5, 1, 0, 1],
    ["2024-02-12", 21.75, 1, 1, 1],
  ]);
  assertTable(revenueByTime(tx, { period: "week" }), ["period"], [
    ["2023-12-25", 26.15, 2, 2, 4],
    ["2024-01-01", 51.5, 2, 1, 3],
    ["2024-01-08", 15.850000000000001, 2, 2, 3],
    ["2024-01-15", 73.9, 1, 1, 2],
    ["2024-01-29", 32.0, 1, 1, 1],
    ["2024-02-05", 107.6, 3, 2, 4],
    ["2024-02-12", 21.75, 1, 1, 1],
  ]);
  assertTable(revenueByTime(tx, { period: "month" }), ["period"], [
    ["2023-12-01", 26.15, 2, 2, 4],
    ["2024-01-01", 141.25, 5, 4, 8],
    ["2024-02-01", 161.35, 5, 4, 6],
  ]);
});

Deno.test("revenueByTime() per weekday (Monday = 1), hour and weekday_hour matches pandas", () => {
  const tx = transactions();
  const weekday = revenueByTime(tx, { period: "weekday" });
  assert.deepEqual(weekday.getColumn("weekday_name").toArray(), ["Mon", "Wed", "Fri", "Sun"]);
  assertTable(weekday.drop("weekday_name"), ["weekday"], [
    [1, 249.35, 6, 4, 10],
    [3, 25.0, 1, 1, 1],
    [5, 49.75, 2, 2, 4],
    [7, 4.65, 3, 1, 3],
  ]);
  const hour = revenueByTime(tx, { period: "hour" });
  assert.equal(hour.getColumn("hour").dtype.variant, "Int32");
  assertTable(hour, ["hour"], [
    [9, 164.65, 4, 3, 8],
    [10, 48.25, 2, 1, 3],
    [11, 32.0, 1, 1, 1],
    [14, 66.1, 3, 1, 4],
    [16, 25.0, 1, 1, 1],
    [18, -7.25, 1, 1, 1],
  ]);
  // combinations without transactions (e.g. Tuesday) are omitted, not zero-filled
  assertTable(revenueByTime(tx, { period: "weekday_hour" }), ["weekday", "weekday_name", "hour"], [
    [1, "Mon", 9, 146.9, 3, 3, 5],
    [1, "Mon", 10, 48.25, 2, 1, 3],
    [1, "Mon", 14, 54.2, 1, 1, 2],
    [3, "Wed", 16, 25.0, 1, 1, 1],
    [5, "Fri", 9, 17.75, 1, 1, 3],
    [5, "Fri", 11, 32.0, 1, 1, 1],
    [7, "Sun", 14, 11.9, 2, 1, 2],
    [7, "Sun", 18, -7.25, 1, 1, 1],
  ]);
});

Deno.test("revenueByTime() accepts a Date invoice_date and skips null dates", () => {
  const tx = transactions().withColumns(pl.col("invoice_date").cast(pl.Date));
  assertTable(revenueByTime(tx, { period: "month" }), ["period"], [
    ["2023-12-01", 26.15, 2, 2, 4],
    ["2024-01-01", 141.25, 5, 4, 8],
    ["2024-02-01", 161.35, 5, 4, 6],
  ]);
  const withNull = transactions().withColumns(
    pl.when(pl.col("invoice_id").eq(pl.lit("1012"))).then(pl.lit(null)).otherwise(
      pl.col("invoice_date"),
    ).alias("invoice_date"),
  );
  const months = revenueByTime(withNull, { period: "month" });
  assert.deepEqual(months.getColumn("lines").toArray(), [4, 8, 5]);
  assert.equal(months.getColumn("period").nullCount(), 0);
});

Deno.test("revenueByTime() rejects bad input", () => {
  const tx = transactions();
  assertThrows(
    () => revenueByTime(tx.drop("unit_price"), { period: "day" }),
    TypeError,
    /^Cannot compute revenue by time as column "unit_price" is missing: available columns are/,
  );
  assertThrows(
    () => revenueByTime(tx.head(0), { period: "day" }),
    RangeError,
    /^Cannot compute revenue by time as the frame is empty: 0 rows$/,
  );
  assertThrows(
    // @ts-expect-error: an unknown period
    () => revenueByTime(tx, { period: "year" }),
    RangeError,
    /^Cannot compute revenue by time as the period is unknown: got "year", expected one of day, week/,
  );
  assertThrows(
    () => revenueByTime(tx.withColumns(pl.col("invoice_date").cast(pl.Utf8)), { period: "day" }),
    TypeError,
    /^Cannot compute revenue by time as column "invoice_date" is not a Date or Datetime: its dtype is String$/,
  );
  assertThrows(
    () => revenueByTime(tx.withColumns(pl.col("quantity").cast(pl.Utf8)), { period: "day" }),
    TypeError,
    /column "quantity" is not numeric: its dtype is String$/,
  );
  assertThrows(
    () => revenueByTime(tx.withColumns(pl.col("invoice_date").cast(pl.Date)), { period: "hour" }),
    TypeError,
    /^Cannot compute revenue by time by hour as invoice_date has no time of day: its dtype is Date$/,
  );
});

Deno.test("revenueByTime() buckets a zoned Datetime on its local wall-clock time", () => {
  // 2024-01-07 23:30 UTC is Monday 2024-01-08 00:30 in Paris
  const tx = pl.DataFrame({
    invoice_id: ["a"],
    customer_id: ["c"],
    invoice_date: [new Date("2024-01-07T23:30:00Z")],
    quantity: [1],
    unit_price: [2.5],
  }).withColumns(
    pl.col("invoice_date").dt.replaceTimeZone("UTC").dt.convertTimeZone("Europe/Paris"),
  );
  const day = revenueByTime(tx, { period: "day" });
  assert.equal(
    (day.getColumn("period").toArray()[0] as unknown as Date).toISOString(),
    "2024-01-08T00:00:00.000Z",
  );
  const week = revenueByTime(tx, { period: "weekday_hour" });
  assert.deepEqual(week.row(0).slice(0, 4), [1, "Mon", 0, 2.5]);
});
