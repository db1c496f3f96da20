/**
 * Revenue, orders, customers and lines per calendar period or time-of-week slot.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import { requireColumns, requireNumericColumns, requireRows } from "../core/errors.ts";
import { dtypeName, requireTemporal } from "../core/dtypes.ts";

/** The ways {@linkcode revenueByTime} can bucket `invoice_date`. */
export type RevenuePeriod = "day" | "week" | "month" | "weekday" | "hour" | "weekday_hour";

/** Options for {@linkcode revenueByTime}. */
export interface RevenueByTimeOptions {
  /**
   * - `"day"`, `"week"` (weeks start on Monday), `"month"`: a calendar period, keyed by its first
   *   day in a Date column `period`;
   * - `"weekday"`: `weekday` (1 = Monday … 7 = Sunday, ISO 8601) and `weekday_name` (`"Mon"` …);
   * - `"hour"`: `hour` of the day, 0-23;
   * - `"weekday_hour"`: `weekday`, `weekday_name` and `hour`, for a week heat map.
   */
  period: RevenuePeriod;
}

const PERIODS: readonly RevenuePeriod[] = [
  "day",
  "week",
  "month",
  "weekday",
  "hour",
  "weekday_hour",
];
/** Weekday labels in ISO order (Monday first), as `weekday_name` uses them. */
export const WEEKDAY_NAMES: readonly string[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const TRUNCATE_EVERY = { day: "1d", week: "1w", month: "1mo" } as const;

/**
 * Revenue by time: totals of a transaction table per day, week or month, or per weekday and/or
 * hour of the day, computed with Polars expressions (`groupBy` + `agg`) and sorted by the period
 * keys. Line revenue is `quantity * unit_price` (returns with negative quantities reduce it).
 *
 * Periods are read from `invoice_date` as local wall-clock time: a naive Datetime as stored (UTC by
 * our convention), a Datetime with a time zone in that zone (an order at 00:30 in Paris on Monday
 * counts for Monday, hour 0, even though it is Sunday 23:30 UTC). Only periods, weekdays and hours that have transactions
 * appear: empty days, weeks, months and weekday/hour slots are omitted, not filled with zeros.
 * Rows with a null `invoice_date` are skipped. Cost: O(n) hashing plus O(p log p) to sort p periods.
 *
 * @param tx A canonical transaction frame (`invoice_id`, `customer_id`, `invoice_date`, `quantity`,
 * `unit_price`); not modified.
 * @param options The period.
 * @returns A new frame: the key columns (see {@linkcode RevenueByTimeOptions.period}; `weekday` and
 * `hour` are Int32), then `revenue` (Float64), `orders` (distinct `invoice_id`), `customers`
 * (distinct non-null `customer_id`) and `lines` (rows), all Int64.
 * @throws {TypeError} When a column is missing, `invoice_date` is not a Date/Datetime (or is a
 * Date while hours are asked for), or `quantity`/`unit_price` is not numeric.
 * @throws {RangeError} When the frame has no rows or the period is unknown.
 *
 * @example Revenue per weekday
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { revenueByTime } from "./revenue_by_time.ts";
 *
 * const tx = pl.DataFrame({
 *   invoice_id: ["A", "A", "B"],
 *   customer_id: ["c1", "c1", null],
 *   invoice_date: [
 *     new Date("2024-01-01T09:00:00Z"), // a Monday
 *     new Date("2024-01-01T09:00:00Z"),
 *     new Date("2024-01-07T18:00:00Z"), // a Sunday
 *   ],
 *   quantity: [2, 1, 5],
 *   unit_price: [3.5, 10, 1],
 * });
 * const byWeekday = revenueByTime(tx, { period: "weekday" });
 * assert.deepEqual(byWeekday.toRecords(), [
 *   { weekday: 1, weekday_name: "Mon", revenue: 17, orders: 1, customers: 1, lines: 2 },
 *   { weekday: 7, weekday_name: "Sun", revenue: 5, orders: 1, customers: 0, lines: 1 },
 * ]);
 * ```
 */
export function revenueByTime(tx: DataFrame, options: RevenueByTimeOptions): DataFrame {
  const action = "compute revenue by time";
  const period = options?.period;
  if (!PERIODS.includes(period)) {
    throw new RangeError(
      `Cannot ${action} as the period is unknown: got "${period}", expected one of ${
        PERIODS.join(", ")
      }`,
    );
  }
  requireColumns(
    tx,
    ["invoice_id", "customer_id", "invoice_date", "quantity", "unit_price"],
    action,
  );
  requireRows(tx, action);
  requireTemporal(tx, "invoice_date", action);
  requireNumericColumns(tx, ["quantity", "unit_price"], action);
  const dateType = tx.getColumn("invoice_date").dtype;
  if ((period === "hour" || period === "weekday_hour") && dateType.variant === "Date") {
    throw new TypeError(
      `Cannot ${action} by ${period} as invoice_date has no time of day: its dtype is ${
        dtypeName(dateType)
      }`,
    );
  }

  // A zoned Datetime is bucketed on its local wall-clock time: relabelling it as UTC keeps the wall
  // time, so truncate, the cast to Date, weekday and hour all agree (cast alone would use UTC).
  const zone = dateType.variant === "Datetime" && dtypeName(dateType).includes(",");
  const date = zone ? pl.col("invoice_date").dt.replaceTimeZone("UTC") : pl.col("invoice_date");
  const keys: Expr[] = [];
  if (period === "day" || period === "week" || period === "month") {
    keys.push(date.dt.truncate(TRUNCATE_EVERY[period]).cast(pl.Date).alias("period"));
  }
  if (period === "weekday" || period === "weekday_hour") {
    keys.push(date.dt.weekday().cast(pl.Int32).alias("weekday"));
  }
  if (period === "hour" || period === "weekday_hour") {
    keys.push(date.dt.hour().cast(pl.Int32).alias("hour"));
  }
  const keyNames = period === "weekday_hour"
    ? ["weekday", "hour"]
    : period === "weekday" || period === "hour"
    ? [period]
    : ["period"];

  let out = tx
    .filter(pl.col("invoice_date").isNotNull())
    .select(
      ...keys,
      pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64)).alias(
        "revenue",
      ),
      pl.col("invoice_id"),
      pl.col("customer_id"),
    )
    .groupBy(keyNames)
    .agg(
      pl.col("revenue").sum().alias("revenue"),
      pl.col("invoice_id").nUnique().cast(pl.Int64).alias("orders"),
      pl.col("customer_id").dropNulls().nUnique().cast(pl.Int64).alias("customers"),
      pl.len().cast(pl.Int64).alias("lines"),
    )
    .sort(keyNames);

  if (period === "weekday" || period === "weekday_hour") {
    const names = (out.getColumn("weekday").toArray() as number[]).map((d) => WEEKDAY_NAMES[d - 1]);
    out = out.withColumn(pl.Series("weekday_name", names, pl.Utf8)).select(
      "weekday",
      "weekday_name",
      ...keyNames.slice(1),
      "revenue",
      "orders",
      "customers",
      "lines",
    );
  }
  return out;
}
