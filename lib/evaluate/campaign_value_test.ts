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
