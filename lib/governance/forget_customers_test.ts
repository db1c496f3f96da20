import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { forgetCustomers, retainRecent } from "./forget_customers.ts";

Deno.test("forgetCustomers matches ids however they were written, and counts", () => {
  const df = pl.DataFrame({
    cid: pl.Series("cid", [17850, 17850, 12346, null, 13000], pl.Float64),
    x: [1, 2, 3, 4, 5],
  });
  const out = forgetCustomers(df, { column: "cid", ids: ["17850", 13000, "NA", "1"] });
  assert.deepEqual(out.data.getColumn("x").toArray(), [3, 4]);
  assert.deepEqual([out.rowsDropped, out.idsFound, out.idsNotFound], [3, 2, 1]);
  assert.equal(df.height, 5, "input unchanged");
  assert.throws(() => forgetCustomers(df, { ids: ["1"] }), TypeError);
});

Deno.test("retainRecent drops rows before asOf minus months, keeps undated rows", () => {
  const df = pl.DataFrame({
    invoice_date: pl.Series("invoice_date", [
      new Date("2010-01-31T23:59:00Z"),
      new Date("2010-02-28T00:00:00Z"),
      null,
      new Date("2011-01-01T00:00:00Z"),
    ], pl.Datetime("ms")),
  });
  const out = retainRecent(df, { months: 11, asOf: new Date("2011-01-28T00:00:00Z") });
  assert.equal(out.cutoff.toISOString(), "2010-02-28T00:00:00.000Z");
  assert.equal(out.rowsDropped, 1);
  assert.equal(out.data.height, 3);
  assert.throws(() => retainRecent(df, { months: 0, asOf: "2011-01-01" }), RangeError);
  assert.throws(() => retainRecent(df, { months: 3, asOf: "soon" }), RangeError);
});
