/**
 * The pieces of SQL that differ between engines: quoting, casts, date arithmetic, integer
 * division, exact distinct counts and where Parquet files can be read from. Private to `sql`.
 *
 * @module
 */
import { requireOneOf } from "../core/errors.ts";

/** The SQL dialects the generators write. */
export const SQL_DIALECTS = ["duckdb", "clickhouse", "trino", "spark", "bigquery"] as const;

/** One SQL dialect: `"duckdb"`, `"clickhouse"`, `"trino"` (and Presto), `"spark"`, `"bigquery"`. */
export type SqlDialect = typeof SQL_DIALECTS[number];

/** Where the transactions are: a table (or view) name, or a Parquet location. */
export interface SqlSource {
  /**
   * A table or view name, optionally qualified (`sales.transactions`,
   * `project.dataset.transactions`): letters, digits, `_`, `$` and `-`, parts joined by dots.
   */
  table?: string;
  /**
   * A Parquet file, folder glob or URL (`data/online_retail.parquet`, `s3://bucket/tx/*.parquet`),
   * read with the engine's own Parquet reader: DuckDB `read_parquet`, ClickHouse `file`/`s3`,
   * Spark `parquet.`. Trino and BigQuery read Parquet only through a table (an external or Hive
   * table over the files): pass `table` for them.
   */
  parquet?: string;
}

/** How one dialect writes each piece. */
export interface Dialect {
  name: SqlDialect;
  /** A quoted identifier. */
  id(name: string): string;
  double(e: string): string;
  text(e: string): string;
  /** Leading and trailing spaces removed. */
  trim(e: string): string;
  /** A timestamp literal of a wall-clock time given as epoch milliseconds (UTC fields). */
  timestamp(ms: number): string;
  /** A column as a timestamp (Date columns become midnight). */
  asTimestamp(e: string): string;
  /** Whole milliseconds from timestamp `a` to timestamp `b` (b - a), a 64-bit integer. */
  msBetween(a: string, b: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** Days since 1970-01-01 of the calendar day of a timestamp or date. */
  day(e: string): string;
  countDistinct(e: string): string;
  /** The FROM item of a Parquet location. */
  parquet(location: string): string;
  /** `INNER JOIN <right> ON/USING <key>`. */
  innerJoin(right: string, key: string): string;
  /** `LEFT JOIN <right> ON/USING <key>`. */
  leftJoin(right: string, key: string): string;
}

const quote = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
const standardQuote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** `YYYY-MM-DD HH:MM:SS.mmm` of epoch milliseconds (UTC fields). */
function wallClock(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

const doubleQuoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const backQuoted = (name: string) => `\`${name.replaceAll("`", "\\`")}\``;

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: "duckdb",
    id: doubleQuoted,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    trim: (e) => `trim(${e})`,
    timestamp: (ms) => `TIMESTAMP '${wallClock(ms)}'`,
    asTimestamp: (e) => `CAST(${e} AS TIMESTAMP)`,
    msBetween: (a, b) => `(epoch_ms(${b}) - epoch_ms(${a}))`,
    intDiv: (a, b) => `(${a} // ${b})`,
    day: (e) => `date_diff('day', DATE '1970-01-01', CAST(${e} AS DATE))`,
    countDistinct: (e) => `COUNT(DISTINCT ${e})`,
    parquet: (location) => `read_parquet(${standardQuote(location)})`,
    innerJoin: (right, key) => `INNER JOIN ${right} USING (${key})`,
    leftJoin: (right, key) => `LEFT JOIN ${right} USING (${key})`,
  },
  clickhouse: {
    name: "clickhouse",
    id: doubleQuoted,
    double: (e) => `toFloat64(${e})`,
    text: (e) => `toString(${e})`,
    // trimBoth is newer than 18.16; [[:space:]] also covers \v, as Polars' strip does.
    trim: (e) => `replaceRegexpAll(${e}, '^[[:space:]]+|[[:space:]]+$', '')`,
    timestamp: (ms) => `toDateTime('${wallClock(ms).slice(0, 19)}', 'UTC')`,
    asTimestamp: (e) => `toDateTime(${e}, 'UTC')`,
    msBetween: (a, b) => `((toInt64(${b}) - toInt64(${a})) * 1000)`,
    intDiv: (a, b) => `intDiv(${a}, ${b})`,
    day: (e) => `toInt64(toDate(${e}, 'UTC'))`,
    countDistinct: (e) => `uniqExact(${e})`,
    parquet: (location) =>
      /^(s3|https?):\/\//.test(location)
        ? `s3(${quote(location)}, 'Parquet')`
        : `file(${quote(location)}, 'Parquet')`,
    innerJoin: (right, key) => `ALL INNER JOIN ${right} USING ${key}`,
    leftJoin: (right, key) => `ALL LEFT JOIN ${right} USING ${key}`,
  },
  trino: {
    name: "trino",
    id: doubleQuoted,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    trim: (e) => `trim(${e})`,
    timestamp: (ms) => `TIMESTAMP '${wallClock(ms)}'`,
    asTimestamp: (e) => `CAST(${e} AS TIMESTAMP(3))`,
    msBetween: (a, b) => `date_diff('millisecond', ${a}, ${b})`,
    intDiv: (a, b) => `(${a} / ${b})`,
    day: (e) => `date_diff('day', DATE '1970-01-01', CAST(${e} AS DATE))`,
    countDistinct: (e) => `COUNT(DISTINCT ${e})`,
    parquet: () => {
      throw new RangeError(
        `Cannot generate SQL as dialect "trino" reads Parquet only through a table: create a ` +
          `Hive or Iceberg table over the files and pass { table }`,
      );
    },
    innerJoin: (right, key) => `INNER JOIN ${right} USING (${key})`,
    leftJoin: (right, key) => `LEFT JOIN ${right} USING (${key})`,
  },
  spark: {
    name: "spark",
    id: backQuoted,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    text: (e) => `CAST(${e} AS STRING)`,
    trim: (e) => `trim(${e})`,
    timestamp: (ms) => `TIMESTAMP '${wallClock(ms)}'`,
    asTimestamp: (e) => `CAST(${e} AS TIMESTAMP)`,
    msBetween: (a, b) => `(unix_millis(${b}) - unix_millis(${a}))`,
    intDiv: (a, b) => `(${a} DIV ${b})`,
    day: (e) => `datediff(CAST(${e} AS DATE), DATE '1970-01-01')`,
    countDistinct: (e) => `COUNT(DISTINCT ${e})`,
    parquet: (location) => `parquet.${backQuoted(location)}`,
    innerJoin: (right, key) => `INNER JOIN ${right} USING (${key})`,
    leftJoin: (right, key) => `LEFT JOIN ${right} USING (${key})`,
  },
  bigquery: {
    name: "bigquery",
    id: backQuoted,
    double: (e) => `CAST(${e} AS FLOAT64)`,
    text: (e) => `CAST(${e} AS STRING)`,
    trim: (e) => `TRIM(${e})`,
    timestamp: (ms) => `DATETIME '${wallClock(ms)}'`,
    asTimestamp: (e) => `CAST(${e} AS DATETIME)`,
    msBetween: (a, b) => `DATETIME_DIFF(${b}, ${a}, MILLISECOND)`,
    intDiv: (a, b) => `DIV(${a}, ${b})`,
    day: (e) => `DATE_DIFF(CAST(${e} AS DATE), DATE '1970-01-01', DAY)`,
    countDistinct: (e) => `COUNT(DISTINCT ${e})`,
    parquet: () => {
      throw new RangeError(
        `Cannot generate SQL as dialect "bigquery" reads Parquet only through a table: create ` +
          `an external table over the files (CREATE EXTERNAL TABLE ... OPTIONS (format = ` +
          `'PARQUET', uris = [...])) and pass { table }`,
      );
    },
    innerJoin: (right, key) => `INNER JOIN ${right} USING (${key})`,
    leftJoin: (right, key) => `LEFT JOIN ${right} USING (${key})`,
  },
};

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]*(\.[A-Za-z_][A-Za-z0-9_$-]*)*$/;

/**
 * The dialect named `name`, refusing unknown names.
 *
 * @param name The dialect name.
 * @param action The house-style action for errors.
 * @returns The dialect.
 */
export function dialectOf(name: unknown, action: string): Dialect {
  return DIALECTS[requireOneOf(name as SqlDialect, SQL_DIALECTS, "dialect", action)];
}

/**
 * The FROM item of a source: a table name as written, or the dialect's Parquet reader.
 *
 * @param d The dialect.
 * @param source `table` or `parquet` (exactly one).
 * @param action The house-style action for errors.
 * @returns SQL for a FROM clause.
 */
export function fromItem(d: Dialect, source: SqlSource, action: string): string {
  const { table, parquet } = source ?? {};
  if ((table === undefined) === (parquet === undefined)) {
    throw new TypeError(
      `Cannot ${action} as the source must be exactly one of table and parquet: got ${
        table === undefined && parquet === undefined ? "neither" : "both"
      }`,
    );
  }
  if (table !== undefined) {
    if (typeof table !== "string" || !TABLE_NAME.test(table)) {
      throw new RangeError(
        `Cannot ${action} as table ${
          JSON.stringify(table)
        } is not a plain table name: use letters, digits, _, $ and -, parts joined by dots`,
      );
    }
    return d.name === "bigquery" && table.includes("-") ? `\`${table}\`` : table;
  }
  if (typeof parquet !== "string" || parquet === "") {
    throw new TypeError(
      `Cannot ${action} as parquet must be a non-empty path or URL: got ${JSON.stringify(parquet)}`,
    );
  }
  return d.parquet(parquet);
}

/**
 * A source column name, checked to be a non-empty string.
 *
 * @param value The name given (or undefined for the default).
 * @param fallback The default name.
 * @param option The option's name, for errors.
 * @param action The house-style action for errors.
 * @returns The name.
 */
export function columnName(
  value: unknown,
  fallback: string,
  option: string,
  action: string,
): string {
  const name = value ?? fallback;
  if (typeof name !== "string" || name === "") {
    throw new TypeError(
      `Cannot ${action} as column option ${option} must be a non-empty string: got ${
        JSON.stringify(name)
      }`,
    );
  }
  return name;
}
