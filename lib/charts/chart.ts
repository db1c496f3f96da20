/**
 * The value every chart builder returns.
 *
 * @module
 */

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
  /**
   * The MIME bundle Deno's Jupyter kernel displays: `{"image/svg+xml": svg}`.
   *
   * @returns The display bundle.
   */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

/**
 * Builds the read-only {@linkcode Chart} value every builder returns, so the display bundle is
 * defined in one place.
 *
 * @param svg One standalone SVG document.
 * @param size The drawing's `width` and `height` in pixels, and `html` (default: `svg`).
 * @returns The frozen chart.
 *
 * @example A hand-made SVG as a chart
 * ```ts
 * import assert from "node:assert/strict";
 * import { JUPYTER_DISPLAY, makeChart } from "./chart.ts";
 *
 * const chart = makeChart("<svg/>", { width: 10, height: 5 });
 * assert.deepEqual(chart[JUPYTER_DISPLAY](), { "image/svg+xml": "<svg/>" });
 * assert.ok(Object.isFrozen(chart));
 * ```
 */
export function makeChart(
  svg: string,
  size: { width: number; height: number; html?: string },
): Chart {
  return Object.freeze({
    svg,
    html: size.html ?? svg,
    width: size.width,
    height: size.height,
    [JUPYTER_DISPLAY]: () => ({ "image/svg+xml": svg }),
  });
}
