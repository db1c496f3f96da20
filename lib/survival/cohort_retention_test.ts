/**
 * Tests of cohortRetention: a hand-made table (expected values worked out by hand in the
 * comments) and the full monthly matrix of cleaned Online Retail against pandas.
 *
 * Reference values: tests/reference/survival_reference.py run on the CSV export of the bundled
 * file (`/usr/bin/python3 tests/reference/survival_reference.py /tmp/online_retail.csv`, pandas
 * 1.5.3): cleaned with the cleanTransactions default rules written in pandas (as
 * tests/reference/quality_reference.py), then the classic recipe: `order_month =
 * InvoiceDate.dt.to_period("M")`, `cohort = groupby(CustomerID).order_month.transform("min")`,
 * `period_index = (year diff) * 12 + month diff`, `groupby([cohort, period_index]).CustomerID
 * .nunique()`; weeks as `normalize() - weekday days` (Monday start).
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { cohortRetention } from "./cohort_retention.ts";
import { loadOnlineRetail } from "../io/datasets.ts";
import { cleanTransactions } from "../quality/clean_transactions.ts";

const utc = (text: string) => new Date(`${text}Z`);
const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);

// e: Dec 2010 then Jan 2011 (a year boundary); a: Jan twice and Mar; b: Jan 31 23:59:59 only;
// c: Feb 1 00:00 and Apr; d: Feb and Mar. A row without a customer and one with "" are ignored.
const TX = pl.DataFrame({
  customer_id: ["a", "a", "a", "b", "c", "c", "d", "d", "e", "e", null, ""],
  invoice_date: [
    "2011-01-03T10:00:00",
    "2011-01-28T10:00:00",
    "2011-03-15T10:00:00",
    "2011-01-31T23:59:59",
    "2011-02-01T00:00:00",
    "2011-04-02T09:00:00",
    "2011-02-10T12:00:00",
    "2011-03-01T08:00:00",
    "2010-12-31T18:00:00",
    "2011-01-02T11:00:00",
    "2011-05-05T10:00:00",
    "2011-05-06T10:00:00",
  ].map(utc),
  quantity: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
});

function triples(table: DataFrame): [string, number, number][] {
  return table.toRecords().map((r) => [day(r.cohort), Number(r.period_index), Number(r.customers)]);
}

Deno.test("cohortRetention() builds the monthly triangle with observed zeros", () => {
  const table = cohortRetention(TX);
  assert.deepEqual(table.columns, [
    "cohort",
    "period_index",
    "customers",
    "cohort_size",
    "retention",
  ]);
  assert.deepEqual(
    table.dtypes.map((d) => d.variant),
    ["Date", "Int64", "Int64", "Int64", "Float64"],
  );
  // Runs to April 2011, the last counted purchase (the May rows have no customer).
  assert.deepEqual(triples(table), [
    ["2010-12-01", 0, 1],
    ["2010-12-01", 1, 1],
    ["2010-12-01", 2, 0],
    ["2010-12-01", 3, 0],
    ["2010-12-01", 4, 0],
    ["2011-01-01", 0, 2],
    ["2011-01-01", 1, 0],
    ["2011-01-01", 2, 1],
    ["2011-01-01", 3, 0],
    ["2011-02-01", 0, 2],
    ["2011-02-01", 1, 1],
    ["2011-02-01", 2, 1],
  ]);
  assert.deepEqual(table.getColumn("cohort_size").toArray(), [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
  assert.deepEqual(
    table.getColumn("retention").toArray(),
    [1, 1, 0, 0, 0, 1, 0, 0.5, 0, 1, 0.5, 0.5],
  );
});

Deno.test("cohortRetention() ignores purchases after asOf and runs to asOf's month", () => {
  // c's April purchase is after asOf; the triangle stops in March.
  const table = cohortRetention(TX, { asOf: new Date("2011-03-20") });
  assert.deepEqual(triples(table), [
    ["2010-12-01", 0, 1],
    ["2010-12-01", 1, 1],
    ["2010-12-01", 2, 0],
    ["2010-12-01", 3, 0],
    ["2011-01-01", 0, 2],
    ["2011-01-01", 1, 0],
    ["2011-01-01", 2, 1],
    ["2011-02-01", 0, 2],
    ["2011-02-01", 1, 1],
  ]);
  // asOf later than the data: the triangle runs on to asOf's month, with zeros.
  const later = cohortRetention(TX, { asOf: new Date("2011-06-01") });
  assert.equal(later.height, 12 + 3 * 2);
  assert.deepEqual(later.tail(1).toRecords()[0].customers, 0);
  // asOf is inclusive: a purchase exactly at asOf counts.
  const exact = cohortRetention(TX, { asOf: utc("2011-01-31T23:59:59") });
  assert.deepEqual(triples(exact), [["2010-12-01", 0, 1], ["2010-12-01", 1, 1], [
    "2011-01-01",
    0,
    2,
  ]]);
});

Deno.test("cohortRetention() uses ISO weeks starting on Monday", () => {
  // x: Sunday 2 Jan 2011 (week of Mon 27 Dec 2010) and Monday 3 Jan (next week);
  // y: Sunday 9 Jan 23:00 (week of 3 Jan) and Monday 17 Jan (two weeks later).
  const tx = pl.DataFrame({
    customer_id: ["x", "x", "y", "y"],
    invoice_date: [
      "2011-01-02T12:00:00",
      "2011-01-03T00:00:00",
      "2011-01-09T23:00:00",
      "2011-01-17T08:00:00",
    ].map(utc),
  });
  const table = cohortRetention(tx, { period: "week" });
  assert.deepEqual(triples(table), [
    ["2010-12-27", 0, 1],
    ["2010-12-27", 1, 1],
    ["2010-12-27", 2, 0],
    ["2010-12-27", 3, 0],
    ["2011-01-03", 0, 1],
    ["2011-01-03", 1, 0],
    ["2011-01-03", 2, 1],
  ]);
  // Before 1970 (negative days since the epoch): Sunday 28 Dec 1969 and Wednesday 31 Dec 1969.
  const old = pl.DataFrame({
    customer_id: ["z", "z"],
    invoice_date: [utc("1969-12-28T10:00:00"), utc("1969-12-31T10:00:00")],
  });
  assert.deepEqual(triples(cohortRetention(old, { period: "week" })), [
    ["1969-12-22", 0, 1],
    ["1969-12-22", 1, 1],
  ]);
});

Deno.test("cohortRetention() accepts a Date column and does not modify its input", () => {
  const before = TX.toRecords();
  const dated = TX.withColumns(pl.col("invoice_date").cast(pl.Date));
  assert.deepEqual(triples(cohortRetention(dated)), triples(cohortRetention(TX)));
  assert.deepEqual(TX.toRecords(), before);
});

Deno.test("cohortRetention() reports bad input", () => {
  assert.throws(() => cohortRetention(TX.drop("invoice_date")), {
    name: "TypeError",
    message:
      'Cannot compute cohort retention as column "invoice_date" is missing: available columns are customer_id, quantity',
  });
  assert.throws(
    // @ts-expect-error: an unsupported period on purpose
    () => cohortRetention(TX, { period: "day" }),
    {
      name: "RangeError",
      message: 'Cannot compute cohort retention as period must be "month" or "week": "day"',
    },
  );
  assert.throws(() => cohortRetention(TX, { asOf: new Date("nope") }), {
    name: "TypeError",
    message: "Cannot compute cohort retention as asOf is not a valid Date: Invalid Date",
  });
  assert.throws(
    () => cohortRetention(TX.withColumns(pl.col("invoice_date").cast(pl.Utf8))),
    {
      name: "TypeError",
      message:
        'Cannot compute cohort retention as column "invoice_date" is not a date: it is String',
    },
  );
  assert.throws(() => cohortRetention(TX.head(0)), {
    name: "RangeError",
    message: "Cannot compute cohort retention as the frame is empty: 0 rows",
  });
  assert.throws(() => cohortRetention(TX.tail(2)), {
    name: "RangeError",
    message:
      "Cannot compute cohort retention as no row has a customer id: all 2 rows have a missing customer_id",
  });
  assert.throws(() => cohortRetention(TX, { asOf: new Date("2010-01-01") }), {
    name: "RangeError",
    message:
      "Cannot compute cohort retention as no customer transaction is on or before asOf: asOf is 2010-01-01 00:00:00, the first customer transaction is on 2010-12-31 18:00:00",
  });
  const missingDate = pl.DataFrame({
    customer_id: ["a", "b"],
    invoice_date: pl.Series("invoice_date", [utc("2011-01-01T00:00:00"), null], pl.Datetime("ms")),
  });
  assert.throws(() => cohortRetention(missingDate), {
    name: "RangeError",
    message: "Cannot compute cohort retention as 1 customer row has a missing invoice_date: rows 2",
  });
});

// ---------------------------------------------------------------- Online Retail against pandas

let cleaned: DataFrame | undefined;
function onlineRetail(): DataFrame {
  cleaned ??= cleanTransactions(loadOnlineRetail()).data;
  return cleaned;
}

// Customers per cohort month (rows) and period_index (columns), printed by pandas.
const PANDAS_MONTHLY: Record<string, number[]> = {
  "2010-12": [884, 323, 286, 339, 320, 352, 320, 308, 312, 349, 330, 444, 234],
  "2011-01": [416, 91, 111, 95, 132, 120, 103, 100, 123, 136, 152, 49],
  "2011-02": [380, 71, 71, 109, 103, 93, 97, 104, 94, 116, 26],
  "2011-03": [452, 67, 114, 90, 101, 76, 121, 104, 126, 39],
  "2011-04": [300, 63, 61, 63, 59, 68, 65, 78, 22],
  "2011-05": [284, 54, 49, 49, 59, 66, 75, 27],
  "2011-06": [242, 42, 38, 64, 56, 80, 23],
  "2011-07": [187, 33, 38, 42, 51, 21],
  "2011-08": [169, 34, 41, 41, 21],
  "2011-09": [299, 70, 90, 34],
  "2011-10": [357, 84, 41],
  "2011-11": [323, 36],
  "2011-12": [41],
};

Deno.test("cohortRetention() on cleaned Online Retail matches pandas' monthly matrix", () => {
  const table = cohortRetention(onlineRetail());
  const actual: Record<string, number[]> = {};
  for (const row of table.toRecords()) {
    const cohort = day(row.cohort).slice(0, 7);
    (actual[cohort] ??= []).push(Number(row.customers));
    assert.equal(row.retention, Number(row.customers) / Number(row.cohort_size));
  }
  assert.deepEqual(actual, PANDAS_MONTHLY);
  assert.equal(
    Object.values(PANDAS_MONTHLY).reduce((sum, row) => sum + row[0], 0),
    4334,
    "every cleaned customer is in one cohort",
  );
  const at = (cohort: string, index: number) =>
    table.toRecords().find((r) => day(r.cohort) === cohort && r.period_index === index)!
      .retention;
  // pandas' matrix.div(sizes) printed with repr().
  assert.equal(at("2010-12-01", 1), 0.36538461538461536);
  assert.equal(at("2011-01-01", 11), 0.11778846153846154);
  assert.equal(at("2011-06-01", 3), 0.2644628099173554);
});

Deno.test("cohortRetention() on cleaned Online Retail matches pandas' weekly cohorts", () => {
  const table = cohortRetention(onlineRetail(), { period: "week" });
  const rows = table.toRecords();
  const cohorts = [...new Set(rows.map((r) => day(r.cohort)))];
  assert.equal(cohorts.length, 53);
  assert.equal(cohorts[0], "2010-11-29");
  assert.equal(cohorts[cohorts.length - 1], "2011-12-05");
  const nonEmpty = rows.filter((r) => Number(r.customers) > 0);
  assert.equal(nonEmpty.length, 1392);
  assert.equal(nonEmpty.reduce((sum, r) => sum + Number(r.customers), 0), 15865);
  const ordinal = new Map(cohorts.map((c, i) => [c, i + 1]));
  const checksum = rows.reduce(
    (sum, r) =>
      sum + Number(r.customers) * (Number(r.period_index) + 1) * ordinal.get(day(r.cohort))!,
    0,
  );
  assert.equal(checksum, 2130448);
  assert.equal(Math.max(...rows.map((r) => Number(r.period_index))), 53);
});
