/**
 * Whole-dataset tests of lib/survival on the bundled Online Retail data.
 *
 * Reference values: tests/reference/survival_reference.py run on the CSV export of the bundled
 * file (`/usr/bin/python3 tests/reference/survival_reference.py /tmp/online_retail.csv`, pandas
 * 1.5.3): cleaned with the cleanTransactions default rules written in pandas (as
 * tests/reference/quality_reference.py), then the classic recipe: `order_month =
 * InvoiceDate.dt.to_period("M")`, `cohort = groupby(CustomerID).order_month.transform("min")`,
 * `period_index = (year diff) * 12 + month diff`, `groupby([cohort, period_index]).CustomerID
 * .nunique()`; weeks as `normalize() - weekday days` (Monday start). pandas counts every
 * transaction, so `asOf` is the day after the last one (9 December 2011).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { DataFrame } from "../../lib/core/frame.ts";
import { cohortRetention } from "../../lib/survival/cohort_retention.ts";
import { loadOnlineRetail } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";

/** The analysis date: the day after Online Retail's last invoice. */
const AS_OF = new Date("2011-12-10");

const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);

let cleaned: DataFrame | undefined;
function onlineRetail(): DataFrame {
  cleaned ??= cleanTransactions(loadOnlineRetail()).data;
  return cleaned;
}

// Customers per cohort month (rows) and period_index (columns), printed by pandas.
const PANDAS_MONTHLY: Record<string, number[]> = {
  "2010-12": [883, 323, 286, 337, 317, 352, 318, 307, 312, 347, 330, 443, 232],
  "2011-01": [414, 89, 111, 95, 132, 119, 103, 100, 123, 136, 152, 49],
  "2011-02": [381, 71, 71, 108, 103, 93, 97, 104, 93, 115, 26],
  "2011-03": [451, 65, 112, 88, 101, 76, 120, 104, 126, 40],
  "2011-04": [300, 64, 61, 63, 59, 69, 64, 78, 22],
  "2011-05": [283, 55, 49, 49, 59, 65, 75, 26],
  "2011-06": [242, 42, 38, 64, 56, 80, 23],
  "2011-07": [187, 33, 38, 42, 51, 21],
  "2011-08": [169, 34, 40, 41, 21],
  "2011-09": [296, 70, 90, 34],
  "2011-10": [356, 84, 41],
  "2011-11": [322, 35],
  "2011-12": [40],
};

Deno.test("cohortRetention() on cleaned Online Retail matches pandas' monthly matrix", () => {
  const table = cohortRetention(onlineRetail(), { asOf: AS_OF });
  const actual: Record<string, number[]> = {};
  for (const row of table.toRecords()) {
    const cohort = day(row.cohort).slice(0, 7);
    (actual[cohort] ??= []).push(Number(row.customers));
    assert.equal(row.retention, Number(row.customers) / Number(row.cohort_size));
  }
  assert.deepEqual(actual, PANDAS_MONTHLY);
  assert.equal(
    Object.values(PANDAS_MONTHLY).reduce((sum, row) => sum + row[0], 0),
    4324,
    "every cleaned customer is in one cohort",
  );
  const at = (cohort: string, index: number) =>
    table.toRecords().find((r) => day(r.cohort) === cohort && r.period_index === index)!
      .retention;
  // pandas' matrix.div(sizes) printed with repr().
  assert.equal(at("2010-12-01", 1), 0.36579841449603623);
  assert.equal(at("2011-01-01", 11), 0.11835748792270531);
  assert.equal(at("2011-06-01", 3), 0.2644628099173554);
});

Deno.test("cohortRetention() on cleaned Online Retail matches pandas' weekly cohorts", () => {
  const table = cohortRetention(onlineRetail(), { asOf: AS_OF, period: "week" });
  const rows = table.toRecords();
  const cohorts = [...new Set(rows.map((r) => day(r.cohort)))];
  assert.equal(cohorts.length, 53);
  assert.equal(cohorts[0], "2010-11-29");
  assert.equal(cohorts[cohorts.length - 1], "2011-12-05");
  const nonEmpty = rows.filter((r) => Number(r.customers) > 0);
  assert.equal(nonEmpty.length, 1392);
  assert.equal(nonEmpty.reduce((sum, r) => sum + Number(r.customers), 0), 15801);
  const ordinal = new Map(cohorts.map((c, i) => [c, i + 1]));
  const checksum = rows.reduce(
    (sum, r) =>
      sum + Number(r.customers) * (Number(r.period_index) + 1) * ordinal.get(day(r.cohort))!,
    0,
  );
  assert.equal(checksum, 2123103);
  assert.equal(Math.max(...rows.map((r) => Number(r.period_index))), 53);
});
