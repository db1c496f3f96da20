import assert from "node:assert/strict";
import { campaignValue } from "./campaign_value.ts";
import { expectedValueThreshold } from "./expected_value_threshold.ts";
import { cases } from "./_test_fixtures.ts";

Deno.test("campaignValue() at the best threshold equals expectedValueThreshold's value", () => {
  const options = { contactCost: 20, retainedValue: 750, successRate: 0.3 };
  for (const c of cases) {
    const best = expectedValueThreshold(c.y, c.scores, options);
    const value = campaignValue(c.y, c.scores, { ...options, threshold: best.threshold });
    assert.equal(value.contacted, best.contacted, c.name);
    assert.equal(value.expectedValue, best.expectedValue, c.name);
  }
});

Deno.test("campaignValue() counts ties at the threshold as contacted, Infinity as nobody", () => {
  const y = [1, 0, 1, 0, 1];
  const s = [0.8, 0.5, 0.5, 0.2, 0.1];
  const at = campaignValue(y, s, { threshold: 0.5, contactCost: 1, retainedValue: 10 });
  assert.deepEqual([at.contacted, at.truePositives, at.positives, at.expectedValue], [3, 2, 3, 17]);
  const none = campaignValue(y, s, { threshold: Infinity, contactCost: 1, retainedValue: 10 });
  assert.deepEqual([none.contacted, none.expectedValue], [0, 0]);
  assert.throws(
    () => campaignValue(y, s, { threshold: NaN, contactCost: 1, retainedValue: 10 }),
    { name: "RangeError", message: /Cannot compute campaign value as threshold/ },
  );
  assert.throws(
    () => campaignValue(y, s, { threshold: 0.5, contactCost: -1, retainedValue: 10 }),
    { name: "RangeError", message: /contactCost/ },
  );
});

Deno.test("campaignValue() per-row values: equal values reproduce the scalar, hand case, bad input", () => {
  const options = { contactCost: 20, retainedValue: 750, successRate: 0.3 };
  for (const c of cases) {
    const best = expectedValueThreshold(c.y, c.scores, options);
    const flat = new Array(c.y.length).fill(750);
    const scalar = campaignValue(c.y, c.scores, { ...options, threshold: best.threshold });
    const perRow = campaignValue(c.y, c.scores, {
      ...options,
      retainedValue: flat,
      threshold: best.threshold,
    });
    assert.deepEqual(perRow, scalar, c.name);
  }
  // Contacted (>= 0.5): churners worth 100 and 40 and a non-churner; 0.5 x 140 - 3 x 1 = 67.
  const y = [1, 0, 1, 0, 1];
  const s = [0.8, 0.5, 0.5, 0.2, 0.1];
  const value = campaignValue(y, s, {
    threshold: 0.5,
    contactCost: 1,
    retainedValue: [100, 999, 40, 999, 999],
    successRate: 0.5,
  });
  assert.deepEqual([value.contacted, value.truePositives, value.expectedValue], [3, 2, 67]);
  // Agrees with expectedValueThreshold's table at the same threshold.
  const table = expectedValueThreshold(y, s, {
    contactCost: 1,
    retainedValue: [100, 999, 40, 999, 999],
    successRate: 0.5,
  }).table;
  assert.equal(table.getColumn("expected_value").get(2), 67);
  assert.throws(
    () => campaignValue(y, s, { threshold: 0.5, contactCost: 1, retainedValue: [1, 2, 3] }),
    {
      name: "RangeError",
      message:
        "Cannot compute campaign value as retainedValue must hold one value per row: 3 values for 5 rows",
    },
  );
  assert.throws(
    () =>
      campaignValue(y, s, {
        threshold: 0.5,
        contactCost: 1,
        retainedValue: [1, 2, 3, 4, Infinity],
      }),
    { name: "RangeError", message: /1 retainedValue entry is not a finite number >= 0: row 5/ },
  );
});
