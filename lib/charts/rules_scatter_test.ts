import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { rulesScatter } from "./rules_scatter.ts";
import { countMarks, parseSvg, seededUniform, texts } from "./_test_utils.ts";

const u = seededUniform(300, 7);
const rules = Array.from({ length: 100 }, (_, i) => ({
  support: Math.round((0.01 + u[i] * 0.05) * 1e4) / 1e4,
  confidence: Math.round((0.2 + u[i + 100] * 0.7) * 1e3) / 1e3,
  lift: Math.round((1 + u[i + 200] * 20) * 100) / 100,
  leverage: Math.round(u[i] * u[i + 200] * 0.01 * 1e4) / 1e4,
}));

/** The fill colours of the dots, in drawing order. */
function dotFills(svg: string): string[] {
  const root = parseSvg(svg);
  const group = Array.from(root.querySelectorAll('g[aria-label="dot"]'))[0];
  return Array.from(group.querySelectorAll("circle")).map((c) => c.getAttribute("fill") ?? "");
}

Deno.test("rulesScatter() draws one dot per rule with a lift colour ramp and axis labels", () => {
  const chart = rulesScatter(rules, { title: "Association rules", subtitle: "Online Retail" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "dot", "circle"), 100);
  const labels = texts(root);
  assert.equal(labels[0], "Association rules");
  assert.equal(labels[1], "Online Retail");
  assert.ok(labels.includes("support →"));
  assert.ok(labels.includes("↑ confidence"));
  assert.ok(labels.includes("lift")); // the ramp's label
  assert.ok(
    root.querySelector("image")?.getAttribute("xlink:href")?.startsWith(
      "data:image/svg+xml;base64,",
    ),
  );
});

Deno.test("rulesScatter() draws the highest lift last, in the top colour of the scheme", () => {
  const fills = dotFills(rulesScatter(rules).svg);
  assert.equal(fills.length, 100);
  assert.equal(fills[fills.length - 1], "#fde725"); // viridis at its maximum
  assert.equal(fills[0], "#440154"); // viridis at its minimum
  assert.equal(
    new Set(dotFills(rulesScatter(rules, { scheme: "blues" }).svg)).has("#fde725"),
    false,
  );
});

Deno.test("rulesScatter() accepts a rules DataFrame with list columns", () => {
  const df = pl.DataFrame([
    pl.Series("antecedents", [["a"], ["a", "b"], ["c"]], pl.List(pl.Utf8)),
    pl.Series("consequents", [["b"], ["c"], ["a"]], pl.List(pl.Utf8)),
    pl.Series("support", [0.02, 0.01, 0.03]),
    pl.Series("confidence", [0.5, 0.8, 0.3]),
    pl.Series("lift", [2.5, 6.0, 1.1]),
    pl.Series("leverage", [0.01, 0.008, 0.002]),
  ]);
  const before = df.toRecords();
  const chart = rulesScatter(df, { r: "leverage", colorType: "linear" });
  assert.equal(countMarks(parseSvg(chart.svg), "dot", "circle"), 3);
  const radii = chart.svg.match(/<circle [^>]*r="([\d.]+)"/g)?.map((c) =>
    /r="([\d.]+)"/.exec(c)![1]
  );
  assert.equal(new Set(radii).size, 3); // sized by leverage
  assert.deepEqual(df.toRecords(), before);
});

Deno.test("rulesScatter() draws a seeded sample beyond maxPoints and says so", () => {
  const chart = rulesScatter(rules, { maxPoints: 40, seed: 3, caption: "Mined at 1% support." });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "dot", "circle"), 40);
  assert.ok(texts(root).includes("Mined at 1% support. Showing a random 40 of 100 rules."));
  assert.equal(rulesScatter(rules, { maxPoints: 40, seed: 3 }).svg.length > 0, true);
  assert.notEqual(
    rulesScatter(rules, { maxPoints: 40, seed: 4 }).svg,
    rulesScatter(rules, { maxPoints: 40, seed: 3 }).svg,
  );
  // 1,000 rules by default: about 80 bytes a dot.
  const many = Array.from({ length: 3000 }, (_, i) => rules[i % 100]);
  const big = rulesScatter(many);
  assert.equal(countMarks(parseSvg(big.svg), "dot", "circle"), 1000);
  assert.ok(big.svg.length < 120_000, `${big.svg.length} characters`);
});

Deno.test("rulesScatter() is deterministic", () => {
  const options = { title: "Rules", maxPoints: 50, seed: 1 };
  assert.equal(rulesScatter(rules, options).svg, rulesScatter(rules, options).svg);
  const reversed = [...rules].reverse();
  // The same rules in another order give the same dots (drawing order is by lift).
  assert.deepEqual(dotFills(rulesScatter(reversed).svg), dotFills(rulesScatter(rules).svg));
});

Deno.test("rulesScatter() reports bad input", () => {
  assert.throws(() => rulesScatter([{ support: 0.1, confidence: 0.5 }]), {
    name: "TypeError",
    message:
      'Cannot draw rules scatter as column "lift" is missing: available columns are support, confidence',
  });
  assert.throws(
    () => rulesScatter(pl.DataFrame({ support: [0.1], confidence: [0.5], lift: ["high"] })),
    TypeError,
  );
  assert.throws(() => rulesScatter([]), RangeError);
  assert.throws(() => rulesScatter(rules, { r: 0 }), RangeError);
  assert.throws(() => rulesScatter(rules, { r: "size" }), TypeError);
  assert.throws(() => rulesScatter(rules, { opacity: 1.5 }), RangeError);
  assert.throws(() => rulesScatter(rules, { maxPoints: 0 }), RangeError);
  // @ts-expect-error: an unknown scale type
  assert.throws(() => rulesScatter(rules, { colorType: "sqrt" }), RangeError);
  assert.throws(() => rulesScatter([{ support: 0.1, confidence: 0.5, lift: 0 }]), {
    name: "RangeError",
    message:
      "Cannot draw rules scatter as a log colour scale needs positive lift values: 1 rule has lift <= 0, e.g. 0",
  });
  assert.equal(
    countMarks(
      parseSvg(
        rulesScatter([{ support: 0.1, confidence: 0.5, lift: 0 }], { colorType: "linear" }).svg,
      ),
      "dot",
      "circle",
    ),
    1,
  );
});

Deno.test("rulesScatter() takes other column names for x, y and the colour", () => {
  const renamed = rules.map((rule) => ({
    sup: rule.support,
    conf: rule.confidence,
    strength: rule.lift,
  }));
  const chart = rulesScatter(renamed, { x: "sup", y: "conf", fill: "strength" });
  const expected = rulesScatter(rules);
  assert.equal(chart.svg.match(/<circle /g)?.length, expected.svg.match(/<circle /g)?.length);
  assert.ok(texts(parseSvg(chart.svg)).includes("strength"));
  assert.throws(() => rulesScatter(renamed), /columns "support", "confidence", "lift" are missing/);
});
