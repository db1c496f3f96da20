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
