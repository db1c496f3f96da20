import assert from "node:assert/strict";
import { assertClose } from "../../tests/_helpers.ts";
import { clvSummary, fitBgNbd } from "../clv/mod.ts";
import { loadCdnow } from "../io/datasets.ts";
import { customerBaseForecast } from "./customer_base_forecast.ts";

const summary = clvSummary(loadCdnow({ file: "sample" }), {
  asOf: new Date("1997-09-30"),
  timeUnit: "weeks",
});
const model = fitBgNbd(summary);
const total = (t: number) =>
  model.conditionalExpectedPurchases(summary, { t }).reduce((a, b) => a + b, 0);

Deno.test("customerBaseForecast sums the customers' conditional expectations per period", () => {
  const base = customerBaseForecast(summary, { model, horizon: 3, periodLength: 2 });
  assertClose(base.getColumn("cumulative_purchases").toArray() as number[], [
    total(2),
    total(4),
    total(6),
  ]);
  assertClose(base.getColumn("expected_purchases").toArray() as number[], [
    total(2),
    total(4) - total(2),
    total(6) - total(4),
  ]);
});

Deno.test("customerBaseForecast refuses a bad horizon or period length", () => {
  assert.throws(
    () => customerBaseForecast(summary, { model, horizon: 0 }),
    /horizon must be an integer >= 1: got 0/,
  );
  assert.throws(
    () => customerBaseForecast(summary, { model, horizon: 2, periodLength: -1 }),
    RangeError,
  );
});
