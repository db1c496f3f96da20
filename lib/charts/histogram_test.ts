import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { histogram } from "./histogram.ts";
import { assertSnapshot, countMarks, parseSvg, seededUniform, texts } from "./_test_utils.ts";

// 0..7 with bins: 4 gives Plot's nice thresholds 0, 2, 4, 6, 8; bin [4, 6) is empty.
const small = [0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 7].map((amount) => ({ amount }));

// 500 order amounts, skewed like spend (exponential), reproducible.
const orders = seededUniform(500, 42).map((u, i) => ({
  amount: Math.round(-Math.log(1 - u) * 40 * 100) / 100,
  channel: i % 3 === 0 ? "store" : "web",
}));

Deno.test("histogram() draws one bar per non-empty bin with title and axis labels", () => {
  const chart = histogram(small, { x: "amount", bins: 4, title: "Order amounts", xLabel: "EUR" });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "rect", "rect"), 3);
  assert.equal(texts(root)[0], "Order amounts");
  assert.ok(texts(root).includes("EUR →"));
  assert.ok(texts(root).includes("↑ Frequency"));
  assert.equal(chart.width, 640);
  assert.equal(root.getAttribute("font-family"), "system-ui, sans-serif");
  assert.ok(chart.html.startsWith("<figure"));
});

Deno.test("histogram() is deterministic and snapshot-stable", async () => {
  const options = { x: "amount", title: "Order amounts", subtitle: "500 orders", caption: "Test" };
  const first = histogram(orders, options);
  assert.equal(histogram(orders, options).svg, first.svg);
  await assertSnapshot("histogram", first.svg);
});

Deno.test("histogram() gives the same chart from a DataFrame as from records", () => {
  const df = pl.DataFrame({ amount: small.map((r) => r.amount) });
  assert.equal(
    histogram(df, { x: "amount", bins: 4 }).svg,
    histogram(small, { x: "amount", bins: 4 }).svg,
  );
});

Deno.test("histogram() splits bars by a fill column with a swatch legend", async () => {
  const chart = histogram(orders, { x: "amount", fill: "channel", bins: 20 });
  const root = parseSvg(chart.svg);
  const labels = texts(root);
  assert.ok(labels.includes("store") && labels.includes("web"));
  assert.ok(!chart.svg.includes("<span") && !chart.svg.includes("<div"));
  await assertSnapshot("histogram_fill", chart.svg);
});

Deno.test("histogram() with logY uses a log scale starting at 0.5", () => {
  const chart = histogram(small, { x: "amount", bins: 4, logY: true });
  const root = parseSvg(chart.svg);
  assert.equal(countMarks(root, "rect", "rect"), 3);
  assert.ok(!texts(root).includes("0.0"));
});

Deno.test("histogram() reports bad input", () => {
  assert.throws(() => histogram(small, { x: "price" }), {
    name: "TypeError",
    message: 'Cannot draw histogram as column "price" is missing: available columns are amount',
  });
  assert.throws(() => histogram([], { x: "amount" }), {
    name: "RangeError",
    message: "Cannot draw histogram as the data is empty: 0 rows",
  });
  assert.throws(
    () => histogram(pl.DataFrame({ amount: [] as number[] }), { x: "amount" }),
    RangeError,
  );
  assert.throws(() => histogram(small, { x: "amount", bins: 0 }), {
    name: "RangeError",
    message: "Cannot draw histogram as bins must be a positive integer: 0",
  });
  assert.throws(() => histogram([{ a: "x" }, { a: 1 }], { x: "a" }), {
    name: "TypeError",
    message: 'Cannot draw histogram as column "a" is not numeric or dates: 1 value such as "x"',
  });
  assert.throws(
    () => histogram(small, {} as unknown as { x: string }),
    {
      name: "TypeError",
      message: "Cannot draw histogram as option x must name a column: got undefined",
    },
  );
});
