import assert from "node:assert/strict";
import { modelComparison } from "./model_comparison.ts";
import { rocAuc } from "./roc_auc.ts";
import { averagePrecision } from "./average_precision.ts";
import { brierScore } from "./brier_score.ts";
import { logLoss } from "./log_loss.ts";
import { bootstrapMetric } from "./bootstrap_metric.ts";

Deno.test("modelComparison puts each model's metrics in one row, in the order given", () => {
  const y = [0, 1, 0, 1, 1, 0, 0, 1];
  const a = [0.2, 0.7, 0.4, 0.6, 0.9, 0.1, 0.5, 0.3];
  const b = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
  const table = modelComparison(y, { baseline: b, model: a }).toRecords();
  assert.deepEqual(table.map((r) => r.model), ["baseline", "model"]);
  assert.equal(table[1].roc_auc, rocAuc(y, a));
  assert.equal(table[1].average_precision, averagePrecision(y, a));
  assert.equal(table[1].brier_score, brierScore(y, a));
  assert.equal(table[1].log_loss, logLoss(y, a));
  assert.equal(table[0].roc_auc, 0.5);
  assert.throws(() => modelComparison(y, {}), RangeError);
});

Deno.test("modelComparison adds bootstrap intervals equal to bootstrapMetric's", () => {
  const y = [0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0];
  const a = [0.2, 0.7, 0.4, 0.6, 0.9, 0.1, 0.5, 0.3, 0.35, 0.15, 0.8, 0.45];
  const confidence = { seed: 3, resamples: 200 };
  const table = modelComparison(y, { a }, { confidence }).toRecords();
  const auc = bootstrapMetric(y, a, { ...confidence, metric: "roc_auc" });
  const ap = bootstrapMetric(y, a, { ...confidence, metric: "average_precision" });
  assert.deepEqual(
    [table[0].roc_auc_lower, table[0].roc_auc_upper],
    [auc.lower, auc.upper],
  );
  assert.deepEqual(
    [table[0].average_precision_lower, table[0].average_precision_upper],
    [ap.lower, ap.upper],
  );
  assert.ok((table[0].roc_auc_lower as number) <= (table[0].roc_auc as number));
  assert.equal(modelComparison(y, { a }).columns.length, 5);
});
