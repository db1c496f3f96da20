/**
 * queryClickHouse: option checks (refused before anything is sent, so no server and no network
 * here) and the conversion of ClickHouse's JSON answer. The queries themselves run on a real
 * two-shard cluster in tests/datasets/sql_clickhouse_test.ts.
 */
import assert from "node:assert/strict";
import { queryClickHouse } from "./query_clickhouse.ts";
import { resultFrame } from "./_clickhouse_result.ts";

const URL_OK = "http://127.0.0.1:8123";

Deno.test("queryClickHouse refuses bad sql and options before connecting", async () => {
  await assert.rejects(
    queryClickHouse("  ", { url: URL_OK }),
    (e) => e instanceof TypeError && /sql must be a non-empty string/.test(e.message),
  );
  await assert.rejects(
    // @ts-expect-error: options are required
    queryClickHouse("SELECT 1"),
    /Cannot query ClickHouse as options must be an object with at least url/,
  );
  for (const url of [undefined, "", "127.0.0.1:8123", "ftp://127.0.0.1", "http//x", 8123]) {
    await assert.rejects(
      queryClickHouse("SELECT 1", { url: url as string }),
      (e) =>
        e instanceof TypeError &&
        e.message.startsWith("Cannot query ClickHouse as url must be an http or https URL") &&
        e.message.endsWith(`got ${JSON.stringify(url) ?? "undefined"}`),
      String(url),
    );
  }
  await assert.rejects(
    queryClickHouse("SELECT 1", { url: URL_OK, database: "" }),
    /database must be a non-empty string: got ""/,
  );
  await assert.rejects(
    queryClickHouse("SELECT 1", { url: URL_OK, password: 42 as unknown as string }),
    /password must be a string: got 42/,
  );
  await assert.rejects(
    queryClickHouse("SELECT 1", { url: URL_OK, timeoutMs: 0 }),
    (e) => e instanceof RangeError && /timeoutMs/.test(e.message),
  );
  await assert.rejects(
    queryClickHouse("SELECT 1", {
      url: URL_OK,
      types: { a: "integer" as "int64", b: "bool" },
    }),
    (e) =>
      e instanceof RangeError && /types gives 1 column\(s\) an unknown type/.test(e.message) &&
      /a: "integer"/.test(e.message),
  );
  await assert.rejects(
    queryClickHouse("SELECT 1", {
      url: URL_OK,
      types: ["int64"] as unknown as Record<string, "int64">,
    }),
    (e) => e instanceof TypeError && /types must be an object/.test(e.message),
  );
});

const meta = (pairs: [string, string][]) => pairs.map(([name, type]) => ({ name, type }));

Deno.test("ClickHouse results convert exactly: 64-bit integers as text, nulls, dates in UTC", () => {
  const df = resultFrame({
    meta: meta([
      ["n", "Int64"],
      ["u", "Nullable(UInt64)"],
      ["x", "Float64"],
      ["s", "String"],
      ["d", "Date"],
      ["t", "DateTime('UTC')"],
      ["complete", "UInt8"],
    ]),
    data: [
      {
        n: "9007199254740991",
        u: null,
        x: 1.5,
        s: "17850",
        d: "2011-12-01",
        t: "2011-12-09 12:50:00",
        complete: 1,
      },
      { n: "-42", u: "7", x: "nan", s: "", d: "1970-01-01", t: "1970-01-01 00:00:01", complete: 0 },
    ],
  }, { complete: "bool" });
  assert.deepEqual(
    df.dtypes.map((t) => String(t)),
    [
      "DataType(Int64)",
      "DataType(Int64)",
      "DataType(Float64)",
      "DataType(String)",
      "DataType(Date)",
      "DataType(Datetime(ms,))",
      "DataType(Bool)",
    ],
  );
  assert.deepEqual(df.getColumn("n").toArray(), [9007199254740991, -42]);
  assert.deepEqual(df.getColumn("u").toArray(), [null, 7]);
  assert.ok(Number.isNaN(df.getColumn("x").get(1)));
  assert.deepEqual(df.getColumn("s").toArray(), ["17850", ""]);
  assert.deepEqual(
    (df.getColumn("t").toArray() as unknown as Date[]).map((d) => d.getTime()),
    [Date.UTC(2011, 11, 9, 12, 50), 1000],
  );
  assert.deepEqual(
    (df.getColumn("d").toArray() as unknown as Date[]).map((d) => d.getTime()),
    [Date.UTC(2011, 11, 1), 0],
  );
  assert.deepEqual(df.getColumn("complete").toArray(), [true, false]);
});

Deno.test("ClickHouse results refuse values that do not convert exactly", () => {
  const one = (type: string, values: unknown[], wanted?: "int64" | "bool" | "string") => () =>
    resultFrame(
      { meta: meta([["c", type]]), data: values.map((c) => ({ c })) },
      wanted ? { c: wanted } : {},
    );
  assert.throws(
    one("UInt64", ["18446744073709551615", "9007199254740993", "1"]),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot read the ClickHouse result as column "c" (UInt64, read as int64) has 2 value(s) ' +
          "that are not integers a JavaScript number holds exactly (within ±(2^53 - 1)): " +
          '"18446744073709551615", "9007199254740993"',
  );
  assert.throws(one("UInt8", [2], "bool"), /has 1 value\(s\) that are not 0 or 1: 2/);
  assert.throws(one("String", ["x1"], "int64"), /column "c" \(String, read as int64\)/);
  assert.throws(
    one("DateTime", ["2011-01-01 00:00:00"]),
    (e) => e instanceof TypeError && /toDateTime\(x, 'UTC'\)/.test(e.message),
  );
  assert.throws(
    one("Array(String)", [["a"]]),
    (e) =>
      e instanceof TypeError && /type Array\(String\), which has no Polars type/.test(e.message),
  );
  assert.throws(
    () => resultFrame({ meta: meta([["a", "Int64"]]), data: [] }, { complete: "bool" }),
    /types names 1 column\(s\) the result does not have: "complete" \(result columns: a\)/,
  );
  // Numeric ids read as text keep every digit.
  assert.deepEqual(one("UInt64", ["18446744073709551615"], "string")().getColumn("c").toArray(), [
    "18446744073709551615",
  ]);
});
