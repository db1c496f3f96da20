import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { offerBudget } from "./offer_budget.ts";

// Customers a (2 offers), b (1), c (1, absent from value), d (1, null value), e (value 0).
const offers = pl.DataFrame({
  customer_id: ["a", "b", "a", "c", "d", "e"],
  product_id: ["x", "y", "z", "x", "y", "z"],
  kind: ["rule", "rule", "upsell", "upsell", "rule", "upsell"],
  score: [3, 1, 1, 2, 1, 1],
});
const value = pl.DataFrame({
  customer_id: ["a", "b", "d", "e", "f"],
  clv: [1000, 200, null, 0, 5000],
  clv_p10: [400, 50, 30, 0, 2000],
});

Deno.test("offerBudget() gives a share of value, split equally, and no budget without value", () => {
  const { offers: out, summary } = offerBudget(offers, { value, share: 0.1 });
  assert.deepEqual(out.columns, [...offers.columns, "customer_value", "budget"]);
  // Rows kept in order; a: 0.1 x 1000 = 100 over 2 offers; b: 20; c, d: null; e: 0.
  assert.deepEqual(out.getColumn("customer_value").toArray(), [1000, 200, 1000, null, null, 0]);
  assert.deepEqual(out.getColumn("budget").toArray(), [50, 20, 50, null, null, 0]);
  assert.deepEqual(out.getColumn("product_id").toArray(), offers.getColumn("product_id").toArray());
  assert.deepEqual({ ...summary }, {
    customers: 5,
    customersWithValue: 3,
    customersWithoutValue: 2,
    offers: 6,
    offersWithoutValue: 2,
    cappedCustomers: 0,
    scale: 1,
    totalBudget: 120,
    valueCovered: 1200, // f has value but no offer: not covered
    budgetShareOfValue: 0.1,
  });
  // The input is not modified.
  assert.deepEqual(offers.columns, ["customer_id", "product_id", "kind", "score"]);
});

Deno.test("offerBudget() caps each customer, then scales down to the total, never up", () => {
  // Capped: a min(0.5 x 1000, 300) = 300, b 100, e 0: sum 400.
  const capped = offerBudget(offers, { value, share: 0.5, maxPerCustomer: 300 });
  assert.deepEqual(capped.offers.getColumn("budget").toArray(), [150, 100, 150, null, null, 0]);
  assert.equal(capped.summary.cappedCustomers, 1);
  assert.equal(capped.summary.totalBudget, 400);
  // total 200 < 400: every budget x 0.5, so a 150 (75 per offer), b 50.
  const scaled = offerBudget(offers, { value, share: 0.5, maxPerCustomer: 300, total: 200 });
  assert.deepEqual(scaled.offers.getColumn("budget").toArray(), [75, 50, 75, null, null, 0]);
  assert.equal(scaled.summary.scale, 0.5);
  assertClose(scaled.summary.totalBudget, 200, 1e-12);
  // total 1000 > 400: left as is.
  const loose = offerBudget(offers, { value, share: 0.5, maxPerCustomer: 300, total: 1000 });
  assert.equal(loose.summary.scale, 1);
  assert.equal(loose.summary.totalBudget, 400);
});

Deno.test("offerBudget() takes the share of the low value when asked, and splits by weight", () => {
  const { offers: out, summary } = offerBudget(offers, {
    value,
    lowValueColumn: "clv_p10",
    share: 0.1,
    weight: "score",
  });
  assert.deepEqual(out.columns.slice(-3), ["customer_value", "customer_value_low", "budget"]);
  // a: 0.1 x 400 = 40, weights 3 and 1 -> 30 and 10; b: 5; d: p10 30 but value null -> none.
  assert.deepEqual(out.getColumn("budget").toArray(), [30, 5, 10, null, null, 0]);
  assert.equal(summary.customersWithoutValue, 2);
  assert.equal(summary.totalBudget, 45);
  assert.equal(summary.valueCovered, 1200);
  assertClose(summary.budgetShareOfValue!, 45 / 1200, 1e-12);
});

Deno.test("offerBudget() totals the budget by group, each customer's value once per group", () => {
  const { byGroup } = offerBudget(offers, { value, share: 0.1, group: "kind" });
  // rule: a (50), b (20), d (none) -> 70, value 1200; upsell: a (50), c (none), e (0) -> 50, value 1000.
  assert.deepEqual(byGroup!.toRecords().map((r) => ({ ...r })), [
    {
      kind: "rule",
      customers: 3,
      customers_with_value: 2,
      offers: 3,
      customer_value: 1200,
      budget: 70,
      budget_share: 70 / 120,
    },
    {
      kind: "upsell",
      customers: 3,
      customers_with_value: 2,
      offers: 3,
      customer_value: 1000,
      budget: 50,
      budget_share: 50 / 120,
    },
  ]);
  assert.equal(offerBudget(offers, { value, share: 0.1 }).byGroup, null);
});

Deno.test("offerBudget() matches ids as text and counts rows without a customer", () => {
  const numeric = pl.DataFrame({ customer_id: [12347, null, 12347] });
  const values = pl.DataFrame({ customer_id: ["12347"], clv: [90] });
  const { offers: out, summary } = offerBudget(numeric, { value: values, share: 1 / 3 });
  // 90 / 3 = 30 for customer 12347, split over its two rows; the null-id row gets none.
  const budget = out.getColumn("budget").toArray();
  assertClose([budget[0] as number, budget[2] as number], [15, 15], 1e-12);
  assert.equal(budget[1], null);
  assert.equal(summary.customers, 1);
  assert.equal(summary.offersWithoutValue, 1);
});

Deno.test("offerBudget() refuses bad input with the house message", () => {
  assert.throws(() => offerBudget(offers, { value, share: 0 }), RangeError);
  assert.throws(
    () => offerBudget(offers, { value, share: 1.5 }),
    (e: unknown) => e instanceof RangeError && /share must be in \(0, 1\]: got 1.5/.test(e.message),
  );
  assert.throws(() => offerBudget(offers, { value, share: Number.NaN }), RangeError);
  assert.throws(() => offerBudget(offers, { value, share: 0.1, maxPerCustomer: -1 }), RangeError);
  assert.throws(() => offerBudget(offers, { value, share: 0.1, total: 0 }), RangeError);
  assert.throws(
    () => offerBudget(offers, { value, share: 0.1, valueColumn: "ltv" }),
    (e: unknown) => e instanceof TypeError && /"ltv" is missing/.test(e.message),
  );
  assert.throws(
    () => offerBudget(offers, { value: "clv" as never, share: 0.1 }),
    (e: unknown) => e instanceof TypeError && /value option is not a DataFrame/.test(e.message),
  );
  assert.throws(
    () => offerBudget(offers, { value, share: 0.1, weight: "kind" }),
    (e: unknown) => e instanceof TypeError && /"kind" is not numeric/.test(e.message),
  );
  assert.throws(
    () =>
      offerBudget(offers, {
        value: pl.DataFrame({ customer_id: ["a", "a", "b"], clv: [1, 2, 3] }),
        share: 0.1,
      }),
    (e: unknown) =>
      e instanceof RangeError &&
      /1 customer appears more than once in the value frame: e.g. "a"/.test(e.message),
  );
  assert.throws(
    () =>
      offerBudget(offers, {
        value: pl.DataFrame({ customer_id: ["a", "b", "c"], clv: [-5, Infinity, 3] }),
        share: 0.1,
      }),
    (e: unknown) =>
      e instanceof RangeError &&
      /2 values are negative or infinite in "clv": e.g. -5, Infinity/.test(e.message),
  );
  assert.throws(
    () =>
      offerBudget(offers.withColumns(pl.lit(-1).alias("score")), {
        value,
        share: 0.1,
        weight: "score",
      }),
    (e: unknown) => e instanceof RangeError && /6 weights are null, negative/.test(e.message),
  );
  assert.throws(
    () => offerBudget(offers.withColumns(pl.lit(1).alias("budget")), { value, share: 0.1 }),
    (e: unknown) => e instanceof RangeError && /already have a "budget" column/.test(e.message),
  );
  assert.throws(() => offerBudget(offers, undefined as never), TypeError);
});

Deno.test("offerBudget() splits equally when a customer's weights are all 0, and needs the low value", () => {
  const weighted = pl.DataFrame({ customer_id: ["a", "a", "b"], w: [0, 0, 2] });
  const values = pl.DataFrame({ customer_id: ["a", "b"], clv: [100, 80], clv_p10: [60, null] });
  const { offers: out, summary } = offerBudget(weighted, {
    value: values,
    lowValueColumn: "clv_p10",
    share: 0.5,
    weight: "w",
  });
  // a: 0.5 x 60 = 30, weights 0 and 0 -> 15 each; b: p10 missing -> no budget, though its clv is 80.
  assert.deepEqual(out.getColumn("budget").toArray(), [15, 15, null]);
  assert.deepEqual(out.getColumn("customer_value").toArray(), [100, 100, 80]);
  assert.equal(summary.customersWithoutValue, 1);
  assert.equal(summary.valueCovered, 100);
});
