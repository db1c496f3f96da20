import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireDate, requireInteger, requireNonNegative } from "../core/errors.ts";
import { DAY_MS, formatWallClock } from "../core/time.ts";
import { REQUIRED_TRANSACTION_COLUMNS } from "../io/read_transactions.ts";
import { computeRfm } from "../rfm/compute_rfm.ts";

/** The numeric feature columns {@linkcode churnFeatures} computes per customer, in order. */
export const CHURN_FEATURE_COLUMNS: readonly string[] = [
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

/** Options for {@linkcode churnFeatures}. */
export interface ChurnFeaturesOptions {
  /** The observation date: only transactions on or before it are read. */
  cutoff: Date;
  /** Length of each of the two spend windows compared by `spend_trend`. Default 90 days. */
  trendWindowDays?: number;
  /**
   * Keep only customers whose first purchase is at least this many days before the cutoff
   * (`tenure_days >= minHistoryDays`): when scoring today with a model trained on customers with
   * at least that much history, newer customers are outside what the model has seen. Default 0.
   */
  minHistoryDays?: number;
}

/**
 * The feature half of {@linkcode churnDataset}: one row per customer with a purchase on or before
 * `cutoff`, computed from those purchases only (transactions after the cutoff are dropped first,
 * so they cannot leak in). Also the function to score customers today: call it with today's date
 * as the cutoff and feed the result to a fitted model.
 *
 * @param tx Canonical, cleaned transactions.
 * @param options The cutoff, the spend-trend window and the minimum history.
 * @returns One row per customer, sorted by `customer_id` (the columns of `churnDataset` without
 * `churned`).
 * @throws {TypeError} When a column is missing or `cutoff` is missing or not a Date.
 * @throws {RangeError} When `cutoff` is an invalid Date, `trendWindowDays` is not a positive
 * integer, `minHistoryDays` is negative, or no customer bought on or before the cutoff.
 *
 * @example Features ignore the future
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { churnFeatures } from "./churn_features.ts";
 *
 * // One customer, one purchase before the cutoff and one after it.
 * const tx = pl.readRecords([
 *   { customer_id: "a", invoice_id: "1", invoice_date: new Date("2011-01-05"), product_id: "p", quantity: 1, unit_price: 10 },
 *   { customer_id: "a", invoice_id: "2", invoice_date: new Date("2011-03-01"), product_id: "q", quantity: 2, unit_price: 5 },
 * ]);
 * const f = churnFeatures(tx, { cutoff: new Date("2011-02-15") });
 * assert.equal(f.getColumn("frequency").toArray()[0], 1);
 * assert.equal(f.getColumn("monetary").toArray()[0], 10);
 * ```
 */
export function churnFeatures(tx: DataFrame, options: ChurnFeaturesOptions): DataFrame {
  const action = "compute churn features";
  const cutoff = requireDate(options?.cutoff, "cutoff", action);
  const window = requireInteger(options.trendWindowDays ?? 90, "trendWindowDays", action);
  const minHistoryDays = requireNonNegative(options.minHistoryDays ?? 0, "minHistoryDays", action);
  requireColumns(tx, REQUIRED_TRANSACTION_COLUMNS, action);
  const cutoffMs = cutoff.getTime();
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const known = pl.col("customer_id").isNotNull();
  const past = tx.filter(known.and(ms.ltEq(pl.lit(cutoffMs))));
  if (past.height === 0) {
    throw new RangeError(
      `Cannot ${action} as no customer bought on or before the cutoff: cutoff ${
        formatWallClock(cutoffMs)
      }`,
    );
  }
  const rfm = computeRfm(past, { asOf: cutoff });

  const rhythm = past
    .select(pl.col("customer_id"), ms.div(DAY_MS).floor().cast(pl.Int64).alias("__day"))
    .unique()
    .sort(["customer_id", "__day"])
    .withColumns(pl.col("__day").diff(1, "ignore").over("customer_id").alias("__gap"))
    .groupBy("customer_id")
    .agg(
      pl.len().cast(pl.Int64).alias("purchase_days"),
      pl.col("__gap").mean().alias("__mean"),
      pl.col("__gap").std().alias("__std"),
    );

  const value = pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64));
  const recentStart = cutoffMs - window * DAY_MS;
  const beforeStart = cutoffMs - 2 * window * DAY_MS;
  const spend = past.groupBy("customer_id").agg(
    value.filter(ms.gt(pl.lit(recentStart))).sum().alias("spend_recent"),
    value.filter(ms.gt(pl.lit(beforeStart)).and(ms.ltEq(pl.lit(recentStart)))).sum()
      .alias("spend_before"),
    pl.col("product_id").nUnique().cast(pl.Int64).alias("distinct_products"),
  );

  let table = rfm
    .join(rhythm, { on: "customer_id", how: "left" })
    .join(spend, { on: "customer_id", how: "left" });
  if (tx.columns.includes("country")) {
    table = table.join(countryMode(past), { on: "customer_id", how: "left" });
  }
  const recent = pl.col("spend_recent").fillNull(0);
  const before = pl.col("spend_before").fillNull(0);
  const mean = pl.col("__mean").fillNull(0);
  const features = [
    "customer_id",
    ...CHURN_FEATURE_COLUMNS,
    ...(tx.columns.includes("country") ? ["country"] : []),
  ];
  return table
    .withColumns(
      mean.alias("mean_interval_days"),
      pl.col("__std").fillNull(0).alias("std_interval_days"),
      pl.col("purchase_days").eq(1).cast(pl.Int32).alias("single_purchase"),
      pl.when(mean.gt(0)).then(pl.col("recency_days").cast(pl.Float64).div(mean)).otherwise(
        pl.lit(0),
      )
        .alias("overdue_ratio"),
      recent.alias("spend_recent"),
      before.alias("spend_before"),
      pl.when(recent.add(before).gt(0)).then(recent.sub(before).div(recent.add(before)))
        .otherwise(pl.lit(0)).alias("spend_trend"),
    )
    .select(...features)
    .filter(pl.col("tenure_days").gtEq(minHistoryDays))
    .sort("customer_id");
}

/** Each customer's most frequent country; ties go to the alphabetically first. */
function countryMode(past: DataFrame): DataFrame {
  return past
    .filter(pl.col("country").isNotNull())
    .groupBy(["customer_id", "country"])
    .agg(pl.len().alias("__n"))
    .sort(["customer_id", "__n", "country"], [false, true, false])
    .groupBy("customer_id")
    .agg(pl.col("country").first().alias("country"));
}
