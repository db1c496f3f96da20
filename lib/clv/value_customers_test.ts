import assert from "node:assert/strict";
import { loadCdnow } from "../io/datasets.ts";
import { clvSummary } from "./clv_summary.ts";
import { customerLifetimeValue } from "./customer_lifetime_value.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { fitGammaGamma } from "./fit_gamma_gamma.ts";
import { valueCustomers } from "./value_customers.ts";

Deno.test("valueCustomers equals the four steps called one by one", () => {
  const tx = loadCdnow({ file: "sample" });
  const summaryOptions = {
    asOf: new Date("1997-09-30"),
    timeUnit: "weeks" as const,
    monetary: "monetary",
  };
  const valueOptions = { horizon: 39, discountRate: 0.01, margin: 0.3, seed: 7, draws: 40 };
  const result = valueCustomers(tx, { ...summaryOptions, ...valueOptions });
  const summary = clvSummary(tx, summaryOptions);
  const purchaseModel = fitBgNbd(summary);
  const spendModel = fitGammaGamma(summary);
  const values = customerLifetimeValue(summary, {
    purchaseModel,
    spendModel,
    timeUnit: "weeks",
    ...valueOptions,
  });
  assert.deepEqual(result.summary.toRecords(), summary.toRecords());
  assert.deepEqual(result.purchaseModel.params, purchaseModel.params);
  assert.deepEqual(result.spendModel.params, spendModel.params);
  assert.deepEqual(result.values.toRecords(), values.toRecords());
  assert.ok(Object.isFrozen(result));
  assert.throws(
    () => valueCustomers(tx, { ...summaryOptions, ...valueOptions, horizon: -1 }),
    /horizon/,
  );
});
