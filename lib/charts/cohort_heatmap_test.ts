import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cohortHeatmap } from "./cohort_heatmap.ts";
import { cohortRetention } from "../survival/cohort_retention.ts";
import { countMarks, parseSvg, texts } from "./_test_utils.ts";

// Four monthly cohorts over four months: a triangle of 4 + 3 + 2 + 1 cells.
const ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
const tx = pl.DataFrame({
  customer_id: [...ids, "a", "b", "c", "a", "e", "a"],
  invoice_date: [
    "2011-01-05",
    "2011-01-09",
    "2011-01-20",
    "2011-02-02",
    "2011-02-11",
    "2011-03-03",
    "2011-03-30",
    "2011-04-04",
    "2011-02-10",
    "2011-02-12",
    "2011-03-15",
    "2011-04-20",
    "2011-04-21",
    "2011-03-01",
  ].map((d) => new Date(`${d}T10:00:00Z`)),
});
// The day after the last transaction: the same table as "as of the last transaction".
const AS_OF = new Date("2011-04-22T00:00:00Z");
const monthly = cohortRetention(tx, { asOf: AS_OF });

Deno.test("cohortHeatmap() draws a labelled cell per cohort and period", () => {
  const chart = cohortHeatmap(monthly, { title: "Retention" });
  const root = parseSvg(chart.svg);
  assert.equal(monthly.height, 10);
  assert.equal(countMarks(root, "cell", "rect"), 10);
  assert.equal(countMarks(root, "text", "text"), 10);
  const labels = texts(root);
  assert.equal(labels[0], "Retention");
  for (const label of ["2011-01", "2011-04", "100%", "67%", "Cohort"]) {
    assert.ok(labels.includes(label), label);
  }
  assert.ok(labels.includes("Months since first purchase"));
  // Cohorts top to bottom, oldest first: the y tick labels in order.
  const ticks = labels.filter((t) => /^\d{4}-\d{2}$/.test(t));
  assert.deepEqual(ticks, ["2011-01", "2011-02", "2011-03", "2011-04"]);
});

Deno.test("cohortHeatmap() keeps the first maxPeriods columns", () => {
  const root = parseSvg(cohortHeatmap(monthly, { maxPeriods: 2, labels: false }).svg);
  assert.equal(countMarks(root, "cell", "rect"), 2 + 2 + 2 + 1);
  assert.equal(countMarks(root, "text", "text"), 0);
});

Deno.test("cohortHeatmap() labels weekly cohorts by day", () => {
  const weekly = cohortRetention(tx, { period: "week", asOf: AS_OF });
  const labels = texts(parseSvg(cohortHeatmap(weekly).svg));
  assert.ok(labels.includes("2011-01-03"), "the Monday of the first week");
  assert.ok(labels.includes("Weeks since first purchase"));
});

Deno.test("cohortHeatmap() is deterministic and accepts records", () => {
  const first = cohortHeatmap(monthly, { title: "Retention", maxPeriods: 3 });
  assert.equal(cohortHeatmap(monthly, { title: "Retention", maxPeriods: 3 }).svg, first.svg);
  assert.equal(
    cohortHeatmap(monthly.toRecords(), { title: "Retention", maxPeriods: 3 }).svg,
    first.svg,
  );
});

Deno.test("cohortHeatmap() reports bad input", () => {
  assert.throws(() => cohortHeatmap(monthly, { maxPeriods: 0 }), {
    name: "RangeError",
    message: "Cannot draw cohort heatmap as maxPeriods must be an integer >= 1: got 0",
  });
  assert.throws(() => cohortHeatmap(monthly, { maxPeriods: 1.5 }), RangeError);
  // @ts-expect-error: a wrong type on purpose
  assert.throws(() => cohortHeatmap(monthly, { maxPeriods: "3" }), TypeError);
  assert.throws(() => cohortHeatmap(monthly.drop("retention")), {
    name: "TypeError",
    message:
      'Cannot draw cohort heatmap as column "retention" is missing: available columns are cohort, period_index, customers, cohort_size',
  });
  assert.throws(
    () => cohortHeatmap([{ cohort: "January", period_index: 0, retention: 1 }]),
    {
      name: "TypeError",
      message:
        'Cannot draw cohort heatmap as column "cohort" must hold dates: row 1 holds "January"',
    },
  );
  assert.throws(() => cohortHeatmap([]), RangeError);
});

Deno.test("cohortHeatmap() takes other column names", () => {
  const renamed = monthly.rename({ cohort: "start", period_index: "month", retention: "kept" });
  assert.equal(
    cohortHeatmap(renamed, { cohort: "start", period: "month", retention: "kept" }).svg,
    cohortHeatmap(monthly).svg,
  );
  assert.throws(() => cohortHeatmap(renamed), /are missing/);
});

Deno.test("cohortHeatmap() scales colours to the periods after period 0", () => {
  const table = [
    { cohort: new Date("2011-01-01"), period_index: 0, retention: 1 },
    { cohort: new Date("2011-01-01"), period_index: 1, retention: 0.4 },
    { cohort: new Date("2011-02-01"), period_index: 0, retention: 1 },
    { cohort: new Date("2011-02-01"), period_index: 1, retention: 0.2 },
  ];
  const chart = cohortHeatmap(table);
  assert.match(chart.svg, /Colour scale from 0 to 40%, the highest after period 0/);
  // The 40% cell and the 100% cells share the top colour; the 20% cell is lighter.
  const fills = [
    ...chart.svg.matchAll(
      /<rect[^>]*fill="(#[0-9a-f]{6}|rgb\([^)]*\))"[^>]*>\s*<title>[^<]*retention: ([\d.]+)/g,
    ),
  ]
    .map((m) => [m[2], m[1]]);
  const byValue = new Map(fills.map(([v, f]) => [v, f]));
  assert.equal(byValue.get("1"), byValue.get("0.4"));
  assert.notEqual(byValue.get("0.2"), byValue.get("0.4"));
});
