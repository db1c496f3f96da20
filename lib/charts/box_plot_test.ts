import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { boxPlot } from "./box_plot.ts";
import { assertSnapshot, countMarks, parseSvg, seededUniform, texts } from "./_test_utils.ts";

const segments = ["Champions", "Loyal", "At risk", "Lost"];
const spend = seededUniform(400, 7).map((u, i) => ({
  segment: segments[i % 4],
  spend: Math.round((1 + u * 10) ** (4 - (i % 4)) * 100) / 100,
}));

Deno.test("boxPlot() draws one box per category", () => {
  const chart = boxPlot(spend, { x: "segment", y: "spend", title: "Spend by segment" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "bar", "rect"), 4); // boxes
  assert.equal(countMarks(root, "tick", "line"), 4); // medians
  assert.equal(countMarks(root, "rule", "line"), 4); // whiskers
  assert.equal(texts(root)[0], "Spend by segment");
  for (const segment of segments) assert.ok(texts(root).includes(segment));
});

Deno.test("boxPlot() without categories draws a single box", () => {
  const root = parseSvg(boxPlot(spend, { y: "spend" }).svg);
  assert.equal(countMarks(root, "bar", "rect"), 1);
});

Deno.test("boxPlot() horizontal with logY keeps labels on the data roles", () => {
  const chart = boxPlot(spend, {
    x: "segment",
    y: "spend",
    horizontal: true,
    logY: true,
    xLabel: "Segment",
    yLabel: "Spend (EUR)",
  });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "bar", "rect"), 4);
  assert.ok(texts(root).includes("Spend (EUR) →"));
  assert.ok(texts(root).includes("Segment"));
});

Deno.test("boxPlot() is deterministic and snapshot-stable", async () => {
  const first = boxPlot(spend, { x: "segment", y: "spend", logY: true });
  assert.equal(boxPlot(spend, { x: "segment", y: "spend", logY: true }).svg, first.svg);
  await assertSnapshot("box_plot", first.svg);
});

Deno.test("boxPlot() accepts a DataFrame", () => {
  const df = pl.DataFrame({
    segment: spend.map((r) => r.segment),
    spend: spend.map((r) => r.spend),
  });
  assert.equal(
    boxPlot(df, { x: "segment", y: "spend" }).svg,
    boxPlot(spend, { x: "segment", y: "spend" }).svg,
  );
});

Deno.test("boxPlot() reports bad input", () => {
  assert.throws(() => boxPlot(spend, { x: "tier", y: "spend" }), {
    name: "TypeError",
    message:
      'Cannot draw box plot as column "tier" is missing: available columns are segment, spend',
  });
  assert.throws(() => boxPlot([], { y: "spend" }), RangeError);
  assert.throws(() => boxPlot([{ v: 0 }, { v: -2 }, { v: 3 }], { y: "v", logY: true }), {
    name: "RangeError",
    message: 'Cannot draw box plot with logY as 2 values of "v" are zero or negative: 0, -2',
  });
  assert.throws(() => boxPlot([{ v: "a" }], { y: "v" }), TypeError);
});
