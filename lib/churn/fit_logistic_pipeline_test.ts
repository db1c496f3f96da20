import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitLogisticPipeline } from "./fit_logistic_pipeline.ts";
import { fitLogisticRegression } from "./fit_logistic_regression.ts";
import { fitOneHotEncoder } from "../prep/one_hot_encoder.ts";
import { fitStandardScaler } from "../prep/standard_scaler.ts";
import { log1pTransform } from "../prep/log1p_transform.ts";
import { assertClose } from "../../tests/_helpers.ts";

const rows = pl.DataFrame({
  plan: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
  orders: [1, 9, 2, 7, 1, 3, 0, 12, 4, 2, 5, 1],
  spend: [10, 80, 5, 60, 12, 30, 3, 95, 20, 15, 50, 8],
  churned: [1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1],
});
const unseen = pl.DataFrame({
  plan: ["b", "d"],
  orders: [3, 20],
  spend: [25, 200],
  churned: [0, 0],
});

Deno.test("fitLogisticPipeline() equals the steps done by hand on the fitting rows", () => {
  const pipeline = fitLogisticPipeline(rows, {
    target: "churned",
    numeric: ["orders", "spend"],
    log1p: ["orders"],
    categorical: ["plan"],
    l2: 0.5,
  });
  const encoder = fitOneHotEncoder(rows, { columns: ["plan"], dropFirst: true });
  const logged = (df: pl.DataFrame) =>
    log1pTransform(encoder.transform(df), { features: ["orders"] });
  const scaler = fitStandardScaler(logged(rows), { features: ["orders", "spend"] });
  const model = fitLogisticRegression(scaler.transform(logged(rows)), {
    features: ["orders", "spend", "plan_b", "plan_c"],
    target: "churned",
    l2: 0.5,
  });
  assert.deepEqual(pipeline.features, ["orders", "spend", "plan_b", "plan_c"]);
  assertClose(
    pipeline.predictProba(unseen),
    model.predictProba(scaler.transform(logged(unseen))),
    1e-12,
  );
  assertClose(pipeline.model.intercept, model.intercept, 1e-12);
  assert.equal(pipeline.options.l2, 0.5);
  // An unseen category ("d") gets zeros, as the encoder's default handleUnknown: "ignore".
  assert.equal(pipeline.prepare(unseen).getColumn("plan_b").toArray()[1], 0);
});

Deno.test("fitLogisticPipeline() refuses log1p columns outside numeric and an empty feature list", () => {
  assert.throws(
    () => fitLogisticPipeline(rows, { target: "churned", numeric: ["spend"], log1p: ["orders"] }),
    { name: "RangeError", message: /log1p columns must also be numeric columns: orders/ },
  );
  assert.throws(
    () => fitLogisticPipeline(rows, { target: "churned" }),
    { name: "RangeError", message: /there is no feature/ },
  );
  assert.throws(
    () => fitLogisticPipeline(rows, { target: "churned", numeric: ["tenure"] }),
    { name: "TypeError", message: /tenure/ },
  );
});

Deno.test("fitLogisticPipeline() passes threads on: same model at 1 and 2 threads; bad threads refused", () => {
  const options = { target: "churned", numeric: ["orders", "spend"], categorical: ["plan"] };
  const one = fitLogisticPipeline(rows, { ...options, threads: 1 });
  const two = fitLogisticPipeline(rows, { ...options, threads: 2 });
  assert.deepEqual(two.model.coefficients, one.model.coefficients);
  assert.ok(Object.is(two.model.intercept, one.model.intercept));
  assert.equal("threads" in one.options, false);
  for (const threads of [0, 1.5, 65]) {
    assert.throws(
      () => fitLogisticPipeline(rows, { ...options, threads }),
      /^RangeError: Cannot fit logistic pipeline as threads must be an integer from 1 to 64/,
    );
  }
});
