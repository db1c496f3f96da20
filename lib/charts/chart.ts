/**
 * The value every chart builder returns, and the display bundle it shows in Jupyter.
 *
 * Why PNG beside SVG: a freshly cloned notebook is untrusted, and Jupyter Notebook 6.4 and
 * JupyterLab hide untrusted `image/svg+xml` outputs (Notebook logs "Ignoring untrusted
 * image/svg+xml output") while PNG is safe everywhere. So each chart displays as
 * `image/svg+xml` (sharp, hover titles, used when trusted), `image/png` (rendered by resvg at 2x,
 * shown when untrusted; 1.5x or 1x for the few charts whose 2x image would be too large) and
 * `text/plain` alt text; never `text/html`, which untrusted Notebook
 * ranks above PNG and then sanitises to an empty box.
 *
 * @module
 */
import { Resvg } from "@resvg/resvg-js";
import { encodeBase64 } from "./_base64.ts";
import { encodePalettePng } from "./_png.ts";

/**
 * The key under which Deno's Jupyter kernel looks for a display method: an object with
 * `[Symbol.for("Jupyter.display")]()` is shown as the MIME bundle that method returns.
 *
 * @example The kernel's well-known symbol
 * ```ts
 * import assert from "node:assert/strict";
 * import { JUPYTER_DISPLAY } from "./chart.ts";
 *
 * assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
 * ```
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for(
  "Jupyter.display",
) as typeof JUPYTER_DISPLAY;

/**
 * A rendered chart: a read-only value holding one self-contained SVG document, Plot's own
 * output as HTML, and the drawing's size. In a Deno Jupyter notebook it displays itself as
 * `image/svg+xml`; outside a notebook, write it with `saveChart`.
 *
 * Titles, subtitles, legends and captions (which Plot puts in an HTML `<figure>`) are drawn into
 * `svg` too, so `svg` is the whole figure. The same input always gives the byte-identical `svg`.
 */
export interface Chart {
  /** One standalone SVG document (`xmlns` and `xmlns:xlink` set), the whole figure. */
  readonly svg: string;
  /** What Plot returned (`<svg>`, or `<figure>` around it), serialised as HTML. */
  readonly html: string;
  /** Width of {@linkcode Chart.svg} in pixels. */
  readonly width: number;
  /** Height of {@linkcode Chart.svg} in pixels. */
  readonly height: number;
  /** A one-line description (title, marks and axes) for screen readers and text displays. */
  readonly alt: string;
  /**
   * The MIME bundle Deno's Jupyter kernel displays: `image/svg+xml` (the SVG), `image/png` (the
   * SVG rendered at 2x, base64) and `text/plain` (the alt text).
   *
   * @returns The display bundle.
   */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

/** DejaVu Sans, the font the PNGs are drawn with where it is installed (Debian: fonts-dejavu-core). */
const DEJAVU = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

function fontOptions() {
  let files: string[] = [];
  try {
    files = DEJAVU.filter((path) => Deno.statSync(path).isFile);
  } catch {
    files = [];
  }
  // With the two DejaVu files the PNG depends on nothing else on the machine; without them
  // (macOS, Windows) resvg falls back to the system's fonts.
  return files.length === DEJAVU.length
    ? { loadSystemFonts: false, fontFiles: files }
    : { loadSystemFonts: true };
}

/**
 * Renders an SVG document to PNG bytes with resvg: zoomed 2x (sharp on high-density screens), on
 * white, text in DejaVu Sans (Plot asks for `system-ui`, which resvg cannot resolve), stored as
 * an 8-bit palette PNG. About 60 ms for a 640 x 400 chart.
 *
 * @param svg A standalone SVG document (with `xmlns`).
 * @param zoom The scale factor (default 2).
 * @returns The PNG file's bytes.
 *
 * @example A tiny drawing
 * ```ts
 * import assert from "node:assert/strict";
 * import { svgToPng } from "./chart.ts";
 *
 * const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>');
 * assert.deepEqual([...png.slice(1, 4)], [80, 78, 71]); // "PNG"
 * ```
 */
export function svgToPng(svg: string, zoom = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: zoom },
    background: "white",
    font: {
      ...fontOptions(),
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  const image = resvg.render();
  // An 8-bit palette PNG is 3-6x smaller than resvg's RGBA one, with no visible loss (see _png.ts).
  return encodePalettePng(image.pixels, image.width, image.height);
}

/** The base64 size a chart's PNG aims to stay under, so a whole output stays under 100 KB. */
export const PNG_BUDGET = 40_000;

/**
 * The PNG a notebook shows, as base64: drawn at 2x, or at 1.5x or 1x when the 2x image would
 * exceed {@linkcode PNG_BUDGET} (dense scatters and large heatmaps), so that outputs stay small.
 */
function displayPng(svg: string): string {
  let encoded = "";
  for (const zoom of [2, 1.5, 1]) {
    encoded = encodeBase64(svgToPng(svg, zoom));
    if (encoded.length <= PNG_BUDGET) break;
  }
  return encoded;
}

// Axes, grids, frames and rules (baselines, reference lines) are scaffolding, not what is plotted.
const NON_MARKS = /axis|grid|tick|frame|legend|label|^rule$/;

/**
 * A one-line description of a chart from its SVG: the title, what is drawn (Plot's mark
 * `aria-label`s, e.g. "dot", "bar", "line") and the axis labels.
 *
 * @param svg The chart's SVG.
 * @param title The chart's title, when it has one.
 * @returns E.g. `Chart "Revenue by month": line, dot; x: month; y: revenue (GBP)`.
 */
export function describeChart(svg: string, title?: string): string {
  const marks = [...svg.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1])
    .filter((label) => !NON_MARKS.test(label));
  const unique = [...new Set(marks)];
  const axis = (name: string) => {
    const match = svg.match(
      new RegExp(`aria-label="${name}-axis label"[^>]*>(?:<[^>]+>)*?<text[^>]*>([^<]*)</text>`),
    );
    return match ? match[1].replace(/[↑→←↓]/g, "").trim() : "";
  };
  const parts = [
    title ? `Chart "${title}"` : "Chart",
    unique.length > 0 ? unique.join(", ") : "",
    axis("x") ? `x: ${axis("x")}` : "",
    axis("y") ? `y: ${axis("y")}` : "",
  ].filter((p) => p !== "");
  return parts.length === 1 ? parts[0] : `${parts[0]}: ${parts.slice(1).join("; ")}`;
}

/**
 * Builds the read-only {@linkcode Chart} value every builder returns, so the display bundle is
 * defined in one place.
 *
 * @param svg One standalone SVG document.
 * @param size The drawing's `width` and `height` in pixels, `html` (default: `svg`), and the
 * `title` for the alt text, or the whole `alt` text (default: {@linkcode describeChart}).
 * @returns The frozen chart.
 *
 * @example A hand-made SVG as a chart
 * ```ts
 * import assert from "node:assert/strict";
 * import { JUPYTER_DISPLAY, makeChart } from "./chart.ts";
 *
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>';
 * const chart = makeChart(svg, { width: 10, height: 5, title: "Empty" });
 * const bundle = chart[JUPYTER_DISPLAY]();
 * assert.deepEqual(Object.keys(bundle), ["image/svg+xml", "image/png", "text/plain"]);
 * assert.equal(bundle["text/plain"], 'Chart "Empty"');
 * assert.ok(Object.isFrozen(chart));
 * ```
 */
export function makeChart(
  svg: string,
  size: { width: number; height: number; html?: string; title?: string; alt?: string },
): Chart {
  const alt = size.alt ?? describeChart(svg, size.title);
  let png: string | undefined;
  return Object.freeze({
    svg,
    html: size.html ?? svg,
    width: size.width,
    height: size.height,
    alt,
    [JUPYTER_DISPLAY]: () => {
      png ??= displayPng(svg); // rendered once, when first displayed
      return { "image/svg+xml": svg, "image/png": png, "text/plain": alt };
    },
  });
}
