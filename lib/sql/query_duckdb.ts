/**
 * Running SQL in an embedded DuckDB and bringing the (per-customer, small) result back as a Polars
 * DataFrame.
 *
 * @module
 */
import pl from "nodejs-polars";
import { DuckDBInstance, DuckDBTypeId } from "@duckdb/node-api";
import type { DataFrame, Series } from "../core/frame.ts";
import { idText } from "../io/ids.ts";

/** Options for {@linkcode queryDuckDb}. */
export interface QueryDuckDbOptions {
  /** A DuckDB database file to open read-only; default an empty in-memory database. */
  database?: string;
  /**
   * Columns holding ids: numbers there become text the way `readTransactions` reads ids
   * (`17850.0` becomes `"17850"`). Default `["customer_id"]` (absent names are ignored).
   */
  idColumns?: string[];
}

const INTEGER_TYPES = new Set<number>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
]);
const FLOAT_TYPES = new Set<number>([
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);
const TIME_TYPES = new Set<number>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.DATE,
]);

/**
 * Runs one SQL query in an embedded DuckDB (`@duckdb/node-api`, in-process: no server, no
 * network) and returns its result as a Polars DataFrame: integers as Int64, floating and decimal
 * numbers as Float64, text as Utf8, dates and timestamps as Datetime (ms), booleans as Bool.
 * Meant for results of summary size (one row per customer or period): every value passes through
 * JavaScript. DuckDB reads Parquet, CSV and globs of them itself (`read_parquet('dir/*.parquet')`),
 * in parallel and out of core, so {@linkcode rfmSql} and {@linkcode clvSummarySql} over a
 * `parquet` source run here as they are.
 *
 * @param sql One SELECT statement (e.g. from {@linkcode rfmSql}).
 * @param options A database file to open (read-only) and the id columns.
 * @returns A new DataFrame, columns named and ordered as the query's.
 * @throws {Error} DuckDB's own error (with its message) when the query fails.
 * @throws {TypeError} When `sql` is not a non-empty string.
 *
 * @example Count rows of the bundled Online Retail file
 * ```ts
 * import assert from "node:assert/strict";
 * import { queryDuckDb } from "./query_duckdb.ts";
 *
 * const df = await queryDuckDb(
 *   "SELECT COUNT(*) AS n FROM read_parquet('data/online_retail.parquet')",
 * );
 * assert.equal(df.getColumn("n").get(0), 541_909);
 * ```
 */
export async function queryDuckDb(
  sql: string,
  options: QueryDuckDbOptions = {},
): Promise<DataFrame> {
  if (typeof sql !== "string" || sql.trim() === "") {
    throw new TypeError(
      `Cannot query DuckDB as sql must be a non-empty string: got ${JSON.stringify(sql)}`,
    );
  }
  const instance = await DuckDBInstance.create(
    options.database ?? ":memory:",
    options.database ? { access_mode: "READ_ONLY" } : undefined,
  );
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const columns = reader.getColumnsJS();
      const series: Series[] = names.map((name, i) => toSeries(name, types[i].typeId, columns[i]));
      let df = pl.DataFrame(series);
      const ids = (options.idColumns ?? ["customer_id"]).filter((c) => df.columns.includes(c));
      if (ids.length > 0) df = df.withColumns(...ids.map((c) => idText(df, c)));
      return df;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function toSeries(name: string, type: number, values: unknown[]): Series {
  const plain = values.map((v) => (typeof v === "bigint" ? Number(v) : v));
  if (INTEGER_TYPES.has(type)) return pl.Series(name, plain as (number | null)[], pl.Int64);
  if (FLOAT_TYPES.has(type)) return pl.Series(name, plain as (number | null)[], pl.Float64);
  if (type === DuckDBTypeId.VARCHAR) return pl.Series(name, plain as (string | null)[], pl.Utf8);
  if (type === DuckDBTypeId.BOOLEAN) return pl.Series(name, plain as (boolean | null)[], pl.Bool);
  if (TIME_TYPES.has(type)) {
    return pl.Series(
      name,
      plain.map((v) => (v instanceof Date ? v.getTime() : null)),
      pl.Float64,
    ).cast(pl.Int64).cast(pl.Datetime("ms"));
  }
  return pl.Series(name, plain.map((v) => (v === null ? null : String(v))), pl.Utf8);
}
