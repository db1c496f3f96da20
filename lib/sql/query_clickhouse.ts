/**
 * Running SQL on a ClickHouse server (over HTTP, with `@clickhouse/client`) and bringing the
 * (per-customer, small) result back as a Polars DataFrame.
 *
 * @module
 */
import { createClient } from "@clickhouse/client";
import type { DataFrame } from "../core/frame.ts";
import { requireInteger } from "../core/errors.ts";

import {
  CLICKHOUSE_COLUMN_TYPES,
  type ClickHouseColumnType,
  type JsonResult,
  resultFrame,
} from "./_clickhouse_result.ts";

export { CLICKHOUSE_COLUMN_TYPES, type ClickHouseColumnType } from "./_clickhouse_result.ts";

/** Options for {@linkcode queryClickHouse}. */
export interface QueryClickHouseOptions {
  /** The server's HTTP interface, e.g. `"http://127.0.0.1:8123"` (http or https), required. */
  url: string;
  /** The database unqualified table names refer to (default the server's, `default`). */
  database?: string;
  /** The user (default the server's `default` user). */
  username?: string;
  /** The user's password (default empty). */
  password?: string;
  /**
   * The type of some result columns, overriding the one read from ClickHouse's own type, e.g.
   * `{ complete: "bool" }` for a comparison (ClickHouse returns 0/1) or `{ customer_id: "string" }`
   * for numeric ids. Every name must be a column of the result.
   */
  types?: Record<string, ClickHouseColumnType>;
  /** How long to wait for the whole answer, in milliseconds (integer >= 1, default 300,000). */
  timeoutMs?: number;
}

const ACTION = "query ClickHouse";

/**
 * Runs one SQL query on a ClickHouse server through its HTTP interface (`@clickhouse/client`, so
 * it needs network permission for that host only, e.g. `--allow-net=127.0.0.1`) and returns the
 * result as a Polars DataFrame. Column types follow ClickHouse's: integers as Int64 (ClickHouse
 * sends 64-bit integers as text; they are converted exactly, and a value beyond ±(2^53 - 1),
 * which a JavaScript number cannot hold, is refused), floating and decimal numbers as Float64
 * (`nan`, `inf` read as NaN and Infinity), text as Utf8, `Date` as Date, `DateTime('UTC')` as
 * Datetime (ms), `Nullable(...)` with nulls; `types` overrides a column's type (a comparison such
 * as `complete` comes back as 0/1: read it with `"bool"`). A `DateTime` without the `'UTC'` time
 * zone is refused, since its text is in the server's zone: write `toDateTime(x, 'UTC')`, as
 * {@linkcode rfmSql} and the other builders do. Meant for results of summary size: every value
 * passes through JavaScript. Works with servers from 18.16 (Debian's, tested with a two-shard
 * cluster in tests/datasets/sql_clickhouse_test.ts) on.
 *
 * @param sql One SELECT statement without a FORMAT clause (e.g. from {@linkcode rfmSql} with
 *   dialect `"clickhouse"`).
 * @param options The server URL, database, user, password, column types and time limit.
 * @returns A new DataFrame, columns named and ordered as the query's.
 * @throws {TypeError} When `sql` is not a non-empty string, `url` is missing or not an http(s)
 *   URL, another option has the wrong type, or a result column has a type with no Polars
 *   counterpart here (arrays, tuples, maps, a DateTime outside UTC).
 * @throws {RangeError} When `timeoutMs` or a column type is invalid, `types` names a column the
 *   result lacks, or a value cannot be converted (an integer beyond ±(2^53 - 1), text where a
 *   number or 0/1 should be).
 * @throws {Error} When the server cannot be reached (the message names the URL) or refuses the
 *   query (the message includes ClickHouse's own).
 *
 * @example An invalid URL is refused before anything is sent
 * ```ts
 * import assert from "node:assert/strict";
 * import { queryClickHouse } from "./query_clickhouse.ts";
 *
 * await assert.rejects(
 *   queryClickHouse("SELECT 1", { url: "127.0.0.1:8123" }),
 *   /Cannot query ClickHouse as url must be an http or https URL/,
 * );
 * ```
 */
export async function queryClickHouse(
  sql: string,
  options: QueryClickHouseOptions,
): Promise<DataFrame> {
  if (typeof sql !== "string" || sql.trim() === "") {
    throw new TypeError(
      `Cannot ${ACTION} as sql must be a non-empty string: got ${JSON.stringify(sql)}`,
    );
  }
  const o = checkOptions(options);
  const client = createClient({
    url: o.url,
    database: o.database,
    username: o.username,
    password: o.password,
    request_timeout: o.timeoutMs,
    application: "customer-lens",
  });
  let result: JsonResult;
  try {
    const answer = await client.query({ query: sql.trim().replace(/;\s*$/, ""), format: "JSON" });
    result = await answer.json<JsonResult>() as unknown as JsonResult;
  } catch (error) {
    throw serverError(error, o.url);
  } finally {
    await client.close();
  }
  return resultFrame(result, o.types ?? {});
}

function checkOptions(options: QueryClickHouseOptions): QueryClickHouseOptions {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `Cannot ${ACTION} as options must be an object with at least url, e.g. { url: ` +
        `"http://127.0.0.1:8123" }: got ${options === undefined ? "undefined" : String(options)}`,
    );
  }
  const { url } = options;
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TypeError(
      `Cannot ${ACTION} as url must be an http or https URL, e.g. "http://127.0.0.1:8123": got ${
        JSON.stringify(url) ?? "undefined"
      }`,
    );
  }
  for (const key of ["database", "username", "password"] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== "string" || (key !== "password" && !value))) {
      throw new TypeError(
        `Cannot ${ACTION} as ${key} must be a ${key === "password" ? "" : "non-empty "}string: ` +
          `got ${JSON.stringify(value) ?? String(value)}`,
      );
    }
  }
  const timeoutMs = requireInteger(options.timeoutMs ?? 300_000, "timeoutMs", ACTION, 1);
  const types = options.types;
  if (types !== undefined) {
    if (types === null || typeof types !== "object" || Array.isArray(types)) {
      throw new TypeError(
        `Cannot ${ACTION} as types must be an object of column name to type, e.g. { complete: ` +
          `"bool" }: got ${JSON.stringify(types)}`,
      );
    }
    const bad = Object.entries(types).filter(([, t]) => !CLICKHOUSE_COLUMN_TYPES.includes(t));
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${ACTION} as types gives ${bad.length} column(s) an unknown type (use one of ${
          CLICKHOUSE_COLUMN_TYPES.map((t) => `"${t}"`).join(", ")
        }): ${bad.slice(0, 5).map(([c, t]) => `${c}: ${JSON.stringify(t)}`).join(", ")}`,
      );
    }
  }
  return { ...options, url: url.replace(/\/+$/, ""), timeoutMs };
}

/** A house-style error for a failed request: unreachable server or a refused query. */
function serverError(error: unknown, url: string): Error {
  const e = error as { message?: string; code?: string; cause?: { code?: string } };
  const message = String(e?.message ?? error).trim();
  const code = e?.code ?? e?.cause?.code;
  if (code === "ECONNREFUSED") {
    return new Error(
      `Cannot ${ACTION} as the server at ${url} refused the connection (is it running, on ` +
        `that port?): ${message}`,
      { cause: error },
    );
  }
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return new Error(`Cannot ${ACTION} as the server at ${url} could not be reached: ${message}`, {
      cause: error,
    });
  }
  if (/timeout/i.test(message) && !/Code: \d+/.test(message)) {
    return new Error(
      `Cannot ${ACTION} as the server at ${url} did not answer in time: ${message}`,
      {
        cause: error,
      },
    );
  }
  return new Error(`Cannot ${ACTION} as the server at ${url} refused the query: ${message}`, {
    cause: error,
  });
}
