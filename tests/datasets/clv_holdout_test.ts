/**
 * Whole-dataset tests of lib/clv's holdout evaluation and purchase tracking on CDNOW's sample
 * (Fader, Hardie and Lee 2005: weeks 1-39 calibration to 1997-09-30, weeks 40-78 holdout to
 * 1998-06-30).
 *
 * Reference values: tests/reference/clv_holdout_reference.py (`/usr/bin/python3
 * tests/reference/clv_holdout_reference.py > tests/fixtures/clv_holdout_reference.json`; pandas
 * 1.5.3, scipy 1.10.1). It rebuilds the summary and the weekly repeat purchases from
 * `CDNOW_sample.txt` with pandas and evaluates BG/NBD's equations 9 and 10 with
 * scipy.special.hyp2f1, fitting nothing: at the BG/NBD parameters written by hand in it (the
 * maximum-likelihood fit, which rounds to the published r = 0.243, alpha = 4.414, a = 0.793,
 * b = 2.426). So the tests first check that fitBgNbd still finds those parameters, then compare.
 *
 * @module
 */
import assert from "node:assert/strict";
import { assertClose, root } from "../_helpers.ts";
import { loadCdnow } from "../../lib/io/datasets.ts";
import { clvSummary } from "../../lib/clv/clv_summary.ts";
import { fitBgNbd } from "../../lib/clv/fit_bg_nbd.ts";
import { evaluateHoldout } from "../../lib/clv/evaluate_holdout.ts";
import { purchaseTracking } from "../../lib/clv/purchase_tracking.ts";

const reference = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/clv_holdout_reference.json")),
);
const CALIBRATION_END = new Date("1997-09-30");
const OBSERVATION_END = new Date("1998-06-30");
const transactions = loadCdnow({ file: "sample" });
const summary = clvSummary(transactions, {
  asOf: OBSERVATION_END,
  calibrationEnd: CALIBRATION_END,
  observationEnd: OBSERVATION_END,
  timeUnit: "weeks",
  monetary: "monetary",
});
const model = fitBgNbd(summary);

Deno.test("fitBgNbd on CDNOW still gives the parameters the holdout reference was computed at", () => {
  for (const [name, value] of Object.entries(reference.params)) {
    assertClose(model.params[name as "r"], value as number, 1e-8, name);
  }
  // The reference checks these parameters are a maximum on its own summary (gradient ~ 0) and
  // computes equation 6 there: the same log-likelihood.
  assertClose(model.logLikelihood, reference.logLikelihood, 1e-11, "logLikelihood");
});

Deno.test("evaluateHoldout on CDNOW matches the pandas + scipy reference", () => {
  const result = evaluateHoldout(summary, { model });
  assert.equal(result.n, reference.n);
  assert.equal(result.t, reference.t);
  const rows = result.byFrequency.toRecords();
  assert.deepEqual(
    rows.map((r) => r.calibration_frequency),
    reference.byFrequency.map((r: { calibration_frequency: string }) => r.calibration_frequency),
  );
  rows.forEach((row, i) => {
    const expected = reference.byFrequency[i];
    assert.equal(row.customers, expected.customers);
    assertClose(
      row.actual as number,
      expected.actual,
      1e-12,
      `actual ${expected.calibration_frequency}`,
    );
    // The parameters agree to 1e-8 (above): the predictions to about the same.
    assertClose(
      row.predicted as number,
      expected.predicted,
      1e-7,
      `predicted ${row.calibration_frequency}`,
    );
    assertClose(row.naive as number, expected.naive, 1e-12, `naive ${row.calibration_frequency}`);
  });
  const errors = result.errors.toRecords();
  for (const [i, method] of ["model", "naive"].entries()) {
    const expected = reference.errors[method];
    assert.equal(errors[i].method, method);
    assertClose(errors[i].mae as number, expected.mae, 1e-7, `${method} mae`);
    assertClose(errors[i].rmse as number, expected.rmse, 1e-7, `${method} rmse`);
    assert.equal(errors[i].actual_total, expected.actual_total);
    assertClose(errors[i].predicted_total as number, expected.predicted_total, 1e-7);
  }
  // 1,411 customers made no repeat purchase in weeks 1-39; they averaged 0.237 purchases in weeks
  // 40-78 (pandas reference above), and the model predicts 0.225 for them.
  assert.equal(rows[0].customers, 1411);
  assert.equal((rows[0].actual as number).toFixed(3), "0.237");
  // The model beats the naive past-rate forecast per customer and in total.
  assert.ok(result.mae < result.naiveMae && result.rmse < result.naiveRmse);
  assert.ok(
    Math.abs(result.predictedTotal - result.actualTotal) <
      Math.abs(result.naiveTotal - result.actualTotal),
  );
});

Deno.test("purchaseTracking on CDNOW matches the pandas weekly counts and the scipy expectation", () => {
  const tracking = purchaseTracking(transactions, {
    model,
    timeUnit: "weeks",
    calibrationEnd: CALIBRATION_END,
    observationEnd: OBSERVATION_END,
  });
  const ref = reference.tracking;
  assert.equal(tracking.height, ref.weeks);
  assert.deepEqual(tracking.getColumn("actual").toArray(), ref.actual);
  const cumulative = tracking.getColumn("cumulative_actual").toArray() as number[];
  // Week 78: every repeat purchase day of the 2,357 customers, calibration plus holdout.
  const total = (summary.getColumn("frequency").sum() as number) +
    (summary.getColumn("frequency_holdout").sum() as number);
  assert.equal(cumulative.at(-1), total);
  assert.equal(total, ref.repeat_total);
  assertClose(
    tracking.getColumn("cumulative_expected").toTypedArray() as Float64Array,
    ref.cumulative_expected,
    1e-7,
    "cumulative_expected",
  );
  const first = tracking.row(0);
  assert.deepEqual(first.slice(0, 3), [1, new Date("1997-01-01"), new Date("1997-01-08")]);
  const holdout = tracking.getColumn("holdout").toArray() as boolean[];
  // Week 39 starts on 1997-09-24 (calibration), week 40 on 1997-10-01 (holdout).
  assert.equal(holdout.indexOf(true), 39);
});
