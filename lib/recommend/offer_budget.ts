/**
 * Gives each offer a budget (a discount, a voucher, the cost of a call) from the value of the
 * customer it is made to, e.g. their CLV.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFrame,
  requireNumericColumns,
  requirePositive,
} from "../core/errors.ts";

/** Options for {@linkcode offerBudget}. */
export interface OfferBudgetOptions {
  /**
   * One row per customer with their value, e.g. `customerLifetimeValue`'s output. Required.
   * Values must be finite and >= 0 where present; a null or NaN value counts as no value.
   */
  value: DataFrame;
  /** Customer column of both frames, matched as text. Default `"customer_id"`. */
  customer?: string;
  /** Column of `value` holding each customer's value. Default `"clv"`. */
  valueColumn?: string;
  /**
   * Column of `value` holding a prudent (low) value, e.g. `"clv_p10"`. When given, the share is
   * taken of it instead of `valueColumn` (a customer whose low value is missing gets no budget),
   * and the offers gain `customer_value_low`.
   */
  lowValueColumn?: string;
  /**
   * Share of each customer's value (or low value) to spend on their offers, in (0, 1]. Required:
   * what a customer may cost is a business decision and must be said.
   */
  share: number;
  /** Most a customer's offers may cost together, > 0. Default: no cap. */
  maxPerCustomer?: number;
  /**
   * Total campaign budget, > 0. When the capped budgets add up to more, every budget is scaled
   * down by the same factor so that they add up to `total`; when they add up to less they are
   * left as they are (a budget is never raised above the share of value or the cap).
   */
  total?: number;
  /**
   * Numeric column of `offers` (finite, >= 0) splitting a customer's budget between their offers
   * in proportion, e.g. a score or an opportunity. Default: equal shares. A customer whose
   * weights are all 0 gets equal shares.
   */
  weight?: string;
  /** Column of `offers` to total the budget by (offer type, segment): fills `byGroup`. */
  group?: string;
}

/** Counts and totals of {@linkcode offerBudget}. */
export interface OfferBudgetSummary {
  /** Distinct customers with at least one offer (null customer ids left out). */
  readonly customers: number;
  /** Of those, customers found in `value` with a value: they get a budget. */
  readonly customersWithValue: number;
  /** Customers with offers but no value (absent from `value`, or a null or NaN value): no budget. */
  readonly customersWithoutValue: number;
  /** Offer rows. */
  readonly offers: number;
  /** Offer rows without a budget (their customer has no value, or a null customer id). */
  readonly offersWithoutValue: number;
  /** Customers whose budget `maxPerCustomer` cut. */
  readonly cappedCustomers: number;
  /** The factor `total` scaled every budget by: 1 when it did not bind. */
  readonly scale: number;
  /** Sum of all budgets. */
  readonly totalBudget: number;
  /** Sum of `valueColumn` over the customers with a budget (each customer once). */
  readonly valueCovered: number;
  /** totalBudget / valueCovered (null when no value is covered). */
  readonly budgetShareOfValue: number | null;
}

/** What {@linkcode offerBudget} returns. */
export interface OfferBudget {
  /**
   * The offers, rows and columns unchanged, followed by `customer_value`, `customer_value_low`
   * (with `lowValueColumn`) and `budget` (null for offers whose customer has no value).
   */
  readonly offers: DataFrame;
  /**
   * With `group`: per group (descending budget, then group as text), `customers` (distinct
   * customers with offers), `customers_with_value`, `offers`, `customer_value` (sum over the
   * distinct customers with a value: a customer with offers in two groups counts in both),
   * `budget` and `budget_share` (share of the total budget). Null without `group`.
   */
  readonly byGroup: DataFrame | null;
  /** Counts and totals. */
  readonly summary: OfferBudgetSummary;
}

const ACTION = "budget offers";

function numberOrNull(v: unknown): number | null {
  if (v == null) return null;
  const n = Number(v);
  return Number.isNaN(n) ? null : n;
}

/**
 * Gives each offer a budget from its customer's value: how much a discount, a voucher or a call
 * may cost, so that the best customers can get more and nobody gets more than they are worth.
 *
 * Rule. For each customer with offers, with value V (`valueColumn`) and basis B (`lowValueColumn`
 * when given, else V):
 * 1. customer budget = min(`share` x B, `maxPerCustomer`);
 * 2. with `total`, when the customer budgets add up to more than `total`, each is multiplied by
 *    scale = total / sum (proportional, so the ranking of customers is kept); never scaled up;
 * 3. the customer budget is split between the customer's offer rows, in proportion to `weight`
 *    or equally.
 *
 * A customer absent from `value`, or whose value (or basis) is null or NaN, gets a null budget,
 * not 0, and is counted in `customersWithoutValue`: a missing value is not a worthless customer.
 * A value of 0 gives a budget of 0. Customers are matched between the frames as text.
 *
 * Cost: O(n + m) for n offers and m value rows, after moving the columns into JS.
 *
 * @param offers One row per offer with the customer column, e.g. next best products, upsell
 * candidates or `personalizedOffers(...).byCustomer`.
 * @param options The value frame and its columns, the share, the cap, the total, the weight and
 * the group column.
 * @returns `{ offers, byGroup, summary }`: the offers with `customer_value` and `budget`, the
 * budget by group, and counts and totals.
 * @throws {TypeError} When `offers` or `value` is not a DataFrame, a column is missing or not
 * numeric, or `share` is not a number.
 * @throws {RangeError} When `share` is not in (0, 1], `maxPerCustomer` or `total` is not a finite
 * number > 0, a customer appears twice in `value`, a value is negative or infinite, or a weight
 * is null, negative or not finite.
 *
 * @example A share of CLV, capped per customer
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { offerBudget } from "./offer_budget.ts";
 *
 * const offers = pl.DataFrame({ customer_id: ["a", "a", "b", "c"], product_id: ["x", "y", "x", "z"] });
 * const value = pl.DataFrame({ customer_id: ["a", "b"], clv: [1000, 100] });
 * const { offers: budgeted, summary } = offerBudget(offers, { value, share: 0.1, maxPerCustomer: 50 });
 * // a: min(0.1 x 1000, 50) = 50, split over two offers; b: 0.1 x 100 = 10; c has no value.
 * assert.deepEqual(budgeted.getColumn("budget").toArray(), [25, 25, 10, null]);
 * assert.equal(summary.totalBudget, 60);
 * assert.equal(summary.customersWithoutValue, 1);
 * assert.equal(summary.cappedCustomers, 1);
 * ```
 */
export function offerBudget(offers: DataFrame, options: OfferBudgetOptions): OfferBudget {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot ${ACTION} as options are missing: pass { value, share }`);
  }
  const {
    value,
    customer = "customer_id",
    valueColumn = "clv",
    lowValueColumn,
    share,
    maxPerCustomer = Infinity,
    total,
    weight,
    group,
  } = options;
  requireFrame(offers, "the offers", ACTION);
  requireFrame(value, "the value option", ACTION);
  requirePositive(share, "share", ACTION);
  if (share > 1) {
    throw new RangeError(`Cannot ${ACTION} as share must be in (0, 1]: got ${share}`);
  }
  if (maxPerCustomer !== Infinity) requirePositive(maxPerCustomer, "maxPerCustomer", ACTION);
  if (total !== undefined) requirePositive(total, "total", ACTION);
  requireColumns(
    offers,
    [customer, ...(weight ? [weight] : []), ...(group ? [group] : [])],
    ACTION,
  );
  const valueColumns = [valueColumn, ...(lowValueColumn ? [lowValueColumn] : [])];
  requireColumns(value, [customer, ...valueColumns], ACTION);
  requireNumericColumns(value, valueColumns, ACTION);
  if (weight) requireNumericColumns(offers, [weight], ACTION);
  for (const reserved of ["customer_value", "customer_value_low", "budget"]) {
    if (offers.columns.includes(reserved)) {
      throw new RangeError(
        `Cannot ${ACTION} as the offers already have a "${reserved}" column: drop or rename it`,
      );
    }
  }

  // Customer values, checked.
  const ids = value.getColumn(customer).toArray();
  const values = value.getColumn(valueColumn).toArray();
  const lows = lowValueColumn ? value.getColumn(lowValueColumn).toArray() : values;
  const valueOf = new Map<string, { value: number | null; low: number | null }>();
  const duplicates: string[] = [];
  const badValues: unknown[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] == null) continue;
    const id = String(ids[i]);
    if (valueOf.has(id)) {
      if (!duplicates.includes(id)) duplicates.push(id);
      continue;
    }
    const v = numberOrNull(values[i]);
    const low = numberOrNull(lows[i]);
    for (const x of lowValueColumn ? [v, low] : [v]) {
      if (x !== null && (!Number.isFinite(x) || x < 0)) badValues.push(x);
    }
    valueOf.set(id, { value: v, low });
  }
  if (duplicates.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${duplicates.length} customer${
        duplicates.length === 1 ? " appears" : "s appear"
      } more than once in the value frame: e.g. ${formatExamples(duplicates)}`,
    );
  }
  if (badValues.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${badValues.length} value${
        badValues.length === 1 ? " is" : "s are"
      } negative or infinite in "${valueColumns.join('" or "')}": e.g. ${
        formatExamples(badValues)
      }`,
    );
  }

  // Offers per customer, and their weights.
  const offerIds = offers.getColumn(customer).toArray();
  const weights = weight ? offers.getColumn(weight).toArray().map(numberOrNull) : undefined;
  if (weights) {
    const bad = weights.filter((w) => w === null || !Number.isFinite(w) || w < 0);
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as ${bad.length} weight${bad.length === 1 ? " is" : "s are"} null, ` +
          `negative or not finite in "${weight}": e.g. ${formatExamples(bad)}`,
      );
    }
  }
  const rowsOf = new Map<string, number[]>();
  let nullCustomerRows = 0;
  for (let i = 0; i < offerIds.length; i++) {
    if (offerIds[i] == null) {
      nullCustomerRows++;
      continue;
    }
    const id = String(offerIds[i]);
    let rows = rowsOf.get(id);
    if (rows === undefined) rowsOf.set(id, rows = []);
    rows.push(i);
  }

  // Customer budgets: share of the basis, capped, then scaled to the total.
  const customerBudget = new Map<string, number>();
  let capped = 0;
  let sum = 0;
  let valueCovered = 0;
  let withoutValue = 0;
  let offersWithoutValue = nullCustomerRows;
  for (const [id, rows] of rowsOf) {
    const known = valueOf.get(id);
    if (known === undefined || known.value === null || known.low === null) {
      withoutValue++;
      offersWithoutValue += rows.length;
      continue;
    }
    const raw = share * known.low;
    if (raw > maxPerCustomer) capped++;
    const budget = Math.min(raw, maxPerCustomer);
    customerBudget.set(id, budget);
    sum += budget;
    valueCovered += known.value;
  }
  const scale = total !== undefined && sum > total ? total / sum : 1;

  // Split between each customer's offers.
  const budgets = new Array<number | null>(offerIds.length).fill(null);
  const customerValues = new Array<number | null>(offerIds.length).fill(null);
  const customerLows = new Array<number | null>(offerIds.length).fill(null);
  let totalBudget = 0;
  for (const [id, rows] of rowsOf) {
    const known = valueOf.get(id);
    for (const r of rows) {
      customerValues[r] = known?.value ?? null;
      customerLows[r] = known?.low ?? null;
    }
    const budget = customerBudget.get(id);
    if (budget === undefined) continue;
    const scaled = budget * scale;
    totalBudget += scaled;
    const w = rows.map((r) => (weights ? weights[r]! : 1));
    const wSum = w.reduce((s, x) => s + x, 0);
    rows.forEach((r, k) => {
      budgets[r] = wSum > 0 ? scaled * w[k] / wSum : scaled / rows.length;
    });
  }

  const budgeted = offers.withColumns(...[
    pl.Series("customer_value", customerValues, pl.Float64),
    ...(lowValueColumn ? [pl.Series("customer_value_low", customerLows, pl.Float64)] : []),
    pl.Series("budget", budgets, pl.Float64),
  ]);

  const byGroup = group ? budgetByGroup(offers, group, offerIds, budgets, valueOf) : null;

  return Object.freeze({
    offers: budgeted,
    byGroup,
    summary: Object.freeze({
      customers: rowsOf.size,
      customersWithValue: customerBudget.size,
      customersWithoutValue: withoutValue,
      offers: offers.height,
      offersWithoutValue,
      cappedCustomers: capped,
      scale,
      totalBudget,
      valueCovered,
      budgetShareOfValue: valueCovered > 0 ? totalBudget / valueCovered : null,
    }),
  });
}

/** The budget totalled per group, each customer's value counted once per group. */
function budgetByGroup(
  offers: DataFrame,
  group: string,
  offerIds: unknown[],
  budgets: (number | null)[],
  valueOf: Map<string, { value: number | null; low: number | null }>,
): DataFrame {
  const groups = offers.getColumn(group).toArray();
  const tallies = new Map<string, {
    label: unknown;
    customers: Set<string>;
    valued: Set<string>;
    offers: number;
    value: number;
    budget: number;
  }>();
  for (let i = 0; i < groups.length; i++) {
    const key = String(groups[i]);
    let t = tallies.get(key);
    if (t === undefined) {
      tallies.set(
        key,
        t = {
          label: groups[i],
          customers: new Set(),
          valued: new Set(),
          offers: 0,
          value: 0,
          budget: 0,
        },
      );
    }
    t.offers++;
    if (offerIds[i] == null) continue;
    const id = String(offerIds[i]);
    t.customers.add(id);
    if (budgets[i] !== null) {
      t.budget += budgets[i]!;
      if (!t.valued.has(id)) {
        t.valued.add(id);
        t.value += valueOf.get(id)!.value!;
      }
    }
  }
  const rows = [...tallies.entries()].sort(([ka, a], [kb, b]) =>
    b.budget - a.budget || (ka < kb ? -1 : ka > kb ? 1 : 0)
  );
  const grand = rows.reduce((s, [, t]) => s + t.budget, 0);
  return pl.DataFrame([
    pl.Series(group, rows.map(([, t]) => t.label), offers.getColumn(group).dtype),
    pl.Series("customers", rows.map(([, t]) => t.customers.size), pl.Int64),
    pl.Series("customers_with_value", rows.map(([, t]) => t.valued.size), pl.Int64),
    pl.Series("offers", rows.map(([, t]) => t.offers), pl.Int64),
    pl.Series("customer_value", rows.map(([, t]) => t.value), pl.Float64),
    pl.Series("budget", rows.map(([, t]) => t.budget), pl.Float64),
    pl.Series(
      "budget_share",
      rows.map(([, t]) => (grand > 0 ? t.budget / grand : null)),
      pl.Float64,
    ),
  ]);
}
