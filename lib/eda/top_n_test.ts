import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { topN } from "./top_n.ts";
import { assertThrows, transactions } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (pandas 1.5.3), section "topN":
// tx.groupby(by)["revenue"].sum() (or .size()), sort_values(["value", by], ascending=[False, True]),
// share = value / value.sum(), cumulative_share = share.cumsum(). Null keys are dropped by groupby.
const withRevenue = () =>
  transactions().withColumns(pl.col("quantity").mul(pl.col("unit_price")).alias("revenue"));

Deno.test("topN() ranks products by revenue like pandas groupby().sum()", () => {
  const top = topN(withRevenue(), { by: "product_id", value: "revenue" });
  assert.deepEqual(top.columns, ["product_id", "value", "share", "cumulative_share", "rank"]);
  assert.deepEqual(top.getColumn("product_id").toArray(), ["P6", "P5", "P1", "P2", "P4", "P3"]);
  assertClose(top.getColumn("value").toArray() as number[], [
    99.8,
    75.0,
    56.5,
    36.25,
    36.0,
    25.200000000000003,
  ]);
  assertClose(top.getColumn("share").toArray() as number[], [
    0.303574144486692,
    0.22813688212927757,
    0.17186311787072242,
    0.11026615969581749,
    0.10950570342205324,
    0.07665399239543727,
  ]);
  assertClose(top.getColumn("cumulative_share").toArray() as number[], [
    0.303574144486692,
    0.5317110266159696,
    0.703574144486692,
    0.8138403041825095,
    0.9233460076045628,
    1.0,
  ]);
  assert.deepEqual(top.getColumn("rank").toArray(), [1, 2, 3, 4, 5, 6]);
  assert.equal(top.getColumn("rank").dtype.variant, "Int64");
});

Deno.test("topN() drops null keys, keeps n rows, shares of the full total", () => {
  const top = topN(withRevenue(), { by: "customer_id", value: "revenue", n: 3 });
  assert.deepEqual(top.getColumn("customer_id").toArray(), ["C4", "C1", "C3"]);
  assertClose(top.getColumn("value").toArray() as number[], [73.9, 62.6, 57.0]);
  // total over C1..C5 is 298.75 (guest lines excluded)
  assertClose(top.getColumn("share").toArray() as number[], [
    0.24736401673640168,
    0.2095397489539749,
    0.1907949790794979,
  ]);
  assertClose(top.getColumn("cumulative_share").toArray() as number[], [
    0.24736401673640168,
    0.4569037656903766,
    0.6476987447698745,
  ]);
});

Deno.test("topN() without value counts rows and breaks ties by key", () => {
  const top = topN(transactions(), { by: "product_id", n: 6 });
  assert.deepEqual(top.getColumn("product_id").toArray(), ["P1", "P2", "P3", "P4", "P5", "P6"]);
  assert.deepEqual(top.getColumn("value").toArray(), [5, 4, 3, 2, 2, 2]);
  assertClose(top.getColumn("share").toArray() as number[], [
    0.2777777777777778,
    0.2222222222222222,
    0.16666666666666666,
    0.1111111111111111,
    0.1111111111111111,
    0.1111111111111111,
  ]);
  assertClose(top.getColumn("cumulative_share").toArray() as number[], [
    0.2777777777777778,
    0.5,
    0.6666666666666666,
    0.7777777777777777,
    0.8888888888888888,
    1.0,
  ]);
  // reversing the input order does not change the tie order
  const reversed = topN(transactions().reverse(), { by: "product_id", n: 6 });
  assert.deepEqual(
    reversed.getColumn("product_id").toArray(),
    top.getColumn("product_id").toArray(),
  );
});

Deno.test("topN() gives null shares when the total is zero", () => {
  const df = pl.DataFrame({ k: ["a", "b"], v: [1, -1] });
  const top = topN(df, { by: "k", value: "v" });
  assert.deepEqual(top.getColumn("share").toArray(), [null, null]);
});

Deno.test("topN() rejects bad input", () => {
  const tx = withRevenue();
  assertThrows(
    () => topN(tx, { by: "sku" }),
    TypeError,
    /^Cannot rank top entities as column "sku" is missing: available columns are/,
  );
  assertThrows(
    () => topN(tx, { by: "product_id", value: "description" }),
    TypeError,
    /^Cannot rank top entities as column "description" is not numeric: its dtype is String$/,
  );
  assertThrows(() => topN(tx.head(0), { by: "product_id" }), RangeError, /the frame is empty/);
  for (const n of [0, -3, 2.5]) {
    assertThrows(
      () => topN(tx, { by: "product_id", n }),
      RangeError,
      new RegExp(`^Cannot rank top entities as n must be an integer >= 1: got ${n}$`),
    );
  }
  assertThrows(
    () => topN(pl.DataFrame({ value: ["a"] }), { by: "value" }),
    RangeError,
    /key column is named like an output column: "value"/,
  );
  assertThrows(
    () => topN(pl.DataFrame([pl.Series("k", [null, null], pl.Utf8)]), { by: "k" }),
    RangeError,
    /^Cannot rank top entities as every key is null: 2 rows in "k"$/,
  );
});
