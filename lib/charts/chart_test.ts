import assert from "node:assert/strict";
import { barChart } from "./bar_chart.ts";
import { lineChart } from "./line_chart.ts";
import { combineCharts } from "./combine_charts.ts";
import { describeChart, JUPYTER_DISPLAY } from "./chart.ts";

const months = [
  { month: "2011-01", revenue: 10 },
  { month: "2011-02", revenue: 12 },
];

Deno.test("a chart's alt text names its title, marks and axes", () => {
  const chart = barChart(months, { x: "month", y: "revenue", title: "Revenue by month" });
  assert.equal(chart.alt, 'Chart "Revenue by month": bar; x: month; y: revenue');
  assert.equal(chart[JUPYTER_DISPLAY]()["text/plain"], chart.alt);
});

Deno.test("combined charts describe each panel", () => {
  const a = barChart(months, { x: "month", y: "revenue", title: "A" });
  const b = lineChart(months, { x: "month", y: "revenue", title: "B" });
  const both = combineCharts([a, b], { title: "Both" });
  assert.equal(both.alt, `Chart "Both" of 2 panels: ${a.alt} | ${b.alt}`);
});

Deno.test("describeChart without marks or axes is just the title", () => {
  assert.equal(describeChart("<svg></svg>", "T"), 'Chart "T"');
  assert.equal(describeChart("<svg></svg>"), "Chart");
});

Deno.test("bars, dots and cells carry hover titles with their values", () => {
  const bars = barChart(months, { x: "month", y: "revenue" });
  assert.match(bars.svg, /<title>month: 2011-01\nrevenue: 10<\/title>/);
  const many = Array.from({ length: 600 }, (_, i) => ({ month: `m${i}`, revenue: i }));
  assert.doesNotMatch(barChart(many, { x: "month", y: "revenue" }).svg, /<title>/);
});

Deno.test("hoverValue rounds numbers to 4 significant digits and groups thousands", async () => {
  const { hoverValue } = await import("./_hover.ts");
  assert.equal(hoverValue(0.9909999999999999), "0.991");
  assert.equal(hoverValue(78054), "78,054");
  assert.equal(hoverValue(null), "missing");
  assert.equal(hoverValue(new Date("2011-12-09T12:00:00Z")), "2011-12-09");
});
