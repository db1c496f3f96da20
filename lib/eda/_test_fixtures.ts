/**
 * Small fixed datasets for the eda tests. tests/reference/eda_reference.py builds the same frames
 * with pandas and prints the reference values pasted into the tests: keep both in step.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import assert from "node:assert/strict";

const utc = (text: string | null): Date | null =>
  text === null
    ? null
    : new Date(`${text.replace(" ", "T")}${text.length > 10 ? "" : "T00:00:00"}Z`);

/**
 * 16 rows: `x` (Float64, 2 nulls, ties, one large outlier), `y` (Int64, 1 null, ties), `z` (Float64,
 * no nulls), `segment` (String, 2 nulls), `seen_at` (Datetime(ms), 1 null), `joined` (Date, 1 null).
 */
export function sampleFrame(): DataFrame {
  return pl.DataFrame([
    pl.Series(
      "x",
      [2.5, 3.1, null, 4.0, 4.0, 6.5, 3.3, 2.9, 40.0, 3.8, null, 4.4, 3.1, 2.2, 5.0, 3.6],
      pl.Float64,
    ),
    pl.Series("y", [10, 12, 12, null, 15, 18, 11, 9, 30, 14, 13, 16, 12, 8, 17, 14], pl.Int64),
    pl.Series(
      "z",
      [1.0, -0.5, 2.25, 0.75, 3.0, 1.5, -1.0, 0.0, 2.0, 1.25, 0.5, 2.75, -0.25, 1.75, 3.5, 0.25],
      pl.Float64,
    ),
    pl.Series(
      "segment",
      ["a", "b", "a", null, "c", "b", "a", "a", "c", null, "b", "a", "c", "b", "a", "b"],
      pl.Utf8,
    ),
    pl.Series(
      "seen_at",
      [
        "2024-01-05 08:00:00",
        "2024-01-06 09:30:00",
        "2024-01-06 17:45:10",
        null,
        "2024-01-09 12:00:00",
        "2024-01-12 23:59:59",
        "2024-01-15 00:00:01",
        "2024-01-15 06:30:00",
        "2024-01-20 10:10:10",
        "2024-01-21 11:11:11",
        "2024-01-25 13:00:00",
        "2024-01-31 18:20:00",
        "2024-02-02 07:07:07",
        "2024-02-10 19:00:00",
        "2024-02-14 14:14:14",
        "2024-02-29 21:00:00",
      ].map(utc),
      pl.Datetime("ms"),
    ),
    pl.Series(
      "joined",
      [
        "2023-03-01",
        "2023-03-15",
        "2023-04-02",
        "2023-04-02",
        "2023-05-20",
        "2023-06-30",
        "2023-07-04",
        "2023-08-08",
        "2023-09-09",
        "2023-10-10",
        "2023-11-11",
        null,
        "2023-12-12",
        "2024-01-01",
        "2024-01-02",
        "2024-02-29",
      ].map(utc),
      pl.Date,
    ),
  ]);
}

type TxRow = [string, string | null, string, string, string | null, number, number];

/** 18 transaction lines, 12 invoices, 5 customers plus guest (null) invoices, one return. */
const TX_ROWS: TxRow[] = [
  ["1001", "C1", "2023-12-29 09:15:00", "P1", "Mug", 2, 3.5],
  ["1001", "C1", "2023-12-29 09:15:00", "P2", "Plate", 1, 7.25],
  ["1001", "C1", "2023-12-29 09:15:00", "P1", "Mug", 1, 3.5],
  ["1002", "C2", "2023-12-31 14:40:00", "P3", "Bowl", 4, 2.1],
  ["1003", null, "2024-01-01 10:05:00", "P2", "Plate", 2, 7.25],
  ["1003", null, "2024-01-01 10:05:00", "P4", null, 1, 12.0],
  ["1004", "C3", "2024-01-03 16:20:00", "P5", "Vase", 1, 25.0],
  ["1005", "C1", "2024-01-08 09:50:00", "P3", "Bowl", 6, 2.1],
  ["1005", "C1", "2024-01-08 09:50:00", "P1", "Mug", 3, 3.5],
  ["1006", "C2", "2024-01-14 18:30:00", "P2", "Plate", -1, 7.25],
  ["1007", "C4", "2024-01-15 09:10:00", "P4", "Lamp", 2, 12.0],
  ["1007", "C4", "2024-01-15 09:10:00", "P6", "Rug", 1, 49.9],
  ["1008", "C3", "2024-02-02 11:45:00", "P1", "Mug", 10, 3.2],
  ["1009", "C2", "2024-02-05 14:05:00", "P5", "Vase", 2, 25.0],
  ["1009", "C2", "2024-02-05 14:05:00", "P3", "Bowl", 2, 2.1],
  ["1010", "C5", "2024-02-05 09:30:00", "P6", "Rug", 1, 49.9],
  ["1011", null, "2024-02-11 14:55:00", "P1", "Mug", 1, 3.5],
  ["1012", "C1", "2024-02-12 10:00:00", "P2", "Plate", 3, 7.25],
];

/** The canonical transaction frame of {@linkcode TX_ROWS}: quantity Int64, invoice_date Datetime(ms). */
export function transactions(): DataFrame {
  const column = (i: number) => TX_ROWS.map((row) => row[i]);
  return pl.DataFrame([
    pl.Series("invoice_id", column(0), pl.Utf8),
    pl.Series("customer_id", column(1), pl.Utf8),
    pl.Series("invoice_date", TX_ROWS.map((row) => utc(row[2])), pl.Datetime("ms")),
    pl.Series("product_id", column(3), pl.Utf8),
    pl.Series("description", column(4), pl.Utf8),
    pl.Series("quantity", column(5), pl.Int64),
    pl.Series("unit_price", column(6), pl.Float64),
  ]);
}

/**
 * Asserts that `fn` throws an instance of exactly `errorClass` whose message matches `pattern`.
 *
 * @param fn The call expected to throw.
 * @param errorClass The expected class, e.g. `TypeError`.
 * @param pattern What the message must match.
 */
export function assertThrows(
  fn: () => unknown,
  errorClass: new (...args: never[]) => Error,
  pattern: RegExp,
): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(
      error instanceof Error && error.constructor === errorClass,
      `expected a ${errorClass.name}, got ${error}`,
    );
    assert.match(error.message, pattern);
    return true;
  });
}
