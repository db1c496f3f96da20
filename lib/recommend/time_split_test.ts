import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { timeSplit } from "./time_split.ts";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

const log = () =>
  pl.DataFrame({
    customer_id: ["a", "a", "a", "a", "b", "b", "c", "d", "d", null, "e", "e"],
    product_id: [
      "tea",
      "mug",
      "tea",
      "jam",
      "tea",
      "tea",
      "cup",
      "pan",
      "pan",
      "vase",
      "pot",
      "pot",
    ],
    invoice_date: [
      day("2011-01-10"), // a: tea before
      day("2011-01-20"), // a: mug before
      day("2011-03-01"), // a: tea again (old: not relevant)
      day("2011-02-01"), // a: jam exactly at the cutoff (test, new)
      day("2011-01-05"), // b: tea before
      day("2011-03-05"), // b: only re-buys tea: not evaluated
      day("2011-03-07"), // c: first seen after the cutoff: not evaluated
      day("2011-01-15"), // d: pan returned before the cutoff (not a purchase)
      day("2011-03-10"), // d: pan bought after, but d never bought anything before
      day("2011-03-11"), // no customer
      day("2011-01-02"), // e: pot before
      day("2011-04-01"), // e: a return of something else after: not a purchase
    ],
    quantity: [1, 1, 2, 1, 1, 1, 1, -1, 1, 1, 2, -3],
  }).withColumns(pl.col("invoice_date").cast(pl.Datetime("ms")));

Deno.test("timeSplit() splits at the cutoff and keeps only new items as relevant", () => {
  const tx = log();
  const split = timeSplit(tx, { cutoff: day("2011-02-01") });
  assert.equal(split.train.height, 5);
  assert.equal(split.test.height, 7);
  assert.deepEqual(split.train.columns, tx.columns);
  // a: jam is new (mug and tea were bought before); b only re-bought; c and d were not known
  // before the cutoff; e only returned something.
  assert.deepEqual([...split.relevant], [["a", ["jam"]]]);
  assert.deepEqual(split.cutoff, day("2011-02-01"));
});

Deno.test("timeSplit() lists several new items sorted, and ignores test returns", () => {
  const tx = pl.DataFrame({
    customer_id: ["x", "x", "x", "x", "y", "y"],
    product_id: ["p1", "p3", "p2", "p4", "p1", "p2"],
    invoice_date: [
      day("2011-01-01"),
      day("2011-06-01"),
      day("2011-06-02"),
      day("2011-06-03"),
      day("2011-01-01"),
      day("2011-06-01"),
    ],
    quantity: [1, 1, 1, -2, 1, 1],
  });
  const split = timeSplit(tx, { cutoff: day("2011-03-01") });
  assert.deepEqual([...split.relevant.keys()], ["x", "y"]);
  assert.deepEqual(split.relevant.get("x"), ["p2", "p3"]);
  assert.deepEqual(split.relevant.get("y"), ["p2"]);
});

Deno.test("timeSplit() honours custom column names and does not modify its input", () => {
  const tx = log().rename({ customer_id: "cust", product_id: "sku", invoice_date: "when" });
  const before = tx.toRecords();
  const split = timeSplit(tx, {
    cutoff: day("2011-02-01"),
    customer: "cust",
    item: "sku",
    date: "when",
  });
  assert.deepEqual([...split.relevant], [["a", ["jam"]]]);
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("timeSplit() throws when a side of the split is empty", () => {
  assert.throws(
    () => timeSplit(log(), { cutoff: day("2010-01-01") }),
    (e: Error) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot split as no transaction falls before the cutoff: cutoff 2010-01-01T00:00:00.000Z, transactions from 2011-01-02T00:00:00.000Z to 2011-04-01T00:00:00.000Z",
  );
  assert.throws(
    () => timeSplit(log(), { cutoff: day("2012-01-01") }),
    (e: Error) =>
      e instanceof RangeError && /no transaction falls on or after the cutoff/.test(e.message),
  );
});

Deno.test("timeSplit() rejects bad arguments", () => {
  assert.throws(
    () => timeSplit(log().drop("product_id"), { cutoff: day("2011-02-01") }),
    (e: Error) => e instanceof TypeError && /column "product_id" is missing/.test(e.message),
  );
  assert.throws(
    // @ts-expect-error: a string cutoff
    () => timeSplit(log(), { cutoff: "2011-02-01" }),
    (e: Error) =>
      e instanceof TypeError &&
      /the cutoff must be a Date, e.g. new Date\("2011-12-10"\): got "2011-02-01"/.test(e.message),
  );
  assert.throws(
    () => timeSplit(log(), { cutoff: new Date("not a date") }),
    (e: Error) => e instanceof RangeError && /invalid Date/.test(e.message),
  );
  assert.throws(
    () =>
      timeSplit(log().withColumns(pl.col("invoice_date").cast(pl.Utf8)), {
        cutoff: day("2011-02-01"),
      }),
    (e: Error) =>
      e instanceof TypeError && /is not a Date or Datetime: its dtype is String/.test(e.message),
  );
});
