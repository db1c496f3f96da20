/**
 * The implicit-feedback customer x item matrix that the recommenders are fitted on, as a sparse
 * CSR (compressed sparse row) structure on typed arrays.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { buildMatrix, requireName, requireWeight } from "./_recommender.ts";

/**
 * What a cell of the interaction matrix holds: `"binary"` (1 when the customer bought the item),
 * `"count"` (the number of transaction lines of that customer and item) or `"quantity"` (the
 * units bought, the sum of `quantity`).
 */
export type InteractionWeight = "binary" | "count" | "quantity";

/** Options for {@linkcode interactionMatrix}. */
export interface InteractionMatrixOptions {
  /** Customer column (cast to text). Default `"customer_id"`. */
  customer?: string;
  /** Item column (cast to text). Default `"product_id"`. */
  item?: string;
  /** What a cell holds. Default `"binary"`. */
  weight?: InteractionWeight;
}

/**
 * A read-only sparse customer x item matrix in CSR form: the items of customer row `r` are
 * `colIdx[rowPtr[r]]` to `colIdx[rowPtr[r + 1] - 1]` (ascending), with their weights in
 * `values` at the same positions. The typed arrays are shared, not copied: do not modify them.
 */
export interface InteractionMatrix {
  /** Customer ids, sorted (Polars byte order); a customer's row is its position. */
  readonly customers: readonly string[];
  /** Item ids, sorted (Polars byte order); an item's column is its position. */
  readonly items: readonly string[];
  /** Row pointers, length `customers.length + 1`. */
  readonly rowPtr: Int32Array;
  /** Column (item) index of each stored cell, ascending within a row. */
  readonly colIdx: Int32Array;
  /** Weight of each stored cell (always > 0). */
  readonly values: Float64Array;
  /** What the weights are. */
  readonly weight: InteractionWeight;
  /** The row of a customer id, or -1 when absent. */
  customerIndex(id: string): number;
  /** The column of an item id, or -1 when absent. */
  itemIndex(id: string): number;
  /** The distinct items a customer bought, sorted; `[]` for an unknown customer. */
  itemsOf(customer: string): string[];
}

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
