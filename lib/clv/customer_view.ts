/**
 * One row per customer combining what the other chapters compute (RFM segment, k-means segment,
 * churn probability, lifetime value with its interval, next best product and its offer budget),
 * with the expected gain of acting and a ranked "act this week" list.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFrame,
  requireInteger,
  requireNonNegative,
  requireNumericColumns,
  requirePositive,
  requireProbability,
} from "../core/errors.ts";

/**
 * The columns of {@linkcode customerView}'s table, in order: what the explorer app reads and
 * `exportCustomerView` writes.
 *
 * - `customer_id` (text): the customer.
 * - `rfm_segment` (text): the named RFM segment (`scoreRfm`).
 * - `kmeans_segment` (text): the k-means segment on log RFM (`fitKMeans` + `nameSegments`).
 * - `recency_days`, `frequency`, `monetary` (numbers): days since the last purchase, purchases
 *   and spend, as of the analysis date (`computeRfm`).
 * - `churn_probability` (number or null): the churn model's probability of not buying in its
 *   horizon; null for a customer too new to score.
 * - `probability_alive` (number): BG/NBD probability that the customer is still active.
 * - `clv`, `clv_p10`, `clv_p90` (numbers): lifetime value over the horizon (BG/NBD x
 *   Gamma-Gamma x margin, discounted) and its p10-p90 band from parameter uncertainty.
 * - `next_product` (text or null): the next best product (`"name (id)"` when a label column is
 *   given); null when there is nothing to offer.
 * - `next_product_reason` (text or null): why it is recommended.
 * - `offer_budget` (number or null): what the offer may cost (`offerBudget`).
 * - `expected_gain` (number or null): `uplift x clv - (actionCost + offer_budget)`; null when
 *   the customer is not eligible (too new, lapsed, not at risk, nothing to offer).
 * - `action` (text): one of {@linkcode CUSTOMER_VIEW_ACTIONS}.
 * - `rank` (integer or null): 1 = act first; null unless the expected gain is positive.
 */
export const CUSTOMER_VIEW_COLUMNS = [
  "customer_id",
  "rfm_segment",
  "kmeans_segment",
  "recency_days",
  "frequency",
  "monetary",
  "churn_probability",
  "probability_alive",
  "clv",
  "clv_p10",
  "clv_p90",
  "next_product",
  "next_product_reason",
  "offer_budget",
  "expected_gain",
  "action",
  "rank",
] as const;

/**
 * The values of the `action` column, in the order they are decided:
 * - `"onboard"`: too new for the churn model (no churn probability): a welcome programme, not
 *   an offer;
 * - `"none: lapsed"`: no purchase for more than `maxRecencyDays`: they left long ago; a win-back
 *   is a different campaign with its own economics;
 * - `"none: not at risk"`: a churn probability below `minChurnProbability`: they are buying, and an
 *   offer would mostly discount purchases they would make anyway;
 * - `"none: nothing to offer"`: no next product;
 * - `"none: gain below cost"`: acting is expected to cost more than it brings;
 * - `"act this week"`: positive expected gain, within this week's `capacity` (rank 1 first);
 * - `"later: over capacity"`: positive expected gain, ranked after `capacity`.
 */
export const CUSTOMER_VIEW_ACTIONS = [
  "onboard",
  "none: lapsed",
  "none: not at risk",
  "none: nothing to offer",
  "none: gain below cost",
  "act this week",
  "later: over capacity",
] as const;

/** Options for {@linkcode customerView}. */
export interface CustomerViewOptions {
  /**
   * One row per customer with their k-means segment, e.g.
   * `labelSegments(rfm, { labels, names })`. Must cover every customer of the RFM table.
   */
  kmeans: DataFrame;
  /**
   * One row per scored customer with the churn probability (column `churnColumn`), e.g. a frame
   * holding `churnFeatures` ids, or `churnFeatures(...)` itself with `churnScores`. Customers
   * may be missing only when newer than `minHistoryDays` (they get `"onboard"`).
   */
  churn: DataFrame;
  /**
   * Churn probabilities for the rows of `churn`, in its order (e.g. `model.predictProba(...)`),
   * when `churn` has no `churnColumn`.
   */
  churnScores?: ArrayLike<number>;
  /** The churn probability column of `churn`. Default `"churn_probability"`. */
  churnColumn?: string;
  /**
   * `customerLifetimeValue`'s output (with draws): `probability_alive`, `clv`, `clv_p10`,
   * `clv_p90`, one row per customer. Must cover every customer of the RFM table.
   */
  clv: DataFrame;
  /**
   * At most one row per customer with the next best product, its reason and its budget, e.g.
   * `offerBudget(personalizedOffers(...).byCustomer, ...).offers`. A customer missing, or with a
   * null product, has nothing to offer.
   */
  offers: DataFrame;
  /** Product column of `offers`. Default `"product_id"`. */
  product?: string;
  /** Optional product-name column of `offers`: `next_product` becomes `"name (id)"`. */
  productLabel?: string;
  /** Reason column of `offers`. Default `"reason"`. */
  reason?: string;
  /** Budget column of `offers` (a null budget counts as 0). Default `"budget"`. */
  budget?: string;
  /** Customer column of every frame, matched as text. Default `"customer_id"`. */
  customer?: string;
  /** Segment column of the RFM table. Default `"segment"`. */
  rfmSegment?: string;
  /** Segment column of `kmeans`. Default `"segment"`. */
  kmeansSegment?: string;
  /**
   * Response uplift, in [0, 1]: the share of a customer's CLV that acting adds (incremental, as a
   * randomised control group would measure it). Required: an analyst's assumption until an
   * experiment estimates it.
   */
  uplift: number;
  /**
   * Uplift per RFM segment (keyed by the `rfmSegment` values), each in [0, 1], where the analyst
   * expects acting to add more or less than `uplift`, e.g. less for customers who buy anyway.
   * Segments not listed use `uplift`. Default none.
   */
  upliftBySegment?: Readonly<Record<string, number>>;
  /** Cost of acting on one customer (a call, a mailing), >= 0, besides the offer. Required. */
  actionCost: number;
  /**
   * Act only on customers whose churn probability is at least this, in [0, 1]: the churn model
   * picks who needs an action, the CLV how much acting is worth (its probability is not
   * multiplied into the gain, which would count BG/NBD's P(alive) twice). Default 0 (everyone).
   */
  minChurnProbability?: number;
  /**
   * A customer whose last purchase is more than this many days old is lapsed and not acted on,
   * > 0. Required: when a customer counts as gone is a business judgement.
   */
  maxRecencyDays: number;
  /**
   * Customers the team can act on this week, an integer >= 1. Default: no limit. Customers with
   * a positive gain beyond it are ranked and marked `"later: over capacity"`.
   */
  capacity?: number;
  /**
   * Customers of the RFM table with `tenure_days` below this may be absent from `churn` (the
   * churn model's `minHistoryDays`). Default 0: every customer must be scored.
   */
  minHistoryDays?: number;
}

const ACTION = "build the customer view";

interface Source {
  name: string;
  rows: Map<string, number>;
}

/** The rows of `df` by customer as text; refuses null ids, duplicates and unknown customers. */
function indexSource(
  df: DataFrame,
  name: string,
  customer: string,
  known: Set<string> | null,
): Source {
  const ids = df.getColumn(customer).toArray() as unknown[];
  const rows = new Map<string, number>();
  const duplicates: string[] = [];
  let nulls = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] == null) {
      nulls++;
      continue;
    }
    const id = String(ids[i]);
    if (rows.has(id)) duplicates.push(id);
    else rows.set(id, i);
  }
  if (nulls > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${nulls} rows of ${name} have no ${customer}: every row needs a customer`,
    );
  }
  if (duplicates.length > 0) {
    const distinct = [...new Set(duplicates)];
    throw new RangeError(
      `Cannot ${ACTION} as ${distinct.length} customers appear more than once in ${name}: e.g. ${
        formatExamples(distinct)
      }`,
    );
  }
  if (known) {
    const unknown = [...rows.keys()].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as ${unknown.length} customers of ${name} are not in the RFM table: e.g. ${
          formatExamples(unknown)
        }`,
      );
    }
  }
  return { name, rows };
}

function numbers(df: DataFrame, column: string): (number | null)[] {
  return (df.getColumn(column).toArray() as unknown[]).map((v) => {
    if (v == null) return null;
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  });
}

function texts(df: DataFrame, column: string): (string | null)[] {
  return (df.getColumn(column).toArray() as unknown[]).map((v) => v == null ? null : String(v));
}

/**
 * Builds the customer view: one row per customer of the RFM table with their RFM and k-means
 * segments, churn probability, lifetime value with its p10-p90 interval, next best product and
 * its offer budget, the expected gain of acting, an action and a rank: the "act this week" list
 * is the rows with action `"act this week"`, in rank order.
 *
 * **Expected gain of acting** on a customer who is eligible (scored, not lapsed, with a product
 * to offer):
 *
 * `expected_gain = uplift x clv - (actionCost + offer_budget)`
 *
 * where `uplift` (the share of the customer's value that acting adds, per RFM segment with
 * `upliftBySegment`) and `actionCost` are the
 * analyst's assumptions, and `offer_budget` is counted in full (every offer redeemed: the
 * prudent case). The churn probability is shown but **not** multiplied in: the BG/NBD CLV
 * already weighs the probability that the customer is still active, so multiplying by churn risk
 * again would count the same risk twice. Customers who left long ago are kept off the list by
 * `maxRecencyDays` instead (on Online Retail BG/NBD finds almost no dropout, P(alive) near 1 for
 * nearly everyone, so its CLV alone does not say who has gone).
 *
 * Who needs an action is the churn model's call: with `minChurnProbability`, customers it gives a
 * lower probability of stopping are `"none: not at risk"` (an offer to a customer who buys every
 * week mostly discounts what they would buy anyway, however large their CLV).
 *
 * Actions, decided in this order: no churn probability → `"onboard"`; recency above
 * `maxRecencyDays` → `"none: lapsed"`; churn probability below `minChurnProbability` →
 * `"none: not at risk"`; no product → `"none: nothing to offer"`; gain <= 0 →
 * `"none: gain below cost"`; otherwise ranked by gain (ties by customer id) and
 * `"act this week"` up to `capacity`, `"later: over capacity"` after. `expected_gain` is null for
 * the first four.
 *
 * Rows come in rank order, then the unranked customers by id. Cost: O(n log n) for n customers.
 *
 * @param rfm One row per customer: the customer, `recency_days`, `frequency`, `monetary`, the
 * segment column (`scoreRfm`'s output) and, with `minHistoryDays`, `tenure_days`. It defines the
 * customers of the view; not modified.
 * @param options The sources, their columns and the economics of acting.
 * @returns A new DataFrame with exactly the columns of {@linkcode CUSTOMER_VIEW_COLUMNS}.
 * @throws {TypeError} When a frame is not a DataFrame, a column is missing or not numeric, or an
 * assumption is not a number.
 * @throws {RangeError} When a customer id is null or appears twice in a frame, a source holds a
 * customer the RFM table lacks, `kmeans` or `clv` misses a customer, `churn` misses a customer
 * not newer than `minHistoryDays`, `churnScores` does not match `churn`'s rows, a churn
 * probability is missing or outside [0, 1], or an assumption is out of range.
 *
 * @example Two customers: one to act on, one lapsed
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { customerView } from "./customer_view.ts";
 *
 * const rfm = pl.DataFrame({
 *   customer_id: ["a", "b"],
 *   recency_days: [10, 300],
 *   frequency: [5, 2],
 *   monetary: [900, 200],
 *   segment: ["Champions", "Lost"],
 * });
 * const view = customerView(rfm, {
 *   kmeans: pl.DataFrame({ customer_id: ["a", "b"], segment: ["Best", "Lapsed"] }),
 *   churn: pl.DataFrame({ customer_id: ["a", "b"], churn_probability: [0.1, 0.8] }),
 *   clv: pl.DataFrame({
 *     customer_id: ["a", "b"],
 *     probability_alive: [1, 0.99],
 *     clv: [1000, 400],
 *     clv_p10: [900, 300],
 *     clv_p90: [1100, 500],
 *   }),
 *   offers: pl.DataFrame({
 *     customer_id: ["a", "b"],
 *     product_id: ["mug", "tea"],
 *     reason: ["bought cups", "bought cups"],
 *     budget: [20, 15],
 *   }),
 *   uplift: 0.05,
 *   actionCost: 5,
 *   maxRecencyDays: 180,
 * });
 * // a: 0.05 x 1000 - (5 + 20) = 25; b last bought 300 days ago.
 * assert.deepEqual(view.getColumn("expected_gain").toArray(), [25, null]);
 * assert.deepEqual(view.getColumn("action").toArray(), ["act this week", "none: lapsed"]);
 * assert.deepEqual(view.getColumn("rank").toArray(), [1, null]);
 * ```
 */
export function customerView(rfm: DataFrame, options: CustomerViewOptions): DataFrame {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${ACTION} as options are missing: pass { kmeans, churn, clv, offers, uplift, actionCost, maxRecencyDays }`,
    );
  }
  const {
    customer = "customer_id",
    rfmSegment = "segment",
    kmeansSegment = "segment",
    churnColumn = "churn_probability",
    product = "product_id",
    productLabel,
    reason = "reason",
    budget = "budget",
    minHistoryDays = 0,
  } = options;
  requireFrame(rfm, "the RFM table", ACTION);
  const kmeans = requireFrame(options.kmeans, "kmeans", ACTION);
  const churn = requireFrame(options.churn, "churn", ACTION);
  const clv = requireFrame(options.clv, "clv", ACTION);
  const offers = requireFrame(options.offers, "offers", ACTION);
  const uplift = requireProbability(options.uplift, "uplift", ACTION, true);
  const upliftBySegment = new Map<string, number>();
  if (options.upliftBySegment !== undefined) {
    if (options.upliftBySegment === null || typeof options.upliftBySegment !== "object") {
      throw new TypeError(
        `Cannot ${ACTION} as upliftBySegment is not an object of segment uplifts: got ${options.upliftBySegment}`,
      );
    }
    for (const [segment, u] of Object.entries(options.upliftBySegment)) {
      upliftBySegment.set(
        segment,
        requireProbability(u, `upliftBySegment["${segment}"]`, ACTION, true),
      );
    }
  }
  const actionCost = requireNonNegative(options.actionCost, "actionCost", ACTION);
  const maxRecencyDays = requirePositive(options.maxRecencyDays, "maxRecencyDays", ACTION);
  const minChurnProbability = requireProbability(
    options.minChurnProbability ?? 0,
    "minChurnProbability",
    ACTION,
    true,
  );
  const capacity = options.capacity === undefined
    ? Infinity
    : requireInteger(options.capacity, "capacity", ACTION, 1);
  requireNonNegative(minHistoryDays, "minHistoryDays", ACTION);

  const rfmNumeric = ["recency_days", "frequency", "monetary"];
  if (minHistoryDays > 0) rfmNumeric.push("tenure_days");
  requireColumns(rfm, [customer, rfmSegment, ...rfmNumeric], ACTION);
  requireNumericColumns(rfm, rfmNumeric, ACTION);
  requireColumns(kmeans, [customer, kmeansSegment], ACTION);
  const clvColumns = ["probability_alive", "clv", "clv_p10", "clv_p90"];
  requireColumns(clv, [customer, ...clvColumns], ACTION);
  requireNumericColumns(clv, clvColumns, ACTION);
  requireColumns(churn, [customer], ACTION);
  let churnValues: (number | null)[];
  if (options.churnScores !== undefined) {
    const scores = options.churnScores;
    if (scores === null || typeof scores !== "object" || typeof scores.length !== "number") {
      throw new TypeError(
        `Cannot ${ACTION} as churnScores is not an array of probabilities: got ${typeof scores}`,
      );
    }
    if (scores.length !== churn.height) {
      throw new RangeError(
        `Cannot ${ACTION} as churnScores has ${scores.length} values for the ${churn.height} rows of churn`,
      );
    }
    churnValues = Array.from(scores, (v) => Number.isNaN(Number(v)) ? null : Number(v));
  } else {
    requireColumns(churn, [churnColumn], ACTION);
    requireNumericColumns(churn, [churnColumn], ACTION);
    churnValues = numbers(churn, churnColumn);
  }
  const badChurn = churnValues.filter((v) => v === null || !(v >= 0 && v <= 1));
  if (badChurn.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${badChurn.length} churn probabilities are missing or outside [0, 1]: e.g. ${
        formatExamples(badChurn)
      }`,
    );
  }
  const offerColumns = [customer, product, reason, budget];
  if (productLabel !== undefined) offerColumns.push(productLabel);
  requireColumns(offers, offerColumns, ACTION);
  requireNumericColumns(offers, [budget], ACTION);

  // The RFM table defines the customers; every other source is matched to it as text.
  const base = indexSource(rfm, "the RFM table", customer, null);
  const known = new Set(base.rows.keys());
  const sources = {
    kmeans: indexSource(kmeans, "kmeans", customer, known),
    churn: indexSource(churn, "churn", customer, known),
    clv: indexSource(clv, "clv", customer, known),
    offers: indexSource(offers, "offers", customer, known),
  };
  const ids = [...base.rows.keys()];
  const tenure = minHistoryDays > 0 ? numbers(rfm, "tenure_days") : null;
  for (const source of [sources.kmeans, sources.clv]) {
    const missing = ids.filter((id) => !source.rows.has(id));
    if (missing.length > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as ${missing.length} customers of the RFM table are missing from ${source.name}: e.g. ${
          formatExamples(missing)
        }`,
      );
    }
  }
  const unscored = ids.filter((id) =>
    !sources.churn.rows.has(id) &&
    !(tenure !== null && (tenure[base.rows.get(id)!] ?? Infinity) < minHistoryDays)
  );
  if (unscored.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${unscored.length} customers with at least ${minHistoryDays} days of history are missing from churn: e.g. ${
        formatExamples(unscored)
      }`,
    );
  }

  const rfmSegments = texts(rfm, rfmSegment);
  const recency = numbers(rfm, "recency_days");
  const frequency = numbers(rfm, "frequency");
  const monetary = numbers(rfm, "monetary");
  const kmeansSegments = texts(kmeans, kmeansSegment);
  const alive = numbers(clv, "probability_alive");
  const value = numbers(clv, "clv");
  const p10 = numbers(clv, "clv_p10");
  const p90 = numbers(clv, "clv_p90");
  const products = texts(offers, product);
  const labels = productLabel === undefined ? null : texts(offers, productLabel);
  const reasons = texts(offers, reason);
  const budgets = numbers(offers, budget);

  const rows = ids.map((id) => {
    const r = base.rows.get(id)!;
    const c = sources.clv.rows.get(id)!;
    const h = sources.churn.rows.get(id);
    const o = sources.offers.rows.get(id);
    const productId = o === undefined ? null : products[o];
    const label = labels && o !== undefined ? labels[o] : null;
    const offerBudget = o === undefined || productId === null ? null : budgets[o];
    const churnProbability = h === undefined ? null : churnValues[h];
    let action: string;
    let gain: number | null = null;
    if (churnProbability === null) action = "onboard";
    else if ((recency[r] ?? Infinity) > maxRecencyDays) action = "none: lapsed";
    else if (churnProbability < minChurnProbability) action = "none: not at risk";
    else if (productId === null) action = "none: nothing to offer";
    else {
      const u = upliftBySegment.get(rfmSegments[r] ?? "") ?? uplift;
      gain = u * (value[c] ?? 0) - (actionCost + (offerBudget ?? 0));
      action = gain > 0 ? "act this week" : "none: gain below cost";
    }
    return {
      customer_id: id,
      rfm_segment: rfmSegments[r],
      kmeans_segment: kmeansSegments[sources.kmeans.rows.get(id)!],
      recency_days: recency[r],
      frequency: frequency[r],
      monetary: monetary[r],
      churn_probability: churnProbability,
      probability_alive: alive[c],
      clv: value[c],
      clv_p10: p10[c],
      clv_p90: p90[c],
      next_product: productId === null ? null : label ? `${label} (${productId})` : productId,
      next_product_reason: productId === null ? null : reasons[o!],
      offer_budget: offerBudget,
      expected_gain: gain,
      action,
      rank: null as number | null,
    };
  });
  const byId = (a: { customer_id: string }, b: { customer_id: string }) =>
    a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0;
  const ranked = rows.filter((row) => row.action === "act this week")
    .sort((a, b) => (b.expected_gain! - a.expected_gain!) || byId(a, b));
  ranked.forEach((row, i) => {
    row.rank = i + 1;
    if (i >= capacity) row.action = "later: over capacity";
  });
  const rest = rows.filter((row) => row.rank === null).sort(byId);
  const ordered = [...ranked, ...rest];
  const column = <K extends keyof typeof rows[number]>(key: K) => ordered.map((row) => row[key]);
  return pl.DataFrame([
    pl.Series("customer_id", column("customer_id"), pl.Utf8),
    pl.Series("rfm_segment", column("rfm_segment"), pl.Utf8),
    pl.Series("kmeans_segment", column("kmeans_segment"), pl.Utf8),
    pl.Series("recency_days", column("recency_days"), pl.Float64),
    pl.Series("frequency", column("frequency"), pl.Float64),
    pl.Series("monetary", column("monetary"), pl.Float64),
    pl.Series("churn_probability", column("churn_probability"), pl.Float64),
    pl.Series("probability_alive", column("probability_alive"), pl.Float64),
    pl.Series("clv", column("clv"), pl.Float64),
    pl.Series("clv_p10", column("clv_p10"), pl.Float64),
    pl.Series("clv_p90", column("clv_p90"), pl.Float64),
    pl.Series("next_product", column("next_product"), pl.Utf8),
    pl.Series("next_product_reason", column("next_product_reason"), pl.Utf8),
    pl.Series("offer_budget", column("offer_budget"), pl.Float64),
    pl.Series("expected_gain", column("expected_gain"), pl.Float64),
    pl.Series("action", column("action"), pl.Utf8),
    // A Series built as Int32 turns nulls into 0: build as Float64, then cast.
    pl.Series("rank", column("rank"), pl.Float64).cast(pl.Int32),
  ]);
}
