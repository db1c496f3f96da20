/**
 * The CLV summary (frequency, recency, T, monetary value; optionally a holdout period) as one SQL
 * query.
 *
 * @module
 */
import { requireDate, requireOneOf } from "../core/errors.ts";
import { requireColumnOption } from "../core/column_option.ts";
import { CLV_TIME_UNITS, type ClvTimeUnit } from "../clv/clv_summary.ts";
import { dialectOf, fromItem, type SqlDialect, type SqlSource } from "./_dialect.ts";

/** Options for {@linkcode clvSummarySql}: those of `clvSummary`, plus the source. */
export interface ClvSummarySqlOptions extends SqlSource {
  /** The analysis date, required (UTC fields), as for `clvSummary`. */
  asOf: Date;
  /** `"days"` or `"weeks"` (days / 7), required. */
  timeUnit: ClvTimeUnit;
  /** The customer id column (default `"customer_id"`); the output's id column has this name. */
  customerId?: string;
  /** The purchase date column (default `"invoice_date"`). */
  date?: string;
  /** A numeric column with each record's value; gives `monetary_value`. */
  monetary?: string;
  /** Instead of `monetary`: a quantity column, with `price` (value = quantity x price). */
  quantity?: string;
  /** The unit price column, with `quantity`. */
  price?: string;
  /** The end of the calibration period (adds the holdout columns). */
  calibrationEnd?: Date;
  /** The end of the holdout period, at most `asOf` (default `asOf`). */
  observationEnd?: Date;
}

const ACTION = "generate CLV summary SQL";
const DAY_MS = 86_400_000;

/**
 * Writes the SQL that computes {@linkcode clvSummary}'s table in a database or query engine, with
 * the same definitions: purchases on or before the end of the (calibration) period, placed on
 * their calendar day (purchases of one customer on one day merged, values summed); per customer
 * `frequency` (purchase days after the first), `recency` and `T` in `timeUnit`, `monetary_value`
 * (mean value of the repeat purchase days, 0 for one-time buyers); with `calibrationEnd`,
 * `frequency_holdout`, `monetary_holdout` and `duration_holdout`. Sorted by customer id. The
 * first-day value is found with a join (no window functions), so the query runs on old engines.
 *
 * It does not validate: `clvSummary` refuses missing ids, dates or values and non-finite values;
 * the SQL skips rows with a missing id or date, and `SUM`/`AVG` skip missing values. Dialects as for
 * {@linkcode rfmSql}.
 *
 * @param dialect `"duckdb"`, `"clickhouse"`, `"trino"`, `"spark"` or `"bigquery"`.
 * @param options The source (`table` or `parquet`), `asOf`, `timeUnit`, column names and the
 *   holdout split, as for `clvSummary`.
 * @returns The SQL text of one SELECT statement.
 * @throws {RangeError} When the dialect or time unit is unknown, a date is invalid, the dates
 *   are out of order, the table name is not a plain name, or the dialect cannot read Parquet
 *   directly.
 * @throws {TypeError} When a date is not a Date, a column name is not a non-empty string, the
 *   value columns are given in contradicting ways, `observationEnd` comes without
 *   `calibrationEnd`, or neither or both of `table` and `parquet` are given.
 *
 * @example CDNOW-style summary in weeks, from a table
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummarySql } from "./clv_summary_sql.ts";
 *
 * const sql = clvSummarySql("trino", {
 *   table: "cdnow",
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 *   monetary: "monetary",
 * });
 * assert.ok(sql.includes("/ 7 AS \"T\""));
 * ```
 */
export function clvSummarySql(dialect: SqlDialect, options: ClvSummarySqlOptions): string {
  const d = dialectOf(dialect, ACTION);
  const o = options ?? ({} as ClvSummarySqlOptions);
  const asOf = requireDate(o.asOf, "asOf", ACTION);
  const unit = requireOneOf(o.timeUnit, CLV_TIME_UNITS, "timeUnit", ACTION);
  const unitDays = unit === "weeks" ? 7 : 1;
  const idCol = requireColumnOption(o.customerId ?? "customer_id", "customerId", ACTION)!;
  const dateCol = requireColumnOption(o.date ?? "invoice_date", "date", ACTION)!;
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
  const from = fromItem(d, o, ACTION);
  const value = valueCol !== undefined
    ? d.double(d.id(valueCol))
    : quantityCol !== undefined
    ? `${d.double(d.id(quantityCol))} * ${d.double(d.id(priceCol!))}`
    : undefined;
  const endMs = calibrationEnd.getTime();
  const endDay = Math.floor(endMs / DAY_MS);
  const obsMs = observationEnd.getTime();
  const duration = (Math.floor(obsMs / DAY_MS) - endDay) / unitDays;
  const lines = [
    "SELECT",
    `  ${d.id(idCol)} AS clv_id,`,
    `  ${d.day(d.id(dateCol))} AS clv_day,`,
    ...(value ? [`  ${value} AS clv_value,`] : []),
    `  ${d.asTimestamp(d.id(dateCol))} AS clv_at`,
    `FROM ${from}`,
  ];
  const perDay = (where: string, indent: string) =>
    [
      "(",
      "  SELECT clv_id, clv_day" + (value ? ", SUM(clv_value) AS clv_day_value" : ""),
      "  FROM (",
      ...lines.map((l) => `    ${l}`),
      "  ) clv_lines",
      `  WHERE ${where}`,
      "  GROUP BY clv_id, clv_day",
      ")",
    ].map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  const calibration = `clv_id IS NOT NULL AND clv_at <= ${d.timestamp(endMs)}`;
  const divide = (e: string) => `${d.double(e)} / ${unitDays}`;
  const out = [
    "SELECT",
    `  clv_id AS ${d.id(idCol)},`,
    `  clv_days - 1 AS ${d.id("frequency")},`,
    `  ${divide("clv_last - clv_first")} AS ${d.id("recency")},`,
    `  ${divide(`${endDay} - clv_first`)} AS ${d.id("T")}` +
    (value || holdout ? "," : ""),
  ];
  if (value) {
    out.push(
      `  CASE WHEN clv_days > 1 THEN clv_repeat_value / (clv_days - 1) ELSE 0 END AS ${
        d.id("monetary_value")
      }` + (holdout ? "," : ""),
    );
  }
  if (holdout) {
    out.push(
      `  COALESCE(clv_holdout_days, 0) AS ${d.id("frequency_holdout")},`,
      ...(value ? [`  COALESCE(clv_holdout_mean, 0) AS ${d.id("monetary_holdout")},`] : []),
      `  ${d.double(String(duration))} AS ${d.id("duration_holdout")}`,
    );
  }
  out.push(
    "FROM (",
    "  SELECT",
    "    clv_id,",
    "    MIN(clv_day) AS clv_first,",
    "    MAX(clv_day) AS clv_last,",
    "    COUNT(*) AS clv_days" + (value ? "," : ""),
    ...(value
      ? [
        "    SUM(CASE WHEN clv_day > clv_first_day THEN clv_day_value ELSE 0 END) AS clv_repeat_value",
      ]
      : []),
    `  FROM ${perDay(calibration, "  ")} clv_days_table`,
    `  ${
      d.innerJoin(
        `(\n    SELECT clv_id, MIN(clv_day) AS clv_first_day\n    FROM ${
          perDay(calibration, "    ")
        } clv_first_days\n    GROUP BY clv_id\n  ) clv_firsts`,
        "clv_id",
      )
    }`,
    "  GROUP BY clv_id",
    ") clv_customers",
  );
  if (holdout) {
    const window = `clv_id IS NOT NULL AND clv_at > ${d.timestamp(endMs)} AND clv_at <= ${
      d.timestamp(obsMs)
    }`;
    out.push(
      d.leftJoin(
        [
          "(",
          "  SELECT",
          "    clv_id,",
          "    COUNT(*) AS clv_holdout_days" + (value ? "," : ""),
          ...(value ? ["    AVG(clv_day_value) AS clv_holdout_mean"] : []),
          `  FROM ${perDay(window, "  ")} clv_holdout_table`,
          "  GROUP BY clv_id",
          ") clv_holdout",
        ].join("\n"),
        "clv_id",
      ),
    );
  }
  out.push("ORDER BY clv_id");
  return out.join("\n");
}
