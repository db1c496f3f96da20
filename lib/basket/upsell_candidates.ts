/**
 * Customers who are candidates for higher-value purchases, with the evidence and a ranked list.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { listText, textOrder } from "./_text.ts";

/** The evidence behind an upsell candidate; see {@linkcode upsellCandidates}. */
export type UpsellSignal = "family_trade_up" | "below_segment_aov";

/** Options for {@linkcode upsellCandidates}. */
export interface UpsellCandidatesOptions {
  /** Customer column; the output keeps its name and dtype. Default `"customer_id"`. */
  customer?: string;
  /** Invoice (order) column, for `below_segment_aov`. Default `"invoice_id"`. */
  invoice?: string;
  /** Product column, for `family_trade_up`. Default `"product_id"`. */
  item?: string;
  /** Units column (numeric). Default `"quantity"`. */
  quantity?: string;
  /** Unit price column (numeric). Default `"unit_price"`. */
  price?: string;
  /** Which signals to compute. Default both: `["family_trade_up", "below_segment_aov"]`. */
  signals?: readonly UpsellSignal[];
  /**
   * Regular expression (Rust `regex` syntax, as Polars' `str.extract`) whose first capture group
   * is a product's family. Default `"^(\\d{5})[A-Za-z]*$"`: the 5-digit stem of Online Retail stock
   * codes, so `85123A` and `85123B` share family `85123`; codes that do not match (`POST`, `M`,
   * gift vouchers) belong to no family.
   */
  familyPattern?: string;
  /**
   * How much dearer the suggested variant must be than the dearest variant the customer bought:
   * its median price must exceed this many times that price. At least 1. Default 1 (any dearer
   * variant); e.g. 1.2 ignores price gaps under 20%.
   */
  minPriceRatio?: number;
  /**
   * Customer → segment table for `below_segment_aov` (e.g. RFM or k-means segments), one row per
   * customer, with the customer column (same name and dtype as in `tx`) and a `segment` column.
   * Customers missing from it, or with a missing segment, get no `below_segment_aov` rows.
   * Default: every customer in one segment, `"all"`.
   */
  segments?: DataFrame;
  /** Segment label column of `segments`. Default `"segment"`. */
  segment?: string;
  /**
   * A customer's average order value must be below this quantile of their segment's average order
   * values (linear interpolation, as numpy's default), strictly between 0 and 1. Default 0.25.
   */
  aovQuantile?: number;
}

const SIGNALS: readonly UpsellSignal[] = ["family_trade_up", "below_segment_aov"];
const OUTPUT_COLUMNS = ["signal", "evidence", "opportunity", "rank"];
const DEFAULT_FAMILY_PATTERN = "^(\\d{5})[A-Za-z]*$";

const money = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: false,
});
const unitPrice = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 3,
  useGrouping: false,
});
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, useGrouping: false });

/** One output row before ranking. */
interface Candidate {
  readonly customer: number; // code into the sorted customer table
  readonly signal: UpsellSignal;
  readonly evidence: string;
  readonly opportunity: number;
}

/**
 * Upsell candidates: customers who could plausibly spend more per purchase, each with the
 * evidence and an opportunity score (potential extra revenue, in the currency of `price`), ranked.
 *
 * Two signals, each giving at most one row per customer and family (a) or per customer (b):
 *
 * - **`family_trade_up`** — *trades up within a product family.* Products are grouped into
 *   families by `familyPattern` (by default the 5-digit stem of the stock code; variants differ by
 *   a letter suffix). Each variant's price is the median unit price of its lines. Within a family
 *   whose variants have at least two different median prices, a customer whose dearest bought
 *   variant is cheaper than some other variant (by more than `minPriceRatio`) is a candidate for
 *   the *next step up*: the cheapest variant dearer than that (ties: the smallest code).
 *   Opportunity = Σ over the variants they bought of (suggested price − variant price) × units
 *   bought, i.e. the extra revenue had those units been the suggested variant. Evidence: family,
 *   bought variants with price and units, suggested variant with price, and the price ratio to
 *   the dearest bought variant. The stem is a heuristic: check the descriptions before acting
 *   (some stems group different products).
 * - **`below_segment_aov`** — *order value trails the segment* (loyal, but small baskets). Per
 *   customer: orders = distinct invoices, average order value (AOV) = revenue / orders. A customer
 *   is a candidate when their AOV is **below** the `aovQuantile` quantile of their segment's AOVs
 *   while their number of orders is **at least** the segment median. Opportunity = (segment
 *   median AOV − own AOV) × orders: the extra revenue had each order been a typical one. Evidence:
 *   own AOV and orders, segment name, median AOV, the gap per order, the quantile and median
 *   orders.
 *
 * Only lines with a customer, quantity > 0 and unit price > 0 count (returns, cancellations and
 * adjustments are ignored; clean the data with `cleanTransactions` first for the house rules).
 * Rows are ranked by opportunity (descending), ties by customer, signal and evidence (ascending),
 * so the order is the same on every run. A customer can appear in several rows.
 *
 * Cost: Polars group-bys over the n lines (variant medians, customer × variant units, customer
 * orders and revenue, segment quantiles), then O(m log m) JS work over the m customer × variant
 * pairs and candidates. About 0.5 s on cleaned Online Retail (391k lines, 4,334 customers).
 *
 * @param tx Canonical transactions (one row per invoice line); not modified.
 * @param options Column names, signals and their parameters.
 * @returns A new frame: the customer column, `signal` (Utf8), `evidence` (Utf8), `opportunity`
 * (Float64, > 0) and `rank` (Int64, 1-based), sorted by rank. Empty when nobody qualifies.
 * @throws {TypeError} When a column needed by a requested signal is missing (from `tx` or
 * `segments`), `quantity` or `price` is not numeric, or the customer columns of `tx` and
 * `segments` have different dtypes.
 * @throws {RangeError} When `tx` is empty, `signals` is empty or names an unknown signal,
 * `minPriceRatio` < 1, `aovQuantile` is not strictly between 0 and 1, a customer appears more
 * than once in `segments`, or the customer column is named like an output column.
 *
 * @example A customer who always buys the cheaper variant
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { upsellCandidates } from "./upsell_candidates.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "a", "b"],
 *   invoice_id: ["1", "2", "3"],
 *   product_id: ["20725A", "20725A", "20725B"],
 *   quantity: [10, 2, 5],
 *   unit_price: [1.5, 1.5, 2.0],
 * });
 * const upsell = upsellCandidates(tx, { signals: ["family_trade_up"] });
 * assert.deepEqual(upsell.toRecords(), [{
 *   customer_id: "a",
 *   signal: "family_trade_up",
 *   evidence: "family 20725: bought 20725A at 1.50 (12 units); " +
 *     "suggest 20725B at 2.00 (1.33x the price)",
 *   opportunity: 6, // (2.00 - 1.50) * 12 units
 *   rank: 1,
 * }]);
 * ```
 */
export function upsellCandidates(tx: DataFrame, options: UpsellCandidatesOptions = {}): DataFrame {
  const action = "find upsell candidates";
  const {
    customer = "customer_id",
    invoice = "invoice_id",
    item = "product_id",
    quantity = "quantity",
    price = "unit_price",
    signals = SIGNALS,
    familyPattern = DEFAULT_FAMILY_PATTERN,
    minPriceRatio = 1,
    segments,
    segment = "segment",
    aovQuantile = 0.25,
  } = options ?? {};
  for (
    const [name, value] of [
      ["customer", customer],
      ["invoice", invoice],
      ["item", item],
      ["quantity", quantity],
      ["price", price],
      ["familyPattern", familyPattern],
      ["segment", segment],
    ] as const
  ) {
    if (typeof value !== "string") {
      throw new TypeError(`Cannot ${action} as the ${name} option is not a string: got ${value}`);
    }
  }
  if (!Array.isArray(signals) || signals.length === 0) {
    throw new RangeError(
      `Cannot ${action} as signals must list at least one of ${SIGNALS.join(", ")}: got ${
        Array.isArray(signals) ? "[]" : signals
      }`,
    );
  }
  const unknown = signals.filter((s) => !SIGNALS.includes(s));
  if (unknown.length > 0) {
    throw new RangeError(
      `Cannot ${action} as signals must be among ${SIGNALS.join(", ")}: got ${
        formatExamples(unknown)
      }`,
    );
  }
  if (typeof minPriceRatio !== "number" || !(minPriceRatio >= 1) || !isFinite(minPriceRatio)) {
    throw new RangeError(
      `Cannot ${action} as minPriceRatio must be a finite number >= 1: got ${minPriceRatio}`,
    );
  }
  if (typeof aovQuantile !== "number" || !(aovQuantile > 0 && aovQuantile < 1)) {
    throw new RangeError(
      `Cannot ${action} as aovQuantile must be strictly between 0 and 1: got ${aovQuantile}`,
    );
  }
  if (OUTPUT_COLUMNS.includes(customer)) {
    throw new RangeError(
      `Cannot ${action} as the customer column is named like an output column: "${customer}" is one of ${
        OUTPUT_COLUMNS.join(", ")
      }`,
    );
  }
  const wantFamily = signals.includes("family_trade_up");
  const wantAov = signals.includes("below_segment_aov");
  requireColumns(
    tx,
    [customer, ...(wantFamily ? [item] : []), ...(wantAov ? [invoice] : []), quantity, price],
    action,
  );
  requireRows(tx, action);
  requireNumericColumns(tx, [quantity, price], action);
  if (wantAov && segments !== undefined) checkSegments(tx, segments, customer, segment, action);

  const lines = tx
    .filter(
      pl.col(customer).isNotNull()
        .and(pl.col(quantity).gt(pl.lit(0)))
        .and(pl.col(price).gt(pl.lit(0))),
    )
    .select(
      pl.col(customer),
      ...(wantFamily ? [pl.col(item).cast(pl.Utf8).alias("__item")] : []),
      ...(wantAov ? [pl.col(invoice).alias("__invoice")] : []),
      pl.col(quantity).cast(pl.Float64).alias("__qty"),
      pl.col(price).cast(pl.Float64).alias("__price"),
    );
  // Customers are coded by their sorted position, so every later sort is on integers.
  const customerTable = lines.select(customer).unique().sort(customer).withRowIndex("__c");
  const coded = lines.join(customerTable, { on: customer });

  const candidates: Candidate[] = [];
  if (wantFamily) candidates.push(...familyTradeUp(coded, familyPattern, minPriceRatio));
  if (wantAov) {
    const segmentTable = segments === undefined
      ? customerTable.select(pl.col("__c"), pl.lit("all").alias("__segment"))
      : customerTable.join(
        segments.select(pl.col(customer), pl.col(segment).cast(pl.Utf8).alias("__segment")),
        { on: customer },
      ).filter(pl.col("__segment").isNotNull()).select("__c", "__segment");
    candidates.push(...belowSegmentAov(coded, segmentTable, aovQuantile));
  }

  candidates.sort((a, b) =>
    b.opportunity - a.opportunity || a.customer - b.customer ||
    textOrder(a.signal, b.signal) || textOrder(a.evidence, b.evidence)
  );
  return pl.DataFrame([
    customerTable.getColumn(customer).gather(candidates.map((c) => c.customer)),
    pl.Series("signal", candidates.map((c) => c.signal), pl.Utf8),
    pl.Series("evidence", candidates.map((c) => c.evidence), pl.Utf8),
    pl.Series("opportunity", candidates.map((c) => c.opportunity), pl.Float64),
    pl.Series("rank", candidates.map((_, i) => i + 1), pl.Int64),
  ]);
}

function checkSegments(
  tx: DataFrame,
  segments: DataFrame,
  customer: string,
  segment: string,
  action: string,
): void {
  if (typeof segments?.getColumn !== "function") {
    throw new TypeError(`Cannot ${action} as segments is not a DataFrame: got ${typeof segments}`);
  }
  requireColumns(segments, [customer, segment], action);
  const ours = tx.getColumn(customer).dtype.variant;
  const theirs = segments.getColumn(customer).dtype.variant;
  if (ours !== theirs) {
    throw new TypeError(
      `Cannot ${action} as the customer column "${customer}" has dtype ${theirs} in segments but ${ours} in the transactions`,
    );
  }
  const repeated = segments
    .filter(pl.col(customer).isNotNull())
    .groupBy(customer)
    .agg(pl.len().alias("__n"))
    .filter(pl.col("__n").gt(pl.lit(1)))
    .sort(customer);
  if (repeated.height > 0) {
    throw new RangeError(
      `Cannot ${action} as ${repeated.height} customer${
        repeated.height > 1 ? "s appear" : " appears"
      } more than once in segments: ${
        formatExamples(repeated.getColumn(customer).head(5).toArray(), repeated.height)
      }`,
    );
  }
}

/** Signal (a): customers who bought only cheaper variants of a product family. */
function familyTradeUp(coded: DataFrame, pattern: string, minPriceRatio: number): Candidate[] {
  const withFamily = coded
    .filter(pl.col("__item").isNotNull())
    .withColumns(pl.col("__item").str.extract(pattern, 1).alias("__family"))
    .filter(pl.col("__family").isNotNull());
  const variants = withFamily
    .groupBy("__item")
    .agg(pl.col("__family").first(), pl.col("__price").median().alias("__median"))
    .sort("__item")
    .withRowIndex("__v");
  const names = variants.getColumn("__item").toArray() as string[];
  const families = variants.getColumn("__family").toArray() as string[];
  const medians = variants.getColumn("__median").toArray() as number[];
  // Each family's variants from cheapest to dearest (ties by code).
  const ladder = new Map<string, number[]>();
  names.forEach((_, v) => {
    const list = ladder.get(families[v]);
    if (list === undefined) ladder.set(families[v], [v]);
    else list.push(v);
  });
  for (const list of ladder.values()) list.sort((a, b) => medians[a] - medians[b] || a - b);

  const bought = withFamily
    .groupBy(["__c", "__item"])
    .agg(pl.col("__qty").sum().alias("__units"))
    .join(variants.select("__item", "__v", "__family"), { on: "__item" })
    .sort(["__c", "__family", "__v"]);
  const customers = bought.getColumn("__c").toArray() as number[];
  const variantOf = bought.getColumn("__v").toArray() as number[];
  const units = bought.getColumn("__units").toArray() as number[];

  const out: Candidate[] = [];
  let start = 0;
  while (start < customers.length) {
    const family = families[variantOf[start]];
    let end = start + 1;
    while (
      end < customers.length && customers[end] === customers[start] &&
      families[variantOf[end]] === family
    ) end++;
    let top = -Infinity;
    for (let r = start; r < end; r++) top = Math.max(top, medians[variantOf[r]]);
    const step = ladder.get(family)!.find((v) => medians[v] > top * minPriceRatio);
    if (step !== undefined) {
      let opportunity = 0;
      const parts: string[] = [];
      for (let r = start; r < end; r++) {
        const v = variantOf[r];
        opportunity += (medians[step] - medians[v]) * units[r];
        parts.push(
          `${names[v]} at ${unitPrice.format(medians[v])} (${count.format(units[r])} units)`,
        );
      }
      out.push({
        customer: customers[start],
        signal: "family_trade_up",
        evidence: `family ${family}: bought ${listText(parts)}; suggest ${names[step]} at ${
          unitPrice.format(medians[step])
        } (${money.format(medians[step] / top)}x the price)`,
        opportunity,
      });
    }
    start = end;
  }
  return out;
}

/** Signal (b): loyal customers whose average order value trails their segment. */
function belowSegmentAov(
  coded: DataFrame,
  segmentTable: DataFrame,
  aovQuantile: number,
): Candidate[] {
  const perCustomer = coded
    .filter(pl.col("__invoice").isNotNull())
    .groupBy("__c")
    .agg(
      pl.col("__invoice").nUnique().cast(pl.Float64).alias("__orders"),
      pl.col("__qty").mul(pl.col("__price")).sum().alias("__revenue"),
    )
    .withColumns(pl.col("__revenue").div(pl.col("__orders")).alias("__aov"))
    .join(segmentTable, { on: "__c" });
  const stats = perCustomer
    .groupBy("__segment")
    .agg(
      pl.col("__aov").quantile(aovQuantile, "linear").alias("__aov_q"),
      pl.col("__aov").median().alias("__aov_median"),
      pl.col("__orders").median().alias("__orders_median"),
    );
  const flagged = perCustomer
    .join(stats, { on: "__segment" })
    .filter(
      pl.col("__aov").lt(pl.col("__aov_q"))
        .and(pl.col("__orders").gtEq(pl.col("__orders_median"))),
    )
    .sort("__c");
  const rows = flagged.toRecords() as Record<string, number | string>[];
  const percentile = ordinal(aovQuantile * 100);
  return rows.map((row) => {
    const aov = row.__aov as number;
    const median = row.__aov_median as number;
    const orders = row.__orders as number;
    return {
      customer: row.__c as number,
      signal: "below_segment_aov" as const,
      evidence: `average order ${money.format(aov)} over ${count.format(orders)} orders; ` +
        `segment "${row.__segment}" median ${money.format(median)} (gap ${
          money.format(median - aov)
        } per order; ${percentile} percentile ${
          money.format(row.__aov_q as number)
        }; median orders ${count.format(row.__orders_median as number)})`,
      opportunity: (median - aov) * orders,
    };
  });
}

/** 25 -> "25th", 1 -> "1st", 12.5 -> "12.5th". */
function ordinal(value: number): string {
  const text = count.format(value);
  if (!Number.isInteger(value)) return `${text}th`;
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][value % 10] ?? "th";
  return `${text}${suffix}`;
}
