import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { clvSummary } from "./clv_summary.ts";
import { evaluateHoldout } from "./evaluate_holdout.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { fitGammaGamma } from "./fit_gamma_gamma.ts";
import { fitModifiedBgNbd } from "./fit_modified_bg_nbd.ts";
import { compareModels, parameterTable } from "./model_tables.ts";
import { loadCdnow } from "../io/datasets.ts";

const cdnow = pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv"));
const columns = { frequency: "x", recency: "t_x", monetary: "zbar", customerId: "ID" };

Deno.test("parameterTable: standard errors are the model's, intervals from the log scale", () => {
  for (const model of [fitBgNbd(cdnow, columns), fitGammaGamma(cdnow, columns)]) {
    const table = parameterTable(model);
    const params = model.params as unknown as Record<string, number>;
    const se = model.standardErrors as unknown as Record<string, number>;
    for (const row of table.toRecords()) {
      const k = row.parameter as string;
      assert.equal(row.estimate, params[k]);
      assertClose(row.standard_error as number, se[k], 1e-12);
      // exp(log θ ± 1.96 se(log θ)), se(log θ) = se(θ) / θ.
      assertClose(
        row.lower as number,
        params[k] * Math.exp(-1.959963984540054 * se[k] / params[k]),
        1e-9,
      );
      assert.ok((row.lower as number) < params[k] && params[k] < (row.upper as number));
    }
  }
  assert.throws(() => parameterTable({} as never), TypeError);
  assert.throws(() => parameterTable(fitBgNbd(cdnow, columns), { level: 1 }), RangeError);
});

Deno.test("compareModels: AIC, one-time buyers' P(alive), and the holdout errors of evaluateHoldout", () => {
  const summary = clvSummary(loadCdnow({ file: "sample" }), {
    asOf: new Date("1998-06-30"),
    calibrationEnd: new Date("1997-09-30"),
    observationEnd: new Date("1998-06-30"),
    timeUnit: "weeks",
  });
  const bg = fitBgNbd(summary);
  const modified = fitModifiedBgNbd(summary);
  const table = compareModels(summary, { models: { "BG/NBD": bg, "Modified BG/NBD": modified } });
  const [first, second] = table.toRecords();
  assert.equal(first.model, "BG/NBD");
  assertClose(first.aic as number, 8 - 2 * bg.logLikelihood, 1e-12);
  // BG/NBD assumes nobody drops out before a repeat purchase; the modified model does not.
  assert.equal(first.one_time_p_alive, 1);
  assert.ok((second.one_time_p_alive as number) < 1);
  const evaluation = evaluateHoldout(summary, { model: modified });
  assertClose(second.holdout_mae as number, evaluation.mae, 1e-12);
  assert.equal(second.holdout_actual, evaluation.actualTotal);
  // Without holdout columns there are none in the table.
  const plain = compareModels(pl.readCSV(root("data/cdnow_customers_summary.csv")), {
    models: { "BG/NBD": fitBgNbd(pl.readCSV(root("data/cdnow_customers_summary.csv"))) },
  });
  assert.ok(!plain.columns.includes("holdout_mae"));
  assert.throws(() => compareModels(summary, { models: {} }), RangeError);
  assert.throws(() => compareModels(summary, { models: { x: {} as never } }), TypeError);
});
