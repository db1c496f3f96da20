import assert from "node:assert/strict";
import { join } from "node:path";
import { barChart } from "./bar_chart.ts";
import { heatmap } from "./heatmap.ts";
import { saveChart } from "./save_chart.ts";

const chart = barChart(
  [{ k: "a", v: 1 }, { k: "b", v: 3 }],
  { x: "k", y: "v", title: "Saved", width: 320, height: 200 },
);

async function withTempDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "customer_lens_charts_" });
  try {
    await test(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("saveChart() writes the SVG string unchanged and returns the path", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "bars.svg");
    assert.equal(await saveChart(chart, path), path);
    assert.equal(await Deno.readTextFile(path), chart.svg);
    assert.deepEqual(await listDir(dir), ["bars.svg"], "no temp file left");
    // Overwriting an existing file replaces it whole.
    await saveChart(heatmap([{ a: 1, b: 1, c: 2 }], { x: "a", y: "b", fill: "c" }), path);
    assert.ok((await Deno.readTextFile(path)).includes("data:image/svg+xml;base64,"));
    assert.deepEqual(await listDir(dir), ["bars.svg"]);
  });
});

Deno.test("saveChart() renders a PNG at twice the chart's size", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "bars.PNG");
    await saveChart(chart, path);
    const png = await Deno.readFile(path);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const header = new DataView(png.buffer, png.byteOffset + 16, 8); // IHDR width, height
    assert.equal(header.getUint32(0), chart.width * 2);
    assert.equal(header.getUint32(4), chart.height * 2);
    assert.ok(png.length > 2000, `a real picture: ${png.length} bytes`);
    assert.deepEqual(await listDir(dir), ["bars.PNG"], "no temp file left");
  });
});

Deno.test("saveChart() rejects other extensions and bad charts without writing", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(() => saveChart(chart, join(dir, "bars.pdf")), {
      name: "RangeError",
      message: `Cannot save chart as the file extension must be .svg or .png: ".pdf" in ${
        join(dir, "bars.pdf")
      }`,
    });
    await assert.rejects(() => saveChart(chart, join(dir, "bars")), RangeError);
    await assert.rejects(() => saveChart({} as never, join(dir, "x.svg")), TypeError);
    await assert.rejects(
      () => saveChart(chart, join(dir, "missing", "bars.svg")),
      Deno.errors.NotFound,
    );
    assert.deepEqual(await listDir(dir), []);
  });
});
