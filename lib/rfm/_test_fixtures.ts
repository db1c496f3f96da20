/**
 * A small hand-made transaction table for the rfm tests. tests/reference/rfm_reference.py builds
 * the same table with pandas and prints the reference values pasted into the tests: keep both in step.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";

/** Parses `YYYY-MM-DD HH:MM:SS` as wall-clock time stored as UTC, as Datetime columns hold it. */
export const utc = (text: string): Date => new Date(`${text.replace(" ", "T")}Z`);

/** The analysis date of the small table: 2011-03-01 00:00:00. */
export const AS_OF: Date = utc("2011-03-01 00:00:00");

/** customer_id, invoice_id, invoice_date, product_id, quantity, unit_price. */
const ROWS: [string | null, string, string, string, number, number][] = [
  ["c01", "1001", "2011-01-05 10:00:00", "P1", 2, 3.5],
  ["c01", "1001", "2011-01-05 10:00:00", "P2", 1, 10.0],
  ["c01", "1010", "2011-02-20 09:30:00", "P1", 4, 3.5],
  ["c01", "1020", "2011-02-28 23:59:00", "P3", 1, 25.0],
  ["c02", "1002", "2011-01-10 12:00:00", "P2", 3, 10.0],
  ["c02", "1011", "2011-02-01 08:00:00", "P2", 1, 10.0],
  ["c03", "1003", "2011-01-15 15:00:00", "P4", 10, 0.85],
  ["c03", "1003", "2011-01-15 15:00:00", "P5", 6, 1.25],
  ["c04", "1004", "2011-02-14 11:11:00", "P8", 1, 7.0],
  ["c04", "1030", "2011-03-01 00:00:01", "P3", 5, 25.0], // one second after AS_OF: ignored
  ["c05", "1005", "2010-12-01 09:00:00", "P6", 2, 15.0],
  ["c05", "1013", "2011-02-14 11:11:00", "P6", 1, 15.0], // same last purchase as c04
  ["c06", "1006", "2010-12-20 10:00:00", "P7", 12, 2.1],
  ["c07", "1007", "2011-03-01 00:00:00", "P1", 2, 3.5], // exactly at AS_OF: counted
  ["c08", "1009", "2011-01-03 16:45:00", "P5", 3, 2.5],
  ["c08", "1008", "2011-02-28 00:00:01", "P5", 3, 2.5], // 23:59:59 before AS_OF: 0 days
  [null, "1040", "2011-02-10 10:00:00", "P1", 100, 3.5], // no customer: ignored
  ["c09", "1050", "2011-03-05 10:00:00", "P2", 1, 10.0], // only after AS_OF: absent
  ["c10", "1060", "2010-12-05 08:00:00", "P9", 24, 0.42],
  ["c10", "1061", "2010-12-05 08:00:00", "P9", 24, 0.42], // two invoices, same minute
  ["c10", "1062", "2011-01-28 13:00:00", "P2", 2, 10.0],
  ["c11", "1070", "2011-02-27 12:00:00", "P4", 40, 0.85],
];

/** The 22-row table as canonical transactions (quantity Int64, invoice_date Datetime(ms)). */
export function smallTransactions(): DataFrame {
  return pl.DataFrame([
    pl.Series("customer_id", ROWS.map((r) => r[0]), pl.Utf8),
    pl.Series("invoice_id", ROWS.map((r) => r[1]), pl.Utf8),
    pl.Series("invoice_date", ROWS.map((r) => utc(r[2])), pl.Datetime("ms")),
    pl.Series("product_id", ROWS.map((r) => r[3]), pl.Utf8),
    pl.Series("description", ROWS.map(() => null), pl.Utf8),
    pl.Series("quantity", ROWS.map((r) => r[4]), pl.Int64),
    pl.Series("unit_price", ROWS.map((r) => r[5]), pl.Float64),
    pl.Series("country", ROWS.map(() => "United Kingdom"), pl.Utf8),
  ]);
}
