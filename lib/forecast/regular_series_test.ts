import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { regularSeries } from "./regular_series.ts";

const at = (s: string) => new Date(`${s}Z`);
const tx = pl.DataFrame({
  customer_id: ["a", "b", null, "a", "", "c", "b"],
  invoice_id: ["1", "2", "3", "4", "5", "6", "7"],
  invoice_date: [
    "2011-01-01T10:00:00", // Saturday: week of Monday 2010-12-27
    "2011-01-03T09:00:00", // Monday
    "2011-01-03T17:00:00",
    "2011-01-09T23:59:00", // Sunday: still the week of 2011-01-03
    "2011-01-20T08:00:00",
    "2011-02-01T08:00:00",
    "2011-02-02T08:00:00", // after asOf below
  ].map(at),
  quantity: [1, 2, 3, 1, 1, 2, 5],
  unit_price: [10, 5, 1, 4, 2, 3, 1],
});
const asOf = at("2011-02-02T00:00:00");
const dates = (df: ReturnType<typeof regularSeries>) =>
  (df.getColumn("date").toArray() as unknown as Date[]).map((d) => d.toISOString().slice(0, 10));

Deno.test("regularSeries: ISO weeks from Monday, gaps filled with 0 and flagged", () => {
  const weekly = regularSeries(tx, { period: "week", value: "revenue", asOf });
  assert.deepEqual(dates(weekly), [
    "2010-12-27",
    "2011-01-03",
    "2011-01-10",
    "2011-01-17",
    "2011-01-24",
    "2011-01-31",
  ]);
  assert.deepEqual(weekly.getColumn("value").toArray(), [10, 17, 0, 2, 0, 6]);
  assert.deepEqual(weekly.getColumn("filled").toArray(), [false, false, true, false, true, false]);
  // The log starts on Saturday 2011-01-01, so its first week is partial; the last ends after asOf.
  assert.deepEqual(weekly.getColumn("complete").toArray(), [false, true, true, true, true, false]);
});

Deno.test("regularSeries: orders and customers count distinct ids, customers skip missing ids", () => {
  const orders = regularSeries(tx, { period: "month", value: "orders", asOf });
  const customers = regularSeries(tx, { period: "month", value: "customers", asOf });
  assert.deepEqual(dates(orders), ["2011-01-01", "2011-02-01"]);
  assert.deepEqual(orders.getColumn("value").toArray(), [5, 1]);
  assert.deepEqual(customers.getColumn("value").toArray(), [2, 1]); // a, b; c ("" and null skipped)
  // January is complete (the log starts on its first day); February is not over at asOf.
  assert.deepEqual(orders.getColumn("complete").toArray(), [true, false]);
});

Deno.test("regularSeries: days run to asOf, start marks what the log covers", () => {
  const daily = regularSeries(tx, {
    period: "day",
    value: "revenue",
    asOf: at("2011-01-05T12:00:00"),
    start: at("2010-12-31T00:00:00"),
  });
  assert.deepEqual(dates(daily), [
    "2011-01-01",
    "2011-01-02",
    "2011-01-03",
    "2011-01-04",
    "2011-01-05",
  ]);
  assert.deepEqual(daily.getColumn("value").toArray(), [10, 0, 13, 0, 0]);
  assert.deepEqual(daily.getColumn("complete").toArray(), [true, true, true, true, false]);
});

Deno.test("regularSeries refuses bad options and columns", () => {
  assert.throws(() => regularSeries(tx, { period: "quarter" as "day", value: "revenue", asOf }), {
    name: "RangeError",
    message: /period must be one of "day", "week", "month": got "quarter"/,
  });
  assert.throws(
    () => regularSeries(tx.drop("invoice_id"), { period: "day", value: "orders", asOf }),
    TypeError,
  );
  assert.throws(() => regularSeries(tx, { period: "day", value: "revenue" } as never), TypeError);
  assert.throws(
    () => regularSeries(tx, { period: "day", value: "revenue", asOf: at("2000-01-01T00:00:00") }),
    {
      name: "RangeError",
      message: /no row is on or before asOf: asOf is 2000-01-01 00:00:00, 7 rows/,
    },
  );
});
