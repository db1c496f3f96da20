import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { chartRows, requireColumnOption, requireNumericColumn } from "./chart_data.ts";

Deno.test("chartRows() converts a DataFrame, with dates as Date", () => {
  const df = pl.DataFrame({ id: [1, 2], day: [new Date("2024-01-01"), new Date("2024-01-02")] })
    .withColumns(pl.col("day").cast(pl.Date));
  const rows = chartRows(df, ["id", "day"], "draw chart");
  assert.equal(rows.length, 2);
  assert.ok(rows[0].day instanceof Date);
  assert.equal((rows[1].day as Date).toISOString(), "2024-01-02T00:00:00.000Z");
});

Deno.test("chartRows() copies an array and does not change it", () => {
  const data = Object.freeze([{ a: 1 }, { b: 2 }]);
  const rows = chartRows(data, ["a", "b"], "draw chart");
  assert.notEqual(rows, data);
  assert.deepEqual(rows, data);
});

Deno.test("chartRows() reports missing columns, empty data and wrong types", () => {
  assert.throws(() => chartRows([{ a: 1, b: 2 }], ["x", "y", "a"], "draw chart"), {
    name: "TypeError",
    message: 'Cannot draw chart as columns "x", "y" are missing: available columns are a, b',
  });
  const empty = pl.DataFrame({ a: [] as number[] });
  assert.throws(() => chartRows(empty, ["z"], "draw chart"), TypeError);
  assert.throws(() => chartRows(empty, ["a"], "draw chart"), {
    name: "RangeError",
    message: "Cannot draw chart as the data is empty: 0 rows",
  });
  assert.throws(() => chartRows([], ["a"], "draw chart"), RangeError);
  assert.throws(() => chartRows(42 as never, ["a"], "draw chart"), {
    name: "TypeError",
    message: "Cannot draw chart as data is not a DataFrame or an array of records: got number",
  });
  assert.throws(() => chartRows([1, 2] as never, ["a"], "draw chart"), {
    name: "TypeError",
    message: "Cannot draw chart as data must hold records: found number in the array",
  });
});

Deno.test("requireNumericColumn() accepts numbers, missing values and (optionally) dates", () => {
  const rows = [{ v: 1 }, { v: null }, { v: Number.NaN }, {}, { v: new Date(0) }];
  assert.equal(requireNumericColumn(rows, "v", "draw chart", true), 2);
  assert.throws(() => requireNumericColumn(rows, "v", "draw chart"), {
    name: "TypeError",
    message:
      'Cannot draw chart as column "v" is not numeric: 1 value such as "1970-01-01T00:00:00.000Z"',
  });
});

Deno.test("requireColumnOption() checks option values", () => {
  assert.throws(() => requireColumnOption("", "y", "draw chart"), {
    message: 'Cannot draw chart as option y must name a column: got ""',
  });
  assert.throws(() => requireColumnOption(3, "y", "draw chart"), {
    message: "Cannot draw chart as option y must name a column: got number",
  });
});
