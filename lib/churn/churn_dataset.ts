import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireRows } from "../core/errors.ts";
import { computeRfm } from "../rfm/compute_rfm.ts";

/** Options for {@linkcode churnDataset}. */
export interface ChurnDatasetOptions {
  /**
   * The observation date. Features use only transactions on or before it; the label looks only
   * after it. Compared as wall-clock time, like `computeRfm`'s `asOf`.
   */
  cutoff: Date;
  /** Length of the label window: churned = no purchase in (cutoff, cutoff + horizonDays]. */
  horizonDays: number;
  /**
   * Keep only customers whose first purchase is at least this many days before the cutoff, so
   * that brand-new customers are not judged on a few days of history. Default 0.
   */
  minHistoryDays?: number;
  /** Length of each of the two spend windows compared by `spend_trend`. Default 90 days. */
  trendWindowDays?: number;
}

const DAY_MS = 86_400_000;

/**
 * Builds a leakage-safe churn table from a transaction log: one row per customer with at least
 * one purchase on or before `cutoff`, features computed only from those purchases, and the label
 * `churned` = 1 when the customer makes no purchase in the `horizonDays` after the cutoff.
 *
 * Features (all from transactions on or before the cutoff):
 * - RFM: `recency_days`, `frequency` (invoices), `monetary`, `tenure_days`, `avg_order_value`
 *   (exactly {@linkcode computeRfm} with `asOf = cutoff`);
 * - purchase rhythm: `purchase_days` (distinct days with a purchase), `mean_interval_days` and
 *   `std_interval_days` between consecutive purchase days (0 for a single purchase day; the sample
 *   standard deviation, 0 with fewer than two intervals), `single_purchase` (1 when there was only one purchase day), and
 *   `overdue_ratio` = recency / mean interval (how late the next purchase is against the
 *   customer's own rhythm; 0 for single-purchase customers, whom the flag identifies);
 * - spend trend: `spend_recent` and `spend_before` (spend in the last `trendWindowDays` before the
 *   cutoff and in the window before that) and `spend_trend` = (recent - before) / (recent +
 *   before), from -1 (stopped spending) to +1 (all spend is recent), 0 when both are 0;
 * - breadth: `distinct_products`;
 * - `country`: the customer's most frequent country (ties: alphabetical), when the log has one.
 *
 * Assumptions, stated because every churn number depends on them: the log is complete (a
 * purchase missing from it looks like churn); cancellations and non-products are removed first
 * (`cleanTransactions`); "churn" is a silence of `horizonDays`, not a contract end, so a customer
 * who returns later still counts as churned for this window; the data must cover the whole label
 * window, otherwise late customers would be mislabelled.
 *
 * Cost: a few Polars group-bys, O(n log n).
 *
 * @param tx Canonical, cleaned transactions (see `readTransactions` and `cleanTransactions`).
 * @param options Cutoff, label window and history filter.
 * @returns One row per customer, sorted by `customer_id`, with the features and `churned` (Int32).
 * @throws {TypeError} When a column is missing or `cutoff` is not a valid Date.
 * @throws {RangeError} When `horizonDays` is not a positive integer, the data end before the
 * label window does, or no customer qualifies.
 *
 * @example Two customers, one returns
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { churnDataset } from "./churn_dataset.ts";
 *
 * const d = (s: string) => new Date(s + "T00:00:00Z");
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "a", "b", "c"],
 *   invoice_id: ["1", "2", "3", "4"],
 *   invoice_date: pl.Series("invoice_date", [d("2011-01-05"), d("2011-03-01"), d("2011-02-01"), d("2011-04-30")]),
 *   product_id: ["p", "q", "p", "p"],
 *   quantity: [1, 2, 1, 1],
 *   unit_price: [10, 5, 20, 1],
 * });
 * const table = churnDataset(tx, { cutoff: d("2011-02-15"), horizonDays: 30 });
 * assert.deepEqual(table.getColumn("customer_id").toArray(), ["a", "b"]);
 * assert.deepEqual(table.getColumn("churned").toArray(), [0, 1]);
 * ```
 */
export function churnDataset(tx: DataFrame, options: ChurnDatasetOptions): DataFrame {
  const action = "build churn dataset";
  const { cutoff, horizonDays } = options;
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
    throw new TypeError(`Cannot ${action} as cutoff is not a valid Date: ${String(cutoff)}`);
  }
  if (!Number.isInteger(horizonDays) || horizonDays <= 0) {
    throw new RangeError(
      `Cannot ${action} as horizonDays must be a positive integer: ${horizonDays}`,
    );
  }
  const minHistoryDays = options.minHistoryDays ?? 0;
  if (!(minHistoryDays >= 0)) {
    throw new RangeError(`Cannot ${action} as minHistoryDays must be >= 0: ${minHistoryDays}`);
  }
  const window = options.trendWindowDays ?? 90;
  if (!Number.isInteger(window) || window <= 0) {
    throw new RangeError(
      `Cannot ${action} as trendWindowDays must be a positive integer: ${window}`,
    );
  }
  requireColumns(
    tx,
    ["customer_id", "invoice_id", "invoice_date", "product_id", "quantity", "unit_price"],
    action,
  );
  requireRows(tx, action);

  const cutoffMs = cutoff.getTime();
  const endMs = cutoffMs + horizonDays * DAY_MS;
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const known = pl.col("customer_id").isNotNull();
  const lastMs = Number(tx.select(ms.max().alias("m")).toRecords()[0].m);
  if (!(lastMs >= endMs)) {
    throw new RangeError(
      `Cannot ${action} as the data end before the label window does: last transaction ${
        iso(lastMs)
      }, window (${iso(cutoffMs)}, ${iso(endMs)}]`,
    );
  }

  const features = churnFeatures(tx, { cutoff, trendWindowDays: window });
  // The label is the only thing read after the cutoff.
  const future = tx
    .filter(known.and(ms.gt(pl.lit(cutoffMs))).and(ms.ltEq(pl.lit(endMs))))
    .select(pl.col("customer_id"))
    .unique()
    .withColumns(pl.lit(0).cast(pl.Int32).alias("churned"));
  return features
    .join(future, { on: "customer_id", how: "left" })
    .withColumns(pl.col("churned").fillNull(1).cast(pl.Int32).alias("churned"))
    .filter(pl.col("tenure_days").gtEq(minHistoryDays))
    .sort("customer_id");
}

/** Options for {@linkcode churnFeatures}. */
export interface ChurnFeaturesOptions {
  /** The observation date: only transactions on or before it are read. */
  cutoff: Date;
  /** Length of each of the two spend windows compared by `spend_trend`. Default 90 days. */
  trendWindowDays?: number;
}

/**
 * The feature half of {@linkcode churnDataset}: one row per customer with a purchase on or before
 * `cutoff`, computed from those purchases only (transactions after the cutoff are dropped first,
 * so they cannot leak in). Also the function to score customers today: call it with today's date
 * as the cutoff and feed the result to a fitted model.
 *
 * @param tx Canonical, cleaned transactions.
 * @param options The cutoff and the spend-trend window.
 * @returns One row per customer, sorted by `customer_id` (the columns of `churnDataset` without
 * `churned`).
 * @throws {TypeError} When a column is missing or `cutoff` is not a valid Date.
 * @throws {RangeError} When no customer bought on or before the cutoff.
 *
 * @example Features ignore the future
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { churnFeatures } from "./churn_dataset.ts";
 *
 * const d = (s: string) => new Date(s + "T00:00:00Z");
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "a"],
 *   invoice_id: ["1", "2"],
 *   invoice_date: pl.Series("invoice_date", [d("2011-01-05"), d("2011-03-01")]),
 *   product_id: ["p", "q"],
 *   quantity: [1, 2],
 *   unit_price: [10, 5],
 * });
 * const f = churnFeatures(tx, { cutoff: d("2011-02-15") });
 * assert.equal(f.getColumn("frequency").toArray()[0], 1);
 * ```
 */
export function churnFeatures(tx: DataFrame, options: ChurnFeaturesOptions): DataFrame {
  const action = "compute churn features";
  const { cutoff } = options;
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
    throw new TypeError(`Cannot ${action} as cutoff is not a valid Date: ${String(cutoff)}`);
  }
  const window = options.trendWindowDays ?? 90;
  if (!Number.isInteger(window) || window <= 0) {
    throw new RangeError(
      `Cannot ${action} as trendWindowDays must be a positive integer: ${window}`,
    );
  }
  requireColumns(
    tx,
    ["customer_id", "invoice_id", "invoice_date", "product_id", "quantity", "unit_price"],
    action,
  );
  const cutoffMs = cutoff.getTime();
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const known = pl.col("customer_id").isNotNull();
  const past = tx.filter(known.and(ms.ltEq(pl.lit(cutoffMs))));
  if (past.height === 0) {
    throw new RangeError(
      `Cannot ${action} as no customer bought on or before the cutoff: cutoff ${iso(cutoffMs)}`,
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

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
