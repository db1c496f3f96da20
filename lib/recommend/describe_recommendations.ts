/**
 * Product names for a recommendation frame, in the product column and in the reasons.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireFrame } from "../core/errors.ts";
import { productNames } from "../core/products.ts";
import type { ReasonKind } from "./_types.ts";
import { reasonText } from "./_recommender.ts";

/** Options for {@linkcode describeRecommendations}. */
export interface DescribeRecommendationsOptions {
  /**
   * Where the names come from: a frame with the item and label columns, e.g. the transactions.
   * Required.
   */
  labels: DataFrame;
  /** Product column of the recommendations and of `labels`. Default `"product_id"`. */
  item?: string;
  /** Name column of `labels`. Default `"description"`. */
  label?: string;
}

const REASON_KINDS: readonly ReasonKind[] = ["popular", "bought_together", "similar_text"];

/**
 * Makes recommendations readable: adds a `description` column after the product column and,
 * when the frame has the structured reason columns of the recommenders (`reason_kind`,
 * `because_product`, `because_score`), a `because_description` column after `because_product`
 * and a `reason` text written with names ("because you bought WHITE HANGING HEART T-LIGHT
 * HOLDER"). Rows whose `reason_kind` is not one of the recommenders' kinds (e.g. the segment
 * fallback of `personalizedOffers`) keep their `reason`; a frame without the structured columns
 * keeps its `reason` untouched.
 *
 * Names follow the library's product-name rule (`productNames` in `core/products.ts`): each
 * code's most frequent trimmed description in `labels`, ties broken by text order; codes without
 * one stay as codes in the reasons and get a null description.
 *
 * Cost: one group-by over `labels`, then O(rows).
 *
 * @param recommendations A frame from a recommender's `recommend` (or any frame with the product
 * column); not modified.
 * @param options The frame holding the names, and column names.
 * @returns A new frame.
 * @throws {TypeError} When a frame is missing or a column is missing.
 *
 * @example Name the product and the reason
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { describeRecommendations } from "./describe_recommendations.ts";
 *
 * const recs = pl.DataFrame({
 *   customer_id: ["1"],
 *   product_id: ["B"],
 *   reason_kind: ["bought_together"],
 *   because_product: ["A"],
 *   because_score: [0.5],
 *   reason: ["because you bought A"],
 * });
 * const tx = pl.DataFrame({ product_id: ["A", "B"], description: ["TEA", "CAKE"] });
 * const out = describeRecommendations(recs, { labels: tx });
 * assert.equal(out.getColumn("reason").toArray()[0], "because you bought TEA");
 * assert.equal(out.getColumn("description").toArray()[0], "CAKE");
 * assert.equal(out.getColumn("because_description").toArray()[0], "TEA");
 * ```
 */
export function describeRecommendations(
  recommendations: DataFrame,
  options: DescribeRecommendationsOptions,
): DataFrame {
  const action = "describe recommendations";
  const { labels, item = "product_id", label = "description" } = options ?? {};
  requireFrame(recommendations, "the recommendations", action);
  requireFrame(labels, "the labels option", action);
  requireColumns(recommendations, [item], action);
  const names = productNames(labels, { item, label, action });
  const nameOf = (code: unknown) => (code == null ? null : names.get(String(code)) ?? null);
  const added = [
    pl.Series("description", recommendations.getColumn(item).toArray().map(nameOf), pl.Utf8),
  ];
  const structured = ["reason_kind", "because_product", "because_score"].every((c) =>
    recommendations.columns.includes(c)
  );
  if (structured) {
    const kinds = recommendations.getColumn("reason_kind").toArray() as (string | null)[];
    const because = recommendations.getColumn("because_product").toArray() as (string | null)[];
    const scores = recommendations.getColumn("because_score").toArray() as (number | null)[];
    const old = recommendations.columns.includes("reason")
      ? recommendations.getColumn("reason").toArray() as (string | null)[]
      : kinds.map(() => null);
    const becauseNames = because.map(nameOf);
    added.push(
      pl.Series("because_description", becauseNames, pl.Utf8),
      pl.Series(
        "reason",
        kinds.map((kind, k) =>
          (REASON_KINDS as readonly (string | null)[]).includes(kind)
            ? reasonText(kind as ReasonKind, becauseNames[k] ?? because[k], scores[k] ?? NaN)
            : old[k]
        ),
        pl.Utf8,
      ),
    );
  }
  const out = recommendations.withColumns(...added);
  const order = recommendations.columns.flatMap((c) =>
    c === item
      ? [c, "description"]
      : c === "because_product" && structured
      ? [c, "because_description"]
      : c === "description" || c === "because_description"
      ? []
      : [c]
  );
  if (structured && !order.includes("reason")) order.push("reason");
  return out.select(...order);
}
