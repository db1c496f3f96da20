import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { purchaseTracking } from "./purchase_tracking.ts";
import type { PurchaseModel } from "./purchase_model.ts";

// A stand-in model whose expectation is easy to check by hand: 0.5 purchases per unit of time.
const linear = { expectedPurchases: (t: number) => 0.5 * t } as unknown as PurchaseModel;

const day = (s: string) => new Date(`${s}T00:00:00Z`);
// a: first 01-01, repeats on 01-03 (twice: merged), 01-05 and 01-09 (after observationEnd).
// b: first 01-02, repeat 01-06. c: first 01-07, after calibrationEnd: not tracked.
const tx = pl.DataFrame({
  customer_id: ["a", "a", "a", "a", "a", "b", "b", "c", "c"],
  invoice_date: pl.Series("invoice_date", [
    day("2024-01-01"),
    day("2024-01-03"),
    day("2024-01-03"),
    day("2024-01-05"),
    day("2024-01-09"),
    day("2024-01-02"),
    day("2024-01-06"),
    day("2024-01-07"),
    day("2024-01-08"),
  ]).cast(pl.Date),
});
const options = {
  model: linear,
  timeUnit: "days" as const,
  calibrationEnd: day("2024-01-04"),
  observationEnd: day("2024-01-08"),
  step: 2,
};

Deno.test("purchaseTracking() counts repeat purchase days per period and sums the expectation", () => {
  const tracking = purchaseTracking(tx, options);
  assert.deepEqual(tracking.columns, [
    "period",
    "period_start",
    "period_end",
    "actual",
    "expected",
    "cumulative_actual",
    "cumulative_expected",
    "holdout",
  ]);
  // Origin 01-01; 7 days to 01-08 in steps of 2: (1-1, 1-3], (1-3, 1-5], (1-5, 1-7], (1-7, 1-8].
  assert.deepEqual(tracking.getColumn("period").toArray(), [1, 2, 3, 4]);
  assert.deepEqual(tracking.getColumn("period_start").toArray(), [
    day("2024-01-01"),
    day("2024-01-03"),
    day("2024-01-05"),
    day("2024-01-07"),
  ]);
  assert.deepEqual(tracking.getColumn("period_end").toArray().at(-1), day("2024-01-08"));
  // a: 01-03 (merged), 01-05; b: 01-06; 01-09 is after observationEnd; c is not tracked.
  assert.deepEqual(tracking.getColumn("actual").toArray(), [1, 1, 1, 0]);
  assert.deepEqual(tracking.getColumn("cumulative_actual").toArray(), [1, 2, 3, 3]);
  // Cumulative expectation at day e: 0.5 (e - 0) + 0.5 (e - 1) for e = 2, 4, 6, 7 days.
  const cumulative = [2, 4, 6, 7].map((e) => 0.5 * e + 0.5 * (e - 1));
  assertClose(
    tracking.getColumn("cumulative_expected").toTypedArray() as Float64Array,
    cumulative,
    1e-12,
  );
  assertClose(
    tracking.getColumn("expected").toTypedArray() as Float64Array,
    cumulative.map((c, i) => c - (i > 0 ? cumulative[i - 1] : 0)),
    1e-12,
  );
  // Periods starting on or after calibrationEnd (01-04) are holdout: 01-05 and 01-07.
  assert.deepEqual(tracking.getColumn("holdout").toArray(), [false, false, true, true]);
});

Deno.test("purchaseTracking() measures weeks as days / 7", () => {
  const weekly = purchaseTracking(tx, { ...options, timeUnit: "weeks", step: 1 });
  assert.equal(weekly.height, 1);
  assertClose(weekly.getColumn("cumulative_expected").toArray()[0], 0.5 * (7 / 7 + 6 / 7), 1e-12);
});

Deno.test("purchaseTracking() refuses bad input clearly", () => {
  assert.throws(() => purchaseTracking(tx, { ...options, step: 0 }), RangeError);
  assert.throws(() => purchaseTracking(tx, { ...options, timeUnit: "months" as never }), {
    name: "RangeError",
    message: /timeUnit must be one of "days", "weeks"/,
  });
  assert.throws(
    () => purchaseTracking(tx, { ...options, calibrationEnd: day("2024-02-01") }),
    { name: "RangeError", message: /calibrationEnd must be before observationEnd/ },
  );
  assert.throws(
    () => purchaseTracking(tx, { ...options, calibrationEnd: day("2023-01-01") }),
    { name: "RangeError", message: /no purchase is on or before calibrationEnd 2023-01-01/ },
  );
  assert.throws(() => purchaseTracking(tx, { ...options, model: {} as never }), {
    name: "TypeError",
    message: /model is not a fitted purchase model/,
  });
  assert.throws(() => purchaseTracking(tx, { ...options, date: "when" }), TypeError);
  assert.throws(
    () => purchaseTracking(tx.withColumns(pl.lit(null).alias("customer_id")), options),
    { name: "RangeError", message: /"customer_id" has 9 missing values/ },
  );
  const weekly = { ...linear, timeUnit: "weeks" } as PurchaseModel;
  assert.throws(() => purchaseTracking(tx, { ...options, model: weekly }), {
    name: "RangeError",
    message: /timeUnit is "days" but the model was fitted on a summary in "weeks"/,
  });
  const { timeUnit: _, ...untimed } = options;
  assert.throws(() => purchaseTracking(tx, untimed), {
    name: "RangeError",
    message: /timeUnit must be one of "days", "weeks": got undefined/,
  });
  // The model's own unit is the default.
  assert.equal(purchaseTracking(tx, { ...untimed, model: weekly, step: 1 }).height, 1);
});
