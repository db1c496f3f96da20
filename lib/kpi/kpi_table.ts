import pl from "nodejs-polars";
import type { DataFrame, Expr, LazyFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireDate,
  requireNumericColumns,
  requireOneOf,
  requireRows,
} from "../core/errors.ts";
import { DAY_MS, formatWallClock } from "../core/time.ts";
import { inHashChunk, SPLIT_ROWS } from "../core/_hash_chunks.ts";

/**
 * Passes over a LazyFrame of more than SPLIT_ROWS rows, one group of customers each. Measured on
 * 20M generated lines over Parquet (bench/scale.ts): collecting the scan and grouping it in
 * memory, with the customer-period pairs then in JS Sets, peaked at 4.3 GB.
 */
const KPI_PASSES = 4;

/** Calendar periods {@linkcode kpiTable} groups by. */
export type KpiPeriod = "month" | "quarter";

const PERIODS: readonly KpiPeriod[] = ["month", "quarter"];
const INPUT_COLUMNS = ["customer_id", "invoice_id", "invoice_date", "quantity", "unit_price"];
const ACTION = "compute the KPI table";

/** Options for {@linkcode kpiTable}. */
export interface KpiTableOptions {
  /** `"month"` or `"quarter"` (calendar periods, UTC fields). */
  period: KpiPeriod;
  /**
   * The analysis date (required): rows after it are left out, and a period that ends after it
   * is flagged `complete: false`. Compared through its UTC fields.
   */
  asOf: Date;
}

/** Period number: `year * 12 + month - 1` for months, `year * 4 + quarter - 1` for quarters. */
function periodExpr(period: KpiPeriod): Expr {
  const date = pl.col("invoice_date").cast(pl.Datetime("ms"));
  const month0 = date.dt.month().cast(pl.Int64).sub(pl.lit(1));
  if (period === "month") return date.dt.year().cast(pl.Int64).mul(pl.lit(12)).add(month0);
  const quarter0 = pl.when(month0.lt(pl.lit(3))).then(pl.lit(0))
    .when(month0.lt(pl.lit(6))).then(pl.lit(1))
    .when(month0.lt(pl.lit(9))).then(pl.lit(2))
    .otherwise(pl.lit(3));
  return date.dt.year().cast(pl.Int64).mul(pl.lit(4)).add(quarter0.cast(pl.Int64));
}

/** The first instant of a period number, in ms since the epoch. */
function periodStart(period: KpiPeriod, key: number): number {
  const perYear = period === "month" ? 12 : 4;
  const year = Math.floor(key / perYear);
  const index = key - year * perYear;
  return Date.UTC(year, period === "month" ? index : index * 3, 1);
}

/**
 * Customer KPIs per calendar month or quarter from a transaction log: activity, acquisition,
 * retention, churn and revenue, one row per period, the table a monthly business review opens
 * with.
 *
 * Definitions, for a period `p` (counting customers with at least one order line in it):
 * - `active_customers`: distinct customers with a purchase in `p`.
 * - `new_customers`: active customers whose first purchase in the data is in `p` (the first
 *   period's customers are all new: the log cannot see earlier purchases).
 * - `returning_customers = active - new`, split into `retained_customers` (also active in
 *   `p - 1`) and `reactivated_customers` (bought before, but not in `p - 1`: back after a gap).
 * - `retention_rate = retained / active(p - 1)`: the share of last period's customers who
 *   bought again this period (period-over-period retention, as in Fader and Hardie's "Customer-
 *   base analysis" and the cohort recipe of {@linkcode cohortRetention} applied to all active
 *   customers). Not the textbook `(active - new) / active(p - 1)` (Kumar and Reinartz, "Customer
 *   Relationship Management", ch. 5), which counts reactivated customers as retained and can
 *   exceed 100%: on cleaned Online Retail, September 2011 has 1,254 active customers, 296 new,
 *   and August 933, so the textbook gives 102.7% while 423 of August's 933 customers (45.3%)
 *   bought again; 535 came back after a gap. Null in the first period.
 * - `churned_customers = active(p - 1) - retained`, `churn_rate = churned / active(p - 1) =
 *   1 - retention_rate` (non-contractual "churn" here means no purchase this period).
 * - `repeat_purchase_rate`: active customers with 2 or more orders in `p`, over active customers
 *   (Shopify's "repeat customer rate", within the period).
 * - `revenue = sum(quantity * unit_price)`; `orders`: distinct `invoice_id` per customer, summed;
 *   `average_order_value = revenue / orders`; `purchase_frequency = orders / active`;
 *   `revenue_per_customer = revenue / active = average_order_value * purchase_frequency`
 *   (Kumar and Reinartz, ch. 5; Gupta and Lehmann, "Managing Customers as Investments", 2005).
 *
 * Rows counted: a customer id (not null, not `""`) and dated on or before `asOf`. Pass cleaned
 * transactions (see {@linkcode cleanTransactions}) so returns and cancellations do not count as
 * purchases. Periods run from the first counted row's to the last's, with no gaps (a period
 * without purchases has zeros and null rates). `period` is the period's first day (Date);
 * `complete` is false when `asOf` falls before the period's end (the next period's first
 * instant): e.g. December 2011 as of 2011-12-10, whose counts are low only because it is not
 * over.
 *
 * Reference: tests/reference/kpi_reference.py (pandas) on Online Retail, and hand-made logs.
 * Cost: O(n) Polars work (one group-by on customer and period) plus O(customer-periods) in JS,
 * over typed arrays.
 *
 * A LazyFrame (e.g. from {@linkcode scanTransactions}) is never materialised: its schema is
 * checked on an empty head, its rows counted, and only the (period, customer) pairs are
 * collected; above 4,000,000 rows in four passes on the streaming engine, one group of customers
 * each (by hash), so that memory stays bounded (bench/README, "Scale").
 *
 * @param tx Canonical transactions (`customer_id`, `invoice_id`, `invoice_date` as Datetime or
 *   Date, numeric `quantity` and `unit_price`), a DataFrame or a LazyFrame; never modified.
 * @param options The required `period` (`"month"` or `"quarter"`) and `asOf`.
 * @returns A new DataFrame, one row per period, sorted by `period`.
 * @throws {TypeError} When a column is missing or not numeric, `invoice_date` is not a date, or
 *   `asOf` is missing or not a Date.
 * @throws {RangeError} When `period` is not `"month"` or `"quarter"`, the frame is empty, or no
 *   customer row is on or before `asOf`.
 *
 * @example Three customers over three months
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { kpiTable } from "./kpi_table.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "b", "a", "a", "c", "b"],
 *   invoice_id: ["1", "2", "3", "4", "5", "6"],
 *   invoice_date: ["2011-01-05", "2011-01-09", "2011-02-01", "2011-02-20", "2011-02-21", "2011-03-02"]
 *     .map((d) => new Date(`${d}T10:00:00Z`)),
 *   quantity: [1, 2, 1, 3, 1, 1],
 *   unit_price: [10, 5, 20, 10, 8, 4],
 * });
 * const kpis = kpiTable(tx, { period: "month", asOf: new Date("2011-03-15T00:00:00Z") });
 * // February: a stays, b lapses, c is new; March: b comes back after a gap.
 * assert.deepEqual(kpis.getColumn("active_customers").toArray(), [2, 2, 1]);
 * assert.deepEqual(kpis.getColumn("retention_rate").toArray(), [null, 0.5, 0]);
 * assert.deepEqual(kpis.getColumn("reactivated_customers").toArray(), [0, 0, 1]);
 * assert.deepEqual(kpis.getColumn("revenue").toArray(), [20, 58, 4]);
 * assert.deepEqual(kpis.getColumn("complete").toArray(), [true, true, false]);
 * ```
 */
export function kpiTable(tx: DataFrame | LazyFrame, options: KpiTableOptions): DataFrame {
  const asOf = requireDate(options?.asOf, "asOf", ACTION);
  const period = requireOneOf(options?.period, PERIODS, "period", ACTION);
  const lazy = isLazyFrame(tx);
  // A LazyFrame's columns and types are checked on an empty head.
  const shape = lazy ? tx.head(0).collectSync() : tx;
  requireColumns(shape, INPUT_COLUMNS, ACTION);
  const dateType = shape.getColumn("invoice_date").dtype.variant;
  if (dateType !== "Datetime" && dateType !== "Date") {
    throw new TypeError(
      `Cannot ${ACTION} as column "invoice_date" is not a date: it is ${dateType}`,
    );
  }
  requireNumericColumns(shape, ["quantity", "unit_price"], ACTION);
  const height = lazy
    ? Number(
      tx.select(pl.len().alias("n")).collectSync({ engine: "streaming" }).getColumn("n").get(0),
    )
    : tx.height;
  if (lazy && height === 0) throw new RangeError(`Cannot ${ACTION} as the frame is empty: 0 rows`);
  if (!lazy) requireRows(tx, ACTION);

  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const customer = pl.col("customer_id");
  const hasCustomer = shape.getColumn("customer_id").dtype.variant === "String"
    ? customer.isNotNull().and(customer.neq(pl.lit("")))
    : customer.isNotNull();
  const counted = hasCustomer.and(ms.isNotNull()).and(ms.ltEq(pl.lit(asOf.getTime())));
  const pairsOf = (rows: LazyFrame) =>
    rows
      .filter(counted)
      .select(
        customer.alias("__customer"),
        periodExpr(period).alias("__period"),
        pl.col("invoice_id").alias("__invoice"),
        pl.col("quantity").cast(pl.Float64).mul(pl.col("unit_price").cast(pl.Float64)).alias(
          "__revenue",
        ),
      )
      .groupBy(["__period", "__customer"])
      .agg(
        pl.col("__invoice").nUnique().cast(pl.Int64).alias("orders"),
        pl.col("__revenue").sum().alias("revenue"),
      );
  let pairs: DataFrame;
  if (!lazy || height <= SPLIT_ROWS) {
    pairs = pairsOf(lazy ? tx : tx.lazy()).sort(["__period", "__customer"]).collectSync();
  } else {
    // A big LazyFrame: KPI_PASSES passes on the streaming engine, one group of customers each
    // (by hash); every (period, customer) pair is in one pass, so the pairs are those of one pass.
    const parts: DataFrame[] = [];
    for (let chunk = 0; chunk < KPI_PASSES; chunk++) {
      parts.push(
        pairsOf(tx.filter(inHashChunk("customer_id", KPI_PASSES, chunk)))
          .collectSync({ engine: "streaming" }),
      );
    }
    pairs = pl.concat(parts, { how: "vertical" }).sort(["__period", "__customer"]);
  }
  if (pairs.height === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as no customer transaction is on or before asOf: asOf is ${
        formatWallClock(asOf.getTime())
      }, ${height} rows`,
    );
  }
  // Customers as dense codes (equal ids, equal codes) and the columns as typed arrays: at 50M
  // lines there are millions of (period, customer) pairs, too many for JS Sets of ids.
  const periods = pairs.getColumn("__period").cast(pl.Int32).toTypedArray() as Int32Array;
  const codes = pairs.getColumn("__customer").rank("dense").cast(pl.Int32)
    .toTypedArray() as Int32Array;
  const orders = pairs.getColumn("orders").cast(pl.Float64).toTypedArray() as Float64Array;
  const revenues = pairs.getColumn("revenue").cast(pl.Float64).toTypedArray() as Float64Array;
  const first = periods[0];
  const last = periods[periods.length - 1];
  const size = last - first + 1;
  let customers = 0;
  for (let i = 0; i < codes.length; i++) customers = Math.max(customers, codes[i]);
  // Per customer (by code): the first period active, and the last period active so far; the pairs
  // come in period order, one per (period, customer), so "active in p - 1" is lastPeriod = p - 1.
  const firstPeriod = new Int32Array(customers + 1).fill(-1);
  const lastPeriod = new Int32Array(customers + 1).fill(-1);
  const out = {
    active: new Array<number>(size).fill(0),
    new: new Array<number>(size).fill(0),
    repeat: new Array<number>(size).fill(0),
    retained: new Array<number>(size).fill(0),
    orders: new Array<number>(size).fill(0),
    revenue: new Array<number>(size).fill(0),
  };
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i] - first;
    const c = codes[i];
    if (firstPeriod[c] < 0) firstPeriod[c] = p;
    out.active[p]++;
    if (firstPeriod[c] === p) out.new[p]++;
    if (p > 0 && lastPeriod[c] === p - 1) out.retained[p]++;
    lastPeriod[c] = p;
    if (orders[i] >= 2) out.repeat[p]++;
    out.orders[p] += orders[i];
    out.revenue[p] += revenues[i];
  }
  const rate = (num: number, den: number) => den > 0 ? num / den : null;
  const rows = {
    period: [] as number[],
    complete: [] as boolean[],
    active_customers: out.active,
    new_customers: out.new,
    returning_customers: [] as number[],
    retained_customers: [] as number[],
    reactivated_customers: [] as number[],
    churned_customers: [] as (number | null)[],
    retention_rate: [] as (number | null)[],
    churn_rate: [] as (number | null)[],
    repeat_purchase_rate: [] as (number | null)[],
    revenue: out.revenue,
    orders: out.orders,
    average_order_value: [] as (number | null)[],
    purchase_frequency: [] as (number | null)[],
    revenue_per_customer: [] as (number | null)[],
  };
  for (let p = 0; p < size; p++) {
    const key = first + p;
    rows.period.push(periodStart(period, key) / DAY_MS);
    rows.complete.push(asOf.getTime() >= periodStart(period, key + 1));
    const retained = out.retained[p];
    const returning = out.active[p] - out.new[p];
    const previous = p > 0 ? out.active[p - 1] : 0;
    rows.returning_customers.push(returning);
    rows.retained_customers.push(retained);
    rows.reactivated_customers.push(returning - retained);
    rows.churned_customers.push(p > 0 ? previous - retained : null);
    const retention = rate(retained, previous);
    rows.retention_rate.push(retention);
    rows.churn_rate.push(retention === null ? null : rate(previous - retained, previous));
    rows.repeat_purchase_rate.push(rate(out.repeat[p], out.active[p]));
    rows.average_order_value.push(rate(out.revenue[p], out.orders[p]));
    rows.purchase_frequency.push(rate(out.orders[p], out.active[p]));
    rows.revenue_per_customer.push(rate(out.revenue[p], out.active[p]));
  }
  const int = (name: string, values: (number | null)[]) => pl.Series(name, values, pl.Int64);
  const float = (name: string, values: (number | null)[]) => pl.Series(name, values, pl.Float64);
  return pl.DataFrame([
    pl.Series("period", rows.period, pl.Int32).cast(pl.Date),
    pl.Series("complete", rows.complete, pl.Bool),
    int("active_customers", rows.active_customers),
    int("new_customers", rows.new_customers),
    int("returning_customers", rows.returning_customers),
    int("retained_customers", rows.retained_customers),
    int("reactivated_customers", rows.reactivated_customers),
    int("churned_customers", rows.churned_customers),
    float("retention_rate", rows.retention_rate),
    float("churn_rate", rows.churn_rate),
    float("repeat_purchase_rate", rows.repeat_purchase_rate),
    float("revenue", rows.revenue),
    int("orders", rows.orders),
    float("average_order_value", rows.average_order_value),
    float("purchase_frequency", rows.purchase_frequency),
    float("revenue_per_customer", rows.revenue_per_customer),
  ]);
}

/** Whether `tx` is a LazyFrame (a query plan) rather than a DataFrame. */
function isLazyFrame(tx: DataFrame | LazyFrame): tx is LazyFrame {
  return typeof (tx as { collectSync?: unknown })?.collectSync === "function";
}
