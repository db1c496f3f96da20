import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireDate,
  requireInteger,
  requireNonNegative,
  requireRows,
} from "../core/errors.ts";
import { DAY_MS, formatWallClock } from "../core/time.ts";
import { REQUIRED_TRANSACTION_COLUMNS } from "../io/read_transactions.ts";
import { churnFeatures } from "./churn_features.ts";

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

/**
 * Builds a leakage-safe churn table from a transaction log: one row per customer with at least
 * one purchase on or before `cutoff`, features computed only from those purchases, and the label
 * `churned` = 1 when the customer makes no purchase in the `horizonDays` after the cutoff.
 *
 * Features (all from transactions on or before the cutoff):
 * - RFM: `recency_days`, `frequency` (invoices), `monetary`, `tenure_days`, `avg_order_value`
 *   (exactly `computeRfm` with `asOf = cutoff`);
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
 * @throws {TypeError} When a column is missing or `cutoff` is missing or not a Date.
 * @throws {RangeError} When `cutoff` is an invalid Date, `horizonDays` or `trendWindowDays` is not
 * a positive integer, `minHistoryDays` is negative, the frame is empty, the data end before the
 * label window does, or no customer bought on or before the cutoff.
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
  const cutoff = requireDate(options?.cutoff, "cutoff", action);
  const horizonDays = requireInteger(options.horizonDays, "horizonDays", action);
  const minHistoryDays = requireNonNegative(options.minHistoryDays ?? 0, "minHistoryDays", action);
  const window = requireInteger(options.trendWindowDays ?? 90, "trendWindowDays", action);
  requireColumns(tx, REQUIRED_TRANSACTION_COLUMNS, action);
  requireRows(tx, action);

  const cutoffMs = cutoff.getTime();
  const endMs = cutoffMs + horizonDays * DAY_MS;
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const known = pl.col("customer_id").isNotNull();
  const lastMs = Number(tx.select(ms.max().alias("m")).toRecords()[0].m);
  if (!(lastMs >= endMs)) {
    throw new RangeError(
      `Cannot ${action} as the data end before the label window does: last transaction ${
        formatWallClock(lastMs)
      }, window (${formatWallClock(cutoffMs)}, ${formatWallClock(endMs)}]`,
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
