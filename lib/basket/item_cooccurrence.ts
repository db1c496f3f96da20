/**
 * How often the most frequent items are bought together, as a long table for a heatmap.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { requireColumns, requireInteger, requireOneOf, requireRows } from "../core/errors.ts";

/** What {@linkcode itemCooccurrence} measures for each pair of items. */
export type CooccurrenceMeasure = "count" | "support" | "lift";

/** Options for {@linkcode itemCooccurrence}. */
export interface ItemCooccurrenceOptions {
  /** Column identifying a basket (transaction, invoice). Default `"invoice_id"`. */
  transaction?: string;
  /** Column identifying an item, compared as text. Default `"product_id"`. */
  item?: string;
  /** How many of the most frequent items to cross, an integer >= 1. Default 20. */
  topN?: number;
  /**
   * `"count"` (baskets holding both items; default), `"support"` (that count divided by the
   * number of baskets) or `"lift"` (support of the pair divided by the product of the items'
   * supports: 1 when independent, above 1 when bought together more often than by chance).
   */
  measure?: CooccurrenceMeasure;
}

const MEASURES: readonly CooccurrenceMeasure[] = ["count", "support", "lift"];

/**
 * Item co-occurrence: for the `topN` items found in the most baskets, how often each ordered pair
 * appears in the same basket, as a long frame ready for `heatmap(result, { x: "item_a",
 * y: "item_b", fill: "value" })`.
 *
 * Items are ranked by the number of distinct baskets holding them (descending), ties by label
 * ascending. Every ordered pair of the top items is listed, including pairs never bought together
 * (value 0 for count and support) and the diagonal: for count and support the diagonal is the
 * item's own frequency (baskets holding it, or their share); for lift it is **null**, because the
 * lift of an item with itself is just 1 / its support and would swamp the colour scale (the
 * heatmap leaves those cells blank). The table is symmetric. An item bought twice in one basket
 * counts once. Baskets are counted over all rows with a non-missing basket and item, not only
 * those holding a top item; rows with a missing basket or item are left out.
 *
 * Rows come in item rank order: all pairs of the most frequent item first, then the second, and
 * so on, so `[...new Set(result.getColumn("item_a").toArray())]` is the ranking (pass it as the
 * heatmap's `xDomain`/`yDomain` to keep that order; the heatmap sorts labels otherwise).
 *
 * Cost: a Polars group-by over the n rows to rank items, then a self-join of the rows holding top
 * items on the basket, O(Σ k²) for k top items per basket, and O(topN²) output rows.
 *
 * @param df Transactions (one row per basket line); not modified.
 * @param options Basket and item columns, topN and the measure.
 * @returns A new frame with `item_a` and `item_b` (Utf8) and `value` (Int64 for count, Float64
 * for support and lift), topN² rows (fewer when there are fewer distinct items).
 * @throws {TypeError} When a column is missing.
 * @throws {RangeError} When the frame is empty or has no row with both a basket and an item,
 * `topN` is not an integer >= 1, `measure` is unknown, or `transaction` equals `item`.
 *
 * @example Counts and lift in three baskets
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { itemCooccurrence } from "./item_cooccurrence.ts";
 *
 * const lines = pl.DataFrame({
 *   invoice_id: ["1", "1", "2", "2", "3"],
 *   product_id: ["tea", "mug", "tea", "mug", "tea"],
 * });
 * const counts = itemCooccurrence(lines);
 * assert.deepEqual(counts.toRecords(), [
 *   { item_a: "tea", item_b: "tea", value: 3 },
 *   { item_a: "tea", item_b: "mug", value: 2 },
 *   { item_a: "mug", item_b: "tea", value: 2 },
 *   { item_a: "mug", item_b: "mug", value: 2 },
 * ]);
 * // lift(tea, mug) = (2/3) / ((3/3) * (2/3)) = 1: tea is in every basket anyway
 * const lift = itemCooccurrence(lines, { measure: "lift" });
 * assert.deepEqual(lift.getColumn("value").toArray(), [null, 1, 1, null]);
 * ```
 */
export function itemCooccurrence(df: DataFrame, options: ItemCooccurrenceOptions = {}): DataFrame {
  const action = "compute item co-occurrence";
  const {
    transaction = "invoice_id",
    item = "product_id",
    topN = 20,
    measure = "count",
  } = options ?? {};
  for (const [name, value] of [["transaction", transaction], ["item", item]] as const) {
    if (typeof value !== "string") {
      throw new TypeError(`Cannot ${action} as the ${name} option is not a string: got ${value}`);
    }
  }
  requireInteger(topN, "topN", action);
  requireOneOf(measure, MEASURES, "measure", action);
  if (transaction === item) {
    throw new RangeError(
      `Cannot ${action} as the transaction and item columns are the same: "${item}"`,
    );
  }
  requireColumns(df, [transaction, item], action);
  requireRows(df, action);

  const lines = df
    .select(pl.col(transaction).alias("__t"), pl.col(item).cast(pl.Utf8).alias("__item"))
    .filter(pl.col("__t").isNotNull().and(pl.col("__item").isNotNull()));
  if (lines.height === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has both a basket and an item: ${df.height} rows with "${transaction}" or "${item}" missing`,
    );
  }
  const baskets = lines.getColumn("__t").nUnique();
  const top = lines
    .groupBy("__item")
    .agg(pl.col("__t").nUnique().cast(pl.Float64).alias("__freq"))
    .sort(["__freq", "__item"], [true, false])
    .head(topN)
    .withRowIndex("__rank");
  const held = lines
    .join(top.select("__item", "__rank"), { on: "__item" })
    .select("__t", "__rank")
    .unique();
  const pairs = held
    .join(held.rename({ __rank: "__rank_b" }), { on: "__t" })
    .groupBy(["__rank", "__rank_b"])
    .agg(pl.len().cast(pl.Float64).alias("__n"));
  const b = top.rename({ __item: "__item_b", __freq: "__freq_b", __rank: "__rank_b" });
  const grid = top
    .join(b, { how: "cross" })
    .join(pairs, { on: ["__rank", "__rank_b"], how: "left" })
    .withColumns(pl.col("__n").fillNull(pl.lit(0)))
    .sort(["__rank", "__rank_b"]);
  // Divide in JS: Polars turns a division by a literal into a multiplication by its reciprocal
  // (3 / 5 gives 0.6000000000000001), and the grid has only topN² rows.
  const counts = grid.getColumn("__n").toArray() as number[];
  let values: Series;
  if (measure === "count") {
    values = pl.Series("value", counts, pl.Int64);
  } else if (measure === "support") {
    values = pl.Series("value", counts.map((n) => n / baskets), pl.Float64);
  } else {
    const rankA = grid.getColumn("__rank").toArray() as number[];
    const rankB = grid.getColumn("__rank_b").toArray() as number[];
    const freqA = grid.getColumn("__freq").toArray() as number[];
    const freqB = grid.getColumn("__freq_b").toArray() as number[];
    values = pl.Series(
      "value",
      counts.map((n, i) => rankA[i] === rankB[i] ? null : (n * baskets) / (freqA[i] * freqB[i])),
      pl.Float64,
    );
  }
  return pl.DataFrame([
    grid.getColumn("__item").alias("item_a"),
    grid.getColumn("__item_b").alias("item_b"),
    values,
  ]);
}
