import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { rowsWhere } from "./rows_where.ts";

const df = pl.DataFrame({
  country: ["France", "EIRE", null, "Germany", "France"],
  n: [1, 2, 3, 4, 5],
});

Deno.test("rowsWhere keeps matching rows in order, drops nulls, and can negate", () => {
  assert.deepEqual(
    rowsWhere(df, { column: "country", equals: "France" }).getColumn("n").toArray(),
    [1, 5],
  );
  assert.deepEqual(
    rowsWhere(df, { column: "country", oneOf: ["EIRE", "Germany"] }).getColumn("n").toArray(),
    [2, 4],
  );
  assert.deepEqual(
    rowsWhere(df, { column: "country", equals: "France", not: true }).getColumn("n").toArray(),
    [2, 4],
  );
  assert.equal(df.height, 5);
});

Deno.test("rowsWhere names a missing column and needs a value", () => {
  assert.throws(() => rowsWhere(df, { column: "x", equals: 1 }), /column "x" is missing/);
  assert.throws(() => rowsWhere(df, { column: "country" }), TypeError);
});
