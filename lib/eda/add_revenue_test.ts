import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { addRevenue } from "./add_revenue.ts";

Deno.test("addRevenue multiplies quantity by unit price and keeps the input", () => {
  const tx = pl.DataFrame({ quantity: [2, -1, 0], unit_price: [1.25, 3, 9.99] });
  const out = addRevenue(tx);
  assert.deepEqual(out.getColumn("revenue").toArray(), [2.5, -3, 0]);
  assert.deepEqual(tx.columns, ["quantity", "unit_price"]);
});

Deno.test("addRevenue names the missing column", () => {
  assert.throws(
    () => addRevenue(pl.DataFrame({ quantity: [1] })),
    (e: unknown) => e instanceof TypeError && /column "unit_price" is missing/.test(e.message),
  );
});
