import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  CUSTOMER_VIEW_ACTIONS,
  CUSTOMER_VIEW_COLUMNS,
  customerView,
  type CustomerViewOptions,
} from "./customer_view.ts";
import { customerViewSummary } from "./customer_view_summary.ts";

// Six customers, one per path through the rules (worked out by hand below):
//   a: clv 2000, budget 30 -> 0.05 x 2000 - (5 + 30) = 65      act, rank 1
//   b: clv 1000, budget 20 -> 0.05 x 1000 - (5 + 20) = 25      act, rank 2
//   c: clv 300,  budget 15 -> 0.05 x 300  - (5 + 15) = -5      gain below cost
//   d: recency 300 > 180                                        lapsed (gain null)
//   e: no offer row                                             nothing to offer
//   f: tenure 10 < 30, not scored                               onboard
const rfm = pl.DataFrame({
  customer_id: ["f", "e", "d", "c", "b", "a"],
  recency_days: [5, 20, 300, 40, 30, 10],
  frequency: [1, 3, 2, 2, 4, 8],
  monetary: [50, 400, 200, 150, 700, 3000],
  tenure_days: [10, 200, 350, 300, 250, 365],
  segment: ["New", "Loyal", "Lost", "At risk", "Loyal", "Champions"],
});
const kmeans = pl.DataFrame({
  customer_id: ["a", "b", "c", "d", "e", "f"],
  segment: ["Best", "Steady", "Steady", "Lapsed", "Steady", "New"],
});
const churn = pl.DataFrame({
  customer_id: ["a", "b", "c", "d", "e"],
  churn_probability: [0.1, 0.3, 0.5, 0.9, 0.2],
});
const clv = pl.DataFrame({
  customer_id: ["a", "b", "c", "d", "e", "f"],
  probability_alive: [1, 0.99, 0.98, 0.9, 0.99, 1],
  clv: [2000, 1000, 300, 150, 500, 100],
  clv_p10: [1800, 900, 250, 100, 450, 60],
  clv_p90: [2200, 1100, 350, 200, 550, 140],
});
const offers = pl.DataFrame({
  customer_id: ["a", "b", "c", "d", "f"],
  product_id: ["p1", "p2", "p3", "p4", "p5"],
  description: ["MUG", "TEA", "CUP", "POT", "JAR"],
  reason: ["because you bought TEA", "popular", "popular", "popular", "popular"],
  budget: [30, 20, 15, 10, 5],
});
const OPTIONS: CustomerViewOptions = {
  kmeans,
  churn,
  clv,
  offers,
  uplift: 0.05,
  actionCost: 5,
  maxRecencyDays: 180,
  minHistoryDays: 30,
};

function column(df: DataFrame, name: string): unknown[] {
  return df.getColumn(name).toArray() as unknown[];
}

Deno.test("customerView: one row per customer, the documented columns, the rules by hand", () => {
  const view = customerView(rfm, OPTIONS);
  assert.deepEqual(view.columns, [...CUSTOMER_VIEW_COLUMNS]);
  assert.equal(view.height, 6);
  assert.deepEqual(column(view, "customer_id"), ["a", "b", "c", "d", "e", "f"]);
  assert.deepEqual(column(view, "expected_gain"), [65, 25, -5, null, null, null]);
  assert.deepEqual(column(view, "action"), [
    "act this week",
    "act this week",
    "none: gain below cost",
    "none: lapsed",
    "none: nothing to offer",
    "onboard",
  ]);
  assert.deepEqual(column(view, "rank"), [1, 2, null, null, null, null]);
  assert.deepEqual(column(view, "rfm_segment"), [
    "Champions",
    "Loyal",
    "At risk",
    "Lost",
    "Loyal",
    "New",
  ]);
  assert.deepEqual(column(view, "kmeans_segment"), [
    "Best",
    "Steady",
    "Steady",
    "Lapsed",
    "Steady",
    "New",
  ]);
  assert.deepEqual(column(view, "churn_probability"), [0.1, 0.3, 0.5, 0.9, 0.2, null]);
  assert.deepEqual(column(view, "clv_p10"), [1800, 900, 250, 100, 450, 60]);
  assert.deepEqual(column(view, "next_product"), ["p1", "p2", "p3", "p4", null, "p5"]);
  assert.deepEqual(column(view, "offer_budget"), [30, 20, 15, 10, null, 5]);
  assert.ok(column(view, "action").every((a) => CUSTOMER_VIEW_ACTIONS.includes(a as never)));
  // The churn probability is not in the gain: changing it changes no gain.
  const riskier = customerView(rfm, {
    ...OPTIONS,
    churn: churn.withColumns(pl.lit(0.99).alias("churn_probability")),
  });
  assert.deepEqual(column(riskier, "expected_gain"), column(view, "expected_gain"));
});

Deno.test("customerView: rank follows the expected gain, capacity defers the rest", () => {
  const view = customerView(rfm, { ...OPTIONS, uplift: 0.2, capacity: 2 });
  // a: 400 - 35 = 365, b: 200 - 25 = 175, c: 60 - 20 = 40.
  assert.deepEqual(column(view, "customer_id").slice(0, 3), ["a", "b", "c"]);
  assert.deepEqual(column(view, "expected_gain").slice(0, 3), [365, 175, 40]);
  assert.deepEqual(column(view, "rank").slice(0, 3), [1, 2, 3]);
  assert.deepEqual(column(view, "action").slice(0, 3), [
    "act this week",
    "act this week",
    "later: over capacity",
  ]);
  // A segment's own uplift: Champions (a) at 0 fall below cost, b keeps the common uplift.
  const bySegment = customerView(rfm, { ...OPTIONS, upliftBySegment: { Champions: 0 } });
  assert.deepEqual(column(bySegment, "customer_id").slice(0, 1), ["b"]);
  assert.deepEqual(
    column(bySegment, "expected_gain").slice(0, 3),
    [25, -35, -5], // b ranked; then by id: a (0 x 2000 - 35) and c
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, upliftBySegment: { Champions: 2 } }),
    { name: "RangeError", message: /upliftBySegment\["Champions"\] must be in \[0, 1\]/ },
  );
  // With no uplift nobody is worth acting on.
  const none = customerView(rfm, { ...OPTIONS, uplift: 0 });
  assert.equal(column(none, "action").filter((a) => a === "act this week").length, 0);
  assert.ok(column(none, "rank").every((r) => r === null));
});

Deno.test("customerView: product labels, churn scores and input left unchanged", () => {
  const before = rfm.toRecords();
  const view = customerView(rfm, {
    ...OPTIONS,
    churn: churn.select("customer_id"),
    churnScores: [0.1, 0.3, 0.5, 0.9, 0.2],
    productLabel: "description",
  });
  assert.equal(column(view, "next_product")[0], "MUG (p1)");
  assert.deepEqual(column(view, "churn_probability"), [0.1, 0.3, 0.5, 0.9, 0.2, null]);
  assert.deepEqual(rfm.toRecords(), before);
});

Deno.test("customerView: keys missing in a source are refused, naming them", () => {
  assert.throws(
    () =>
      customerView(rfm, {
        ...OPTIONS,
        kmeans: kmeans.filter(pl.col("customer_id").neq(pl.lit("b"))),
      }),
    {
      name: "RangeError",
      message: /1 customers of the RFM table are missing from kmeans: e\.g\. "b"/,
    },
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, clv: clv.head(4) }),
    { name: "RangeError", message: /2 customers .* missing from clv: e\.g\. "f", "e"/ },
  );
  // f is new enough to be absent from churn only with minHistoryDays.
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, minHistoryDays: 0 }),
    {
      name: "RangeError",
      message: /1 customers with at least 0 days of history are missing from churn: e\.g\. "f"/,
    },
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, churn: churn.head(4) }),
    { name: "RangeError", message: /missing from churn: e\.g\. "e"/ },
  );
  // A source holding a customer the RFM table lacks.
  assert.throws(
    () => customerView(rfm.filter(pl.col("customer_id").neq(pl.lit("a"))), OPTIONS),
    { name: "RangeError", message: /customers of kmeans are not in the RFM table: e\.g\. "a"/ },
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, offers: offers.drop("budget") }),
    { name: "TypeError", message: /column "budget" is missing/ },
  );
});

Deno.test("customerView: duplicate keys and bad values are refused", () => {
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, offers: pl.concat([offers, offers.head(2)]) }),
    { name: "RangeError", message: /2 customers appear more than once in offers: e\.g\. "a", "b"/ },
  );
  assert.throws(
    () => customerView(pl.concat([rfm, rfm.tail(1)]), OPTIONS),
    {
      name: "RangeError",
      message: /1 customers appear more than once in the RFM table: e\.g\. "a"/,
    },
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, churn: churn.select("customer_id"), churnScores: [0.1] }),
    { name: "RangeError", message: /churnScores has 1 values for the 5 rows of churn/ },
  );
  assert.throws(
    () =>
      customerView(rfm, {
        ...OPTIONS,
        churn: churn.select("customer_id"),
        churnScores: [0.1, 0.2, 1.5, NaN, 0],
      }),
    { name: "RangeError", message: /2 churn probabilities are missing or outside \[0, 1\]/ },
  );
  assert.throws(() => customerView(rfm, { ...OPTIONS, uplift: 1.5 }), RangeError);
  assert.throws(() => customerView(rfm, { ...OPTIONS, actionCost: -1 }), RangeError);
  assert.throws(() => customerView(rfm, { ...OPTIONS, maxRecencyDays: 0 }), RangeError);
  assert.throws(() => customerView(rfm, { ...OPTIONS, capacity: 2.5 }), RangeError);
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, uplift: undefined as unknown as number }),
    TypeError,
  );
  assert.throws(() => customerView([] as unknown as DataFrame, OPTIONS), TypeError);
});

Deno.test("customerViewSummary totals the view per action", () => {
  const summary = customerViewSummary(customerView(rfm, OPTIONS));
  assert.deepEqual(summary.getColumn("action").toArray(), [
    "onboard",
    "none: lapsed",
    "none: nothing to offer",
    "none: gain below cost",
    "act this week",
  ]);
  assert.deepEqual(summary.getColumn("customers").toArray(), [1, 1, 1, 1, 2]);
  // act this week: a and b, gains 65 + 25, budgets 30 + 20, CLV 2000 + 1000.
  assert.deepEqual(summary.getColumn("expected_gain").toArray(), [null, null, null, -5, 90]);
  assert.deepEqual(summary.getColumn("offer_budget").toArray(), [5, 10, 0, 15, 50]);
  assert.deepEqual(summary.getColumn("clv").toArray(), [100, 150, 500, 300, 3000]);
  assert.deepEqual(summary.getColumn("mean_churn_probability").toArray(), [
    null,
    0.9,
    0.2,
    0.5,
    0.2,
  ]);
  assert.throws(
    () =>
      customerViewSummary(customerView(rfm, OPTIONS).withColumns(pl.lit("call").alias("action"))),
    { name: "RangeError", message: /1 actions are not the view's: e\.g\. "call"/ },
  );
});

Deno.test("customerView: minChurnProbability keeps customers who are buying off the list", () => {
  // a (churn 0.1) is the most valuable but buying; with a 0.25 floor only b (0.3) and c (0.5)
  // are at risk; d (0.9) is lapsed (300 days), e has nothing to offer.
  const view = customerView(rfm, { ...OPTIONS, uplift: 0.2, minChurnProbability: 0.25 });
  const action = (id: string) => column(view, "action")[column(view, "customer_id").indexOf(id)];
  assert.equal(action("a"), "none: not at risk");
  assert.equal(action("d"), "none: lapsed");
  assert.deepEqual(column(view, "customer_id").slice(0, 2), ["b", "c"]);
  assert.equal(column(view, "expected_gain")[column(view, "customer_id").indexOf("a")], null);
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, minChurnProbability: 1.5 }),
    { name: "RangeError", message: /minChurnProbability/ },
  );
});
