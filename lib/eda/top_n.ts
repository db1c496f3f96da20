/**
 * The largest entities by a summed value, with their shares of the total.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireInteger,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { deterministicGroupSums } from "./_util.ts";

/** Options for {@linkcode topN}. */
export interface TopNOptions {
  /** The key column: customers, products, countries … */
  by: string;
  /** The numeric column to sum per key. Default: count rows per key. */
  value?: string;
  /** How many entities to keep, an integer >= 1. Default 10. */
  n?: number;
}

const OUTPUT_COLUMNS = ["value", "share", "cumulative_share", "rank"];

/**
 * Top N: sums `value` per `by` key (or counts rows), sorts descending with ties broken by the key
 * ascending (so the result is deterministic), and keeps the first `n`. `share` is each entity's
 * part of the total over **all** keys (not only the top n), `cumulative_share` the running sum of
 * `share`, so the last row tells how much the top n hold together.
 *
 * Rows with a null key are left out, as in pandas `groupby` (the total excludes them). Shares are
 * null when the total is 0. Cost: O(n) hashing plus O(k log k) to sort k keys.
 *
 * @param df The frame; not modified.
 * @param options The key, the value and n.
 * @returns A new frame: the `by` column, `value` (Float64), `share`, `cumulative_share` (Float64)
 * and `rank` (Int64, 1-based), at most `n` rows.
 * @throws {TypeError} When `by` or `value` is missing or `value` is not numeric.
 * @throws {RangeError} When the frame has no rows, every key is null, `n` is not an integer >= 1,
 * or `by` is named like an output column (`value`, `share`, `cumulative_share`, `rank`).
 *
 * @example Best-selling products by revenue
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { topN } from "./top_n.ts";
 *
 * const lines = pl.DataFrame({
 *   product_id: ["mug", "rug", "mug", "vase", "rug"],
 *   revenue: [10, 40, 10, 20, 20],
 * });
 * const top = topN(lines, { by: "product_id", value: "revenue", n: 2 });
 * // mug and vase tie at 20: the key order breaks the tie
 * assert.deepEqual(top.getColumn("product_id").toArray(), ["rug", "mug"]);
 * assert.deepEqual(top.getColumn("value").toArray(), [60, 20]);
 * assert.deepEqual(top.getColumn("share").toArray(), [0.6, 0.2]);
 * assert.deepEqual(top.getColumn("rank").toArray(), [1, 2]);
 * ```
 */
export function topN(df: DataFrame, options: TopNOptions): DataFrame {
  const action = "rank top entities";
  const by = options?.by;
  if (typeof by !== "string") {
    throw new TypeError(`Cannot ${action} as the by option is not a string: got ${by}`);
  }
  const { value, n = 10 } = options;
  requireInteger(n, "n", action, 1);
  if (OUTPUT_COLUMNS.includes(by)) {
    throw new RangeError(
      `Cannot ${action} as the key column is named like an output column: "${by}" is one of ${
        OUTPUT_COLUMNS.join(", ")
      }`,
    );
  }
  requireColumns(df, value === undefined ? [by] : [by, value], action);
  requireRows(df, action);
  if (value !== undefined) requireNumericColumns(df, [value], action);

  // Summed deterministically (see deterministicGroupSums): Polars' parallel group-by is not.
  const totals = deterministicGroupSums(df, by, value).rename({ total: "value" })
    .sort(["value", by], [true, false]);
  if (totals.height === 0) {
    throw new RangeError(`Cannot ${action} as every key is null: ${df.height} rows in "${by}"`);
  }
  const total = totals.getColumn("value").sum() as number;
  const share = total === 0 ? pl.lit(null).cast(pl.Float64) : pl.col("value").div(pl.lit(total));
  const ranked = totals
    .withColumns(share.alias("share"))
    .withColumns(pl.col("share").cumSum().alias("cumulative_share"))
    .head(n);
  return ranked.withColumn(
    pl.Series("rank", Array.from({ length: ranked.height }, (_, i) => i + 1), pl.Int64),
  );
}
