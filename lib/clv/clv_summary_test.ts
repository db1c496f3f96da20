import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { clvSummary } from "./clv_summary.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
// Hand-made log: "a" buys twice on 01-01 (merged), on 01-08 and on 01-15 (then 02-05, holdout);
// "b" buys once on 01-10 and twice on 02-01 (holdout); "c" first buys in the holdout.
const tx = pl.DataFrame({
  customer_id: ["a", "a", "a", "a", "b", "a", "b", "b", "c"],
  invoice_date: pl.Series("invoice_date", [
    day("2024-01-01"),
    day("2024-01-01"),
    day("2024-01-08"),
    day("2024-01-15"),
    day("2024-01-10"),
    day("2024-02-05"),
    day("2024-02-01"),
    day("2024-02-01"),
    day("2024-02-02"),
  ]).cast(pl.Date),
  value: [10, 5, 20, 30, 8, 40, 3, 4, 9],
});

Deno.test("clvSummary by hand: same-day purchases merged, days and weeks", () => {
  const days = clvSummary(tx, {
    asOf: day("2024-01-29"),
    timeUnit: "days",
    monetary: "value",
  });
  // a: days 01-01, 01-08, 01-15 -> frequency 2, recency 14, T 28, mean of 20 and 30 = 25.
  // b: one day (01-10) -> frequency 0, recency 0, T 19, monetary 0. c: nothing before asOf.
  assert.deepEqual(days.toRecords(), [
    { customer_id: "a", frequency: 2, recency: 14, T: 28, monetary_value: 25 },
    { customer_id: "b", frequency: 0, recency: 0, T: 19, monetary_value: 0 },
  ]);
  const weeks = clvSummary(tx, { asOf: day("2024-01-29"), timeUnit: "weeks" });
  assert.deepEqual(weeks.columns, ["customer_id", "frequency", "recency", "T"]);
  assert.deepEqual(weeks.getColumn("recency").toArray(), [2, 0]);
  assert.deepEqual(weeks.getColumn("T").toArray(), [4, 19 / 7]);
});

Deno.test("clvSummary with a holdout: calibration to calibrationEnd, holdout to observationEnd", () => {
  const summary = clvSummary(tx, {
    asOf: day("2024-02-29"),
    calibrationEnd: day("2024-01-29"),
    observationEnd: day("2024-02-26"),
    timeUnit: "days",
    monetary: "value",
  });
  // b's two 02-01 records are one holdout purchase day worth 7; c is not a calibration customer.
  assert.deepEqual(summary.toRecords(), [
    {
      customer_id: "a",
      frequency: 2,
      recency: 14,
      T: 28,
      monetary_value: 25,
      frequency_holdout: 1,
      monetary_holdout: 40,
      duration_holdout: 28,
    },
    {
      customer_id: "b",
      frequency: 0,
      recency: 0,
      T: 19,
      monetary_value: 0,
      frequency_holdout: 1,
      monetary_holdout: 7,
      duration_holdout: 28,
    },
  ]);
});

Deno.test("clvSummary compares Datetime purchases with asOf at full precision", () => {
  const timed = pl.DataFrame({
    customer_id: ["a", "a", "a"],
    invoice_date: [
      new Date("2024-01-01T09:00:00Z"),
      new Date("2024-01-03T08:00:00Z"),
      new Date("2024-01-03T18:00:00Z"),
    ],
  });
  const summary = clvSummary(timed, { asOf: new Date("2024-01-03T12:00:00Z"), timeUnit: "days" });
  assert.deepEqual(summary.toRecords(), [{ customer_id: "a", frequency: 1, recency: 2, T: 2 }]);
});

Deno.test("clvSummary refuses what it cannot summarise", () => {
  const asOf = day("2024-01-29");
  assert.throws(() => clvSummary(tx, { asOf } as never), {
    name: "RangeError",
    message:
      'Cannot summarise transactions for CLV as timeUnit must be one of "days", "weeks": got undefined',
  });
  assert.throws(() => clvSummary(tx, { timeUnit: "days" } as never), TypeError);
  assert.throws(() => clvSummary(tx, { asOf: day("2023-01-01"), timeUnit: "days" }), {
    name: "RangeError",
    message: "Cannot summarise transactions for CLV as no purchase is on or before asOf " +
      "2023-01-01: 9 records, none that early",
  });
  assert.throws(
    () =>
      clvSummary(tx, {
        asOf,
        calibrationEnd: day("2024-02-01"),
        observationEnd: day("2024-01-20"),
        timeUnit: "days",
      }),
    /calibrationEnd < observationEnd <= asOf/,
  );
  assert.throws(
    () => clvSummary(tx, { asOf, timeUnit: "days", observationEnd: asOf }),
    /observationEnd was given without calibrationEnd/,
  );
  const withNull = pl.DataFrame({
    customer_id: ["a", null],
    invoice_date: pl.Series("invoice_date", [day("2024-01-01"), day("2024-01-02")]).cast(pl.Date),
  });
  assert.throws(() => clvSummary(withNull, { asOf, timeUnit: "days" }), {
    name: "RangeError",
    message: 'Cannot summarise transactions for CLV as column "customer_id" has 1 missing ' +
      "value: drop or fix those rows first (e.g. with cleanTransactions)",
  });
  assert.throws(
    () => clvSummary(tx.withColumns(pl.lit("x").alias("invoice_date")), { asOf, timeUnit: "days" }),
    TypeError,
  );
  const infinite = tx.withColumns(pl.lit(Infinity).alias("value"));
  assert.throws(
    () => clvSummary(infinite, { asOf, timeUnit: "days", monetary: "value" }),
    /has 9 non-finite values: e.g. row 0 \(Infinity\)/,
  );
});

Deno.test("clvSummary values records as quantity x price when asked", () => {
  const lines = tx.withColumns(
    pl.col("value").div(2).alias("unit_price"),
    pl.lit(2).alias("quantity"),
  );
  const options = { asOf: day("2024-03-01"), timeUnit: "days" as const };
  const byValue = clvSummary(tx, { ...options, monetary: "value" });
  const byLines = clvSummary(lines, { ...options, quantity: "quantity", price: "unit_price" });
  assert.deepEqual(byLines.toRecords(), byValue.toRecords());
  assert.throws(
    () => clvSummary(lines, { ...options, quantity: "quantity" }),
    /only one of quantity and price/,
  );
  assert.throws(
    () =>
      clvSummary(lines, {
        ...options,
        quantity: "quantity",
        price: "unit_price",
        monetary: "value",
      }),
    /both monetary and quantity\/price/,
  );
  const bad = lines.withColumns(
    pl.when(pl.col("value").eq(8)).then(pl.lit(Infinity)).otherwise(pl.col("unit_price"))
      .alias("unit_price"),
  );
  assert.throws(
    () => clvSummary(bad, { ...options, quantity: "quantity", price: "unit_price" }),
    /value "quantity" x "unit_price" has 1 non-finite value/,
  );
});
