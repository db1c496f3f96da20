import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import {
  requireColumns,
  requireDate,
  requireFrame,
  requireNumericColumns,
  requireOneOf,
} from "../core/errors.ts";
import { requireTemporal } from "../core/dtypes.ts";
import { DAY_MS, formatWallClock } from "../core/time.ts";
import type { SeriesPeriod } from "./_series.ts";

/** What {@linkcode regularSeries} measures per period. */
export type SeriesValue = "revenue" | "orders" | "customers";

/** Options for {@linkcode regularSeries}. */
export interface RegularSeriesOptions {
  /** `"day"`, `"week"` (ISO weeks, Monday to Sunday) or `"month"` (calendar months). */
  period: SeriesPeriod;
  /**
   * `"revenue"` (sum of `quantity * unit_price`), `"orders"` (distinct `invoice_id`) or
   * `"customers"` (distinct non-missing `customer_id`, the period's active customers).
   */
  value: SeriesValue;
  /**
   * The analysis time (required): rows after it are left out, the series runs to the period
   * holding the instant just before it, and a period ending after it is flagged incomplete.
   * Compared through its UTC fields (wall-clock time).
   */
  asOf: Date;
  /**
   * When the log starts covering the shop (default: midnight of the first counted row's day).
   * A period starting before it is flagged incomplete: a week whose Monday precedes the log.
   */
  start?: Date;
}

const PERIODS: readonly SeriesPeriod[] = ["day", "week", "month"];
const VALUES: readonly SeriesValue[] = ["revenue", "orders", "customers"];
const ACTION = "build a regular series";

/** The integer key of a row's period: epoch day, epoch day of its Monday, or year*12+month0. */
function keyExpr(period: SeriesPeriod): Expr {
  const date = pl.col("invoice_date").cast(pl.Datetime("ms"));
  if (period === "month") {
    return date.dt.year().cast(pl.Int64).mul(pl.lit(12)).add(
      date.dt.month().cast(pl.Int64).sub(pl.lit(1)),
    );
  }
  const day = date.cast(pl.Date).cast(pl.Int32).cast(pl.Int64);
  if (period === "day") return day;
  // Polars' weekday is 1 on Mondays: step back to the week's Monday.
  return day.sub(date.dt.weekday().cast(pl.Int64).sub(pl.lit(1)));
}

/** First instant (epoch ms) of a period key. */
function keyStart(period: SeriesPeriod, key: number): number {
  if (period === "month") return Date.UTC(Math.floor(key / 12), key - Math.floor(key / 12) * 12, 1);
  return key * DAY_MS;
}

/** The key after `key`. */
function nextKey(period: SeriesPeriod, key: number): number {
  return period === "week" ? key + 7 : key + 1;
}

/** The key of the period holding epoch ms `ms`. */
function keyOf(period: SeriesPeriod, ms: number): number {
  const d = new Date(ms);
  if (period === "month") return d.getUTCFullYear() * 12 + d.getUTCMonth();
  const day = Math.floor(ms / DAY_MS);
  if (period === "day") return day;
  return day - ((d.getUTCDay() + 6) % 7);
}

/**
 * Aggregates a transaction log into a regular time series, one row per day, ISO week or calendar
 * month, with every period present: a period without any counted row is filled explicitly with
 * 0 and flagged `filled: true` (a day the shop did not trade is a zero, not a missing row), and
 * a period not wholly inside the covered time (`start` to `asOf`) is flagged `complete: false`,
 * so a partial month (December 2011 holds 9 days) is never silently taken for a weak one. The
 * forecasting functions refuse series with incomplete rows: keep `complete` rows only.
 *
 * Columns: `date` (Date, the period's first day: a Monday for weeks, the 1st for months),
 * `value` (Float64), `complete` (Bool), `filled` (Bool). Rows counted: dated on or before `asOf`;
 * for `"customers"` also a customer id (not null, not `""`). Pass cleaned transactions (see
 * {@linkcode cleanTransactions}) so that cancellations and returns do not count as sales.
 *
 * Cost: one Polars group-by, O(n) (revenue is then summed in row order in JS, over typed arrays,
 * so the same log always gives the same bits); the gap filling is O(periods).
 *
 * @param tx Transactions with `invoice_date` (Datetime or Date) and the columns the value needs:
 *   `quantity` and `unit_price` (revenue), `invoice_id` (orders), `customer_id` (customers).
 * @param options `period`, `value` and `asOf` (required), `start`.
 * @returns A new DataFrame, one row per period, sorted by `date`.
 * @throws {TypeError} When a needed column is missing or has the wrong type, or `asOf` / `start`
 *   is not a Date.
 * @throws {RangeError} When `period` or `value` is unknown, or no row is on or before `asOf`.
 *
 * @example Weekly revenue with a gap and a partial last week
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { regularSeries } from "./regular_series.ts";
 *
 * const tx = pl.DataFrame({
 *   invoice_id: ["1", "2", "3"],
 *   invoice_date: ["2011-01-03", "2011-01-05", "2011-01-19"].map((d) => new Date(`${d}T10:00:00Z`)),
 *   quantity: [1, 2, 1],
 *   unit_price: [10, 5, 7],
 * });
 * const weekly = regularSeries(tx, {
 *   period: "week",
 *   value: "revenue",
 *   asOf: new Date("2011-01-20T00:00:00Z"),
 * });
 * assert.deepEqual(weekly.getColumn("value").toArray(), [20, 0, 7]);
 * assert.deepEqual(weekly.getColumn("filled").toArray(), [false, true, false]);
 * assert.deepEqual(weekly.getColumn("complete").toArray(), [true, true, false]);
 * ```
 */
export function regularSeries(tx: DataFrame, options: RegularSeriesOptions): DataFrame {
  requireFrame(tx, "tx", ACTION);
  const period = requireOneOf(options?.period, PERIODS, "period", ACTION);
  const value = requireOneOf(options?.value, VALUES, "value", ACTION);
  const asOf = requireDate(options?.asOf, "asOf", ACTION).getTime();
  const start = options.start === undefined
    ? undefined
    : requireDate(options.start, "start", ACTION).getTime();
  const needed = value === "revenue"
    ? ["invoice_date", "quantity", "unit_price"]
    : value === "orders"
    ? ["invoice_date", "invoice_id"]
    : ["invoice_date", "customer_id"];
  requireColumns(tx, needed, ACTION);
  requireTemporal(tx, "invoice_date", ACTION);
  if (value === "revenue") requireNumericColumns(tx, ["quantity", "unit_price"], ACTION);

  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64);
  let counted = ms.isNotNull().and(ms.ltEq(pl.lit(asOf)));
  let measure: Expr;
  if (value === "revenue") {
    measure = pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64)).sum();
  } else if (value === "orders") {
    measure = pl.col("invoice_id").nUnique().cast(pl.Float64);
  } else {
    const customer = pl.col("customer_id");
    counted = counted.and(customer.isNotNull());
    if (tx.getColumn("customer_id").dtype.variant === "String") {
      counted = counted.and(customer.neq(pl.lit("")));
    }
    measure = customer.nUnique().cast(pl.Float64);
  }
  const grouped = tx.lazy()
    .filter(counted)
    .withColumns(keyExpr(period).alias("__key"), ms.alias("__ms"))
    .groupBy("__key")
    .agg(measure.alias("value"), pl.col("__ms").min().alias("__first"))
    .sort("__key")
    .collectSync();
  if (grouped.height === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as no ${
        value === "customers" ? "customer " : ""
      }row is on or before asOf: asOf is ${formatWallClock(asOf)}, ${tx.height} rows`,
    );
  }
  const keys = grouped.getColumn("__key").toArray().map(Number);
  const sums = grouped.getColumn("value").toArray().map(Number);
  const firstMs = Math.min(...(grouped.getColumn("__first").toArray() as number[]).map(Number));
  const coverStart = start ?? Math.floor(firstMs / DAY_MS) * DAY_MS;
  const lastKey = Math.max(keys[keys.length - 1], keyOf(period, asOf - 1));
  const byKey = new Map(keys.map((k, i) => [k, sums[i]]));
  if (value === "revenue") {
    // Polars' parallel group sums differ in the last bits from run to run; summing the line
    // revenues in row order here makes the series (and every fit on it) reproducible.
    const lines = tx.lazy()
      .filter(counted)
      .select(
        keyExpr(period).cast(pl.Float64).alias("key"),
        pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64))
          .fillNull(pl.lit(0)).alias("revenue"),
      )
      .collectSync();
    const key = lines.getColumn("key").toTypedArray() as Float64Array;
    const revenue = lines.getColumn("revenue").toTypedArray() as Float64Array;
    for (const k of keys) byKey.set(k, 0);
    for (let i = 0; i < key.length; i++) {
      byKey.set(key[i], (byKey.get(key[i]) as number) + revenue[i]);
    }
  }
  const dates: number[] = [];
  const values: number[] = [];
  const complete: boolean[] = [];
  const filled: boolean[] = [];
  for (let key = keys[0]; key <= lastKey; key = nextKey(period, key)) {
    const from = keyStart(period, key);
    const to = keyStart(period, nextKey(period, key));
    dates.push(from / DAY_MS);
    values.push(byKey.get(key) ?? 0);
    filled.push(!byKey.has(key));
    complete.push(from >= coverStart && to <= asOf);
  }
  return pl.DataFrame([
    pl.Series("date", dates, pl.Int32).cast(pl.Date),
    pl.Series("value", values, pl.Float64),
    pl.Series("complete", complete, pl.Bool),
    pl.Series("filled", filled, pl.Bool),
  ]);
}

/** Options for {@linkcode selectPeriods}. */
export interface SelectPeriodsOptions {
  /**
   * `"complete"` (the rows a model may use), `"incomplete"` (partial periods) or `"filled"`
   * (periods without any counted row, set to 0).
   */
  where: "complete" | "incomplete" | "filled";
}

/**
 * Keeps the rows of a {@linkcode regularSeries} output that are complete, incomplete or filled,
 * so a notebook can take the complete periods for modelling, or list the gaps, without writing
 * Polars expressions.
 *
 * @param series A frame with the Bool columns `complete` and `filled`.
 * @param options `where`.
 * @returns A new frame with the matching rows, in their order.
 * @throws {TypeError} When the column is missing.
 * @throws {RangeError} When `where` is unknown.
 *
 * @example Drop the partial last week
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { selectPeriods } from "./regular_series.ts";
 *
 * const series = pl.DataFrame({ value: [3, 0, 1], complete: [true, true, false], filled: [false, true, false] });
 * assert.deepEqual(selectPeriods(series, { where: "complete" }).getColumn("value").toArray(), [3, 0]);
 * assert.deepEqual(selectPeriods(series, { where: "filled" }).getColumn("value").toArray(), [0]);
 * ```
 */
export function selectPeriods(series: DataFrame, options: SelectPeriodsOptions): DataFrame {
  const action = "select periods";
  requireFrame(series, "series", action);
  const where = requireOneOf(
    options?.where,
    ["complete", "incomplete", "filled"] as const,
    "where",
    action,
  );
  const column = where === "filled" ? "filled" : "complete";
  requireColumns(series, [column], action);
  const flag = pl.col(column).eq(pl.lit(where !== "incomplete"));
  return series.filter(flag);
}
