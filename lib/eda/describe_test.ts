import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { describe } from "./describe.ts";
import { assertThrows, sampleFrame } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (pandas 1.5.3), section "describe":
// Series.count(), isna().sum(), nunique(), mean(), std() (ddof=1), min(), quantile([.25, .5, .75])
// (linear interpolation), max(); dates: the same calls on datetime64 Series, std() / Timedelta(days=1).
const STAT_COLUMNS = ["mean", "std", "min", "q25", "median", "q75", "max"];

Deno.test("describe() matches pandas for numeric, text, Datetime and Date columns", () => {
  const summary = describe(sampleFrame());
  assert.deepEqual(summary.columns, [
    "column",
    "dtype",
    "count",
    "nulls",
    "distinct",
    ...STAT_COLUMNS,
  ]);
  assert.deepEqual(summary.dtypes.map(String), [
    "DataType(String)",
    "DataType(String)",
    "DataType(Int64)",
    "DataType(Int64)",
    "DataType(Int64)",
    ...STAT_COLUMNS.map(() => "DataType(String)"),
  ]);
  const row = (values: unknown[]) =>
    Object.fromEntries(summary.columns.map((name, i) => [name, values[i]]));
  assert.deepEqual(summary.toRecords(), [
    row(["x", "Float64", 14, 2, 12, "6.31429", "9.75641", "2.2", "3.1", "3.7", "4.3", "40"]),
    row(["y", "Int64", 15, 1, 12, "14.0667", "5.24359", "8", "11.5", "13", "15.5", "30"]),
    row([
      "z",
      "Float64",
      16,
      0,
      16,
      "1.17188",
      "1.31567",
      "-1",
      "0.1875",
      "1.125",
      "2.0625",
      "3.5",
    ]),
    row(["segment", "String", 14, 2, 3, null, null, null, null, null, null, null]),
    row([
      "seen_at",
      "Datetime(ms)",
      15,
      1,
      15,
      "2024-01-23 11:11:11",
      "16.3692 days",
      "2024-01-05 08:00:00",
      "2024-01-11 05:59:59",
      "2024-01-20 10:10:10",
      "2024-02-01 12:43:33",
      "2024-02-29 21:00:00",
    ]),
    row([
      "joined",
      "Date",
      15,
      1,
      14,
      "2023-08-14",
      "120.426 days",
      "2023-03-01",
      "2023-04-26",
      "2023-08-08",
      "2023-11-26",
      "2024-02-29",
    ]),
  ]);
});

Deno.test("describe() with 17 digits reproduces pandas' numbers to 1e-12", () => {
  const summary = describe(sampleFrame(), { columns: ["x", "y", "z", "seen_at"], digits: 17 });
  const numbers = (i: number) => STAT_COLUMNS.map((c) => Number(summary.getColumn(c).toArray()[i]));
  // Series.mean, std, min, quantile(.25), quantile(.5), quantile(.75), max, printed with repr().
  assertClose(numbers(0), [
    6.314285714285715,
    9.756406742621614,
    2.2,
    3.1,
    3.7,
    4.300000000000001,
    40,
  ]);
  assertClose(numbers(1), [14.066666666666666, 5.243590191389684, 8, 11.5, 13, 15.5, 30]);
  assertClose(numbers(2), [1.171875, 1.315670773154642, -1, 0.1875, 1.125, 2.0625, 3.5]);
  // seen_at.std() / pd.Timedelta(days=1)
  const std = summary.getColumn("std").toArray()[3] as string;
  assert.match(std, / days$/);
  assertClose(parseFloat(std), 16.36920006625984);
});

Deno.test("describe() handles nanosecond Datetime, Boolean and column selection", () => {
  const df = sampleFrame();
  const ns = df.withColumns(
    pl.col("seen_at").cast(pl.Datetime("ns")).alias("seen_ns"),
    pl.col("x").gt(4).alias("big"),
  );
  const summary = describe(ns, { columns: ["big", "seen_ns"] });
  assert.deepEqual(summary.getColumn("column").toArray(), ["big", "seen_ns"]);
  assert.deepEqual(summary.getColumn("dtype").toArray(), ["Bool", "Datetime(ns)"]);
  assert.deepEqual(summary.getColumn("distinct").toArray(), [2, 15]);
  assert.deepEqual(summary.getColumn("mean").toArray(), [null, "2024-01-23 11:11:11"]);
  assert.deepEqual(summary.getColumn("q75").toArray(), [null, "2024-02-01 12:43:33"]);
  assert.equal(ns.width, 8); // input untouched
});

Deno.test("describe() of an all-null or single-value column gives null statistics", () => {
  const df = pl.DataFrame([
    pl.Series("empty", [null, null], pl.Float64),
    pl.Series("one", [7, null], pl.Float64),
  ]);
  const summary = describe(df);
  assert.deepEqual(summary.getColumn("count").toArray(), [0, 1]);
  assert.deepEqual(summary.getColumn("mean").toArray(), [null, "7"]);
  assert.deepEqual(summary.getColumn("std").toArray(), [null, null]);
  assert.deepEqual(summary.getColumn("max").toArray(), [null, "7"]);
});

Deno.test("describe() rejects bad input", () => {
  const df = sampleFrame();
  assertThrows(
    () => describe(df, { columns: ["x", "nope"] }),
    TypeError,
    /^Cannot describe columns as column "nope" is missing: available columns are x, y/,
  );
  assertThrows(
    () => describe(df.head(0)),
    RangeError,
    /Cannot describe columns as the frame is empty: 0 rows/,
  );
  assertThrows(
    () => describe(df, { digits: 0 }),
    RangeError,
    /digits must be an integer from 1 to 21: got 0/,
  );
  assertThrows(
    () => describe(df, { digits: 22 }),
    RangeError,
    /digits must be an integer from 1 to 21: got 22/,
  );
  assertThrows(() => describe(df, { digits: 2.5 }), RangeError, /got 2.5/);
  assertThrows(() => describe(df, { columns: [] }), RangeError, /no column was selected/);
});
