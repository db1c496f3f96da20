import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { calibrationChart, gainsChart, precisionRecallChart, rocChart } from "./model_curves.ts";

const roc = pl.DataFrame({ fpr: [0, 0.1, 0.4, 1], tpr: [0, 0.6, 0.9, 1] });
const roc2 = pl.DataFrame({ fpr: [0, 0.3, 1], tpr: [0, 0.5, 1] });

Deno.test("rocChart draws one line per model plus the diagonal, with a legend", () => {
  const svg = rocChart({ logistic: roc, boosting: roc2 }, { title: "ROC" }).svg;
  assert.match(svg, />logistic</);
  assert.match(svg, />boosting</);
  assert.match(svg, /stroke-dasharray="4,3"/);
  assert.equal(svg, rocChart({ logistic: roc, boosting: roc2 }, { title: "ROC" }).svg);
});

Deno.test("the other curve charts validate their columns", () => {
  assert.throws(() => rocChart({}), RangeError);
  assert.throws(() => rocChart({ a: pl.DataFrame({ x: [1] }) }), /column "fpr" is missing for a/);
  assert.throws(() => gainsChart({ a: roc }), TypeError);
  assert.throws(() => calibrationChart({ a: roc }), TypeError);
  const pr = pl.DataFrame({ recall: [1, 0.5, 0], precision: [0.3, 0.8, 1] });
  assert.match(precisionRecallChart({ a: pr }, { baseRate: 0.3 }).svg, /stroke-dasharray/);
});
