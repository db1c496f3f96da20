import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { heatmap } from "./heatmap.ts";
import { assertSnapshot, countMarks, parseSvg, texts } from "./_test_utils.ts";

// Retention by monthly cohort (rows) and months since first order (columns), a triangle.
const cohorts = ["2024-01", "2024-02", "2024-03", "2024-04"];
const retention = cohorts.flatMap((cohort, i) =>
  Array.from({ length: cohorts.length - i }, (_, month) => ({
    cohort,
    month,
    retention: month === 0 ? 1 : Math.round((0.45 / month + 0.02 * i) * 1000) / 1000,
  }))
);

Deno.test("heatmap() draws a cell per row, a colour ramp legend and optional labels", () => {
  const chart = heatmap(retention, {
    x: "month",
    y: "cohort",
    fill: "retention",
    labels: true,
    title: "Retention by cohort",
  });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "cell", "rect"), 10);
  assert.equal(countMarks(root, "text", "text"), 10);
  const labels = texts(root);
  assert.equal(labels[0], "Retention by cohort");
  assert.ok(labels.includes("0.45"));
  assert.ok(labels.includes("retention"), "the legend's label");
  const image = root.querySelector("image");
  assert.ok(image, "the colour ramp image");
  const href = image.getAttribute("xlink:href") ?? "";
  assert.ok(href.startsWith("data:image/svg+xml;base64,"));
  const ramp = atob(href.slice("data:image/svg+xml;base64,".length));
  assert.equal(ramp.match(/<rect /g)?.length, 256);
  assert.ok(ramp.includes('fill="rgb(247, 251, 255)"'), "the first colour of the blues scheme");
});

Deno.test("heatmap() uses the given scheme and label format", () => {
  const chart = heatmap(retention, {
    x: "month",
    y: "cohort",
    fill: "retention",
    scheme: "viridis",
    labels: true,
    labelFormat: (v) => `${Math.round(v * 100)}%`,
  });
  assert.ok(texts(parseSvg(chart.svg)).includes("45%"));
  assert.ok(!chart.svg.includes('fill="rgb(247, 251, 255)"'));
});

Deno.test("heatmap() is deterministic and snapshot-stable", async () => {
  const options = { x: "month", y: "cohort", fill: "retention", labels: true, title: "Retention" };
  const first = heatmap(retention, options);
  assert.equal(heatmap(retention, options).svg, first.svg);
  await assertSnapshot("heatmap", first.svg);
});

Deno.test("heatmap() accepts a DataFrame", () => {
  const df = pl.DataFrame({
    cohort: retention.map((r) => r.cohort),
    month: retention.map((r) => r.month),
    retention: retention.map((r) => r.retention),
  });
  const options = { x: "month", y: "cohort", fill: "retention" };
  assert.equal(heatmap(df, options).svg, heatmap(retention, options).svg);
});

Deno.test("heatmap() reports bad input", () => {
  assert.throws(() => heatmap(retention, { x: "month", y: "cohort", fill: "rate" }), {
    name: "TypeError",
    message:
      'Cannot draw heatmap as column "rate" is missing: available columns are cohort, month, retention',
  });
  assert.throws(() => heatmap(retention, { x: "month", y: "cohort", fill: "cohort" }), TypeError);
  assert.throws(() => heatmap([], { x: "a", y: "b", fill: "c" }), RangeError);
});
