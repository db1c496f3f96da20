/**
 * Whole-dataset tests of lib/clv on the bundled CDNOW data (Fader, Hardie and Lee 2005).
 *
 * Reference values: tests/reference/clv_reference.py (`/usr/bin/python3
 * tests/reference/clv_reference.py > tests/fixtures/clv_reference.json`; pandas 1.5.3, scipy
 * 1.10.1), which rebuilds the calibration summary from `CDNOW_sample.txt` with lifetimes'
 * recipe written in pandas (`freq="D"`, `freq_multiplier=7`, calibration to 1997-09-30, holdout to
 * 1998-06-30) and fits the models with scipy; and the published calibration summary
 * `cdnow_customers_summary*.csv` itself.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../_helpers.ts";
import { loadCdnow } from "../../lib/io/datasets.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../../lib/clv/fit_bg_nbd.ts";
import { fitGammaGamma } from "../../lib/clv/fit_gamma_gamma.ts";
import { fitParetoNbd } from "../../lib/clv/fit_pareto_nbd.ts";

const reference = JSON.parse(Deno.readTextFileSync(root("tests/fixtures/clv_reference.json")));
const CALIBRATION_END = new Date("1997-09-30");
const OBSERVATION_END = new Date("1998-06-30");

/** CDNOW_sample.txt's master id -> sample id (1..2357, the ID of the published summaries). */
function sampleIds(): Map<string, number> {
  const ids = new Map<string, number>();
  for (const line of Deno.readTextFileSync(root("data/CDNOW_sample.txt")).split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 5) ids.set(fields[0], Number(fields[1]));
  }
  return ids;
}

const sample = loadCdnow({ file: "sample" });
const holdout = clvSummary(sample, {
  asOf: OBSERVATION_END,
  calibrationEnd: CALIBRATION_END,
  timeUnit: "weeks",
  monetary: "monetary",
});

Deno.test("clvSummary on CDNOW's sample rebuilds Fader, Hardie and Lee's calibration summary", () => {
  // data/cdnow_customers_summary_with_transactions.csv: x, t_x, T (weeks, 2 decimals), zbar.
  const published = pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv"));
  const byId = new Map<number, Record<string, number>>();
  for (const row of published.toRecords()) {
    byId.set(row.ID as number, row as Record<string, number>);
  }
  const ids = sampleIds();
  assert.equal(holdout.height, 2357);
  let checked = 0;
  for (const row of holdout.toRecords()) {
    const expected = byId.get(ids.get(row.customer_id as string)!)!;
    assert.equal(row.frequency, expected.x, `frequency of ${row.customer_id}`);
    assert.ok(Math.abs((row.recency as number) - expected.t_x) <= 0.005, `${row.customer_id}`);
    assert.ok(Math.abs((row.T as number) - expected.T) <= 0.005, `${row.customer_id}`);
    assert.ok(Math.abs((row.monetary_value as number) - expected.zbar) <= 0.005 + 1e-9);
    checked++;
  }
  assert.equal(checked, 2357);
});

Deno.test("clvSummary's calibration and holdout columns match the pandas re-implementation", () => {
  const ref = reference.summary.weeksHoldout;
  assert.equal(holdout.height, ref.n);
  for (const [column, total] of Object.entries(ref.totals)) {
    assertClose(holdout.getColumn(column).sum(), total as number, 1e-12, `sum of ${column}`);
  }
  // Sample customer 1 is master id 00004 (x = 2, t_x = 30.43, T = 38.86; one holdout purchase).
  const first = holdout.filter(pl.col("customer_id").eq(pl.lit("00004"))).toRecords()[0];
  const expected = ref.firstRows[0];
  for (const column of Object.keys(ref.totals)) {
    assertClose(first[column] as number, expected[column], 1e-12, column);
  }
  const days = clvSummary(sample, {
    asOf: CALIBRATION_END,
    timeUnit: "days",
    monetary: "monetary",
  });
  for (const [column, total] of Object.entries(reference.summary.daysAsOf.totals)) {
    assertClose(days.getColumn(column).sum(), total as number, 1e-12, `days: sum of ${column}`);
  }
});

Deno.test("BG/NBD and Gamma-Gamma on the rebuilt summary give the published parameters", () => {
  // Fader, Hardie and Lee (2005), Marketing Science: r = 0.243, alpha = 4.414, a = 0.793,
  // b = 2.426; (2005) JMR: p = 6.25, q = 3.74, v = 15.44. The rebuilt summary is unrounded, so
  // compare to the published rounding (+-0.001, +-0.01 for Gamma-Gamma).
  const bg = fitBgNbd(holdout);
  assert.equal(bg.converged, true);
  assert.deepEqual(
    [bg.params.r, bg.params.alpha, bg.params.a, bg.params.b].map((v) => v.toFixed(2)),
    ["0.24", "4.41", "0.79", "2.43"],
  );
  assertClose(bg.params.r, 0.243, 0.001, "r");
  assertClose(bg.params.alpha, 4.414, 0.01 / 4.414, "alpha");
  assertClose(bg.params.a, 0.793, 0.001, "a");
  assertClose(bg.params.b, 2.426, 0.01 / 2.426, "b");
  const gg = fitGammaGamma(holdout);
  assert.equal(gg.n, 946);
  assert.ok(Math.abs(gg.params.p - 6.25) < 0.01 && Math.abs(gg.params.q - 3.74) < 0.01);
  assert.ok(Math.abs(gg.params.v - 15.44) < 0.02);
  // Same paper, Pareto/NBD: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669.
  const pareto = fitParetoNbd(holdout);
  assert.equal(pareto.converged, true);
  assert.deepEqual(
    [pareto.params.r, pareto.params.alpha, pareto.params.s, pareto.params.beta].map((v) =>
      v.toFixed(1)
    ),
    ["0.6", "10.6", "0.6", "11.7"],
  );
  // The holdout (weeks 40-78) has 1,882 repeat purchase days, as in the pandas reference.
  assert.equal(holdout.getColumn("frequency_holdout").sum(), 1882);
});

Deno.test("BG/NBD fits the full CDNOW cohort (23,570 customers, master file) and converges", () => {
  const summary = clvSummary(loadCdnow(), { asOf: CALIBRATION_END, timeUnit: "weeks" });
  assert.equal(summary.height, 23_570);
  const model = fitBgNbd(summary);
  assert.equal(model.converged, true);
  assert.equal(model.n, 23_570);
  for (const value of Object.values(model.standardErrors)) assert.ok(Number.isFinite(value));
});
