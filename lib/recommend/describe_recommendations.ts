import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns } from "../core/errors.ts";

/** Options for {@linkcode describeRecommendations}. */
export interface DescribeRecommendationsOptions {
  /** Product column in both frames. Default `"product_id"`. */
  item?: string;
  /** Name column in `tx`. Default `"description"`. */
  label?: string;
}

/**
 * Makes recommendations readable: adds a `description` column after the product and rewrites the
 * product codes quoted in `reason` ("because you bought 84991", "similar to 37446") as their names.
 * Each code's name is its most frequent description in `tx`; codes without one stay as they are.
 *
 * Cost: one group-by over `tx`, then O(rows).
 *
 * @param recommendations A frame from a recommender's `recommend` (with `reason`); not modified.
 * @param tx Transactions holding the product and description columns.
 * @param options Column names.
 * @returns A new frame.
 * @throws {TypeError} When a column is missing.
 *
 * @example Name the product and the reason
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { describeRecommendations } from "./describe_recommendations.ts";
 *
 * const recs = pl.DataFrame({ customer_id: ["1"], product_id: ["B"], reason: ["because you bought A"] });
 * const tx = pl.DataFrame({ product_id: ["A", "B"], description: ["TEA", "CAKE"] });
 * const out = describeRecommendations(recs, tx);
 * assert.equal(out.getColumn("reason").toArray()[0], "because you bought TEA");
 * assert.equal(out.getColumn("description").toArray()[0], "CAKE");
 * ```
 */
export function describeRecommendations(
  recommendations: DataFrame,
  tx: DataFrame,
  options: DescribeRecommendationsOptions = {},
): DataFrame {
  const item = options.item ?? "product_id";
  const label = options.label ?? "description";
  const action = "describe recommendations";
  requireColumns(recommendations, [item], action);
  requireColumns(tx, [item, label], action);
  const counts = tx.filter(pl.col(label).isNotNull())
    .groupBy([item, label]).agg(pl.len().alias("__n"))
    .sort([item, "__n", label], [false, true, false])
    .toRecords();
  const names = new Map<string, string>();
  for (const row of counts) {
    const key = String(row[item]);
    if (!names.has(key)) names.set(key, String(row[label]).trim());
  }
  const products = recommendations.getColumn(item).toArray() as string[];
  let out = recommendations.withColumns(
    pl.Series("description", products.map((p) => names.get(String(p)) ?? null), pl.Utf8),
  );
  if (recommendations.columns.includes("reason")) {
    const reasons = (recommendations.getColumn("reason").toArray() as (string | null)[]).map((r) =>
      r === null
        ? null
        : r.replace(/(bought |similar to )(\S+)/g, (m, lead: string, code: string) => {
          const name = names.get(code);
          return name === undefined ? m : `${lead}${name}`;
        })
    );
    out = out.withColumns(pl.Series("reason", reasons, pl.Utf8));
  }
  const order = recommendations.columns.flatMap((c) => c === item ? [c, "description"] : [c]);
  return out.select(...order);
}
