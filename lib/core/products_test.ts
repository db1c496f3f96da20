import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { productNames } from "./products.ts";

Deno.test("productNames() takes the most frequent trimmed name, ties by text order", () => {
  const tx = pl.DataFrame({
    product_id: ["A", "A", "A", "B", "B", "C", "C", "D", null],
    description: ["TEA ", " TEA", "GREEN TEA", "MUG", "CUP", null, "   ", "JAM", "LOST"],
  });
  const names = productNames(tx);
  // A: "TEA" twice once trimmed; B: tie -> "CUP"; C: only missing or blank names -> absent.
  assert.deepEqual([...names], [["A", "TEA"], ["B", "CUP"], ["D", "JAM"]]);
  // Row order does not matter.
  assert.deepEqual([...productNames(tx.select(pl.all().reverse()))], [...names]);
});

Deno.test("productNames() reads other columns, casts codes to text and checks them", () => {
  const df = pl.DataFrame([
    pl.Series("sku", [85123, 85123, 7], pl.Int64),
    pl.Series("name", ["Heart", "Heart", "Tin"]),
  ]);
  assert.deepEqual([...productNames(df, { item: "sku", label: "name" })], [
    ["7", "Tin"],
    ["85123", "Heart"],
  ]);
  assert.throws(() => productNames(df), {
    name: "TypeError",
    message:
      'Cannot look up product names as columns "product_id", "description" are missing: available columns are sku, name',
  });
  assert.throws(
    () => productNames(df, { item: "sku", action: "label rules" }),
    /Cannot label rules/,
  );
});
