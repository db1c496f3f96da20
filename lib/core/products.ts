/**
 * The product-name lookup: one readable name per product code, read from a transaction log
 * where a code can carry several spellings of its description over time.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "./frame.ts";
import { requireColumns } from "./errors.ts";

/** Options for {@linkcode productNames}. */
export interface ProductNamesOptions {
  /** Product code column (cast to text). Default `"product_id"`. */
  item?: string;
  /** Name column (cast to text). Default `"description"`. */
  label?: string;
  /** What the caller was doing, for error messages. Default `"look up product names"`. */
  action?: string;
}

/**
 * Each product code's name: its most frequent description in `df`.
 *
 * Rules, so every module names a product the same way:
 * - codes and names are cast to text; names are trimmed of leading and trailing whitespace
 *   before counting (`"TEA "` and `"TEA"` are one name), and rows whose code or trimmed name is
 *   missing or empty are ignored;
 * - the name is the one on the most rows of that code; ties go to the name that sorts first
 *   (Polars' text order, i.e. by UTF-8 bytes), so the result never depends on row order;
 * - codes without any name are absent from the map (callers show the code instead).
 *
 * Cost: one Polars group-by over the n rows, then O(distinct code-name pairs) in JS.
 *
 * @param df A frame holding the code and name columns (e.g. the transactions); not modified.
 * @param options Column names.
 * @returns A map from product code (as text) to its name.
 * @throws {TypeError} When a column is missing.
 *
 * @example The most frequent spelling wins, whitespace aside
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { productNames } from "./products.ts";
 *
 * const tx = pl.DataFrame({
 *   product_id: ["A", "A", "A", "B", "B"],
 *   description: ["TEA ", "TEA", "GREEN TEA", "MUG", "CUP"],
 * });
 * // A: "TEA" twice (once with a trailing space). B: a tie, "CUP" sorts first.
 * assert.deepEqual([...productNames(tx)], [["A", "TEA"], ["B", "CUP"]]);
 * ```
 */
export function productNames(
  df: DataFrame,
  options: ProductNamesOptions = {},
): Map<string, string> {
  const {
    item = "product_id",
    label = "description",
    action = "look up product names",
  } = options ?? {};
  requireColumns(df, [item, label], action);
  const counts = df
    .select(
      pl.col(item).cast(pl.Utf8).alias("__item"),
      pl.col(label).cast(pl.Utf8).str.strip().alias("__label"),
    )
    .filter(
      pl.col("__item").isNotNull().and(pl.col("__label").isNotNull())
        .and(pl.col("__label").str.lengths().gt(0)),
    )
    .groupBy(["__item", "__label"])
    .agg(pl.len().alias("__n"))
    .sort(["__item", "__n", "__label"], [false, true, false]);
  const items = counts.getColumn("__item").toArray() as string[];
  const names = counts.getColumn("__label").toArray() as string[];
  const out = new Map<string, string>();
  for (let k = 0; k < items.length; k++) {
    if (!out.has(items[k])) out.set(items[k], names[k]);
  }
  return out;
}
