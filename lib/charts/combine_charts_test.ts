import assert from "node:assert/strict";
import { combineCharts } from "./combine_charts.ts";
import { barChart } from "./bar_chart.ts";
import { JUPYTER_DISPLAY } from "./chart.ts";

const small = barChart([{ k: "a", v: 1 }, { k: "b", v: 2 }], {
  x: "k",
  y: "v",
  width: 200,
  height: 120,
});
const wide = barChart([{ k: "a", v: 1 }], { x: "k", y: "v", width: 300, height: 100 });

Deno.test("combineCharts places charts on a grid sized to the largest in each row and column", () => {
  const grid = combineCharts([small, wide, wide], { columns: 2, gap: 10, title: "Panels" });
  assert.equal(grid.width, 300 + 10 + 300); // column 1 holds the 200 px and a 300 px chart
  assert.equal(grid.height, 30 + 120 + 10 + 100);
  assert.match(grid.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(grid.svg, /<g transform="translate\(310,30\)"/);
  assert.match(grid.svg, /<g transform="translate\(0,160\)"/);
  assert.equal((grid.svg.match(/<svg\b/g) ?? []).length, 1, "no nested svg elements");
  assert.match(grid.svg, />Panels<\/text>/);
  assert.equal((grid.svg.match(/xmlns="/g) ?? []).length, 1, "one namespace declaration");
  assert.equal(grid[JUPYTER_DISPLAY]()["image/svg+xml"], grid.svg);
});

Deno.test("combineCharts rejects an empty list and bad columns", () => {
  assert.throws(() => combineCharts([]), RangeError);
  assert.throws(() => combineCharts([small], { columns: 0 }), RangeError);
});
