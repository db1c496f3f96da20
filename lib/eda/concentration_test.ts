import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { concentration } from "./concentration.ts";
import { assertThrows, transactions } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/eda_reference.py (numpy 1.24 / pandas 1.5.3), section
// "concentration": totals = tx.groupby(by)["revenue"].sum(); Gini as the mean absolute difference
// np.abs(t[:, None] - t[None, :]).sum() / (2 * n * n * t.mean()) (an independent formula);
// topShare and the curve as np.interp(share, arange(n + 1) / n, cumsum(desc totals) / total).
const withRevenue = () =>
  transactions().withColumns(pl.col("quantity").mul(pl.col("unit_price")).alias("revenue"));

Deno.test("concentration() Gini and Pareto shares match numpy over products", () => {
  const result = concentration(withRevenue(), { by: "product_id", value: "revenue", points: 4 });
  assertClose(result.gini, 0.2586818757921419);
  assert.equal(result.entities, 6);
  assertClose(result.total, 328.75);
  assertClose(result.topShare(0.2), 0.3492015209125476);
  assertClose(result.topShare(0.5), 0.7035741444866921);
  assertClose(result.topShare(1 / 3), 0.5317110266159696); // exactly the top 2 of 6
  assertClose(result.topShare(0.9), 0.9540076045627377);
  assert.equal(result.topShare(0), 0);
  assert.equal(result.topShare(1), 1);
  assert.deepEqual(result.curve.columns, ["entity_share", "value_share"]);
  assert.deepEqual(result.curve.getColumn("entity_share").toArray(), [0, 0.25, 0.5, 0.75, 1]);
  assertClose(result.curve.getColumn("value_share").toArray() as number[], [
    0.0,
    0.4176425855513308,
    0.7035741444866921,
    0.8685931558935361,
    1.0,
  ]);
});

Deno.test("concentration() over customers drops null keys; default curve has 101 rows", () => {
  const result = concentration(withRevenue(), { by: "customer_id", value: "revenue" });
  assertClose(result.gini, 0.07397489539748955);
  assert.equal(result.entities, 5);
  assert.equal(result.curve.height, 101);
  assert.deepEqual(result.curve.row(0), [0, 0]);
  assert.deepEqual(result.curve.row(100), [1, 1]);
});

Deno.test("concentration() of equal totals is 0 and one entity holding all is 1 - 1/n", () => {
  const equal = concentration(pl.DataFrame({ k: ["a", "b", "c"], v: [5, 5, 5] }), {
    by: "k",
    value: "v",
  });
  assert.equal(equal.gini, 0);
  assertClose(equal.topShare(0.5), 0.5);
  const single = concentration(pl.DataFrame({ k: ["a", "b", "c", "d"], v: [0, 0, 0, 8] }), {
    by: "k",
    value: "v",
  });
  assertClose(single.gini, 0.75);
  assert.equal(single.topShare(0.25), 1);
});

Deno.test("concentration() rejects negative totals and other bad input", () => {
  const tx = withRevenue();
  // invoice 1006 is a single return line (-7.25), so its total is negative
  assertThrows(
    () => concentration(tx, { by: "invoice_id", value: "revenue" }),
    RangeError,
    /^Cannot measure concentration as 1 invoice_id value has a negative total revenue: e\.g\. "1006"$/,
  );
  assertThrows(
    () => concentration(pl.DataFrame({ k: ["a", "b"], v: [0, 0] }), { by: "k", value: "v" }),
    RangeError,
    /^Cannot measure concentration as the total v is zero: 2 k values all total 0$/,
  );
  assertThrows(
    () => concentration(tx, { by: "customer", value: "revenue" }),
    TypeError,
    /^Cannot measure concentration as column "customer" is missing/,
  );
  assertThrows(
    () => concentration(tx, { by: "customer_id", value: "description" }),
    TypeError,
    /column "description" is not numeric: its dtype is String$/,
  );
  assertThrows(
    () => concentration(tx.head(0), { by: "customer_id", value: "revenue" }),
    RangeError,
    /the frame is empty: 0 rows/,
  );
  assertThrows(
    () => concentration(tx, { by: "customer_id", value: "revenue", points: 0 }),
    RangeError,
    /points must be an integer >= 1: got 0/,
  );
  const { topShare } = concentration(tx, { by: "customer_id", value: "revenue" });
  for (const share of [-0.1, 1.5, NaN]) {
    assertThrows(
      () => topShare(share),
      RangeError,
      new RegExp(
        `^Cannot compute a top share as the entity share must be in \\[0, 1\\]: got ${share}$`,
      ),
    );
  }
});
