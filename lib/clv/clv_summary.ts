import pl from "nodejs-polars";
import type { DataFrame, LazyFrame, Series } from "../core/frame.ts";
import {
  requireColumns,
  requireDate,
  requireFrame,
  requireNumericColumns,
  requireOneOf,
} from "../core/errors.ts";
import { requireTemporal } from "../core/dtypes.ts";
import { requireColumnOption } from "../core/column_option.ts";
import { DAY_MS, formatDate } from "../core/time.ts";
import { CLV_TIME_UNITS, type ClvTimeUnit, tagTimeUnit } from "./_time_unit.ts";
import { inHashChunk, SPLIT_ROWS } from "../core/_hash_chunks.ts";

export { CLV_TIME_UNITS, type ClvTimeUnit } from "./_time_unit.ts";

/** Options for {@linkcode clvSummary}. */
export interface ClvSummaryOptions {
  /**
   * The analysis date, required: purchases after it are ignored, and T is measured up to it (or
   * up to `calibrationEnd`). Compared through its UTC fields, like every `asOf` of the library:
   * write `new Date("1997-09-30")`.
   */
  asOf: Date;
  /**
   * The unit of `recency`, `T` and `duration_holdout` (and so of every model's `t` and rate):
   * `"days"`, or `"weeks"` as days / 7 (lifetimes' `freq="D", freq_multiplier=7`, how Fader,
   * Hardie and Lee state CDNOW). Required: mixing units is the commonest CLV mistake.
   */
  timeUnit: ClvTimeUnit;
  /** The customer id column. Default `"customer_id"`. */
  customerId?: string;
  /** The purchase date column (Date or Datetime). Default `"invoice_date"`. */
  date?: string;
  /**
   * A numeric column with each record's value (e.g. dollars, or quantity x unit price computed
   * beforehand). When given, the output has `monetary_value` (and `monetary_holdout`).
   */
  monetary?: string;
  /**
   * Instead of `monetary`: a quantity column, with `price`; each record's value is quantity x
   * price (as `computeRfm` values Online Retail lines).
   */
  quantity?: string;
  /** The unit price column, with `quantity`. */
  price?: string;
  /**
   * The end of the calibration period: when given, `frequency`, `recency`, `T` and
   * `monetary_value` are measured up to it, and purchases after it up to `observationEnd` fill the
   * holdout columns. Must be before `observationEnd`.
   */
  calibrationEnd?: Date;
  /** The end of the holdout period (with `calibrationEnd`), at most `asOf`. Default: `asOf`. */
  observationEnd?: Date;
}

const ACTION = "summarise transactions for CLV";

/** Whether `data` is a LazyFrame (a query plan) rather than a DataFrame. */
function isLazyFrame(data: DataFrame | LazyFrame): data is LazyFrame {
  return typeof (data as { collectSync?: unknown })?.collectSync === "function";
}

function requireNoNulls(df: DataFrame, column: string): void {
  const nulls = df.getColumn(column).nullCount();
  if (nulls > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as column "${column}" has ${nulls} missing value${
        nulls === 1 ? "" : "s"
      }: drop or fix those rows first (e.g. with cleanTransactions)`,
    );
  }
}

/**
 * Summarises a transaction log into the per-customer table the purchase and spend models take:
 * lifetimes' `summary_data_from_transaction_data` (or, with `calibrationEnd`,
 * `calibration_and_holdout_data`) with `freq="D"` and `freq_multiplier` 1 for days or 7 for
 * weeks.
 *
 * Purchases on or before `asOf` count (compared at full precision for Datetime columns). Each
 * purchase is placed on its calendar day (UTC fields), and purchases of one customer on the same
 * day are merged into one period, their values summed: the BG/NBD literature counts purchase
 * days. Then, per customer, with `end` the day of `asOf` (or of `calibrationEnd`):
 * - `frequency` (Int64): purchase days after the first (repeat purchases); 0 for a one-time buyer;
 * - `recency` (Float64): days from the first to the last purchase day, in `timeUnit` (0 for
 *   one-time buyers);
 * - `T` (Float64): days from the first purchase day to `end`, in `timeUnit`;
 * - `monetary_value` (Float64, with `monetary`): the mean of the repeat purchase days' values
 *   (the first day left out), 0 when frequency is 0;
 * - with `calibrationEnd`: `frequency_holdout` (Int64, purchase days in (calibrationEnd,
 *   observationEnd]), `monetary_holdout` (Float64, with `monetary`: their mean value per day, 0
 *   when none) and `duration_holdout` (Float64, the holdout's length in `timeUnit`); only
 *   customers whose first purchase is in the calibration period are listed.
 *
 * Differences from lifetimes: weeks are always days / 7 (lifetimes' `freq="W"` would count
 * calendar weeks instead); `monetary_holdout` averages per-day values like `monetary_value`
 * (lifetimes' `monetary_value_holdout` averages raw records); `asOf` is required (lifetimes
 * defaults to the last date in the data). Rows are sorted by customer id. On CDNOW's sample with
 * `asOf` 1997-09-30 in weeks this reproduces the bundled `cdnow_customers_summary.csv` (Fader,
 * Hardie and Lee's calibration data; tests/datasets/clv_test.ts).
 *
 * Cost: two grouped aggregations in Polars, O(n).
 *
 * A LazyFrame (e.g. from {@linkcode scanTransactions}) is checked on its schema, then collected
 * to the 2-4 columns used (id, date, value or quantity and price; Polars reads only those from
 * the files) with `collectSync`; the summary is then computed in memory. So the columns used
 * must fit in memory (about 30 bytes a row for a text id, a date and a value), not the whole
 * file; for more, aggregate in a database with {@linkcode clvSummarySql}.
 *
 * @param transactions One row per purchase record with a customer id, a date and, optionally, a
 *   value (e.g. {@linkcode loadCdnow}'s output): a DataFrame or a LazyFrame.
 * @param options `asOf` and `timeUnit` (required), column names, and the holdout split.
 * @returns A new DataFrame, one row per customer, sorted by id.
 * @throws {TypeError} When a column is missing or of the wrong type, or `asOf` is not a Date.
 * @throws {RangeError} When an id, date or value is missing, a value is not finite, the dates are
 *   out of order, the time unit is unknown, or no purchase falls on or before the end of the
 *   (calibration) period.
 *
 * @example Two customers, in days
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { clvSummary } from "./clv_summary.ts";
 *
 * const tx = pl.DataFrame({
 *   customer_id: ["a", "a", "a", "b"],
 *   invoice_date: pl.Series("invoice_date", [
 *     new Date("2024-01-01"), new Date("2024-01-01"), new Date("2024-01-11"), new Date("2024-01-21"),
 *   ]).cast(pl.Date),
 *   amount: [10, 5, 20, 7],
 * });
 * const summary = clvSummary(tx, {
 *   asOf: new Date("2024-01-31"),
 *   timeUnit: "days",
 *   monetary: "amount",
 * });
 * // "a" bought on two days (the first day's two records merged): one repeat purchase, 10 days
 * // after the first, worth 20; T = 30 days.
 * assert.deepEqual(summary.toRecords(), [
 *   { customer_id: "a", frequency: 1, recency: 10, T: 30, monetary_value: 20 },
 *   { customer_id: "b", frequency: 0, recency: 0, T: 10, monetary_value: 0 },
 * ]);
 * ```
 */
export function clvSummary(
  transactions: DataFrame | LazyFrame,
  options: ClvSummaryOptions,
): DataFrame {
  const lazy = isLazyFrame(transactions);
  // A LazyFrame's schema is checked on an empty head; it is collected below, to the columns used.
  const input = lazy
    ? transactions.head(0).collectSync()
    : requireFrame(transactions, "the transactions", ACTION);
  const o = options ?? ({} as ClvSummaryOptions);
  const asOf = requireDate(o.asOf, "asOf", ACTION);
  const unit = requireOneOf(o.timeUnit, CLV_TIME_UNITS, "timeUnit", ACTION);
  const unitDays = unit === "weeks" ? 7 : 1;
  const idCol = requireColumnOption(o.customerId ?? "customer_id", "customerId", ACTION);
  const dateCol = requireColumnOption(o.date ?? "invoice_date", "date", ACTION);
  const valueCol = requireColumnOption(o.monetary, "monetary", ACTION, true);
  const quantityCol = requireColumnOption(o.quantity, "quantity", ACTION, true);
  const priceCol = requireColumnOption(o.price, "price", ACTION, true);
  if ((quantityCol === undefined) !== (priceCol === undefined)) {
    throw new TypeError(
      `Cannot ${ACTION} as only one of quantity and price was given: pass both (value = ` +
        `quantity x price), or monetary`,
    );
  }
  if (valueCol !== undefined && quantityCol !== undefined) {
    throw new TypeError(
      `Cannot ${ACTION} as both monetary and quantity/price were given: pass one way of valuing ` +
        `a record`,
    );
  }
  const valueColumns = valueCol ? [valueCol] : quantityCol ? [quantityCol, priceCol!] : [];
  const hasValue = valueColumns.length > 0;
  const valueName = valueColumns.map((c) => `"${c}"`).join(" x ");
  const holdout = o.calibrationEnd !== undefined;
  if (!holdout && o.observationEnd !== undefined) {
    throw new TypeError(
      `Cannot ${ACTION} as observationEnd was given without calibrationEnd: pass both for a ` +
        `calibration / holdout split`,
    );
  }
  const calibrationEnd = holdout ? requireDate(o.calibrationEnd, "calibrationEnd", ACTION) : asOf;
  const observationEnd = holdout
    ? requireDate(o.observationEnd ?? asOf, "observationEnd", ACTION)
    : asOf;
  if (holdout && !(calibrationEnd < observationEnd && observationEnd <= asOf)) {
    throw new RangeError(
      `Cannot ${ACTION} as the dates must satisfy calibrationEnd < observationEnd <= asOf: got ` +
        `calibrationEnd ${calibrationEnd.toISOString()}, observationEnd ${observationEnd.toISOString()}` +
        `, asOf ${asOf.toISOString()}`,
    );
  }
  const columns = [idCol, dateCol, ...valueColumns];
  requireColumns(input, columns, ACTION);
  requireTemporal(input, dateCol, ACTION);
  if (hasValue) requireNumericColumns(input, valueColumns, ACTION);
  if (lazy) {
    const selected = transactions.select(...[...new Set(columns)].map((c) => pl.col(c)));
    const plan: Passes = {
      idCol,
      dateCol,
      columns,
      valueColumns,
      valueName,
      holdout,
      endMs: calibrationEnd.getTime(),
      obsMs: holdout ? observationEnd.getTime() : calibrationEnd.getTime(),
      unitDays,
    };
    const stats = lazyStats(selected, plan);
    if (stats.rows > SPLIT_ROWS) {
      requireLazyStats(selected, stats, plan);
      return tagTimeUnit(summariseInPasses(selected, plan), unit);
    }
  }
  const df = lazy
    ? transactions.select(...[...new Set(columns)].map((c) => pl.col(c))).collectSync()
    : input;
  for (const column of columns) requireNoNulls(df, column);
  const value = valueColumns.map((c) => pl.col(c).cast(pl.Float64))
    .reduce((product, c) => product.mul(c), pl.lit(1.0) as ReturnType<typeof pl.col>);
  const base = df.select(
    pl.col(idCol).alias("__id"),
    pl.col(dateCol).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).alias("__ms"),
    pl.col(dateCol).cast(pl.Date).cast(pl.Int32).alias("__day"),
    value.alias("__value"),
  );
  if (hasValue) {
    const values = base.getColumn("__value").toTypedArray() as Float64Array;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const count = values.filter((v) => !Number.isFinite(v)).length;
      throw new RangeError(
        `Cannot ${ACTION} as ${
          valueColumns.length > 1 ? "value " : "column "
        }${valueName} has ${count} non-finite value${count === 1 ? "" : "s"}: e.g. row ${bad} (${
          values[bad]
        })`,
      );
    }
  }
  const endMs = calibrationEnd.getTime();
  const endDay = Math.floor(endMs / DAY_MS);
  const calibration = base.filter(pl.col("__ms").ltEq(pl.lit(endMs)));
  if (calibration.height === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as no purchase is on or before ${holdout ? "calibrationEnd" : "asOf"} ${
        formatDate(endMs)
      }: ${df.height} records, none that early`,
    );
  }
  // One sequential pass over the records sorted by customer, day and time (row number last), so
  // every sum is taken in one fixed order: Polars' group-by sums, split across threads, changed the
  // last bits of the means from run to run (and so the committed notebooks' outputs).
  const obsMs = holdout ? observationEnd.getTime() : endMs;
  // Customers as dense integer codes in id order (cheaper to compare than ids); the day follows
  // the time, so sorting by (code, time, row) orders days too.
  const sorted = base.filter(pl.col("__ms").ltEq(pl.lit(obsMs)))
    .withColumns(pl.col("__id").rank("dense").alias("__code"))
    .withRowIndex("__row")
    .sort(["__code", "__ms", "__row"]);
  const idValues = sorted.getColumn("__code").toTypedArray() as Uint32Array;
  const msValues = sorted.getColumn("__ms").toTypedArray() as Float64Array;
  const dayValues = sorted.getColumn("__day").toTypedArray() as Int32Array;
  const recordValues = sorted.getColumn("__value").cast(pl.Float64).toTypedArray() as Float64Array;
  const firstRow: number[] = [];
  const first: number[] = [], last: number[] = [], days: number[] = [], repeatMean: number[] = [];
  const holdoutDays: number[] = [], holdoutMean: number[] = [];
  let customer = -1;
  let repeatSum = 0, holdoutSum = 0;
  const closeCustomer = () => {
    if (customer < 0) return;
    repeatMean[customer] = days[customer] > 1 ? repeatSum / (days[customer] - 1) : 0;
    holdoutMean[customer] = holdoutDays[customer] > 0 ? holdoutSum / holdoutDays[customer] : 0;
  };
  for (let r = 0; r < idValues.length;) {
    const newCustomer = r === 0 || idValues[r] !== idValues[r - 1];
    // A (customer, day, period) group: calibration records come first within a day (ms sorted).
    const inHoldout = msValues[r] > endMs;
    let sum = 0, end = r;
    while (
      end < idValues.length && idValues[end] === idValues[r] && dayValues[end] === dayValues[r] &&
      (msValues[end] > endMs) === inHoldout
    ) sum += recordValues[end++];
    if (newCustomer) {
      if (inHoldout) {
        // First seen after calibrationEnd: not in the calibration summary; skip their records.
        while (end < idValues.length && idValues[end] === idValues[r]) end++;
        r = end;
        continue;
      }
      closeCustomer();
      customer = first.length;
      firstRow.push(r);
      first.push(dayValues[r]);
      last.push(dayValues[r]);
      days.push(1);
      holdoutDays.push(0);
      repeatSum = 0;
      holdoutSum = 0;
    } else if (customer >= 0 && idValues[r] === idValues[firstRow[customer]]) {
      if (inHoldout) {
        holdoutDays[customer]++;
        holdoutSum += sum;
      } else {
        last[customer] = dayValues[r];
        days[customer]++;
        repeatSum += sum;
      }
    }
    r = end;
  }
  closeCustomer();
  const result = summaryFrame(
    sorted.getColumn("__id").gather(firstRow).alias(idCol),
    { days, first, last, repeatMean, holdoutDays, holdoutMean },
    { unitDays, endDay, obsMs, hasValue, holdout: Boolean(holdout) },
  );
  return tagTimeUnit(result, unit);
}

/** What the passes over a big LazyFrame need from the options. */
interface Passes {
  idCol: string;
  dateCol: string;
  columns: string[];
  valueColumns: string[];
  valueName: string;
  holdout: boolean;
  /** The end of the calibration period (`asOf` without a holdout), epoch ms. */
  endMs: number;
  /** The end of the observation (holdout) period, epoch ms. */
  obsMs: number;
  unitDays: number;
}

/**
 * Passes over a LazyFrame of more than SPLIT_ROWS rows, one group of customers each. Measured on
 * 20M generated lines over Parquet (bench/scale.ts): collecting the used columns and summarising
 * them in memory peaked at 3.3 GB; eight passes as below, 0.6 GB (bench/README, "Scale").
 */
const CLV_PASSES = 8;

interface LazyStats {
  rows: number;
  nulls: number[];
  nonFinite: number;
  calibrated: number;
}

/** Per-customer tallies of the day walk, by customer position. */
interface DayTallies {
  days: number[];
  first: number[];
  last: number[];
  repeatMean: number[];
  holdoutDays: number[];
  holdoutMean: number[];
}

/** The summary table from the day walk's tallies (both the in-memory pass and the passes). */
function summaryFrame(
  ids: Series,
  t: DayTallies,
  o: { unitDays: number; endDay: number; obsMs: number; hasValue: boolean; holdout: boolean },
): DataFrame {
  const columns = [
    ids,
    pl.Series("frequency", t.days.map((d) => d - 1), pl.Int64),
    pl.Series("recency", t.last.map((l, k) => (l - t.first[k]) / o.unitDays), pl.Float64),
    pl.Series("T", t.first.map((f) => (o.endDay - f) / o.unitDays), pl.Float64),
  ];
  if (o.hasValue) columns.push(pl.Series("monetary_value", t.repeatMean, pl.Float64));
  if (o.holdout) {
    const duration = (Math.floor(o.obsMs / DAY_MS) - o.endDay) / o.unitDays;
    columns.push(pl.Series("frequency_holdout", t.holdoutDays, pl.Int64));
    if (o.hasValue) columns.push(pl.Series("monetary_holdout", t.holdoutMean, pl.Float64));
    columns.push(pl.Series("duration_holdout", t.first.map(() => duration), pl.Float64));
  }
  return pl.DataFrame(columns);
}

/** The value of a record: the product of `valueColumns` as Float64 (1 without any). */
function valueExpr(valueColumns: string[]) {
  return valueColumns.map((c) => pl.col(c).cast(pl.Float64))
    .reduce((product, c) => product.mul(c), pl.lit(1.0) as ReturnType<typeof pl.col>);
}

/** One aggregate pass over a LazyFrame's used columns: rows, nulls, non-finite values. */
function lazyStats(selected: LazyFrame, plan: Passes): LazyStats {
  const record = selected.select(
    pl.len().alias("__rows"),
    ...plan.columns.map((c, i) => pl.col(c).nullCount().alias(`__nulls_${i}`)),
    valueExpr(plan.valueColumns).isFinite().not().sum().alias("__non_finite"),
    pl.col(plan.dateCol).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64)
      .ltEq(pl.lit(plan.endMs)).sum().alias("__calibrated"),
  ).collectSync({ engine: "streaming" }).toRecords()[0];
  return {
    rows: Number(record.__rows),
    nulls: plan.columns.map((_, i) => Number(record[`__nulls_${i}`])),
    nonFinite: Number(record.__non_finite),
    calibrated: Number(record.__calibrated),
  };
}

/** The checks of the in-memory path, with the same messages, from {@linkcode lazyStats}. */
function requireLazyStats(selected: LazyFrame, stats: LazyStats, plan: Passes): void {
  plan.columns.forEach((column, i) => {
    const nulls = stats.nulls[i];
    if (nulls > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as column "${column}" has ${nulls} missing value${
          nulls === 1 ? "" : "s"
        }: drop or fix those rows first (e.g. with cleanTransactions)`,
      );
    }
  });
  if (plan.valueColumns.length > 0 && stats.nonFinite > 0) {
    // The first such row, as the in-memory check names it (its index in the collected columns).
    const value = valueExpr(plan.valueColumns);
    const first = selected.withRowIndex("__row").filter(value.isFinite().not()).head(1)
      .select(pl.col("__row"), value.alias("__value")).collectSync().toRecords()[0];
    const count = stats.nonFinite;
    throw new RangeError(
      `Cannot ${ACTION} as ${
        plan.valueColumns.length > 1 ? "value " : "column "
      }${plan.valueName} has ${count} non-finite value${count === 1 ? "" : "s"}: e.g. row ${
        Number(first.__row)
      } (${Number(first.__value)})`,
    );
  }
  if (stats.calibrated === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as no purchase is on or before ${
        plan.holdout ? "calibrationEnd" : "asOf"
      } ${formatDate(plan.endMs)}: ${stats.rows} records, none that early`,
    );
  }
}

/**
 * The summary of a big LazyFrame in CLV_PASSES passes, one group of customers each (by hash of
 * the id), equal to the in-memory pass: each (customer, day, period) group's value is summed by
 * Polars in the in-memory pass's order (time, then row) with a cumulative sum, which adds left to
 * right as the loop there does (`cumSum().last()`), so only one row per purchase day comes to
 * JS; the days are then walked as there. Parts are concatenated and sorted by id.
 */
function summariseInPasses(selected: LazyFrame, plan: Passes): DataFrame {
  const { idCol, dateCol, endMs, obsMs, unitDays, holdout } = plan;
  const hasValue = plan.valueColumns.length > 0;
  const endDay = Math.floor(endMs / DAY_MS);
  const parts: DataFrame[] = [];
  for (let chunk = 0; chunk < CLV_PASSES; chunk++) {
    const days = selected
      .withRowIndex("__row")
      .filter(inHashChunk(idCol, CLV_PASSES, chunk))
      .select(
        pl.col(idCol).alias("__id"),
        pl.col(dateCol).cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64).alias("__ms"),
        pl.col(dateCol).cast(pl.Date).cast(pl.Int32).alias("__day"),
        valueExpr(plan.valueColumns).alias("__value"),
        pl.col("__row"),
      )
      .filter(pl.col("__ms").ltEq(pl.lit(obsMs)))
      .withColumns(pl.col("__ms").gt(pl.lit(endMs)).alias("__holdout"))
      .groupBy(["__id", "__day", "__holdout"])
      .agg(
        pl.col("__value").sortBy([pl.col("__ms"), pl.col("__row")]).cumSum().last().alias(
          "__sum",
        ),
      )
      .sort(["__id", "__day", "__holdout"])
      .collectSync({ engine: "streaming" });
    if (days.height === 0) continue;
    const idValues = days.getColumn("__id").rank("dense").cast(pl.Int32)
      .toTypedArray() as Int32Array;
    const dayValues = days.getColumn("__day").toTypedArray() as Int32Array;
    const inHoldoutValues = days.getColumn("__holdout").cast(pl.UInt8)
      .toTypedArray() as Uint8Array;
    const sums = days.getColumn("__sum").toTypedArray() as Float64Array;
    const firstRow: number[] = [];
    const first: number[] = [],
      last: number[] = [],
      count: number[] = [],
      repeatMean: number[] = [];
    const holdoutDays: number[] = [], holdoutMean: number[] = [];
    let customer = -1;
    let repeatSum = 0, holdoutSum = 0;
    const closeCustomer = () => {
      if (customer < 0) return;
      repeatMean[customer] = count[customer] > 1 ? repeatSum / (count[customer] - 1) : 0;
      holdoutMean[customer] = holdoutDays[customer] > 0 ? holdoutSum / holdoutDays[customer] : 0;
    };
    for (let r = 0; r < idValues.length; r++) {
      const inHoldout = inHoldoutValues[r] === 1;
      if (r === 0 || idValues[r] !== idValues[r - 1]) {
        if (inHoldout) {
          // First seen after calibrationEnd: not in the calibration summary; skip their days.
          while (r + 1 < idValues.length && idValues[r + 1] === idValues[r]) r++;
          continue;
        }
        closeCustomer();
        customer = first.length;
        firstRow.push(r);
        first.push(dayValues[r]);
        last.push(dayValues[r]);
        count.push(1);
        holdoutDays.push(0);
        repeatSum = 0;
        holdoutSum = 0;
      } else if (inHoldout) {
        holdoutDays[customer]++;
        holdoutSum += sums[r];
      } else {
        last[customer] = dayValues[r];
        count[customer]++;
        repeatSum += sums[r];
      }
    }
    closeCustomer();
    if (firstRow.length === 0) continue;
    parts.push(summaryFrame(
      days.getColumn("__id").gather(firstRow).alias(idCol),
      { days: count, first, last, repeatMean, holdoutDays, holdoutMean },
      { unitDays, endDay, obsMs, hasValue, holdout: Boolean(holdout) },
    ));
  }
  return pl.concat(parts, { how: "vertical" }).sort(idCol);
}
