import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";

/**
 * Adds `revenue = quantity * unit_price` (Float64) to a canonical transaction frame, the value
 * column most summaries (top products, countries, concentration) aggregate.
 *
 * Cost: O(n), one Polars expression.
 *
 * @param tx Canonical transactions; not modified.
 * @returns A new frame with a `revenue` column (replacing any existing one).
 * @throws {TypeError} When `quantity` or `unit_price` is missing.
 *
 * @example Line revenue
 * ```ts
 * import pl from "nodejs-polars";
 * import { addRevenue } from "./add_revenue.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = pl.DataFrame({ quantity: [2, 3], unit_price: [1.5, 2] });
 * assert.deepEqual(addRevenue(tx).getColumn("revenue").toArray(), [3, 6]);
 * ```
 */
export function addRevenue(tx: DataFrame): DataFrame {
  requireColumns(tx, ["quantity", "unit_price"], "add revenue");
  return tx.withColumns(
    pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price")).alias("revenue"),
  );
}
