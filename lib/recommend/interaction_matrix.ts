/**
 * The implicit-feedback customer x item matrix that the recommenders are fitted on, as a sparse
 * CSR (compressed sparse row) structure on typed arrays.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import type { InteractionMatrix, InteractionMatrixOptions } from "./_types.ts";
import { buildMatrix, requireName, requireWeight } from "./_recommender.ts";

export type { InteractionMatrix, InteractionMatrixOptions, InteractionWeight } from "./_types.ts";

/**
 * Builds the implicit-feedback customer x item matrix of a transaction log: one row per
 * customer, one column per item, a stored cell for each (customer, item) pair bought.
 *
 * Rows with a missing customer or item are dropped. When the frame has a `quantity` column,
 * rows whose quantity is missing or <= 0 are dropped too (returns and cancellations are not
 * purchases); without one, every row counts as a purchase (the `"quantity"` weight then needs the
 * column). Customer and item ids are cast to text and sorted, so the same data always gives the
 * same matrix.
 *
 * Cost: one Polars group-by over the n rows and two sorted code tables (ids stay in Polars until
 * the short tables of distinct ids), then O(nnz) typed-array work. About 0.2 s on cleaned Online
 * Retail (388k lines, 265k cells).
 *
 * @param tx Transactions, one row per line; not modified.
 * @param options Column names and the cell weight.
 * @returns A frozen {@linkcode InteractionMatrix}.
 * @throws {TypeError} When `tx` is not a DataFrame, a column is missing, an option has the wrong
 * type or `quantity` is not numeric.
 * @throws {RangeError} When `weight` is unknown, the customer and item columns are the same, or
 * no row is usable.
 *
 * @example Count lines per customer and item
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { interactionMatrix } from "./interaction_matrix.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["b", "a", "a", "a", null],
 *   product_id: ["tea", "tea", "mug", "tea", "tea"],
 *   quantity: [1, 2, 1, -2, 5],
 * });
 * const m = interactionMatrix(tx, { weight: "count" });
 * assert.deepEqual(m.customers, ["a", "b"]);
 * assert.deepEqual(m.items, ["mug", "tea"]);
 * assert.deepEqual([...m.rowPtr], [0, 2, 3]);
 * assert.deepEqual([...m.colIdx], [0, 1, 1]);
 * assert.deepEqual([...m.values], [1, 1, 1]); // the return (-2) is not a purchase
 * assert.deepEqual(m.itemsOf("a"), ["mug", "tea"]);
 * assert.equal(m.itemIndex("tea"), 1);
 * assert.equal(m.customerIndex("zed"), -1);
 * ```
 */
export function interactionMatrix(
  tx: DataFrame,
  options: InteractionMatrixOptions = {},
): InteractionMatrix {
  const action = "build an interaction matrix";
  const { customer = "customer_id", item = "product_id", weight = "binary" } = options ?? {};
  return buildMatrix(
    tx,
    requireName(customer, "customer", action),
    requireName(item, "item", action),
    requireWeight(weight, action),
    action,
  );
}
