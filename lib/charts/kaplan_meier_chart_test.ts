import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { kaplanMeierChart } from "./kaplan_meier_chart.ts";
import { kaplanMeier } from "../survival/kaplan_meier.ts";
import { FREIREICH, survivalFrame } from "../survival/_test_fixtures.ts";
import { countMarks, parseSvg, type TestElement, texts } from "./_test_utils.ts";
import { DEFAULT_COLOR } from "./render_chart.ts";

const grouped = kaplanMeier(survivalFrame(FREIREICH), {
  duration: "duration",
  event: "event",
  group: "group",
});
const single = kaplanMeier(survivalFrame(FREIREICH, ["6-MP"]), {
  duration: "duration",
  event: "event",
});

/** The [x, y] points of a path's `d` attribute (M and L commands). */
function points(path: TestElement): [number, number][] {
  return [...(path.getAttribute("d") ?? "").matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

Deno.test("kaplanMeierChart() draws a stepped line and band per group, censor marks and a legend", () => {
  const chart = kaplanMeierChart(grouped, { title: "Remission" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "line", "path"), 2);
  assert.equal(countMarks(root, "area", "path"), 2);
  // 6-MP has censorings at 11 distinct times, placebo none.
  assert.equal(countMarks(root, "dot", "path"), 11);
  const labels = texts(root);
  assert.equal(labels[0], "Remission");
  assert.ok(labels.includes("6-MP") && labels.includes("placebo"));
  assert.ok(labels.includes("0.0") && labels.includes("1.0"), "y runs from 0 to 1");
  // Step-after: every segment is horizontal or vertical.
  for (const path of Array.from(root.querySelectorAll('g[aria-label="line"] path'))) {
    const xy = points(path);
    assert.ok(xy.length > 10);
    for (let i = 1; i < xy.length; i++) {
      assert.ok(
        xy[i][0] === xy[i - 1][0] || xy[i][1] === xy[i - 1][1],
        `segment ${i} is a step`,
      );
    }
  }
});

Deno.test("kaplanMeierChart() switches off the band and censor marks", () => {
  const root = parseSvg(kaplanMeierChart(grouped, { band: false, censorMarks: false }).svg);
  assert.equal(countMarks(root, "line", "path"), 2);
  assert.equal(countMarks(root, "area", "path"), 0);
  assert.equal(countMarks(root, "dot", "path"), 0);
});

Deno.test("kaplanMeierChart() draws one curve in the default colour without a group", () => {
  const root = parseSvg(kaplanMeierChart(single).svg);
  assert.equal(countMarks(root, "line", "path"), 1);
  const line = root.querySelector('g[aria-label="line"]');
  assert.equal(line?.getAttribute("stroke"), DEFAULT_COLOR);
  assert.ok(!texts(root).includes("6-MP"), "no legend");
});

Deno.test("kaplanMeierChart() writes the numbers at risk under the axis", () => {
  const chart = kaplanMeierChart(grouped, { atRiskTimes: [0, 10, 20, 30] });
  const labels = texts(parseSvg(chart.svg));
  assert.ok(labels.includes("At risk"));
  // Customers with duration >= t: 6-MP 21, 15, 8, 4; placebo 21, 8, 2, 0.
  const start = labels.indexOf("At risk");
  assert.deepEqual(
    labels.slice(start + 1, start + 9),
    ["21", "15", "8", "4", "21", "8", "2", "0"],
  );
  assert.ok(labels.includes("6-MP") && labels.includes("placebo"));
});

Deno.test("kaplanMeierChart() is deterministic and accepts records", () => {
  const options = { title: "Remission", atRiskTimes: [0, 20] };
  const first = kaplanMeierChart(grouped, options);
  assert.equal(kaplanMeierChart(grouped, options).svg, first.svg);
  assert.equal(kaplanMeierChart(grouped.toRecords(), options).svg, first.svg);
});

Deno.test("kaplanMeierChart() does not modify its input", () => {
  const records = grouped.sort("survival").toRecords();
  const copy = structuredClone(records);
  kaplanMeierChart(records);
  assert.deepEqual(records, copy);
});

Deno.test("kaplanMeierChart() reports bad input", () => {
  assert.throws(() => kaplanMeierChart(grouped.drop("survival")), {
    name: "TypeError",
    message:
      'Cannot draw Kaplan-Meier chart as column "survival" is missing: available columns are group, time, at_risk, events, censored, std_error, lower, upper',
  });
  assert.throws(
    () => kaplanMeierChart(grouped.select("time", "survival"), { atRiskTimes: [0] }),
    {
      name: "TypeError",
      message:
        'Cannot draw Kaplan-Meier chart as atRiskTimes needs the column "at_risk": available columns are time, survival',
    },
  );
  assert.throws(() => kaplanMeierChart(grouped, { atRiskTimes: [NaN] }), TypeError);
  assert.throws(() => kaplanMeierChart(pl.DataFrame({ time: [], survival: [] })), RangeError);
  assert.throws(() => kaplanMeierChart([{ time: 0, survival: "1" }]), TypeError);
});

Deno.test("kaplanMeierChart() takes other column names", () => {
  const renamed = grouped.rename({
    time: "weeks",
    survival: "s",
    group: "arm",
    lower: "lo",
    upper: "hi",
    censored: "cens",
    at_risk: "n",
    events: "d",
  });
  const options = { atRiskTimes: [0, 10, 20] };
  const chart = kaplanMeierChart(renamed, {
    ...options,
    time: "weeks",
    survival: "s",
    group: "arm",
    lower: "lo",
    upper: "hi",
    censored: "cens",
    atRisk: "n",
    events: "d",
  });
  const expected = kaplanMeierChart(grouped, options);
  const labels = texts(parseSvg(chart.svg));
  assert.deepEqual(
    labels.filter((t) => /^\d+$/.test(t)),
    texts(parseSvg(expected.svg)).filter((t) => /^\d+$/.test(t)),
  );
  assert.ok(labels.some((t) => t.startsWith("weeks")), "x label");
  assert.ok(labels.includes("6-MP"), "legend");
});
