import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { lineChart } from "./line_chart.ts";
import { assertSnapshot, countMarks, parseSvg, texts } from "./_test_utils.ts";

// Monthly revenue for two channels, listed newest first to check the sort by x.
const revenue = Array.from({ length: 12 }, (_, m) => 11 - m).flatMap((m) => [
  { month: new Date(Date.UTC(2024, m, 1)), channel: "web", revenue: 100 + 10 * m },
  { month: new Date(Date.UTC(2024, m, 1)), channel: "store", revenue: 150 - 4 * m + (m % 3) * 5 },
]);

Deno.test("lineChart() draws one line per series with a legend and date axis", () => {
  const chart = lineChart(revenue, {
    x: "month",
    y: "revenue",
    stroke: "channel",
    title: "Revenue",
  });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "line", "path"), 2);
  const labels = texts(root);
  assert.equal(labels[0], "Revenue");
  assert.ok(labels.includes("web") && labels.includes("store"));
  assert.ok(labels.includes("Jan2024"), "a month tick with the year (two tspans)");
});

Deno.test("lineChart() sorts rows by x so lines run left to right", () => {
  const root = parseSvg(lineChart(revenue, { x: "month", y: "revenue", z: "channel" }).svg);
  const path = root.querySelector('g[aria-label="line"] path');
  const xs = [...(path?.getAttribute("d") ?? "").matchAll(/[ML]([\d.]+),/g)].map((m) =>
    Number(m[1])
  );
  assert.equal(xs.length, 12);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
});

Deno.test("lineChart() with markers adds a dot per row", () => {
  const root = parseSvg(
    lineChart(revenue, { x: "month", y: "revenue", stroke: "channel", markers: true }).svg,
  );
  assert.equal(countMarks(root, "dot", "circle"), 24);
});

Deno.test("lineChart() is deterministic and snapshot-stable", async () => {
  const options = { x: "month", y: "revenue", stroke: "channel", markers: true, yLabel: "EUR" };
  const first = lineChart(revenue, options);
  assert.equal(lineChart(revenue, options).svg, first.svg);
  await assertSnapshot("line_chart", first.svg);
});

Deno.test("lineChart() accepts a DataFrame with a Date column", () => {
  const df = pl.DataFrame({
    month: revenue.map((r) => r.month),
    channel: revenue.map((r) => r.channel),
    revenue: revenue.map((r) => r.revenue),
  }).withColumns(pl.col("month").cast(pl.Date));
  const fromFrame = lineChart(df, { x: "month", y: "revenue", stroke: "channel" });
  assert.equal(
    fromFrame.svg,
    lineChart(revenue, { x: "month", y: "revenue", stroke: "channel" }).svg,
  );
});

Deno.test("lineChart() reports bad input", () => {
  assert.throws(() => lineChart(revenue, { x: "date", y: "revenue" }), {
    name: "TypeError",
    message:
      'Cannot draw line chart as column "date" is missing: available columns are month, channel, revenue',
  });
  assert.throws(() => lineChart(revenue, { x: "month", y: "revenue", stroke: "shop" }), TypeError);
  assert.throws(() => lineChart([], { x: "month", y: "revenue" }), RangeError);
});
