import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { backtest, baselineModel, exponentialSmoothingModel } from "./backtest.ts";

const y = [1, 2, 4, 7, 11, 16, 22];
const series = pl.DataFrame({
  date: pl.Series("date", y.map((_, i) => new Date(Date.UTC(2011, i, 1)))).cast(pl.Date),
  value: y,
});

Deno.test("backtest: rolling origins scored by hand", () => {
  const { metrics, summary, forecasts } = backtest(series, {
    models: [baselineModel({ kind: "naive" })],
    horizon: 2,
    origins: 2,
  });
  // Origins after 4 and 5 rows: naive 7 for (11, 16), naive 11 for (16, 22).
  assert.deepEqual(forecasts.getColumn("forecast").toArray(), [7, 7, 11, 11]);
  assert.deepEqual(forecasts.getColumn("actual").toArray(), [11, 16, 16, 22]);
  const rows = metrics.toRecords() as Record<string, number>[];
  assert.deepEqual(rows.map((r) => [r.horizon, r.n]), [[1, 2], [2, 2]]);
  assertClose(rows[0].mae, (4 + 5) / 2);
  assertClose(rows[1].rmse, Math.sqrt((81 + 121) / 2));
  assertClose(rows[0].mape, (100 * 4 / 11 + 100 * 5 / 16) / 2);
  // MASE: scale = in-sample naive MAE of each training set: (1+2+3)/3 = 2 and (1+2+3+4)/4 = 2.5.
  assertClose(rows[1].mase, (9 / 2 + 11 / 2.5) / 2);
  assertClose(summary.getColumn("mae").get(0), (4 + 9 + 5 + 11) / 4);
  // Naive intervals are far too narrow for an accelerating series: nothing is covered at 80%.
  assert.equal(summary.getColumn("coverage_80").get(0), 0);
});

Deno.test("backtest keeps the model order and names a failing model and origin", () => {
  const { summary } = backtest(series, {
    models: [
      baselineModel({ kind: "drift" }),
      exponentialSmoothingModel({ trend: "additive", name: "holt" }),
    ],
    horizon: 1,
    origins: 2,
  });
  assert.deepEqual(summary.getColumn("model").toArray(), ["drift", "holt"]);
  assert.throws(
    () =>
      backtest(series, {
        models: [baselineModel({ kind: "seasonal_naive", seasonalPeriods: 5 })],
        horizon: 1,
        origins: 2,
      }),
    {
      name: "RangeError",
      message: /model "seasonal_naive" failed at origin 2011-05-01: .*not longer than one season/,
    },
  );
  assert.throws(
    () =>
      backtest(series, {
        models: [baselineModel({ kind: "naive" }), baselineModel({ kind: "naive" })],
        horizon: 1,
        origins: 1,
      }),
    /model names repeat: naive/,
  );
  assert.throws(
    () => backtest(series, { models: [baselineModel({ kind: "naive" })], horizon: 3, origins: 4 }),
    /too short/,
  );
  assert.throws(
    () =>
      backtest(series, { models: [baselineModel({ kind: "naive" })], horizon: 1.5, origins: 1 }),
    /horizon must be an integer/,
  );
});
