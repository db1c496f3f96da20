/**
 * Turns per-customer recommendations into offers a marketing team can run: the products to
 * feature per segment, and each customer's single next offer.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, requireColumns, requireFrame, requireInteger } from "../core/errors.ts";
import { productNames } from "../core/products.ts";

/** Options for {@linkcode personalizedOffers}. */
export interface PersonalizedOffersOptions {
  /**
   * One row per customer with their segment, e.g. from `labelSegments`. Required: offers are
   * summarised per segment.
   */
  segments: DataFrame;
  /** Customer column of both frames; the outputs keep its name and the dtype in `segments`. Default `"customer_id"`. */
  customer?: string;
  /** Segment column of `segments`; the outputs keep its name and dtype. Default `"segment"`. */
  segment?: string;
  /** Product column of `recommendations` (and of `label`); the outputs keep its name. Default `"product_id"`. */
  item?: string;
  /** How many products to feature per segment, a positive integer. Default 5. */
  perSegment?: number;
  /**
   * Product names: a frame with the `item` column and the `label` column, e.g. the transactions.
   * When given, both outputs gain `description` after the product column (each product's most
   * frequent trimmed name, as `productNames` in `core/products.ts`; null when it has none).
   */
  labels?: DataFrame;
  /** Name column of `labels`. Default `"description"`. */
  label?: string;
}

/** What {@linkcode personalizedOffers} returns. */
export interface PersonalizedOffers {
  /**
   * Featured products per segment: `segment`, `rank`, product, [`description`,]
   * `customers_recommended`, `share_of_segment`; segments in ascending order, then rank.
   */
  readonly bySegment: DataFrame;
  /**
   * One offer per customer of `segments`: customer, segment, product, [`description`,] `score`,
   * the structured reason columns of the recommendations when they have them (`reason_kind`,
   * `because_product`, `because_score`) and `reason`; customers in ascending id order.
   */
  readonly byCustomer: DataFrame;
}

/** The reason given to customers whose offer is their segment's top featured product. */
const SEGMENT_REASON = "popular in your segment";

/** The `reason_kind` of that fallback offer. */
const SEGMENT_REASON_KIND = "popular_in_segment";

/** The structured reason columns of the recommenders, passed through when present. */
const STRUCTURED_REASON = ["reason_kind", "because_product", "because_score"] as const;

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Summarises per-customer recommendations (e.g. from a fitted recommender's `recommend`) into
 * offers: which products to feature for each segment, and one next offer per customer.
 *
 * Method. *By segment*: for each product, `customers_recommended` is the number of distinct
 * customers of the segment who have it anywhere in their recommendations, and
 * `share_of_segment` = customers_recommended / customers in the segment (all customers of
 * `segments`, recommended or not). Products are ranked by customers_recommended (descending),
 * then mean recommendation rank among those customers (ascending: products recommended first
 * win), then product id as text, and the first `perSegment` kept. *By customer*: each customer's
 * offer is their own rank-1 recommendation (lowest `rank`; ties keep row order) with its score
 * and reason (text and, when the recommendations have them, the structured `reason_kind`,
 * `because_product` and `because_score`). A customer with no recommendation gets their
 * segment's rank-1 featured product, score null, reason "popular in your segment" and
 * `reason_kind` `"popular_in_segment"` (this product may be one they already own: the
 * fallback knows no history); if their segment has no featured product either, the offer is
 * null.
 *
 * Customers are matched between the frames as text. Customers of `recommendations` that are not
 * in `segments` are ignored; rows with a missing customer, segment or product are skipped.
 *
 * Cost: O(R + C + P log P) for R recommendation rows, C customers and P (segment, product)
 * pairs, after moving the columns into JS.
 *
 * @param recommendations One row per recommendation with the customer, `rank` (1 = best), the
 * product and optionally `score` and the reason columns, as returned by the recommenders'
 * `recommend`.
 * @param options The segments (required), column names, how many products per segment, and
 * product names.
 * @returns `{ bySegment, byCustomer }`.
 * @throws {TypeError} When `segments` is not a DataFrame, a column is missing (including the
 * name column in `labels`), or `perSegment` is not a number.
 * @throws {RangeError} When `perSegment` is not an integer >= 1 or a customer appears in
 * `segments` with more than one segment.
 *
 * @example Featured products and the next offer
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { personalizedOffers } from "./personalized_offers.ts";
 *
 * const recommendations = pl.DataFrame({
 *   customer_id: ["c1", "c1", "c2"],
 *   rank: [1, 2, 1],
 *   product_id: ["mug", "tea", "tea"],
 *   score: [0.9, 0.5, 0.7],
 *   reason: ["because you bought cups", "because you bought cups", "popular"],
 * });
 * const segments = pl.DataFrame({ customer_id: ["c1", "c2", "c3"], segment: ["A", "A", "A"] });
 * const { bySegment, byCustomer } = personalizedOffers(recommendations, {
 *   segments,
 *   perSegment: 1,
 * });
 * // tea is recommended to c1 and c2: 2 of the 3 customers of A.
 * assert.deepEqual(bySegment.getColumn("product_id").toArray(), ["tea"]);
 * assert.deepEqual(bySegment.getColumn("share_of_segment").toArray(), [2 / 3]);
 * // c3 has no recommendation and gets A's featured product.
 * assert.deepEqual(byCustomer.getColumn("product_id").toArray(), ["mug", "tea", "tea"]);
 * assert.equal(byCustomer.getColumn("reason").toArray()[2], "popular in your segment");
 * ```
 */
export function personalizedOffers(
  recommendations: DataFrame,
  options: PersonalizedOffersOptions,
): PersonalizedOffers {
  const action = "make personalized offers";
  const {
    segments,
    customer = "customer_id",
    segment = "segment",
    item = "product_id",
    perSegment = 5,
    labels,
    label = "description",
  } = options ?? {};
  requireInteger(perSegment, "perSegment", action);
  requireFrame(recommendations, "the recommendations", action);
  requireFrame(segments, "the segments option", action);
  requireColumns(recommendations, [customer, "rank", item], action);
  requireColumns(segments, [customer, segment], action);

  // Customers and their segments.
  const segCustomers = segments.getColumn(customer).toArray();
  const segValues = segments.getColumn(segment).toArray();
  const segmentOf = new Map<string, { id: unknown; segment: unknown; key: string }>();
  const conflicts: string[] = [];
  const segmentSize = new Map<string, number>();
  const segmentValue = new Map<string, unknown>();
  for (let i = 0; i < segCustomers.length; i++) {
    if (segCustomers[i] == null || segValues[i] == null) continue;
    const id = String(segCustomers[i]);
    const key = String(segValues[i]);
    const known = segmentOf.get(id);
    if (known !== undefined) {
      if (known.key !== key && !conflicts.includes(id)) conflicts.push(id);
      continue;
    }
    segmentOf.set(id, { id: segCustomers[i], segment: segValues[i], key });
    segmentSize.set(key, (segmentSize.get(key) ?? 0) + 1);
    segmentValue.set(key, segValues[i]);
  }
  if (conflicts.length > 0) {
    throw new RangeError(
      `Cannot ${action} as ${conflicts.length} customer${
        conflicts.length === 1 ? " appears" : "s appear"
      } in more than one segment: e.g. ${formatExamples(conflicts)}`,
    );
  }

  // Recommendations per customer: best row, and (segment, product) tallies.
  const recCustomers = recommendations.getColumn(customer).toArray();
  const ranks = recommendations.getColumn("rank").toArray();
  const items = recommendations.getColumn(item).toArray();
  const scores = recommendations.columns.includes("score")
    ? recommendations.getColumn("score").toArray()
    : undefined;
  const reasons = recommendations.columns.includes("reason")
    ? recommendations.getColumn("reason").toArray()
    : undefined;
  const structured = STRUCTURED_REASON.every((c) => recommendations.columns.includes(c));
  const reasonParts = structured
    ? STRUCTURED_REASON.map((c) => recommendations.getColumn(c).toArray())
    : undefined;
  const best = new Map<string, number>(); // customer -> row of their rank-1 recommendation
  const tallies = new Map<string, Map<string, { customers: Set<string>; rankSum: number }>>();
  for (let i = 0; i < recCustomers.length; i++) {
    if (recCustomers[i] == null || items[i] == null) continue;
    const id = String(recCustomers[i]);
    const info = segmentOf.get(id);
    if (info === undefined) continue;
    const rank = Number(ranks[i]);
    const current = best.get(id);
    if (current === undefined || rank < Number(ranks[current])) best.set(id, i);
    const product = String(items[i]);
    let bySegment = tallies.get(info.key);
    if (bySegment === undefined) tallies.set(info.key, bySegment = new Map());
    let tally = bySegment.get(product);
    if (tally === undefined) bySegment.set(product, tally = { customers: new Set(), rankSum: 0 });
    if (!tally.customers.has(id)) {
      tally.customers.add(id);
      tally.rankSum += rank;
    }
  }

  // Featured products per segment.
  const itemValue = new Map<string, unknown>();
  for (const value of items) {
    if (value != null && !itemValue.has(String(value))) itemValue.set(String(value), value);
  }
  const segmentKeys = [...segmentValue.keys()].sort((a, b) =>
    compareValues(segmentValue.get(a), segmentValue.get(b))
  );
  const featured = new Map<string, string[]>();
  const seg = {
    segment: [] as unknown[],
    rank: [] as number[],
    item: [] as string[],
    customers: [] as number[],
    share: [] as number[],
  };
  for (const key of segmentKeys) {
    const products = [...(tallies.get(key) ?? new Map()).entries()].map(([product, t]) => ({
      product,
      count: t.customers.size,
      meanRank: t.rankSum / t.customers.size,
    }));
    products.sort((a, b) =>
      b.count - a.count || a.meanRank - b.meanRank ||
      (a.product < b.product ? -1 : a.product > b.product ? 1 : 0)
    );
    const top = products.slice(0, perSegment);
    featured.set(key, top.map((p) => p.product));
    top.forEach((p, r) => {
      seg.segment.push(segmentValue.get(key));
      seg.rank.push(r + 1);
      seg.item.push(p.product);
      seg.customers.push(p.count);
      seg.share.push(p.count / segmentSize.get(key)!);
    });
  }

  // One offer per customer.
  const customersSorted = [...segmentOf.values()].sort((a, b) => compareValues(a.id, b.id));
  const cust = {
    id: [] as unknown[],
    segment: [] as unknown[],
    item: [] as (string | null)[],
    score: [] as (number | null)[],
    reason: [] as (string | null)[],
    parts: STRUCTURED_REASON.map(() => [] as unknown[]),
  };
  for (const info of customersSorted) {
    cust.id.push(info.id);
    cust.segment.push(info.segment);
    const row = best.get(String(info.id));
    if (row !== undefined) {
      cust.item.push(String(items[row]));
      const score = scores?.[row];
      cust.score.push(score == null ? null : Number(score));
      const reason = reasons?.[row];
      cust.reason.push(reason == null ? null : String(reason));
      reasonParts?.forEach((values, c) => cust.parts[c].push(values[row] ?? null));
    } else {
      const top = featured.get(info.key)?.[0];
      cust.item.push(top ?? null);
      cust.score.push(null);
      cust.reason.push(top === undefined ? null : SEGMENT_REASON);
      cust.parts[0].push(top === undefined ? null : SEGMENT_REASON_KIND);
      cust.parts[1].push(null);
      cust.parts[2].push(null);
    }
  }

  // Descriptions and output columns (product ids keep the recommendations' dtype).
  let describe: ((product: string | null) => string | null) | undefined;
  if (labels !== undefined) {
    requireFrame(labels, "the labels option", action);
    const names = productNames(labels, { item, label, action: `${action} with labels` });
    describe = (product) => (product === null ? null : names.get(product) ?? null);
  }
  const itemDtype = recommendations.getColumn(item).dtype;
  const productSeries = (values: (string | null)[]) =>
    pl.Series(item, values.map((v) => (v === null ? null : itemValue.get(v) ?? v)), itemDtype);
  const segmentDtype = segments.getColumn(segment).dtype;
  const bySegment = pl.DataFrame([
    pl.Series(segment, seg.segment, segmentDtype),
    pl.Series("rank", seg.rank, pl.Int64),
    productSeries(seg.item),
    ...(describe ? [pl.Series("description", seg.item.map(describe), pl.Utf8)] : []),
    pl.Series("customers_recommended", seg.customers, pl.Int64),
    pl.Series("share_of_segment", seg.share, pl.Float64),
  ]);
  const byCustomer = pl.DataFrame([
    pl.Series(customer, cust.id, segments.getColumn(customer).dtype),
    pl.Series(segment, cust.segment, segmentDtype),
    productSeries(cust.item),
    ...(describe ? [pl.Series("description", cust.item.map(describe), pl.Utf8)] : []),
    pl.Series("score", cust.score, pl.Float64),
    ...(structured
      ? STRUCTURED_REASON.map((c, k) =>
        pl.Series(c, cust.parts[k], c === "because_score" ? pl.Float64 : pl.Utf8)
      )
      : []),
    pl.Series("reason", cust.reason, pl.Utf8),
  ]);
  return Object.freeze({ bySegment, byCustomer });
}
