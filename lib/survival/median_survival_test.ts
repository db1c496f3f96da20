/**
 * Tests of medianSurvival. Reference medians: tests/reference/survival_reference.py (first time
 * with S <= 0.5); Kleinbaum & Klein (2012), ch. 2, give 23 weeks (6-MP) and 8 weeks (placebo)
 * for the Freireich data.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { kaplanMeier } from "./kaplan_meier.ts";
import { medianSurvival } from "./median_survival.ts";
import { FREIREICH, PLANS, survivalFrame } from "./_test_fixtures.ts";

const options = { duration: "duration", event: "event", group: "group" };

Deno.test("medianSurvival() gives 23 and 8 weeks for the Freireich groups", () => {
  const medians = medianSurvival(kaplanMeier(survivalFrame(FREIREICH), options));
  assert.deepEqual(medians.columns, ["group", "median_time"]);
  assert.deepEqual(medians.toRecords(), [
    { group: "6-MP", median_time: 23 },
    { group: "placebo", median_time: 8 },
  ]);
});

Deno.test("medianSurvival() is null when a curve stays above one half", () => {
  const medians = medianSurvival(kaplanMeier(survivalFrame(PLANS), options));
  assert.deepEqual(medians.getColumn("group").toArray(), ["basic", "plus", "pro"]);
  assert.deepEqual(medians.getColumn("median_time").toArray(), [7, 9, null]);
});

Deno.test("medianSurvival() counts a survival of exactly one half despite rounding", () => {
  // 24 customers, one churn a month for 12 months: S(12) = 12/24 = 1/2 exactly, but the product
  // (1 - 1/24)(1 - 1/23)...(1 - 1/13) rounds to 0.5000000000000001.
  const df = pl.DataFrame({
    d: Array.from({ length: 24 }, (_, i) => (i < 12 ? i + 1 : 20)),
    e: Array.from({ length: 24 }, (_, i) => (i < 12 ? 1 : 0)),
  });
  const km = kaplanMeier(df, { duration: "d", event: "e" });
  assert.equal(km.getColumn("survival").toArray()[12], 0.5000000000000001);
  const medians = medianSurvival(km);
  assert.deepEqual(medians.columns, ["median_time"]);
  assert.deepEqual(medians.getColumn("median_time").toArray(), [12]);
});

Deno.test("medianSurvival() sorts an unsorted table and does not modify it", () => {
  const km = kaplanMeier(survivalFrame(FREIREICH), options);
  const shuffled = km.sort("survival");
  const before = shuffled.toRecords();
  assert.deepEqual(
    medianSurvival(shuffled).getColumn("median_time").toArray(),
    [23, 8],
  );
  assert.deepEqual(shuffled.toRecords(), before);
});

Deno.test("medianSurvival() reports bad input", () => {
  assert.throws(() => medianSurvival(pl.DataFrame({ time: [0] })), {
    name: "TypeError",
    message:
      'Cannot find the median survival time as column "survival" is missing: available columns are time',
  });
  assert.throws(
    () => medianSurvival(pl.DataFrame({ time: [0], survival: ["1"] })),
    TypeError,
  );
  assert.throws(
    () => medianSurvival(pl.DataFrame({ time: [0], survival: [1] }).head(0)),
    RangeError,
  );
});
