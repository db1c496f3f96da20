import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { scatterPlot } from "./scatter_plot.ts";
import { assertSnapshot, countMarks, parseSvg, seededUniform, texts } from "./_test_utils.ts";

const u = seededUniform(120, 3);
const customers = Array.from({ length: 60 }, (_, i) => ({
  orders: 1 + Math.floor(u[i] * 12),
  spend: Math.round((20 + u[i] * 400 + u[i + 60] * 80) * 100) / 100,
  segment: u[i] > 0.6 ? "loyal" : "new",
  tenure: Math.round(u[i + 60] * 36),
}));

Deno.test("scatterPlot() draws one dot per row with a categorical legend", () => {
  const chart = scatterPlot(customers, {
    x: "orders",
    y: "spend",
    fill: "segment",
    title: "Customers",
  });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "dot", "circle"), 60);
  const labels = texts(root);
  assert.equal(labels[0], "Customers");
  assert.ok(labels.includes("loyal") && labels.includes("new"));
});

Deno.test("scatterPlot() with a numeric fill draws a colour ramp; r can be a column", () => {
  const chart = scatterPlot(customers, { x: "orders", y: "spend", fill: "tenure", r: "tenure" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "dot", "circle"), 60);
  assert.ok(
    root.querySelector("image")?.getAttribute("xlink:href")?.startsWith(
      "data:image/svg+xml;base64,",
    ),
  );
});

Deno.test("scatterPlot() with stroke draws hollow coloured dots", () => {
  const root = parseSvg(
    scatterPlot(customers, { x: "orders", y: "spend", stroke: "segment", r: 4 }).svg,
  );
  assert.equal(countMarks(root, "dot", "circle"), 60);
  assert.ok(texts(root).includes("loyal"));
});

Deno.test("scatterPlot() is deterministic and snapshot-stable", async () => {
  const options = { x: "orders", y: "spend", fill: "segment", caption: "Synthetic customers" };
  const first = scatterPlot(customers, options);
  assert.equal(scatterPlot(customers, options).svg, first.svg);
  await assertSnapshot("scatter_plot", first.svg);
});

Deno.test("scatterPlot() accepts a DataFrame", () => {
  const df = pl.DataFrame({
    orders: customers.map((c) => c.orders),
    spend: customers.map((c) => c.spend),
  });
  assert.equal(
    countMarks(parseSvg(scatterPlot(df, { x: "orders", y: "spend" }).svg), "dot", "circle"),
    60,
  );
});

Deno.test("scatterPlot() reports bad input", () => {
  assert.throws(() => scatterPlot(customers, { x: "orders", y: "revenue" }), {
    name: "TypeError",
    message:
      'Cannot draw scatter plot as column "revenue" is missing: available columns are orders, spend, segment, tenure',
  });
  assert.throws(() => scatterPlot(customers, { x: "orders", y: "spend", r: "size" }), TypeError);
  assert.throws(() => scatterPlot(customers, { x: "orders", y: "spend", r: -1 }), RangeError);
  assert.throws(() => scatterPlot(customers, { x: "orders", y: "spend", opacity: 2 }), RangeError);
  assert.throws(() => scatterPlot(customers, { x: "segment", y: "spend" }), TypeError);
  assert.throws(() => scatterPlot([], { x: "orders", y: "spend" }), RangeError);
});

Deno.test("scatterPlot draws a seeded sample when maxPoints is exceeded, and says so", () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({ a: i, b: (i * 7) % 13 }));
  const chart = scatterPlot(rows, { x: "a", y: "b", maxPoints: 100, seed: 3 });
  assert.equal((chart.svg.match(/<circle /g) ?? []).length, 100);
  assert.match(chart.svg, /Showing a random 100 of 500 points\./);
  assert.equal(chart.svg, scatterPlot(rows, { x: "a", y: "b", maxPoints: 100, seed: 3 }).svg);
  assert.notEqual(chart.svg, scatterPlot(rows, { x: "a", y: "b", maxPoints: 100, seed: 4 }).svg);
  const all = scatterPlot(rows.slice(0, 50), { x: "a", y: "b", maxPoints: 100 });
  assert.equal((all.svg.match(/<circle /g) ?? []).length, 50);
  assert.throws(() => scatterPlot(rows, { x: "a", y: "b", maxPoints: 0 }), RangeError);
});
