import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  clvBySegmentChart,
  clvDistributionChart,
  holdoutChart,
  probabilityAliveChart,
  trackingChart,
} from "./clv_charts.ts";
import { assertSnapshot, countMarks, parseSvg, texts } from "./_test_utils.ts";

// A small grid, shaped like lib/clv's modelGrid output: frequency 0 at recency 0 only.
const grid = [{ frequency: 0, recency: 0, probability_alive: 1, expected_purchases: 0.1 }].concat(
  [1, 2, 3].flatMap((x) =>
    [2.5, 5, 7.5, 10].map((recency) => ({
      frequency: x,
      recency,
      probability_alive: Math.min(1, recency / 10 + 0.3 / x),
      expected_purchases: (x * recency) / 40,
    }))
  ),
);

Deno.test("probabilityAliveChart() draws one cell per grid row on a fixed 0-1 scale", async () => {
  const chart = probabilityAliveChart(pl.DataFrame(grid), { title: "P(alive) at T = 10" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "cell", "rect"), 13);
  const labels = texts(root);
  assert.ok(labels.includes("2.5") && labels.includes("7.5"), "recency ticks, rounded");
  assert.ok(labels.includes("1.0") || labels.includes("1"), "the colour scale reaches 1");
  const expected = probabilityAliveChart(grid, { value: "expected_purchases", labels: true });
  assert.ok(expected.svg.includes(">0.75</text>"));
  assert.throws(() => probabilityAliveChart(grid, { value: "clv" as never }), RangeError);
  assert.throws(() => probabilityAliveChart([{ frequency: 1 }]), TypeError);
  assert.equal(probabilityAliveChart(grid).svg, probabilityAliveChart(grid).svg);
  await assertSnapshot("clv_probability_alive", chart.svg);
});

const byFrequency = ["0", "1", "2", "3+"].map((f, i) => ({
  calibration_frequency: f,
  customers: 100 - 20 * i,
  actual: 0.2 + 0.6 * i,
  predicted: 0.2 + 0.5 * i,
  naive: 1.1 * i,
}));

Deno.test("holdoutChart() draws actual, model and naive by calibration frequency in order", async () => {
  const chart = holdoutChart(byFrequency, { title: "Holdout" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "line", "path"), 3);
  assert.equal(countMarks(root, "dot", "circle"), 12);
  const labels = texts(root);
  assert.ok(["actual", "model", "naive"].every((s) => labels.includes(s)));
  assert.deepEqual(labels.filter((t) => ["0", "1", "2", "3+"].includes(t)).slice(0, 4), [
    "0",
    "1",
    "2",
    "3+",
  ]);
  const without = parseSvg(holdoutChart(byFrequency, { naive: false }).svg);
  assert.equal(countMarks(without, "line", "path"), 2);
  assert.throws(() => holdoutChart([{ calibration_frequency: "0", actual: 1 }]), TypeError);
  await assertSnapshot("clv_holdout", chart.svg);
});

const tracking = Array.from({ length: 20 }, (_, k) => ({
  period: k + 1,
  actual: 10 + (k % 4),
  expected: 11,
  cumulative_actual: 0,
  cumulative_expected: 11 * (k + 1),
  holdout: k >= 12,
})).map((row, k, all) => ({
  ...row,
  cumulative_actual: all.slice(0, k + 1).reduce((s, r) => s + r.actual, 0),
}));

Deno.test("trackingChart() draws actual and expected with a rule where the holdout starts", async () => {
  const chart = trackingChart(tracking, { title: "Weekly repeat purchases" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "line", "path"), 2);
  assert.ok(texts(root).includes("holdout →"));
  assert.ok(chart.svg.includes('stroke-dasharray="5,3"'), "the expectation is dashed");
  const cumulative = trackingChart(tracking, { cumulative: true });
  assert.ok(texts(parseSvg(cumulative.svg)).some((t) => t.includes("cumulative repeat purchases")));
  const noHoldout = trackingChart(tracking.map((r) => ({ ...r, holdout: false })));
  assert.ok(!texts(parseSvg(noHoldout.svg)).includes("holdout →"));
  await assertSnapshot("clv_tracking", chart.svg);
});

// Log-normal-ish values (a long right tail), plus a zero.
const clv = Array.from({ length: 200 }, (_, i) => ({
  clv: i === 0 ? 0 : Math.round(100 * Math.exp(((i % 20) - 10) / 4 + (i % 7) / 7)) / 10,
}));

Deno.test("clvDistributionChart() bins CLV, marks median and mean, and offers a log scale", async () => {
  const chart = clvDistributionChart(clv, { title: "CLV" });
  const root = parseSvg(chart.svg);
  assert.ok(countMarks(root, "rect", "rect") >= 5);
  assert.ok(chart.svg.includes("the mean sits above the median"));
  const log = clvDistributionChart(pl.DataFrame(clv), { logX: true, bins: 20 });
  const logTexts = texts(parseSvg(log.svg));
  assert.ok(logTexts.join(" ").includes("1 customer with clv <= 0 not shown"));
  assert.ok(logTexts.some((t) => t.startsWith("clv (log scale)")));
  assert.throws(() => clvDistributionChart(clv, { bins: 0 }), RangeError);
  assert.throws(() => clvDistributionChart([{ clv: 0 }], { logX: true }), {
    name: "RangeError",
    message: /logX needs positive values/,
  });
  assert.throws(() => clvDistributionChart(clv, { value: "value" }), TypeError);
  await assertSnapshot("clv_distribution_log", log.svg);
});

const segments = [
  { segment: "At risk", clv_total: 300, clv_total_p10: 220, clv_total_p90: 420 },
  { segment: "Champions", clv_total: 900, clv_total_p10: 780, clv_total_p90: 1010 },
  { segment: "New", clv_total: 150, clv_total_p10: 90, clv_total_p90: 260 },
];

Deno.test("clvBySegmentChart() sorts segments by value with p10-p90 ranges", async () => {
  const chart = clvBySegmentChart(segments, { title: "CLV by segment" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "bar", "rect"), 3);
  assert.equal(countMarks(root, "rule", "line") >= 3, true);
  const labels = texts(root);
  assert.ok(labels.indexOf("Champions") < labels.indexOf("New"), "largest first");
  const bare = clvBySegmentChart(
    segments.map(({ segment, clv_total }) => ({ segment, clv_total })),
  );
  assert.equal(countMarks(parseSvg(bare.svg), "tick", "line"), 0);
  assert.throws(
    () => clvBySegmentChart(segments, { low: "p5" }),
    TypeError,
  );
  await assertSnapshot("clv_by_segment", chart.svg);
});
