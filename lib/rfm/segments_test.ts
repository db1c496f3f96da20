import assert from "node:assert/strict";
import { RFM_SEGMENT_RULES, RFM_SEGMENTS, rfmSegment, SEGMENT_ACTIONS } from "./segments.ts";

Deno.test("every (R, FM) cell of the 5 x 5 grid maps to exactly one segment", () => {
  for (let r = 1; r <= 5; r++) {
    for (let fm = 1; fm <= 5; fm++) {
      const matches = RFM_SEGMENT_RULES.filter((rule) =>
        r >= rule.recency[0] && r <= rule.recency[1] &&
        fm >= rule.frequencyMonetary[0] && fm <= rule.frequencyMonetary[1]
      );
      assert.equal(matches.length, 1, `R ${r}, FM ${fm}: ${matches.map((m) => m.segment)}`);
      assert.equal(rfmSegment({ recency: r, frequencyMonetary: fm }), matches[0].segment);
    }
  }
});

Deno.test("the grid is the documented one and uses all eleven segments", () => {
  const grid = [5, 4, 3, 2, 1].map((r) =>
    [1, 2, 3, 4, 5].map((fm) => rfmSegment({ recency: r, frequencyMonetary: fm }))
  );
  assert.deepEqual(grid, [
    ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
    ["Promising", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
    ["About to sleep", "About to sleep", "Needs attention", "Loyal", "Loyal"],
    ["Hibernating", "Hibernating", "Needs attention", "At risk", "At risk"],
    ["Lost", "Lost", "At risk", "Cannot lose them", "Cannot lose them"],
  ]);
  assert.deepEqual(new Set(grid.flat()), new Set(RFM_SEGMENTS));
  assert.equal(RFM_SEGMENTS.length, 11);
});

Deno.test("each segment's cells lie inside its published (Putler) range", () => {
  // [R low, R high, FM low, FM high] from the table cited in segments.ts.
  const published: Record<string, [number, number, number, number]> = {
    "Champions": [4, 5, 4, 5],
    "Loyal": [2, 5, 3, 5],
    "Potential loyalist": [3, 5, 1, 3],
    "New": [4, 5, 1, 1],
    "Promising": [3, 4, 1, 1],
    "Needs attention": [2, 3, 2, 3],
    "About to sleep": [2, 3, 1, 2],
    "At risk": [1, 2, 2, 5],
    "Cannot lose them": [1, 1, 4, 5],
    "Hibernating": [1, 2, 1, 2],
    "Lost": [1, 2, 1, 2],
  };
  for (const rule of RFM_SEGMENT_RULES) {
    const [rLo, rHi, fmLo, fmHi] = published[rule.segment];
    assert.ok(rule.recency[0] >= rLo && rule.recency[1] <= rHi, rule.segment);
    assert.ok(rule.frequencyMonetary[0] >= fmLo && rule.frequencyMonetary[1] <= fmHi, rule.segment);
  }
});

Deno.test("the tables are frozen and every segment has a description and an action", () => {
  assert.ok(Object.isFrozen(RFM_SEGMENT_RULES));
  assert.ok(RFM_SEGMENT_RULES.every((r) => Object.isFrozen(r) && Object.isFrozen(r.recency)));
  assert.ok(Object.isFrozen(SEGMENT_ACTIONS));
  assert.deepEqual(Object.keys(SEGMENT_ACTIONS), [...RFM_SEGMENTS]);
  for (const segment of RFM_SEGMENTS) {
    const { description, action } = SEGMENT_ACTIONS[segment];
    assert.ok(description.length > 10 && !description.includes("\n"), segment);
    assert.ok(action.length > 10 && !action.includes("\n"), segment);
  }
  assert.match(SEGMENT_ACTIONS["At risk"].action, /win-back/);
});

Deno.test("rfmSegment rejects scores outside 1..5", () => {
  for (const [r, fm] of [[0, 3], [6, 3], [3, 2.5], [3, Number.NaN]]) {
    assert.throws(
      () => rfmSegment({ recency: r, frequencyMonetary: fm }),
      (e: unknown) =>
        e instanceof RangeError &&
        /^Cannot look up the RFM segment as the (recency|frequency-monetary) score must be an integer from 1 to 5: got /
          .test(e.message),
    );
  }
  assert.throws(
    () => rfmSegment({ recency: 3 } as unknown as { recency: number; frequencyMonetary: number }),
    /^TypeError: Cannot look up the RFM segment as the frequency-monetary score is not a number: got undefined$/,
  );
});
