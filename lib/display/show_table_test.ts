import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { formatValue, showTable } from "./show_table.ts";
import { JUPYTER_DISPLAY } from "../charts/chart.ts";

Deno.test("formatValue writes each format as a report does", () => {
  assert.equal(formatValue(0.12345678, "number", 4), "0.1235");
  assert.equal(formatValue(1234.5678, "number", 4), "1,235");
  assert.equal(formatValue(12.345678, "number", 4), "12.35");
  assert.equal(formatValue(-0.5, "number", 4), "-0.5");
  assert.equal(formatValue(1e-7, "number", 4), "1e-7");
  assert.equal(formatValue(0.0325, "percent", 4), "3.3%");
  assert.equal(formatValue(0.02, "percent", 4), "2.0%");
  assert.equal(formatValue(0.0027, "percent", 4), "0.27%");
  assert.equal(formatValue("92.22660359944624", "text", 4), "92.23");
  assert.equal(formatValue("2011-07-04 13:34:57", "text", 4), "2011-07-04 13:34:57");
  assert.equal(formatValue(1, "percent", 4), "100.0%");
  assert.equal(formatValue(0.04, "pValue", 4), "0.04");
  assert.equal(formatValue(0, "pValue", 4), "< 1e-300");
  assert.equal(formatValue(1234567.891, "money", 4), "1,234,567.89");
  assert.equal(formatValue(42n, "integer", 4), "42");
  assert.equal(formatValue(null, "number", 4), "");
  assert.equal(formatValue(NaN, "number", 4), "NaN");
  assert.equal(formatValue(new Date("2011-12-09T00:00:00Z"), "date", 4), "2011-12-09");
  assert.equal(formatValue(new Date("2011-12-09T12:50:00Z"), "date", 4), "2011-12-09 12:50");
  assert.equal(formatValue(["a", "b"], "text", 4), "a | b");
});

Deno.test("showTable keeps the data, rounds the display, leads with names and limits rows", () => {
  const df = pl.DataFrame({
    k: [1, 2, 3],
    churn_rate: [0.1234, 0.5, 0.0001],
    p_value: [3.1e-12, 0.2, 0.049],
    description: ["a", "b", "<c>"],
  });
  const shown = showTable(df, { maxRows: 2, caption: "Test" });
  assert.equal(shown.data, df);
  assert.deepEqual(shown.columns, ["description", "k", "churn_rate", "p_value"]);
  assert.deepEqual(shown.formats, {
    description: "text",
    k: "number",
    churn_rate: "percent",
    p_value: "pValue",
  });
  assert.deepEqual(shown.rows, [["a", "1", "12.3%", "3.1e-12"], ["b", "2", "50.0%", "0.2"]]);
  const bundle = shown[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle), ["text/html", "text/plain"]);
  assert.match(bundle["text/html"], /<caption>Test<\/caption>/);
  assert.match(bundle["text/html"], /1 more rows \(3 in all\)/);
  assert.ok(bundle["text/plain"].startsWith("Test\ndescription  k  churn_rate  p_value\n"));
  const escaped = showTable(df.tail(1)).html;
  assert.match(escaped, /&lt;c&gt;/);
});

Deno.test("showTable options override the formats; bad options are named", () => {
  const df = pl.DataFrame({ x: [0.25], y: [1234.5] });
  assert.deepEqual(showTable(df, { percent: ["x"], money: ["y"] }).rows[0], ["25.0%", "1,234.50"]);
  assert.throws(() => showTable(df, { money: ["z"] }), /column "z" is missing/);
  assert.throws(() => showTable(df, { maxRows: 0 }), RangeError);
  assert.throws(() => showTable([] as unknown as pl.DataFrame), TypeError);
});

Deno.test("showSummary flattens nested objects and rounds by field name", async () => {
  const { showSummary } = await import("./show_summary.ts");
  const shown = showSummary({
    customers: 4334,
    top1PercentShare: 0.32061168311279115,
    mean: { annual_income_k: 60.56, spending_score: 50.2 },
    scale: { annual_income_k: 26.19897707926782 },
    p_value: 3.1e-12,
    fitted: new Date("2011-12-09T00:00:00Z"),
  });
  assert.deepEqual(shown.rows, [
    ["customers", "4,334"],
    ["top1PercentShare", "0.3206"],
    ["mean.annual_income_k", "60.56"],
    ["mean.spending_score", "50.2"],
    ["scale.annual_income_k", "26.2"],
    ["p_value", "3.1e-12"],
    ["fitted", "2011-12-09"],
  ]);
  assert.throws(() => showSummary(null as unknown as object), TypeError);
});

Deno.test("showTable's number option keeps a money-named column plain", () => {
  const df = pl.DataFrame({ monetary_mean: [-0.7912, 1.4321] });
  assert.deepEqual(showTable(df).rows[0], ["-0.79"]);
  assert.deepEqual(showTable(df, { number: ["monetary_mean"] }).rows[0], ["-0.7912"]);
});

Deno.test("showSummary shows a frame inside the object as a table, not as text in a cell", async () => {
  const { showSummary } = await import("./show_summary.ts");
  const shown = showSummary({
    statistic: 2352.872538259339,
    groups: pl.DataFrame({ group: ["a", "b"], observed: [10, 20] }),
  });
  assert.deepEqual(shown.rows, [["statistic", "2,353"], ["groups", "table below (2 rows)"]]);
  assert.ok(shown.text.includes("groups:\ngroup  observed\n"));
  assert.doesNotMatch(shown.text, /┌|│/);
  assert.match(shown.html, /<strong>groups<\/strong><\/p>\n<table>/);
});
