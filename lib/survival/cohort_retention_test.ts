/**
 * Tests of cohortRetention on a hand-made table (expected values worked out by hand in the
 * comments). The full monthly and weekly matrices of cleaned Online Retail against pandas are in
 * tests/datasets/survival_test.ts.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { dataNotes } from "../core/errors.ts";
import { cohortRetention } from "./cohort_retention.ts";

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
/** The end of April 2011, the month of the last purchase with a customer. */
const AS_OF = utc("2011-04-30T23:59:59");

function triples(table: DataFrame): [string, number, number][] {
  return table.toRecords().map((r) => [day(r.cohort), Number(r.period_index), Number(r.customers)]);
}

Deno.test("cohortRetention() builds the monthly triangle with observed zeros", () => {
  const table = cohortRetention(TX, { asOf: AS_OF });
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
  // Runs to April 2011, asOf's month (the May rows have no customer).
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
  // asOf is inclusive: a purchase exactly at asOf counts.
  const exact = cohortRetention(TX, { asOf: utc("2011-01-31T23:59:59") });
  assert.deepEqual(triples(exact), [["2010-12-01", 0, 1], ["2010-12-01", 1, 1], [
    "2011-01-01",
    0,
    2,
  ]]);
});

Deno.test("cohortRetention() never reports periods after the data ends as zero retention", () => {
  // The data ends on 6 May 2011 (the last rows have no customer but were recorded); asOf is in
  // August. May is observed (nobody came back: real zeros); June to August are absent, not 0.
  const later = cohortRetention(TX, { asOf: new Date("2011-08-15") });
  const maxIndex = new Map<string, number>();
  for (const [cohort, index] of triples(later)) {
    maxIndex.set(cohort, Math.max(maxIndex.get(cohort) ?? 0, index));
  }
  assert.deepEqual(Object.fromEntries(maxIndex), {
    "2010-12-01": 5,
    "2011-01-01": 4,
    "2011-02-01": 3,
  });
  assert.equal(later.height, 12 + 3);
  assert.deepEqual(triples(later).filter(([, , n]) => n > 0).length, 7);
  assert.ok(later.getColumn("retention").toArray().every((r) => Number.isFinite(r)));
  assert.deepEqual(dataNotes(later), [{
    rule: "periods_after_data_end",
    column: "invoice_date",
    rows: 3,
    examples: ["data ends 2011-05-06 10:00:00", "asOf 2011-08-15 00:00:00"],
  }]);
  // Cleaned data (no customer-less rows) ends on 2 April: the table stops in April.
  const cleaned = TX.filter(
    pl.col("customer_id").isNotNull().and(pl.col("customer_id").neq(pl.lit(""))),
  );
  assert.deepEqual(
    triples(cohortRetention(cleaned, { asOf: new Date("2011-08-15") })),
    triples(cohortRetention(TX, { asOf: AS_OF })),
  );
  // Weekly: the data ends in the week of Monday 2 May 2011; asOf two weeks later adds nothing.
  const weeks = cohortRetention(TX, { asOf: new Date("2011-05-20"), period: "week" });
  const weeksAtEnd = cohortRetention(TX, { asOf: utc("2011-05-06T10:00:00"), period: "week" });
  assert.deepEqual(triples(weeks), triples(weeksAtEnd));
  assert.equal(dataNotes(weeks)[0].rows, 2);
  // When the data reaches asOf's period, no note.
  assert.deepEqual(dataNotes(cohortRetention(TX, { asOf: AS_OF })), []);
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
  const table = cohortRetention(tx, { asOf: utc("2011-01-17T08:00:00"), period: "week" });
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
  const old1969 = utc("1969-12-31T23:59:59");
  assert.deepEqual(triples(cohortRetention(old, { asOf: old1969, period: "week" })), [
    ["1969-12-22", 0, 1],
    ["1969-12-22", 1, 1],
  ]);
});

Deno.test("cohortRetention() accepts a Date column and does not modify its input", () => {
  const before = TX.toRecords();
  const dated = TX.withColumns(pl.col("invoice_date").cast(pl.Date));
  assert.deepEqual(
    triples(cohortRetention(dated, { asOf: AS_OF })),
    triples(cohortRetention(TX, { asOf: AS_OF })),
  );
  assert.deepEqual(TX.toRecords(), before);
});

Deno.test("cohortRetention() requires asOf: no silent default to the data's last date", () => {
  const message =
    'Cannot compute cohort retention as asOf must be a Date, e.g. new Date("2011-12-10"): got undefined';
  // @ts-expect-error: asOf left out on purpose
  assert.throws(() => cohortRetention(TX), { name: "TypeError", message });
  // @ts-expect-error: asOf left out on purpose
  assert.throws(() => cohortRetention(TX, { period: "month" }), { name: "TypeError", message });
  assert.throws(
    // @ts-expect-error: a string instead of a Date on purpose
    () => cohortRetention(TX, { asOf: "2011-12-10" }),
    {
      name: "TypeError",
      message:
        'Cannot compute cohort retention as asOf must be a Date, e.g. new Date("2011-12-10"): got "2011-12-10"',
    },
  );
  assert.throws(() => cohortRetention(TX, { asOf: new Date("nope") }), {
    name: "RangeError",
    message: "Cannot compute cohort retention as asOf is an invalid Date",
  });
});

Deno.test("cohortRetention() reports bad input", () => {
  const asOf = AS_OF;
  assert.throws(() => cohortRetention(TX.drop("invoice_date"), { asOf }), {
    name: "TypeError",
    message:
      'Cannot compute cohort retention as column "invoice_date" is missing: available columns are customer_id, quantity',
  });
  assert.throws(
    // @ts-expect-error: an unsupported period on purpose
    () => cohortRetention(TX, { asOf, period: "day" }),
    {
      name: "RangeError",
      message:
        'Cannot compute cohort retention as period must be one of "month", "week": got "day"',
    },
  );
  assert.throws(
    () => cohortRetention(TX.withColumns(pl.col("invoice_date").cast(pl.Utf8)), { asOf }),
    {
      name: "TypeError",
      message:
        'Cannot compute cohort retention as column "invoice_date" is not a date: it is String',
    },
  );
  assert.throws(() => cohortRetention(TX.head(0), { asOf }), {
    name: "RangeError",
    message: "Cannot compute cohort retention as the frame is empty: 0 rows",
  });
  assert.throws(() => cohortRetention(TX.tail(2), { asOf }), {
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
  assert.throws(() => cohortRetention(missingDate, { asOf }), {
    name: "RangeError",
    message: "Cannot compute cohort retention as 1 customer row has a missing invoice_date: rows 2",
  });
});
