import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import {
  attachNotes,
  formatExamples,
  requireColumns,
  requireDate,
  requireOneOf,
  requireRows,
} from "../core/errors.ts";
import { DAY_MS, formatWallClock } from "../core/time.ts";

/** Calendar periods {@linkcode cohortRetention} groups by. */
export type CohortPeriod = "month" | "week";

const PERIODS: readonly CohortPeriod[] = ["month", "week"];

/** Options for {@linkcode cohortRetention}. */
export interface CohortRetentionOptions {
  /**
   * `"month"` (calendar months, the default) or `"week"` (ISO weeks, Monday to Sunday).
   */
  period?: CohortPeriod;
  /**
   * The analysis date (required, never defaulted to the data's last date, which would move when
   * data is appended). Only transactions on or before this moment count, and the table runs to
   * its period (a partial period if `asOf` is inside one). Compared through its UTC fields, as
   * `invoice_date` holds wall-clock times stored as UTC: write `new Date("2011-12-10")`.
   */
  asOf: Date;
}

/** Columns {@linkcode cohortRetention} reads; other columns are ignored. */
const INPUT_COLUMNS = ["customer_id", "invoice_date"] as const;

/**
 * The period number of each row: months since January of year 0 (`year * 12 + month - 1`) or
 * weeks since the Monday 1969-12-29 (the Monday on or before the date, as days since that
 * Monday, divided by 7). Both are consecutive integers, so differences count periods.
 */
function periodExpr(period: CohortPeriod, ms: Expr): Expr {
  if (period === "month") {
    const date = pl.col("invoice_date").cast(pl.Datetime("ms"));
    return date.dt.year().cast(pl.Int64).mul(pl.lit(12)).add(
      date.dt.month().cast(pl.Int64).sub(pl.lit(1)),
    );
  }
  // Days since 1970-01-01 (a Thursday), floored; weekday with Monday = 0 is (days + 3) mod 7.
  const days = ms.cast(pl.Float64).div(pl.lit(DAY_MS)).floor();
  const shifted = days.add(pl.lit(3));
  const weekday = shifted.sub(shifted.div(pl.lit(7)).floor().mul(pl.lit(7)));
  return days.sub(weekday).add(pl.lit(3)).div(pl.lit(7)).round(0).cast(pl.Int64);
}

/** {@linkcode periodExpr} for one moment, in JS. */
function periodOf(period: CohortPeriod, msSinceEpoch: number): number {
  const date = new Date(msSinceEpoch);
  if (period === "month") return date.getUTCFullYear() * 12 + date.getUTCMonth();
  const days = Math.floor(msSinceEpoch / DAY_MS);
  const weekday = (((days + 3) % 7) + 7) % 7;
  return (days - weekday + 3) / 7;
}

/** The first day of a period number, as days since 1970-01-01. */
function periodStartDays(period: CohortPeriod, key: number): number {
  if (period === "week") return key * 7 - 3;
  const year = Math.floor(key / 12);
  return Date.UTC(year, key - year * 12, 1) / DAY_MS;
}

/**
 * Builds the cohort retention table from transactions: customers are grouped into cohorts by the
 * calendar period of their first purchase, and for each cohort and each period since then the
 * table gives how many of its customers bought again in that period, the classic "cohort
 * analysis" triangle (the pandas recipe: cohort = `groupby(customer).min(order_month)`,
 * `period_index = (year - cohort_year) * 12 + (month - cohort_month)`, then `nunique`
 * customers per cohort and period index).
 *
 * Output, long format, sorted by `cohort` then `period_index`:
 * - `cohort` (Date): the first day of the cohort's period (the 1st of the month, or the Monday
 *   of the ISO week);
 * - `period_index` (Int64): 0 for the cohort's own period, 1 for the next, ...;
 * - `customers` (Int64): distinct customers of the cohort with a purchase in that period (every
 *   customer is active at index 0, so index 0 holds the whole cohort);
 * - `cohort_size` (Int64): the cohort's customers;
 * - `retention` (Float64): `customers / cohort_size`, 1 at index 0.
 *
 * Every cohort has a row for each index from 0 up to the last observed period, with `customers` 0
 * where nobody from the cohort bought: a complete triangle, so a zero is an observed zero, and a
 * missing cell is a period not observed. The last observed period is the period of `asOf` or,
 * when the data ends in an earlier period, the period of the data's last transaction on or before
 * `asOf` (any row with a date, with or without a customer): periods after the data ends are left
 * out, never reported as zero retention, and a `periods_after_data_end` note (see `dataNotes`)
 * gives how many periods were left out, with the data's end and `asOf` as examples. The last
 * period is partial when `asOf` or the data's end falls inside it (e.g. 10 December 2011 for
 * Online Retail): its retention is lower only because the period is not over; leave it out of
 * comparisons, or set `asOf` to the end of a whole period. Periods are calendar periods of the
 * wall-clock `invoice_date`.
 *
 * Rows counted: those with a customer id (not null, not `""`) dated on or before `asOf`. Pass
 * cleaned transactions (see {@linkcode cleanTransactions}) so that cancellations do not count as
 * activity.
 *
 * Reference: the cohort recipe as usually written in pandas, re-implemented in
 * tests/reference/survival_reference.py and matched on Online Retail (monthly and weekly).
 *
 * Cost: O(n) Polars work (a distinct of customer-period pairs, a group-by and a join), plus
 * O(cohorts x periods) to fill the triangle; about 0.1 s for the 388,332 cleaned Online Retail
 * rows.
 *
 * @param tx Canonical transactions (needs `customer_id` and `invoice_date`, Datetime or Date);
 * never modified.
 * @param options The required `asOf` and the period (`"month"`, the default, or `"week"`).
 * @returns A new DataFrame, one row per cohort and period index.
 * @throws {TypeError} When a column is missing, `invoice_date` is not a date, or `asOf` is missing
 * or not a Date.
 * @throws {RangeError} When `asOf` is an invalid Date, `period` is not `"month"` or `"week"`, the
 * frame is empty, no row has a customer id, no customer row is on or before `asOf`, or a customer
 * row has a missing `invoice_date` (with the count and the first row numbers, from 1).
 *
 * @example Two cohorts over three months
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { cohortRetention } from "./cohort_retention.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "b", "a", "c", "a", "c"],
 *   invoice_date: [
 *     new Date("2011-01-03T10:00:00Z"),
 *     new Date("2011-01-20T10:00:00Z"),
 *     new Date("2011-02-14T10:00:00Z"),
 *     new Date("2011-02-15T10:00:00Z"),
 *     new Date("2011-03-01T10:00:00Z"),
 *     new Date("2011-03-31T23:59:00Z"),
 *   ],
 * });
 * const table = cohortRetention(tx, { asOf: new Date("2011-03-31T23:59:59Z"), period: "month" });
 * // January: a and b (a back in Feb and Mar); February: c (back in March).
 * assert.deepEqual(table.getColumn("period_index").toArray(), [0, 1, 2, 0, 1]);
 * assert.deepEqual(table.getColumn("customers").toArray(), [2, 1, 1, 1, 1]);
 * assert.deepEqual(table.getColumn("retention").toArray(), [1, 0.5, 0.5, 1, 1]);
 * const cohorts = table.getColumn("cohort").toArray() as unknown as Date[];
 * assert.equal(cohorts[3].toISOString(), "2011-02-01T00:00:00.000Z");
 * ```
 */
export function cohortRetention(tx: DataFrame, options: CohortRetentionOptions): DataFrame {
  const action = "compute cohort retention";
  const asOf = requireDate(options?.asOf, "asOf", action);
  const period = requireOneOf(options?.period ?? "month", PERIODS, "period", action);
  requireColumns(tx, INPUT_COLUMNS, action);
  const dateType = tx.getColumn("invoice_date").dtype.variant;
  if (dateType !== "Datetime" && dateType !== "Date") {
    throw new TypeError(
      `Cannot ${action} as column "invoice_date" is not a date: it is ${dateType}`,
    );
  }
  requireRows(tx, action);

  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const customer = pl.col("customer_id");
  const hasCustomer = tx.getColumn("customer_id").dtype.variant === "String"
    ? customer.isNotNull().and(customer.neq(pl.lit("")))
    : customer.isNotNull();
  const counted = hasCustomer.and(ms.ltEq(pl.lit(asOf.getTime())).fillNull(true));
  const stats = tx.select(
    hasCustomer.sum().alias("customers"),
    counted.sum().alias("counted"),
    counted.and(ms.isNull()).sum().alias("missing_date"),
    ms.filter(hasCustomer).min().alias("first"),
    ms.filter(ms.ltEq(pl.lit(asOf.getTime()))).max().alias("data_end"),
  ).toRecords()[0];
  if (Number(stats.customers) === 0) {
    throw new RangeError(
      `Cannot ${action} as no row has a customer id: all ${tx.height} rows have a missing customer_id`,
    );
  }
  if (Number(stats.missing_date) > 0) {
    const count = Number(stats.missing_date);
    const rows = tx.withRowIndex("__row").filter(counted.and(ms.isNull())).head(5);
    const numbers = (rows.getColumn("__row").toArray() as number[]).map((r) => Number(r) + 1);
    throw new RangeError(
      `Cannot ${action} as ${count} customer ${
        count === 1 ? "row has" : "rows have"
      } a missing invoice_date: rows ${formatExamples(numbers, count)}`,
    );
  }
  if (Number(stats.counted) === 0) {
    throw new RangeError(
      `Cannot ${action} as no customer transaction is on or before asOf: asOf is ${
        formatWallClock(asOf.getTime())
      }, the first customer transaction is on ${formatWallClock(Number(stats.first))}`,
    );
  }

  const pairs = tx.lazy()
    .filter(counted)
    .select(customer.alias("__customer"), periodExpr(period, ms).alias("__period"))
    .unique();
  const counts = pairs
    .join(
      pairs.groupBy("__customer").agg(pl.col("__period").min().alias("__cohort")),
      { on: "__customer" },
    )
    .groupBy(["__cohort", "__period"])
    .agg(pl.col("__customer").count().cast(pl.Int64).alias("customers"))
    .sort(["__cohort", "__period"])
    .collectSync();

  const cohortKeys = counts.getColumn("__cohort").toArray() as number[];
  const periodKeys = counts.getColumn("__period").toArray() as number[];
  const customerCounts = counts.getColumn("customers").toArray() as number[];
  // The last observed period: asOf's, or the data's last period when the data ends before it.
  const asOfPeriod = periodOf(period, asOf.getTime());
  const dataEnd = Number(stats.data_end);
  const last = Math.min(asOfPeriod, periodOf(period, dataEnd));
  const found = new Map<string, number>();
  const sizes = new Map<number, number>();
  cohortKeys.forEach((c, i) => {
    found.set(`${c}:${periodKeys[i]}`, Number(customerCounts[i]));
    if (Number(periodKeys[i]) === Number(c)) sizes.set(Number(c), Number(customerCounts[i]));
  });
  const cohortDays: number[] = [];
  const periodIndex: number[] = [];
  const customers: number[] = [];
  const cohortSize: number[] = [];
  const retention: number[] = [];
  for (const cohort of [...sizes.keys()].sort((a, b) => a - b)) {
    const size = sizes.get(cohort)!;
    for (let p = cohort; p <= last; p++) {
      const active = found.get(`${cohort}:${p}`) ?? 0;
      cohortDays.push(periodStartDays(period, cohort));
      periodIndex.push(p - cohort);
      customers.push(active);
      cohortSize.push(size);
      retention.push(active / size);
    }
  }
  const table = pl.DataFrame([
    pl.Series("cohort", cohortDays, pl.Int32).cast(pl.Date),
    pl.Series("period_index", periodIndex, pl.Int64),
    pl.Series("customers", customers, pl.Int64),
    pl.Series("cohort_size", cohortSize, pl.Int64),
    pl.Series("retention", retention, pl.Float64),
  ]);
  if (last >= asOfPeriod) return table;
  return attachNotes(table, [{
    rule: "periods_after_data_end",
    column: "invoice_date",
    rows: asOfPeriod - last,
    examples: [`data ends ${formatWallClock(dataEnd)}`, `asOf ${formatWallClock(asOf.getTime())}`],
  }]);
}
