/**
 * One row per invoice: lines, distinct products, units and value.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireNumericColumns, requireRows } from "../core/errors.ts";

/**
 * Basket sizes: collapses a transaction table to one row per `invoice_id`, with the invoice's
 * customer and date (taken from its first line), how many lines and distinct products it has, the
 * units bought (sum of `quantity`) and its value (sum of `quantity * unit_price`). Returns show up
 * as negative units and value. Null product ids are not counted as a distinct product.
 * Computed with one Polars `groupBy` + `agg`, sorted by `invoice_id`. Cost: O(n) plus
 * O(b log b) to sort b invoices.
 *
 * @param tx A canonical transaction frame (`invoice_id`, `customer_id`, `invoice_date`,
 * `product_id`, `quantity`, `unit_price`); not modified.
 * @returns A new frame: `invoice_id`, `customer_id`, `invoice_date`, `lines`, `distinct_products`
 * (Int64), `units` (the dtype of the sum of `quantity`), `value` (Float64).
 * @throws {TypeError} When a column is missing or `quantity`/`unit_price` is not numeric.
 * @throws {RangeError} When the frame has no rows.
 *
 * @example Two invoices
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { basketSizes } from "./basket_sizes.ts";
 *
 * const at = new Date("2024-03-01T10:00:00Z");
 * const tx = pl.DataFrame({
 *   invoice_id: ["B", "A", "A", "A"],
 *   customer_id: ["c2", "c1", "c1", "c1"],
 *   invoice_date: [at, at, at, at],
 *   product_id: ["p1", "p1", "p2", "p1"],
 *   quantity: [1, 2, 1, 3],
 *   unit_price: [5, 1.5, 4, 1.5],
 * });
 * const baskets = basketSizes(tx);
 * assert.deepEqual(baskets.getColumn("invoice_id").toArray(), ["A", "B"]);
 * assert.deepEqual(baskets.getColumn("distinct_products").toArray(), [2, 1]);
 * assert.deepEqual(baskets.getColumn("value").toArray(), [11.5, 5]);
 * ```
 */
export function basketSizes(tx: DataFrame): DataFrame {
  const action = "compute basket sizes";
  requireColumns(
    tx,
    ["invoice_id", "customer_id", "invoice_date", "product_id", "quantity", "unit_price"],
    action,
  );
  requireRows(tx, action);
  requireNumericColumns(tx, ["quantity", "unit_price"], action);
  return tx.groupBy("invoice_id")
    .agg(
      pl.col("customer_id").first().alias("customer_id"),
      pl.col("invoice_date").first().alias("invoice_date"),
      pl.len().cast(pl.Int64).alias("lines"),
      pl.col("product_id").dropNulls().nUnique().cast(pl.Int64).alias("distinct_products"),
      pl.col("quantity").sum().alias("units"),
      pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64)).sum()
        .alias("value"),
    )
    .sort("invoice_id");
}
