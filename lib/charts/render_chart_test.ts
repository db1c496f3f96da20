import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { JUPYTER_DISPLAY } from "./chart.ts";
import { renderChart } from "./render_chart.ts";
import { assertSnapshot, countMarks, parseSvg, texts } from "./_test_utils.ts";

const points = Array.from({ length: 20 }, (_, i) => ({
  x: i,
  y: (i * 7) % 11,
  group: ["a", "b", "c"][i % 3],
}));

/** The y attribute of the first element matching `selector` among the root's children. */
function topOf(svg: string, pattern: RegExp): number {
  const match = pattern.exec(svg);
  assert.ok(match, `found ${pattern}`);
  return Number(match[1]);
}

Deno.test("renderChart() returns a frozen, displayable chart", () => {
  const chart = renderChart({ marks: [Plot.dot(points, { x: "x", y: "y" })] }, {
    width: 300,
    height: 200,
  });
  assert.ok(Object.isFrozen(chart));
  const bundle = chart[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle), ["image/svg+xml", "image/png", "text/plain"]);
  assert.equal(bundle["image/svg+xml"], chart.svg);
  // The PNG is the SVG drawn at 2x: its IHDR width is twice the chart's.
  const png = Uint8Array.from(atob(bundle["image/png"]), (c) => c.charCodeAt(0));
  const view = new DataView(png.buffer);
  assert.equal(view.getUint32(16), chart.width * 2);
  assert.equal(view.getUint32(20), chart.height * 2);
  assert.equal(bundle["text/plain"], chart.alt);
  assert.ok(!("text/html" in bundle), "untrusted Notebook ranks HTML above PNG and sanitises it");
  assert.equal(chart.width, 300);
  assert.equal(chart.height, 200);
  const root = parseSvg(chart.svg);
  assert.equal(root.getAttribute("width"), "300");
  assert.equal(root.getAttribute("viewBox"), "0 0 300 200");
  assert.equal(root.getAttribute("font-family"), "system-ui, sans-serif");
  assert.ok(chart.html.startsWith("<svg"), "a bare plot stays an <svg> in html");
  assert.equal(countMarks(root, "dot", "circle"), 20);
});

Deno.test("renderChart() composes title, subtitle, ramp legend, plot and caption top to bottom", async () => {
  const chart = renderChart(
    {
      marks: [Plot.dot(points, { x: "x", y: "y", fill: "y" })],
      color: { legend: true, scheme: "viridis" },
    },
    { title: "Title", subtitle: "Subtitle", caption: "Caption", height: 300 },
  );
  assert.ok(chart.html.startsWith("<figure"));
  const root = parseSvg(chart.svg);
  const labels = texts(root);
  assert.equal(labels[0], "Title");
  assert.equal(labels[1], "Subtitle");
  assert.equal(labels.at(-1), "Caption");
  const title = topOf(chart.svg, />?<text x="8" y="([\d.]+)" font-size="16"/);
  const subtitle = topOf(chart.svg, /<text x="8" y="([\d.]+)" font-size="12"/);
  // Parts are groups placed with translate(x,y) (not nested <svg>: see _svg_group.ts).
  const top = (selector: string) =>
    Number(
      /translate\([\d.]+,([\d.]+)\)/.exec(
        root.querySelector(selector)?.getAttribute("transform") ?? "",
      )?.[1],
    );
  const legend = top('g[class="plot-d6a7b5-ramp"]');
  const plot = top('g[class="plot-d6a7b5"]');
  assert.equal(root.querySelectorAll("svg").length, 0, "no svg nested in the root");
  const caption = topOf(chart.svg, /<text x="8" y="([\d.]+)" font-size="11"/);
  assert.ok(title < subtitle && subtitle < legend && legend < plot && plot + 300 < caption);
  assert.ok(chart.height >= caption && chart.height <= caption + 10, `height ${chart.height}`);
  assert.ok(chart.svg.includes('xlink:href="data:image/svg+xml;base64,'));
  assert.ok(!/<(div|span|h2|h3|figure|figcaption)\b/.test(chart.svg), "no HTML left");
  await assertSnapshot("render_chart_figure", chart.svg);
});

Deno.test("renderChart() redraws a swatch legend as squares and labels", () => {
  const chart = renderChart({
    marks: [Plot.dot(points, { x: "x", y: "y", fill: "group" })],
    color: { legend: true },
  });
  const root = parseSvg(chart.svg);
  const swatches = Array.from(root.querySelectorAll("g")).filter((g) =>
    g.querySelector('rect[width="15"]') !== null && g.getAttribute("fill") !== null
  );
  assert.deepEqual(swatches.map((s) => s.getAttribute("fill")), ["#4269d0", "#efb118", "#ff725c"]);
  assert.deepEqual(texts(root).slice(0, 3), ["a", "b", "c"]);
});

Deno.test("renderChart() wraps a long swatch legend onto more rows", () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ x: i, y: i, k: `category number ${i}` }));
  const narrow = renderChart(
    { marks: [Plot.dot(many, { x: "x", y: "y", fill: "k" })], color: { legend: true } },
    { width: 300, height: 200 },
  );
  assert.equal(narrow.width, 300, "the legend stays within the plot's width");
  assert.ok(narrow.height > 200 + 5 * 20, `several legend rows: height ${narrow.height}`);
});

Deno.test("renderChart() escapes text and gives clip ids that are stable yet distinct", () => {
  const draw = (title: string) =>
    renderChart(
      { marks: [Plot.dot(points, { x: "x", y: "y", clip: true })] },
      { title, xLabel: "Revenue & <cost>" },
    );
  const first = draw("A & B <c>");
  const root = parseSvg(first.svg);
  assert.equal(texts(root)[0], "A & B <c>");
  assert.ok(texts(root).includes("Revenue & <cost> →"));
  const ids = [...first.svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 1);
  assert.match(ids[0], /^plot-clip-[0-9a-f]{8}-1$/);
  assert.ok(first.svg.includes(`clip-path="url(#${ids[0]})"`));
  assert.equal(draw("A & B <c>").svg, first.svg, "same chart, same ids");
  assert.ok(first.html.includes(ids[0]), "html uses the same ids");
  assert.ok(!draw("Another").svg.includes(ids[0]), "different chart, different ids");
});

Deno.test("renderChart() rejects bad sizes", () => {
  const plot = { marks: [Plot.dot(points, { x: "x", y: "y" })] };
  assert.throws(() => renderChart(plot, { width: 0 }), {
    name: "RangeError",
    message: "Cannot draw chart as width must be a positive number: 0",
  });
  assert.throws(() => renderChart(plot, { height: Number.NaN }), RangeError);
  assert.throws(() => renderChart(plot, { width: "640" as unknown as number }), TypeError);
});

Deno.test("renderChart() rounds geometry to hundredths of a pixel, not text", () => {
  const data = [{ x: 1 / 3, y: 2 / 7, label: "0.3333333333" }, { x: 0.9, y: 0.1, label: "b" }];
  const chart = renderChart({
    marks: [Plot.dot(data, { x: "x", y: "y" }), Plot.text(data, { x: "x", y: "y", text: "label" })],
  }, { width: 300, height: 200 });
  const geometry = [...chart.svg.matchAll(/\b(?:cx|cy|x|y|d|transform)="([^"]*)"/g)].map((m) =>
    m[1]
  );
  assert.ok(geometry.length > 0);
  for (const value of geometry) assert.doesNotMatch(value, /\d\.\d{3,}/, value);
  assert.match(chart.svg, />0\.3333333333</, "text keeps its digits");
});

Deno.test("renderChart() wraps a title longer than the chart is wide", () => {
  const title = "A title far too long to fit on one line of a chart that is only 300 pixels wide";
  const chart = renderChart({ marks: [Plot.dot(points, { x: "x", y: "y" })] }, {
    width: 300,
    height: 200,
    title,
  });
  const lines = [
    ...chart.svg.matchAll(/<text x="8" y="[\d.]+" font-size="16"[^>]*>([^<]*)<\/text>/g),
  ]
    .map((m) => m[1]);
  assert.ok(lines.length >= 2, `wrapped into ${lines.length} lines`);
  assert.equal(lines.join(" "), title);
  for (const line of lines) assert.ok(line.length * 16 * 0.62 <= 300 - 16, line);
});

Deno.test("renderChart() simplifies long polylines to within a quarter pixel", () => {
  // A smooth curve of 2,000 points: the drawn path keeps far fewer, each within 0.25 px.
  const curve = Array.from({ length: 2_000 }, (_, i) => ({ x: i / 1999, y: Math.sqrt(i / 1999) }));
  const chart = renderChart({ marks: [Plot.line(curve, { x: "x", y: "y" })] }, {
    width: 400,
    height: 300,
  });
  const d = chart.svg.match(/aria-label="line"[^>]*>\s*<path[^>]* d="([^"]*)"/)?.[1] ?? "";
  const points = d.split(/(?=[ML])/).map((p) => p.slice(1).split(",").map(Number));
  assert.ok(points.length > 10 && points.length < 400, `${points.length} points`);
  // Ends are kept exactly.
  assert.deepEqual(points[0].length, 2);
});
