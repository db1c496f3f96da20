/**
 * The Online Retail customer view built as notebook 08 builds it: one row per customer, none
 * missing or repeated, the expected-gain formula on every row, the rank order, lapsed and new
 * customers kept off the list, and the export read back.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/mod.ts";
import { computeRfm, scoreRfm } from "../../lib/rfm/mod.ts";
import { fitStandardScaler, log1pTransform } from "../../lib/prep/mod.ts";
import { fitKMeans, labelSegments } from "../../lib/segmentation/mod.ts";
import { churnDataset, churnFeatures, fitLogisticPipeline } from "../../lib/churn/mod.ts";
import {
  describeRecommendations,
  fitHybrid,
  offerBudget,
  personalizedOffers,
} from "../../lib/recommend/mod.ts";
import { addRevenue } from "../../lib/eda/mod.ts";
import {
  clvSummary,
  CUSTOMER_VIEW_COLUMNS,
  customerLifetimeValue,
  customerView,
  type CustomerViewOptions,
  exportCustomerView,
  fitBgNbd,
  fitGammaGamma,
} from "../../lib/clv/mod.ts";
import { assertClose } from "../_helpers.ts";

const AS_OF = new Date("2011-12-10T00:00:00Z");
const CUTOFF = new Date("2011-09-01T00:00:00Z");
const MIN_HISTORY_DAYS = 30;
const UPLIFT = 0.05;
const ACTION_COST = 5;
const MAX_RECENCY_DAYS = 180;
const CAPACITY = 200;
const RFM = ["recency_days", "frequency", "monetary"];
const CHURN_FEATURES = [
  "recency_days",
  "frequency",
  "monetary",
  "tenure_days",
  "avg_order_value",
  "purchase_days",
  "mean_interval_days",
  "std_interval_days",
  "single_purchase",
  "overdue_ratio",
  "spend_recent",
  "spend_before",
  "spend_trend",
  "distinct_products",
];
// As notebook 03: every feature but tenure, the single-purchase flag and the trend is skewed.
const SKEWED = CHURN_FEATURES.filter(
  (f) => !["tenure_days", "single_purchase", "spend_trend"].includes(f),
);

const { data: tx } = cleanTransactions(loadOnlineRetail(), { dropCancelledOrders: true });
const rfm = scoreRfm(computeRfm(tx, { asOf: AS_OF }));
const logged = log1pTransform(rfm, { features: RFM });
const scaled = fitStandardScaler(logged, { features: RFM }).transform(logged);
const kmeans = labelSegments(rfm.select("customer_id"), {
  labels: fitKMeans(scaled, { k: 4, seed: 42, features: RFM }).labels,
});
const churnModel = fitLogisticPipeline(
  churnDataset(tx, { cutoff: CUTOFF, horizonDays: 90, minHistoryDays: MIN_HISTORY_DAYS }),
  { target: "churned", numeric: CHURN_FEATURES, log1p: SKEWED, l2: 1 },
);
const today = churnFeatures(tx, { cutoff: AS_OF, minHistoryDays: MIN_HISTORY_DAYS });
const summary = clvSummary(addRevenue(tx), { asOf: AS_OF, timeUnit: "days", monetary: "revenue" });
const clv = customerLifetimeValue(summary, {
  purchaseModel: fitBgNbd(summary),
  spendModel: fitGammaGamma(summary),
  horizon: 365,
  timeUnit: "days",
  discountRate: 0.01,
  margin: 0.3,
  seed: 42,
});
const customers = (rfm.getColumn("customer_id").toArray() as string[]).slice().sort();
const offers = offerBudget(
  describeRecommendations(
    personalizedOffers(fitHybrid(tx).recommend(customers, { n: 10 }), {
      segments: rfm.select("customer_id", "segment"),
      perSegment: 3,
    }).byCustomer,
    { labels: tx },
  ),
  { value: clv, lowValueColumn: "clv_p10", share: 0.05, maxPerCustomer: 50 },
).offers;
const OPTIONS: CustomerViewOptions = {
  kmeans,
  churn: today,
  churnScores: churnModel.predictProba(today),
  clv,
  offers,
  productLabel: "description",
  uplift: UPLIFT,
  actionCost: ACTION_COST,
  maxRecencyDays: MAX_RECENCY_DAYS,
  capacity: CAPACITY,
  minHistoryDays: MIN_HISTORY_DAYS,
};
const view = customerView(rfm, OPTIONS);

function column<T = number | null>(name: string): T[] {
  return view.getColumn(name).toArray() as T[];
}

Deno.test("Online Retail customer view: one row per customer, none missing, none repeated", () => {
  assert.deepEqual(view.columns, [...CUSTOMER_VIEW_COLUMNS]);
  const ids = column<string>("customer_id");
  const txIds = new Set((tx.getColumn("customer_id").toArray() as unknown[]).map(String));
  // 4,324 customers bought by AS_OF in the cleaned log (notebook 03 counts the same).
  assert.equal(view.height, 4_324);
  assert.equal(new Set(ids).size, view.height);
  assert.deepEqual(new Set(ids), txIds);
  for (const c of ["rfm_segment", "kmeans_segment", "clv", "clv_p10", "clv_p90", "action"]) {
    assert.equal(view.getColumn(c).nullCount(), 0, c);
  }
});

Deno.test("Online Retail customer view: the expected gain formula and the rank order", () => {
  const gain = column("expected_gain");
  const value = column<number>("clv");
  const budget = column("offer_budget");
  const action = column<string>("action");
  const rank = column("rank");
  let checked = 0;
  for (let i = 0; i < view.height; i++) {
    if (gain[i] === null) continue;
    assertClose(gain[i]!, UPLIFT * value[i] - (ACTION_COST + (budget[i] ?? 0)), 1e-9);
    checked++;
  }
  assert.ok(checked > 2_000, `${checked} gains checked`);
  // Ranked rows first, 1..n, gains non-increasing, all positive; nobody else ranked.
  const ranked = rank.filter((r) => r !== null) as number[];
  assert.deepEqual(ranked, ranked.map((_, i) => i + 1));
  for (let i = 1; i < ranked.length; i++) assert.ok(gain[i - 1]! >= gain[i]!);
  for (let i = 0; i < view.height; i++) {
    assert.equal(rank[i] !== null, (gain[i] ?? 0) > 0, `row ${i}`);
    assert.equal(action[i] === "act this week", rank[i] !== null && rank[i]! <= CAPACITY);
  }
  assert.equal(action.filter((a) => a === "act this week").length, CAPACITY);
});

Deno.test("Online Retail customer view: the lapsed and the new are not told to act", () => {
  const recency = column<number>("recency_days");
  const churn = column("churn_probability");
  const action = column<string>("action");
  const counts: Record<string, number> = {};
  for (let i = 0; i < view.height; i++) {
    counts[action[i]] = (counts[action[i]] ?? 0) + 1;
    if (churn[i] === null) assert.equal(action[i], "onboard");
    else if (recency[i] > MAX_RECENCY_DAYS) assert.equal(action[i], "none: lapsed");
  }
  // 251 customers have less than 30 days of history (notebook 03): they are onboarded.
  assert.equal(counts["onboard"], 251);
  assert.ok(counts["none: lapsed"] > 500, JSON.stringify(counts));
  // Everyone has a next product (the segment fallback), so nobody lacks an offer.
  assert.equal(counts["none: nothing to offer"] ?? 0, 0);
});

Deno.test("Online Retail customer view: bad sources are refused, the export reads back", () => {
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, offers: pl.concat([offers, offers.head(3)]) }),
    { name: "RangeError", message: /3 customers appear more than once in offers/ },
  );
  assert.throws(
    () => customerView(rfm, { ...OPTIONS, clv: clv.tail(clv.height - 10) }),
    { name: "RangeError", message: /10 customers of the RFM table are missing from clv/ },
  );
  const dir = Deno.makeTempDirSync();
  try {
    exportCustomerView(view, { dir });
    const back = pl.readParquet(join(dir, "customer_view.parquet"));
    assert.deepEqual(back.columns, [...CUSTOMER_VIEW_COLUMNS]);
    assert.equal(back.height, view.height);
    assert.equal(
      pl.readCSV(join(dir, "customer_view.csv"), { inferSchemaLength: 0 }).height,
      view.height,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
