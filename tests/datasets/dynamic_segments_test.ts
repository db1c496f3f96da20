/**
 * Dynamic segments on the bundled Online Retail log: fit every model on the transactions up to
 * 2011-09-01, then replay September to 10 December month by month with `updateSnapshot`. After each
 * month, every customer equals a full recomputation from the whole log at that date under the
 * same fitted edges, centroids and parameters (built here step by step from the library's
 * functions), to 1e-9 relative; customers who did not buy age by exactly the elapsed days.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../../lib/core/frame.ts";
import { assertClose } from "../_helpers.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { addRevenue } from "../../lib/eda/add_revenue.ts";
import { log1pTransform } from "../../lib/prep/log1p_transform.ts";
import { fitStandardScaler } from "../../lib/prep/standard_scaler.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { scoreRfm } from "../../lib/rfm/score_rfm.ts";
import { fitRfmScores } from "../../lib/rfm/fit_rfm_scores.ts";
import { fitKMeans } from "../../lib/segmentation/fit_kmeans.ts";
import { churnDataset } from "../../lib/churn/churn_dataset.ts";
import { CHURN_FEATURE_COLUMNS, churnFeatures } from "../../lib/churn/churn_features.ts";
import { fitLogisticPipeline } from "../../lib/churn/fit_logistic_pipeline.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../../lib/clv/fit_bg_nbd.ts";
import { fitGammaGamma } from "../../lib/clv/fit_gamma_gamma.ts";
import { customerLifetimeValue } from "../../lib/clv/customer_lifetime_value.ts";
import {
  customerSnapshot,
  type SegmentModels,
  SNAPSHOT_COLUMNS,
  updateSnapshot,
} from "../../lib/clv/dynamic_segments.ts";
import { driftReport, PSI_THRESHOLDS } from "../../lib/clv/segment_drift.ts";

const FIT_AS_OF = new Date("2011-09-01T00:00:00Z");
const MONTH_ENDS = [
  "2011-10-01",
  "2011-11-01",
  "2011-12-01",
  "2011-12-10",
]
  .map((d) => new Date(`${d}T00:00:00Z`));
const FEATURES = ["recency_days", "frequency", "monetary"];
const NAMES = { 0: "A", 1: "B", 2: "C", 3: "D" };
const DAY = 86_400_000;

function fitModels(tx: DataFrame): SegmentModels {
  const rfm = computeRfm(tx, { asOf: FIT_AS_OF });
  const logged = log1pTransform(rfm, { features: FEATURES });
  const scaler = fitStandardScaler(logged, { features: FEATURES });
  const kmeans = fitKMeans(scaler.transform(logged), { k: 4, seed: 42, features: FEATURES });
  const summary = clvSummary(addRevenue(tx), {
    asOf: FIT_AS_OF,
    timeUnit: "days",
    monetary: "revenue",
  });
  const churnModel = fitLogisticPipeline(
    churnDataset(tx, { cutoff: new Date("2011-06-01"), horizonDays: 90, minHistoryDays: 30 }),
    {
      target: "churned",
      numeric: [...CHURN_FEATURE_COLUMNS],
      log1p: ["recency_days", "frequency", "monetary", "avg_order_value"],
    },
  );
  return {
    rfmScores: fitRfmScores(rfm),
    kmeans,
    scaler,
    log1p: FEATURES,
    segmentNames: NAMES,
    purchaseModel: fitBgNbd(summary),
    spendModel: fitGammaGamma(summary),
    clv: { horizon: 365, timeUnit: "days", discountRate: 0.01, discountPeriod: 30, margin: 0.2 },
    churnModel,
    churnMinHistoryDays: 30,
  };
}

/** The full recomputation, step by step, from every transaction up to `asOf`. */
function recompute(all: DataFrame, asOf: Date, m: SegmentModels): DataFrame {
  const tx = all.filter(pl.col("invoice_date").cast(pl.Datetime("ms")).ltEq(pl.lit(asOf)));
  const rfm = m.rfmScores.transform(computeRfm(tx, { asOf }));
  const labels = m.kmeans.predict(
    m.scaler.transform(log1pTransform(rfm, { features: FEATURES })),
  );
  const summary = clvSummary(addRevenue(tx), { asOf, timeUnit: "days", monetary: "revenue" });
  const value = customerLifetimeValue(summary, {
    purchaseModel: m.purchaseModel,
    spendModel: m.spendModel,
    ...m.clv,
    seed: 1,
    draws: 0,
  });
  const features = churnFeatures(tx, { cutoff: asOf, minHistoryDays: 30 });
  const probabilities = m.churnModel.predictProba(features);
  const byId = <T>(ids: unknown[], values: ArrayLike<T>) =>
    new Map(ids.map((id, i) => [String(id), values[i]]));
  const ids = rfm.getColumn("customer_id").toArray().map(String);
  const sIds = summary.getColumn("customer_id").toArray();
  const col = (df: DataFrame, c: string) => df.getColumn(c).toArray() as number[];
  const pick = <T>(map: Map<string, T>) => ids.map((id) => map.get(id) ?? null);
  return rfm.select("customer_id", "recency_days", "frequency", "monetary", "tenure_days")
    .withColumns(
      pl.Series("rfm_segment", rfm.getColumn("segment").toArray()),
      pl.Series("kmeans_segment", Array.from(labels, (l) => NAMES[l as 0])),
      pl.Series("T", pick(byId(sIds, col(summary, "T")))),
      pl.Series("probability_alive", pick(byId(sIds, col(value, "probability_alive")))),
      pl.Series("clv", pick(byId(sIds, col(value, "clv")))),
      pl.Series(
        "churn_probability",
        pick(byId(features.getColumn("customer_id").toArray(), probabilities)),
        pl.Float64,
      ),
    ).withColumns(pl.col("customer_id").cast(pl.Utf8)).sort("customer_id");
}

Deno.test("updateSnapshot: Online Retail replayed month by month equals a full recomputation", () => {
  const all = cleanTransactions(loadOnlineRetail()).data;
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms"));
  const models = fitModels(all.filter(ms.ltEq(pl.lit(FIT_AS_OF))));
  const start = customerSnapshot(all, { asOf: FIT_AS_OF, models });
  let snapshot = start;
  assert.deepEqual(snapshot.customers.columns, [...SNAPSHOT_COLUMNS]);

  // At fit time the fixed edges reproduce scoreRfm's ranks exactly.
  const fitted = scoreRfm(computeRfm(snapshot.transactions, { asOf: FIT_AS_OF }));
  assert.deepEqual(
    snapshot.customers.getColumn("rfm_segment").toArray(),
    fitted.getColumn("segment").toArray(),
  );
  let previousEnd = FIT_AS_OF;
  const untouchedCounts: number[] = [];
  for (const end of MONTH_ENDS) {
    const batch = all.filter(ms.gt(pl.lit(previousEnd)).and(ms.ltEq(pl.lit(end))));
    const before = snapshot.customers;
    snapshot = updateSnapshot(snapshot, { batch, asOf: end });
    const got = snapshot.customers;
    const expected = recompute(all, end, models);
    const label = end.toISOString().slice(0, 10);
    assert.equal(got.height, expected.height, `${label}: customers`);
    assert.deepEqual(
      got.getColumn("customer_id").toArray(),
      expected.getColumn("customer_id").toArray(),
    );
    for (const c of ["rfm_segment", "kmeans_segment"]) {
      assert.deepEqual(
        got.getColumn(c).toArray(),
        expected.getColumn(c).toArray(),
        `${label} ${c}`,
      );
    }
    for (
      const c of [
        "recency_days",
        "frequency",
        "monetary",
        "tenure_days",
        "T",
        "probability_alive",
        "clv",
      ]
    ) {
      assertClose(
        got.getColumn(c).toArray(),
        expected.getColumn(c).toArray() as number[],
        1e-9,
        `${label} ${c}`,
      );
    }
    const churnGot = got.getColumn("churn_probability").toArray() as (number | null)[];
    const churnExpected = expected.getColumn("churn_probability").toArray() as (number | null)[];
    assert.deepEqual(churnGot.map((v) => v === null), churnExpected.map((v) => v === null));
    assertClose(
      churnGot.filter((v) => v !== null),
      churnExpected.filter((v) => v !== null) as number[],
      1e-9,
      `${label} churn_probability`,
    );

    // Everyone ages: customers without a purchase this month are exactly the elapsed days older,
    // their P(alive) does not rise and their CLV falls (expected purchases fall with T; on this
    // log BG/NBD fitted at 1 September runs to its no-dropout boundary, so P(alive) barely moves).
    const days = Math.round((end.getTime() - previousEnd.getTime()) / DAY);
    const buyers = new Set(batch.getColumn("customer_id").toArray().map(String));
    const old = new Map(
      before.toRecords().map((r) => [String(r.customer_id), r as Record<string, unknown>]),
    );
    let untouched = 0;
    for (const row of got.toRecords()) {
      const id = String(row.customer_id);
      const was = old.get(id);
      if (!was || buyers.has(id)) continue;
      untouched++;
      assert.equal(Number(row.recency_days), Number(was.recency_days) + days, `${id} recency`);
      assertClose(row.T, Number(was.T) + days, 1e-12, `${id} T`);
      assert.ok(Number(row.probability_alive) <= Number(was.probability_alive), `${id} P(alive)`);
      assert.ok(Number(row.clv) < Number(was.clv), `${id} CLV ${row.clv} >= ${was.clv}`);
    }
    assert.ok(untouched > 2000, `${label}: ${untouched} untouched customers`);
    untouchedCounts.push(untouched);
    previousEnd = end;
  }
  assert.equal(untouchedCounts.length, MONTH_ENDS.length);
  // 3,310 customers at fit time, 4,324 on 10 December: new customers join the table.
  assert.deepEqual([start.customers.height, snapshot.customers.height], [3310, 4324]);

  // Drift from 1 September to 10 December: recency and tenure move with the date for everyone.
  const report = driftReport(start.customers, snapshot.customers);
  const psi = Object.fromEntries(
    report.table.toRecords().map((r) => [String(r.variable), Number(r.psi)]),
  );
  // Measured: tenure_days 0.904 (major: everyone is 100 days older), recency_days 0.159 and
  // rfm_segment 0.114 (moderate), kmeans_segment 0.051 and clv 0.053 (stable).
  assert.ok(psi.tenure_days >= PSI_THRESHOLDS.major, `tenure PSI ${psi.tenure_days}`);
  assert.ok(psi.kmeans_segment < PSI_THRESHOLDS.moderate, `k-means PSI ${psi.kmeans_segment}`);
  assert.equal(report.refit, true);
  assert.match(report.recommendation, /^Refit: .*tenure_days/);
  const matrix = report.transitions.kmeans_segment;
  const total = matrix.columns.slice(1).reduce((n, c) => n + Number(matrix.getColumn(c).sum()), 0);
  assert.equal(total, snapshot.customers.height);
});

Deno.test("updateSnapshot refuses a batch dated before the snapshot and a date that goes back", () => {
  const all = cleanTransactions(loadOnlineRetail()).data;
  const asOf = new Date("2011-03-01T00:00:00Z");
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms"));
  const fitTx = all.filter(ms.ltEq(pl.lit(asOf)));
  const rfm = computeRfm(fitTx, { asOf });
  const scaler = fitStandardScaler(rfm, { features: FEATURES });
  const summary = clvSummary(addRevenue(fitTx), { asOf, timeUnit: "days", monetary: "revenue" });
  const models: SegmentModels = {
    rfmScores: fitRfmScores(rfm),
    scaler,
    kmeans: fitKMeans(scaler.transform(rfm), { k: 3, seed: 1, features: FEATURES }),
    purchaseModel: fitBgNbd(summary),
    spendModel: fitGammaGamma(summary),
    clv: { horizon: 90, timeUnit: "days", discountRate: 0.01 },
    churnModel: fitLogisticPipeline(
      churnDataset(fitTx, { cutoff: new Date("2011-01-01"), horizonDays: 30 }),
      { target: "churned", numeric: ["recency_days", "frequency"] },
    ),
  };
  const snapshot = customerSnapshot(all, { asOf, models });
  assert.throws(
    () => updateSnapshot(snapshot, { batch: fitTx.head(3), asOf: new Date("2011-04-01") }),
    /Cannot update the customer snapshot as 3 batch rows are not dated after 2011-03-01/,
  );
  assert.throws(
    () => updateSnapshot(snapshot, { batch: fitTx.head(0), asOf: new Date("2011-02-01") }),
    /asOf is not after the snapshot's analysis date/,
  );
  assert.throws(
    () =>
      updateSnapshot(snapshot, { batch: fitTx.drop("product_id"), asOf: new Date("2011-04-01") }),
    /product_id/,
  );
  // Columns of the history the batch lacks are null; extra batch columns are ignored.
  const batch = all.filter(ms.gt(pl.lit(asOf)).and(ms.ltEq(pl.lit(new Date("2011-03-10")))));
  const slim = batch.select(
    "customer_id",
    "invoice_id",
    "invoice_date",
    "product_id",
    "quantity",
    "unit_price",
  )
    .withColumns(pl.lit("x").alias("extra"));
  const full = updateSnapshot(snapshot, { batch, asOf: new Date("2011-03-10") });
  const partial = updateSnapshot(snapshot, { batch: slim, asOf: new Date("2011-03-10") });
  assert.deepEqual(partial.transactions.columns, all.columns);
  assert.deepEqual(partial.customers.toRecords(), full.customers.toRecords());
});
