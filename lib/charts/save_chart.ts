/**
 * Writes a chart to an SVG or PNG file.
 *
 * @module
 */
import { basename, dirname, extname, join } from "node:path";
import { type Chart, svgToPng } from "./chart.ts";

/**
 * Saves `chart` to `path`: `.svg` writes `chart.svg` as UTF-8; `.png` renders it with resvg at
 * 2x zoom (system fonts, "DejaVu Sans" where the chart's `system-ui, sans-serif` does not
 * resolve, white background). The file is written whole or not at all: the bytes go to a
 * temporary file in the same directory, which is then renamed over `path`.
 *
 * Needs `--allow-write` (and `--allow-read --allow-ffi --allow-env` for PNG, which loads resvg's
 * native addon and the system fonts).
 *
 * @param chart A chart from one of the builders, e.g. `histogram`.
 * @param path Destination ending in `.svg` or `.png` (case-insensitive); its directory must exist.
 * @returns `path`, once the file is in place.
 * @throws {TypeError} When `chart.svg` is not a string.
 * @throws {RangeError} When the extension is neither `.svg` nor `.png`.
 * @throws {Deno.errors.NotFound} When the directory does not exist.
 *
 * @example Save a histogram as SVG and PNG
 * ```ts
 * import assert from "node:assert/strict";
 * import { histogram } from "./histogram.ts";
 * import { saveChart } from "./save_chart.ts";
 *
 * const chart = histogram([{ v: 1 }, { v: 2 }, { v: 2 }], { x: "v", bins: 2 });
 * const dir = await Deno.makeTempDir();
 * assert.equal(await Deno.readTextFile(await saveChart(chart, `${dir}/h.svg`)), chart.svg);
 * const png = await Deno.readFile(await saveChart(chart, `${dir}/h.png`));
 * assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function saveChart(chart: Chart, path: string): Promise<string> {
  if (typeof chart?.svg !== "string") {
    throw new TypeError(
      `Cannot save chart as it has no svg string: got ${chart === null ? "null" : typeof chart}`,
    );
  }
  const extension = extname(path).toLowerCase();
  let bytes: Uint8Array;
  if (extension === ".svg") {
    bytes = new TextEncoder().encode(chart.svg);
  } else if (extension === ".png") {
    bytes = svgToPng(chart.svg);
  } else {
    throw new RangeError(
      `Cannot save chart as the file extension must be .svg or .png: "${extension}" in ${path}`,
    );
  }
  // A fresh name beside the target, created with the default file mode (0666 less umask).
  const temp = join(dirname(path), `.${basename(path)}.${crypto.randomUUID()}.tmp`);
  try {
    await Deno.writeFile(temp, bytes, { createNew: true });
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  return path;
}
