import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { evaluateHoldout } from "./evaluate_holdout.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { fitParetoNbd } from "./fit_pareto_nbd.ts";
import { simulateSummary } from "./_test_simulate.ts";
import { tagTimeUnit } from "./_time_unit.ts";

// A simulated calibration summary, with made-up holdout purchases (x mod 3) and a 10-unit holdout.
const calibration = simulateSummary("bgnbd", [0.5, 5, 0.8, 2.5], 400, 12);
const summary = calibration.withColumns(
  pl.col("frequency").modulo(3).cast(pl.Float64).alias("frequency_holdout"),
  pl.lit(10).cast(pl.Float64).alias("duration_holdout"),
);
const model = fitBgNbd(calibration);

Deno.test("evaluateHoldout() groups by calibration frequency and matches a direct computation", () => {
  const result = evaluateHoldout(summary, { model, frequencyCap: 3 });
  assert.ok(Object.isFrozen(result));
  assert.equal(result.t, 10);
  assert.equal(result.n, 400);
  const x = summary.getColumn("frequency").toArray() as number[];
  const T = summary.getColumn("T").toArray() as number[];
  const actual = summary.getColumn("frequency_holdout").toArray() as number[];
  const predicted = model.conditionalExpectedPurchases(summary, { t: 10 });
  const naive = x.map((v, i) => (T[i] > 0 ? (v / T[i]) * 10 : 0));
  const rows = result.byFrequency.toRecords();
  assert.deepEqual(result.byFrequency.columns, [
    "calibration_frequency",
    "customers",
    "actual",
    "predicted",
    "naive",
  ]);
  for (const row of rows) {
    const key = row.calibration_frequency as string;
    const members = x.map((_, i) => i).filter((i) =>
      key === "3+" ? x[i] >= 3 : x[i] === Number(key)
    );
    const mean = (values: ArrayLike<number>) =>
      members.reduce((s, i) => s + values[i], 0) / members.length;
    assert.equal(row.customers, members.length, key);
    assertClose(row.actual as number, mean(actual), 1e-12, `actual ${key}`);
    assertClose(row.predicted as number, mean(predicted), 1e-12, `predicted ${key}`);
    assertClose(row.naive as number, mean(naive), 1e-12, `naive ${key}`);
  }
  assert.equal(rows.at(-1)?.calibration_frequency, "3+");
  assert.equal(rows.reduce((s, r) => s + (r.customers as number), 0), 400);
  const mae = predicted.reduce((s, p, i) => s + Math.abs(p - actual[i]), 0) / 400;
  const rmse = Math.sqrt(predicted.reduce((s, p, i) => s + (p - actual[i]) ** 2, 0) / 400);
  assertClose(result.mae, mae, 1e-12);
  assertClose(result.rmse, rmse, 1e-12);
  const naiveMae = naive.reduce((s, p, i) => s + Math.abs(p - actual[i]), 0) / 400;
  assertClose(result.naiveMae, naiveMae, 1e-12);
  const errors = result.errors.toRecords();
  assert.deepEqual(errors.map((r) => r.method), ["model", "naive"]);
  assertClose(errors[0].mae as number, mae, 1e-12);
  assertClose(errors[1].rmse as number, result.naiveRmse, 1e-12);
  const total = actual.reduce((s, v) => s + v, 0);
  assert.equal(result.actualTotal, total);
  assertClose(
    errors[0].total_error_share as number,
    (result.predictedTotal - total) / total,
    1e-12,
  );
});

Deno.test("evaluateHoldout() reads other column names and any purchase model", () => {
  const renamed = summary.rename({
    frequency: "x",
    recency: "t_x",
    T: "age",
    frequency_holdout: "x_star",
    duration_holdout: "t_star",
  });
  const options = { frequency: "x", recency: "t_x", T: "age" };
  const a = evaluateHoldout(renamed, {
    model,
    ...options,
    frequencyHoldout: "x_star",
    durationHoldout: "t_star",
  });
  assert.equal(a.mae, evaluateHoldout(summary, { model }).mae);
  const pareto = fitParetoNbd(calibration);
  const b = evaluateHoldout(summary, { model: pareto });
  assert.notEqual(b.predictedTotal, a.predictedTotal);
  assert.equal(b.byFrequency.height, 8); // 0..6 and 7+ (the default cap)
});

Deno.test("evaluateHoldout() predicts 0 naive purchases for a customer with T = 0", () => {
  const tiny = pl.DataFrame({
    frequency: [0, 2],
    recency: [0, 4],
    T: [0, 8],
    frequency_holdout: [1, 1],
    duration_holdout: [4, 4],
  });
  const result = evaluateHoldout(tiny, { model });
  assert.deepEqual(result.byFrequency.getColumn("naive").toArray(), [0, 1]);
  assert.equal(result.naiveTotal, 1);
});

Deno.test("evaluateHoldout() refuses bad input clearly", () => {
  assert.throws(() => evaluateHoldout(calibration, { model }), {
    name: "TypeError",
    message: /Cannot evaluate the holdout as .*"frequency_holdout"/,
  });
  assert.throws(
    () => evaluateHoldout(summary.drop("duration_holdout"), { model }),
    { name: "TypeError", message: /"duration_holdout"/ },
  );
  const varying = summary.withColumns(
    pl.when(pl.col("frequency").eq(pl.lit(0))).then(pl.lit(10)).otherwise(pl.lit(12))
      .cast(pl.Float64).alias("duration_holdout"),
  );
  assert.throws(() => evaluateHoldout(varying, { model }), {
    name: "RangeError",
    message:
      /Cannot evaluate the holdout as duration_holdout varies across rows .*: 2 distinct values, e.g. 10, 12/,
  });
  assert.throws(() => evaluateHoldout(summary.head(0), { model }), {
    name: "RangeError",
    message: /Cannot evaluate the holdout as the frame is empty: 0 rows/,
  });
  const missing = summary.withColumns(
    pl.when(pl.col("frequency").eq(pl.lit(0))).then(pl.lit(null)).otherwise(
      pl.col("duration_holdout"),
    )
      .alias("duration_holdout"),
  );
  assert.throws(() => evaluateHoldout(missing, { model }), {
    name: "RangeError",
    message: /missing or non-positive duration_holdout/,
  });
  const negative = summary.withColumns(pl.lit(-1).alias("frequency_holdout"));
  assert.throws(() => evaluateHoldout(negative, { model }), {
    name: "RangeError",
    message: /400 customers have a missing, non-finite or negative frequency_holdout/,
  });
  assert.throws(() => evaluateHoldout(summary, { model: {} as never }), {
    name: "TypeError",
    message: /model is not a fitted purchase model/,
  });
  assert.throws(() => evaluateHoldout(summary, { model, frequencyCap: 0 }), RangeError);
  assert.throws(() => evaluateHoldout([] as never, { model }), TypeError);
  const weekly = fitBgNbd(tagTimeUnit(calibration.clone(), "weeks"));
  assert.equal(weekly.timeUnit, "weeks");
  assert.throws(() => evaluateHoldout(tagTimeUnit(summary.clone(), "days"), { model: weekly }), {
    name: "RangeError",
    message: /the summary was built in "days" but the model was fitted on a summary in "weeks"/,
  });
});
