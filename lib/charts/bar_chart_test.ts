import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { barChart } from "./bar_chart.ts";
import { assertSnapshot, countMarks, parseSvg, texts } from "./_test_utils.ts";

const segments = [
  { segment: "Hibernating", customers: 180, region: "north" },
  { segment: "Champions", customers: 310, region: "north" },
  { segment: "At risk", customers: 120, region: "north" },
  { segment: "New", customers: 75, region: "north" },
  { segment: "Champions", customers: 90, region: "south" },
  { segment: "New", customers: 240, region: "south" },
];

/** Category tick labels in axis order. */
function categoryLabels(svg: string, axis: "x" | "y"): string[] {
  const root = parseSvg(svg);
  const group = root.querySelector(`g[aria-label="${axis}-axis tick label"]`);
  assert.ok(group);
  return Array.from(group.querySelectorAll("text")).map((t) => t.textContent ?? "");
}

Deno.test("barChart() keeps data order by default and sorts by total with sort: value", () => {
  const unsorted = barChart(segments, { x: "segment", y: "customers" });
  assert.deepEqual(categoryLabels(unsorted.svg, "x"), [
    "Hibernating",
    "Champions",
    "At risk",
    "New",
  ]);
  const sorted = barChart(segments, { x: "segment", y: "customers", sort: "value" });
  // Totals: Champions 400, New 315, Hibernating 180, At risk 120.
  assert.deepEqual(categoryLabels(sorted.svg, "x"), ["Champions", "New", "Hibernating", "At risk"]);
  assert.equal(countMarks(parseSvg(sorted.svg), "bar", "rect"), 6); // stacked rows
});

Deno.test("barChart() horizontal puts categories on the y axis", () => {
  const chart = barChart(segments, {
    x: "segment",
    y: "customers",
    horizontal: true,
    sort: "value",
    xLabel: "Segment",
    yLabel: "Customers",
    title: "Customers per segment",
  });
  assert.deepEqual(categoryLabels(chart.svg, "y"), ["Champions", "New", "Hibernating", "At risk"]);
  const labels = texts(parseSvg(chart.svg));
  assert.equal(labels[0], "Customers per segment");
  assert.ok(labels.includes("Customers →"));
  assert.ok(labels.includes("Segment"));
});

Deno.test("barChart() with fill stacks and shows a legend", () => {
  const chart = barChart(segments, { x: "segment", y: "customers", fill: "region" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "bar", "rect"), 6);
  assert.ok(texts(root).includes("north") && texts(root).includes("south"));
});

Deno.test("barChart() is deterministic and snapshot-stable", async () => {
  const options = {
    x: "segment",
    y: "customers",
    fill: "region",
    sort: "value" as const,
    title: "Customers",
  };
  const first = barChart(segments, options);
  assert.equal(barChart(segments, options).svg, first.svg);
  await assertSnapshot("bar_chart", first.svg);
  await assertSnapshot(
    "bar_chart_horizontal",
    barChart(segments, { x: "segment", y: "customers", horizontal: true, sort: "value" }).svg,
  );
});

Deno.test("barChart() accepts a DataFrame", () => {
  const df = pl.DataFrame({
    segment: segments.map((r) => r.segment),
    customers: segments.map((r) => r.customers),
  });
  assert.equal(
    countMarks(parseSvg(barChart(df, { x: "segment", y: "customers" }).svg), "bar", "rect"),
    6,
  );
});

Deno.test("barChart() reports bad input", () => {
  assert.throws(() => barChart(segments, { x: "segment", y: "count" }), {
    name: "TypeError",
    message:
      'Cannot draw bar chart as column "count" is missing: available columns are segment, customers, region',
  });
  assert.throws(() => barChart([], { x: "a", y: "b" }), RangeError);
  assert.throws(
    () => barChart(segments, { x: "segment", y: "customers", sort: "name" as "value" }),
    {
      name: "RangeError",
      message: 'Cannot draw bar chart as sort must be "value" or "none": name',
    },
  );
  assert.throws(() => barChart(segments, { x: "customers", y: "segment" }), TypeError);
});
