import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { backtestErrorChart, forecastChart } from "./forecast_charts.ts";
import { countMarks, parseSvg, texts } from "./_test_utils.ts";

const week = (i: number) => new Date(Date.UTC(2011, 0, 3 + 7 * i));
const history = pl.DataFrame({
  date: pl.Series("date", [0, 1, 2, 3, 4, 5].map(week)).cast(pl.Date),
  value: [10, 12, 11, 13, 12, 14],
});
const forecast = pl.DataFrame({
  date: pl.Series("date", [6, 7].map(week)).cast(pl.Date),
  forecast: [14, 14],
  lower_80: [12, 11],
  upper_80: [16, 17],
  lower_95: [11, 9],
  upper_95: [17, 19],
});

Deno.test("forecastChart: history line, dashed forecast joined to it, one band per level", () => {
  const chart = forecastChart(history, {
    forecast,
    title: "Weekly revenue",
    actual: [{ date: week(6), value: 15 }],
  });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "area", "path"), 2);
  assert.equal(countMarks(root, "line", "path"), 2);
  assert.equal(countMarks(root, "dot", "circle"), 1);
  assert.ok(chart.svg.includes('stroke-dasharray="4,3"'));
  assert.equal(texts(root)[0], "Weekly revenue");
});

Deno.test("forecastChart and backtestErrorChart name a missing column", () => {
  assert.throws(() => forecastChart(history, { forecast: forecast.drop("upper_95") }), {
    name: "TypeError",
    message: /column "upper_95" is missing/,
  });
  assert.throws(
    () => backtestErrorChart([{ model: "naive", horizon: 1, mae: 3 }], { metric: "rmse" }),
    TypeError,
  );
});
