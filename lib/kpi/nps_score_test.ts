import assert from "node:assert/strict";
import { npsScore } from "./nps_score.ts";

const close = (a: number, b: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const Z95 = 1.959963984540054;

Deno.test("npsScore by hand: groups, score, trinomial Wald interval and test", () => {
  // 20 answers: 8 promoters (9, 10), 5 passives (7, 8), 7 detractors (0-6): NPS = 100 * 1/20 = 5.
  const scores = [10, 10, 9, 9, 9, 10, 9, 9, 8, 8, 7, 7, 8, 6, 5, 0, 3, 6, 6, 2];
  const r = npsScore(scores);
  assert.deepEqual([r.promoters, r.passives, r.detractors, r.n], [8, 5, 7, 20]);
  assert.equal(r.effect, 5);
  // Var(pP - pD) = (0.4 + 0.35 - 0.05^2) / 20 = 0.037375; se = 100 sqrt(0.037375) = 19.33261...
  close(r.standardError, 100 * Math.sqrt(0.037375));
  close(r.confidenceInterval[0], 5 - Z95 * 100 * Math.sqrt(0.037375));
  close(r.confidenceInterval[1], 5 + Z95 * 100 * Math.sqrt(0.037375));
  close(r.statistic, 5 / (100 * Math.sqrt(0.037375)));
  assert.ok(r.pValue > 0.7 && r.pValue < 0.85);
});

Deno.test("npsScore adjusted Wald adds one answer to each group", () => {
  // All 5 answers promoters: Wald collapses to [100, 100]; adjusted uses 6, 1, 1 of 8.
  const wald = npsScore([9, 10, 10, 9, 9]);
  assert.equal(wald.effect, 100);
  assert.deepEqual(wald.confidenceInterval, [100, 100]);
  assert.ok(Number.isNaN(wald.pValue));
  const adjusted = npsScore([9, 10, 10, 9, 9], { method: "adjusted-wald" });
  assert.equal(adjusted.effect, 100);
  // pP = 6/8, pD = 1/8: centre 62.5, se = 100 sqrt((0.875 - 0.625^2) / 8) = 25.1558...
  const se = 100 * Math.sqrt((0.875 - 0.390625) / 8);
  close(adjusted.standardError, se);
  close(adjusted.confidenceInterval[0], 62.5 - Z95 * se);
  assert.equal(adjusted.confidenceInterval[1], 100); // clipped
});

Deno.test("npsScore covers the range: all detractors give -100", () => {
  const r = npsScore([0, 6, 3], { alpha: 0.1, nullValue: -50 });
  assert.equal(r.effect, -100);
  assert.deepEqual(r.confidenceInterval, [-100, -100]);
});

Deno.test("npsScore refuses bad input naming the value", () => {
  assert.throws(() => npsScore([9, 11]), {
    name: "RangeError",
    message: /^Cannot compute the NPS as scores\[1\] must be an integer from 0 to 10: got 11$/,
  });
  assert.throws(() => npsScore([9, 7.5]), {
    name: "RangeError",
    message: /scores\[1\] must be an integer from 0 to 10: got 7.5/,
  });
  assert.throws(() => npsScore([]), {
    name: "RangeError",
    message: /there are no scores: got 0 answers/,
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => npsScore([9], { method: "exact" as any }), {
    name: "TypeError",
    message: /method must be "wald" or "adjusted-wald": got exact/,
  });
  assert.throws(() => npsScore([9], { nullValue: 120 }), {
    name: "RangeError",
    message: /nullValue must be in \[-100, 100\]: got 120/,
  });
});
