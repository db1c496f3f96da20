import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import type { BinaryClassifier } from "../core/classifier.ts";
import {
  formatExamples,
  requireColumns,
  requireDate,
  requireFrame,
  requireNonNegative,
} from "../core/errors.ts";
import { addRevenue } from "../eda/add_revenue.ts";
import { log1pTransform } from "../prep/log1p_transform.ts";
import type { StandardScalerModel } from "../prep/standard_scaler.ts";
import { computeRfm } from "../rfm/compute_rfm.ts";
import type { RfmScoresModel } from "../rfm/fit_rfm_scores.ts";
import type { KMeansModel } from "../segmentation/fit_kmeans.ts";
import { churnFeatures } from "../churn/churn_features.ts";
import { clvSummary } from "./clv_summary.ts";
import { customerLifetimeValue } from "./customer_lifetime_value.ts";
import type { ClvTimeUnit } from "./_time_unit.ts";
import type { GammaGammaModel } from "./fit_gamma_gamma.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/**
 * The models a {@linkcode CustomerSnapshot} applies, all fitted once (at fit time) and never
 * refitted by {@linkcode updateSnapshot}.
 */
export interface SegmentModels {
  /** RFM score edges, from `fitRfmScores(computeRfm(tx, { asOf }))`. */
  rfmScores: RfmScoresModel;
  /** The k-means model over the scaled RFM features (its `features`). */
  kmeans: KMeansModel;
  /** The standard scaler fitted on the (log1p-transformed) k-means features. */
  scaler: StandardScalerModel;
  /** Of the k-means features, those taken `log(1 + x)` of before scaling. Default none. */
  log1p?: readonly string[];
  /** Names of the k-means segments by label. Default `"Segment 1"`, `"Segment 2"`... */
  segmentNames?: Readonly<Record<number, string>>;
  /** The fitted purchase model (BG/NBD or another {@linkcode PurchaseModel}). */
  purchaseModel: PurchaseModel;
  /** The fitted Gamma-Gamma spend model. */
  spendModel: GammaGammaModel;
  /** CLV settings, as {@linkcode customerLifetimeValue} takes them (point value only). */
  clv: {
    horizon: number;
    timeUnit: ClvTimeUnit;
    discountRate: number;
    discountPeriod?: number;
    margin?: number;
  };
  /** The fitted churn classifier reading `churnFeatures` rows (e.g. `fitLogisticPipeline`). */
  churnModel: BinaryClassifier;
  /** Customers with less history than this get no churn score (the model's `minHistoryDays`). Default 0. */
  churnMinHistoryDays?: number;
}

/** Customers scored at one analysis date under fixed models (read-only). */
export interface CustomerSnapshot {
  /** The analysis date. */
  readonly asOf: Date;
  /** Every transaction so far (the history the features are computed from). */
  readonly transactions: DataFrame;
  /** One row per customer, columns {@linkcode SNAPSHOT_COLUMNS}, sorted by `customer_id`. */
  readonly customers: DataFrame;
  /** The models, unchanged from snapshot to snapshot. */
  readonly models: SegmentModels;
}

/**
 * Columns of {@linkcode CustomerSnapshot}'s `customers`.
 *
 * @example The columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { SNAPSHOT_COLUMNS } from "./dynamic_segments.ts";
 *
 * assert.equal(SNAPSHOT_COLUMNS[0], "customer_id");
 * assert.ok(SNAPSHOT_COLUMNS.includes("kmeans_segment"));
 * ```
 */
export const SNAPSHOT_COLUMNS = [
  "customer_id",
  "recency_days",
  "frequency",
  "monetary",
  "tenure_days",
  "avg_order_value",
  "r_score",
  "f_score",
  "m_score",
  "rfm_score",
  "rfm_segment",
  "kmeans_segment",
  "clv_frequency",
  "clv_recency",
  "T",
  "probability_alive",
  "clv",
  "churn_probability",
] as const;

/** Options for {@linkcode customerSnapshot}. */
export interface CustomerSnapshotOptions {
  /** The analysis date: transactions after it are ignored. */
  asOf: Date;
  /** The fitted models. */
  models: SegmentModels;
}

/** Options for {@linkcode updateSnapshot}. */
export interface UpdateSnapshotOptions {
  /**
   * New transactions, each dated after the snapshot's `asOf` and on or before the new `asOf`,
   * with at least {@linkcode BATCH_COLUMNS}; other columns of the history it lacks are null,
   * columns the history lacks are ignored. May be empty: the date still advances.
   */
  batch: DataFrame;
  /** The new analysis date, after the snapshot's. */
  asOf: Date;
}

/**
 * Columns a batch of new transactions must have (the canonical columns the features read).
 *
 * @example The columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { BATCH_COLUMNS } from "./dynamic_segments.ts";
 *
 * assert.equal(BATCH_COLUMNS.length, 6);
 * ```
 */
export const BATCH_COLUMNS: readonly string[] = [
  "customer_id",
  "invoice_id",
  "invoice_date",
  "product_id",
  "quantity",
  "unit_price",
];

const SNAPSHOT = "build the customer snapshot";
const UPDATE = "update the customer snapshot";

/**
 * Scores every customer at `asOf` under fixed models: RFM features and scores against the fitted
 * edges, the RFM segment, the k-means segment (nearest fitted centroid after the fitted log1p and
 * scaler), the CLV summary (`clv_frequency`, `clv_recency`, `T` in the CLV time unit), P(alive)
 * and the point CLV from the fitted purchase and spend parameters, and the churn probability of
 * the fitted churn model (null for customers with less than `churnMinHistoryDays` of history).
 * Nothing is fitted here. Start here at fit time, then advance with {@linkcode updateSnapshot}.
 *
 * Cost: one `computeRfm`, `clvSummary` and `churnFeatures` pass over the transactions plus the
 * models' predictions: O(n) in Polars plus O(customers) in the models.
 *
 * @param tx Canonical, cleaned transactions (with `product_id` for the churn features); never
 * modified.
 * @param options The analysis date and the fitted models.
 * @returns The snapshot: `asOf`, the transactions up to `asOf`, the customers and the models.
 * @throws {TypeError} When `asOf` is not a Date, a column is missing, or `models` is missing.
 * @throws {RangeError} As `computeRfm`, `clvSummary` and `churnFeatures` do on bad rows.
 *
 * @example See {@linkcode updateSnapshot} for a fit-then-update round.
 * ```ts
 * import assert from "node:assert/strict";
 * import { customerSnapshot } from "./dynamic_segments.ts";
 *
 * assert.throws(() => customerSnapshot(null as never, { asOf: new Date(), models: null as never }), TypeError);
 * ```
 */
export function customerSnapshot(
  tx: DataFrame,
  options: CustomerSnapshotOptions,
): CustomerSnapshot {
  requireFrame(tx, "the transactions", SNAPSHOT);
  const asOf = requireDate(options?.asOf, "asOf", SNAPSHOT);
  const models = options.models;
  if (models === null || typeof models !== "object") {
    throw new TypeError(`Cannot ${SNAPSHOT} as models are missing: pass the fitted models`);
  }
  const upTo = tx.filter(pl.col("invoice_date").cast(pl.Datetime("ms")).ltEq(pl.lit(asOf)));
  return Object.freeze({
    asOf,
    transactions: upTo,
    customers: scoreCustomers(upTo, asOf, models),
    models,
  });
}

/**
 * Advances a snapshot to a later analysis date with a batch of new transactions, without
 * refitting anything: the RFM score edges, the k-means centroids and scaler, the BG/NBD and
 * Gamma-Gamma parameters and the churn model all stay as fitted. Every customer is rescored, not
 * only those in the batch: as the date advances everyone's recency, tenure, `T`, P(alive), CLV
 * and churn features move. Customers first seen in the batch join the table.
 *
 * The features are recomputed from the whole history (the snapshot's transactions plus the
 * batch), as the churn features (spend windows, purchase intervals, distinct products) need it;
 * so the result equals a full recomputation at the new date under the same fitted models.
 *
 * @param snapshot The snapshot to advance (see {@linkcode customerSnapshot}); never modified.
 * @param options The batch and the new analysis date.
 * @returns A new snapshot at `asOf`.
 * @throws {TypeError} When `batch` is not a DataFrame, misses one of {@linkcode BATCH_COLUMNS}, or `asOf`
 * is not a Date.
 * @throws {RangeError} When `asOf` is not after the snapshot's, or batch rows are dated on or
 * before the snapshot's `asOf` or after the new `asOf` (count and examples).
 *
 * @example A customer who buys again moves up; the others age
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import {
 *   addRevenue, churnDataset, clvSummary, computeRfm, customerSnapshot, fitBgNbd, fitGammaGamma,
 *   fitKMeans, fitLogisticPipeline, fitRfmScores, fitStandardScaler, updateSnapshot,
 * } from "../mod.ts";
 *
 * const day = (d: number) => new Date(Date.UTC(2011, 0, 1) + d * 86_400_000);
 * const rows = [];
 * for (let c = 0; c < 200; c++) { // 200 customers, each buying every `gap` days for `life` days
 *   const gap = 5 + (c * 7) % 40;
 *   const life = 20 + (c * 53) % 200;
 *   for (let k = 0; k * gap <= life; k++) {
 *     rows.push({
 *       customer_id: `c${c}`, invoice_id: `i${c}-${k}`, invoice_date: day((c % 30) + k * gap),
 *       product_id: `p${(c + k) % 4}`, quantity: 1 + (c % 3), unit_price: 5 + ((c * k) % 7),
 *     });
 *   }
 * }
 * const tx = pl.readRecords(rows);
 * const asOf = day(240);
 * const rfm = computeRfm(tx, { asOf });
 * const features = ["recency_days", "frequency", "monetary"];
 * const scaler = fitStandardScaler(rfm, { features });
 * const summary = clvSummary(addRevenue(tx), { asOf, timeUnit: "days", monetary: "revenue" });
 * const models = {
 *   rfmScores: fitRfmScores(rfm),
 *   scaler,
 *   kmeans: fitKMeans(scaler.transform(rfm), { k: 3, seed: 1, features }),
 *   purchaseModel: fitBgNbd(summary),
 *   spendModel: fitGammaGamma(summary),
 *   clv: { horizon: 90, timeUnit: "days" as const, discountRate: 0.01 },
 *   churnModel: fitLogisticPipeline(churnDataset(tx, { cutoff: day(120), horizonDays: 60 }), {
 *     target: "churned", numeric: ["recency_days", "frequency"],
 *   }),
 * };
 * const start = customerSnapshot(tx, { asOf, models });
 * const batch = pl.readRecords([{
 *   customer_id: "c0", invoice_id: "new", invoice_date: day(250), product_id: "p1",
 *   quantity: 2, unit_price: 9,
 * }]);
 * const next = updateSnapshot(start, { batch, asOf: day(270) });
 * const recency = (s: typeof start) => s.customers.getColumn("recency_days").toArray();
 * assert.deepEqual(recency(start).slice(0, 2), [220, 167]);
 * assert.deepEqual(recency(next).slice(0, 2), [20, 197]); // c0 bought again, c1 aged 30 days
 * ```
 */
export function updateSnapshot(
  snapshot: CustomerSnapshot,
  options: UpdateSnapshotOptions,
): CustomerSnapshot {
  if (snapshot === null || typeof snapshot !== "object" || !snapshot.models) {
    throw new TypeError(`Cannot ${UPDATE} as snapshot is not a customer snapshot`);
  }
  const asOf = requireDate(options?.asOf, "asOf", UPDATE);
  if (asOf.getTime() <= snapshot.asOf.getTime()) {
    throw new RangeError(
      `Cannot ${UPDATE} as asOf is not after the snapshot's analysis date: ${
        asOf.toISOString().slice(0, 10)
      } <= ${snapshot.asOf.toISOString().slice(0, 10)}`,
    );
  }
  const batch = requireFrame(options.batch, "batch", UPDATE);
  const history = snapshot.transactions;
  requireColumns(batch, BATCH_COLUMNS, UPDATE);
  const aligned = batch.select(
    ...history.columns.map((c) =>
      (batch.columns.includes(c) ? pl.col(c) : pl.lit(null)).cast(history.getColumn(c).dtype)
        .alias(c)
    ),
  );
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const late = ms.ltEq(pl.lit(snapshot.asOf.getTime())).or(ms.gt(pl.lit(asOf.getTime())))
    .or(ms.isNull());
  const bad = aligned.filter(late);
  if (bad.height > 0) {
    const dates = (bad.getColumn("invoice_date").toArray() as unknown[]).slice(0, 5)
      .map((d) => d instanceof Date ? d.toISOString().slice(0, 19) : String(d));
    throw new RangeError(
      `Cannot ${UPDATE} as ${bad.height} batch rows are not dated after ${
        snapshot.asOf.toISOString().slice(0, 10)
      } and on or before ${asOf.toISOString().slice(0, 10)}: ${formatExamples(dates, bad.height)}`,
    );
  }
  const transactions = aligned.height === 0 ? history : pl.concat([history, aligned]);
  return Object.freeze({
    asOf,
    transactions,
    customers: scoreCustomers(transactions, asOf, snapshot.models),
    models: snapshot.models,
  });
}

function scoreCustomers(tx: DataFrame, asOf: Date, models: SegmentModels): DataFrame {
  const minHistory = requireNonNegative(
    models.churnMinHistoryDays ?? 0,
    "churnMinHistoryDays",
    SNAPSHOT,
  );
  const rfm = models.rfmScores.transform(computeRfm(tx, { asOf }));
  const log1p = models.log1p ?? [];
  const prepared = models.scaler.transform(
    log1p.length > 0 ? log1pTransform(rfm, { features: log1p }) : rfm,
  );
  const labels = models.kmeans.predict(prepared);
  const names = Array.from(
    labels,
    (l) => models.segmentNames?.[l] ?? `Segment ${l + 1}`,
  );
  const summary = clvSummary(addRevenue(tx), {
    asOf,
    timeUnit: models.clv.timeUnit,
    monetary: "revenue",
  });
  const value = customerLifetimeValue(summary, {
    purchaseModel: models.purchaseModel,
    spendModel: models.spendModel,
    ...models.clv,
    seed: 0,
    draws: 0,
  });
  const clv = pl.DataFrame({
    customer_id: (summary.getColumn("customer_id").toArray() as unknown[]).map(String),
    clv_frequency: summary.getColumn("frequency"),
    clv_recency: summary.getColumn("recency"),
    T: summary.getColumn("T"),
    probability_alive: value.getColumn("probability_alive"),
    clv: value.getColumn("clv"),
  });
  const features = churnFeatures(tx, { cutoff: asOf, minHistoryDays: minHistory });
  const churn = pl.DataFrame({
    customer_id: (features.getColumn("customer_id").toArray() as unknown[]).map(String),
    churn_probability: Array.from(models.churnModel.predictProba(features)),
  });
  return rfm
    .withColumns(
      pl.col("customer_id").cast(pl.Utf8),
      pl.col("segment").alias("rfm_segment"),
      pl.Series("kmeans_segment", names, pl.Utf8),
    )
    .join(clv, { on: "customer_id", how: "left" })
    .join(churn, { on: "customer_id", how: "left" })
    .select(...SNAPSHOT_COLUMNS.map((c) => pl.col(c)))
    .sort("customer_id");
}
