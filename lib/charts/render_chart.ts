/**
 * Runs Observable Plot without a browser and composes its output into one standalone SVG.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, makeChart } from "./chart.ts";
import { svgAsGroup } from "./_svg_group.ts";
import { escapeXml } from "../core/xml.ts";
import { createPlotDocument } from "./document.ts";

/**
 * Observable Plot's options for `Plot.plot` (`@observablehq/plot` 0.6.17): marks, scales,
 * margins and the rest, as {@linkcode renderChart} takes them. A documented alias, so the public
 * API names a type the library exports.
 */
export type PlotOptions = Plot.PlotOptions;

/** Options every chart builder accepts: the text around the plot and its size. */
export interface ChartOptions {
  /** Bold heading above the chart. */
  title?: string;
  /** Smaller line below the title. */
  subtitle?: string;
  /** Note below the chart, e.g. the data source. */
  caption?: string;
  /** Width of the plot in pixels. Default 640. */
  width?: number;
  /** Height of the plot in pixels. Default: Plot's choice (400, or from the number of bands). */
  height?: number;
  /** Label of the x axis. Default: the x column's name. */
  xLabel?: string;
  /** Label of the y axis. Default: the y column's name (or what the transform counts). */
  yLabel?: string;
}

/**
 * Colour of bars, lines and dots when no colour column or `color` is given: blue, the first
 * colour of Plot's categorical scheme (so a single series matches the first legend entry).
 *
 * @example The default colour
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_COLOR } from "./render_chart.ts";
 *
 * assert.equal(DEFAULT_COLOR, "#4269d0");
 * ```
 */
export const DEFAULT_COLOR = "#4269d0";

/** The DOM members this module reads from Plot's output (Deno's types have no DOM). */
interface DomElement {
  readonly localName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<DomElement>;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

/** Font stack set on the root of every chart. */
const FONT_FAMILY = "system-ui, sans-serif";
/** Left inset of titles, legends and caption, so ramp tick labels at 0 are not cut off. */
const INSET = 8;
/** Approximate advance of one character of 10px text, for laying out swatch legends. */
const CHAR_WIDTH_10PX = 6.2;

function numberAttribute(element: DomElement, name: string, fallback: number): number {
  const value = Number(element.getAttribute(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function className(element: DomElement): string {
  return element.getAttribute("class") ?? "";
}

/** Accumulates the parts of the composed SVG, top to bottom. */
class Layout {
  readonly parts: string[] = [];
  y = 0;
  width: number;
  constructor(width: number) {
    this.width = width;
  }

  /**
   * Writes a title, subtitle or caption, wrapped at spaces to the chart's width (a long title
   * used to run past the SVG's edge and be cut). Line width is estimated from the font size:
   * DejaVu Sans, which the PNGs use, averages about 0.62 em per character in bold.
   */
  text(content: string, size: number, attributes: string, gapBelow: number): void {
    const perLine = Math.max(10, Math.floor((this.width - 2 * INSET) / (size * 0.62)));
    const lines: string[] = [];
    for (const word of content.split(/\s+/).filter((w) => w !== "")) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= perLine) lines[last] += ` ${word}`;
      else lines.push(word);
    }
    for (const line of lines.length > 0 ? lines : [""]) {
      const baseline = this.y + size;
      this.parts.push(
        `<text x="${INSET}" y="${round(baseline)}" font-size="${size}" ${attributes}>${
          escapeXml(line)
        }</text>`,
      );
      this.y = baseline + size * 0.25;
    }
    this.y += gapBelow - size * 0.25;
  }

  nested(svg: DomElement, x: number, gapBelow: number): void {
    const width = numberAttribute(svg, "width", 0);
    const height = numberAttribute(svg, "height", 0);
    // linkedom writes d3's xlink:href as plain `href` (SVG 2); xlink:href is read everywhere.
    const markup = svg.outerHTML.replace(/(<image\b[^>]*?) href="/g, '$1 xlink:href="');
    this.parts.push(svgAsGroup(markup, x, this.y));
    this.width = Math.max(this.width, x + width);
    this.y += height + gapBelow;
  }

  /** Redraws Plot's HTML swatch legend (spans holding a tiny svg and a label) as SVG. */
  swatches(div: DomElement): void {
    const rowHeight = 20;
    const swatchSize = 15;
    let x = INSET;
    let rowTop = this.y;
    const place = (itemWidth: number): void => {
      if (x > INSET && x + itemWidth > this.width) {
        x = INSET;
        rowTop += rowHeight;
      }
    };
    for (const child of Array.from(div.children)) {
      if (child.localName === "style") continue;
      const label = (child.textContent ?? "").trim();
      const swatch = Array.from(child.children).find((c) => c.localName === "svg");
      if (swatch === undefined || !className(child).includes("swatch")) {
        if (label === "") continue;
        const itemWidth = label.length * CHAR_WIDTH_10PX + 12;
        place(itemWidth);
        this.parts.push(
          `<text x="${round(x)}" y="${round(rowTop + 11)}" font-size="10" font-weight="bold">${
            escapeXml(label)
          }</text>`,
        );
        x += itemWidth;
        continue;
      }
      const size = numberAttribute(swatch, "width", swatchSize);
      const itemWidth = size + 5 + label.length * CHAR_WIDTH_10PX + 12;
      place(itemWidth);
      this.parts.push(svgAsGroup(swatch.outerHTML, x, rowTop + (rowHeight - size) / 2 - 2));
      this.parts.push(
        `<text x="${round(x + size + 5)}" y="${round(rowTop + 11)}" font-size="10">${
          escapeXml(label)
        }</text>`,
      );
      x += itemWidth;
    }
    this.y = rowTop + rowHeight + 6;
  }
}

/** Lays out Plot's `<svg>` or `<figure>` as one SVG document; returns it and its size. */
function compose(root: DomElement): { svg: string; width: number; height: number } {
  const plotWidth = (element: DomElement): number => numberAttribute(element, "width", 640);
  if (root.localName === "svg") {
    const layout = new Layout(plotWidth(root));
    layout.nested(root, 0, 0);
    return finish(layout);
  }
  const children = Array.from(root.children);
  const main = children.find((c) => c.localName === "svg" && !className(c).endsWith("-ramp"));
  const layout = new Layout(main === undefined ? 640 : plotWidth(main));
  layout.y = 4;
  for (const child of children) {
    const cls = className(child);
    if (child.localName === "h2") {
      layout.text(child.textContent ?? "", 16, `font-weight="bold"`, 6);
    } else if (child.localName === "h3") {
      layout.text(child.textContent ?? "", 12, `fill="#444"`, 8);
    } else if (child.localName === "figcaption") {
      layout.y += 4;
      layout.text(child.textContent ?? "", 11, `fill="#444"`, 6);
    } else if (child.localName === "svg" && cls.endsWith("-ramp")) {
      layout.nested(child, INSET, 4);
    } else if (child.localName === "svg") {
      layout.nested(child, 0, 0);
    } else if (cls.includes("swatches")) {
      layout.swatches(child);
    } else if ((child.textContent ?? "").trim() !== "") {
      layout.text((child.textContent ?? "").trim(), 10, "", 6);
    }
  }
  return finish(layout);
}

function finish(layout: Layout): { svg: string; width: number; height: number } {
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.y);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"` +
    ` width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="${FONT_FAMILY}" font-size="10" color="black">` +
    `<rect width="100%" height="100%" fill="white" />` +
    layout.parts.join("") + `</svg>`;
  return { svg, width, height };
}

/** 32-bit FNV-1a hash as 8 hex digits: a short, stable fingerprint of a string. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/**
 * Plot numbers clip paths and markers from a module-wide counter (`plot-clip-7`), so the same
 * chart drawn twice would differ. Renumber them in order of appearance and add a fingerprint of
 * the chart, so ids are the same on every run yet distinct between charts on one page.
 */
/** Geometry attributes whose numbers {@linkcode roundCoordinates} shortens. */
const GEOMETRY = /\b(cx|cy|x|y|x1|x2|y1|y2|dx|dy|d|points|transform|width|height|r)="([^"]*)"/g;

/**
 * Rounds the numbers in geometry attributes to 2 decimals (a hundredth of a pixel, invisible
 * even at 2x). Plot writes full doubles (`cx="309.2265077025588"`), which made a 1,000-point
 * scatter 84 KB and a precision-recall curve 99 KB of SVG; rounding roughly halves them. Text
 * (labels, titles, hover titles) is left as it is.
 */
function roundCoordinates(svg: string): string {
  return svg.replace(
    GEOMETRY,
    (_, name: string, value: string) =>
      `${name}="${
        value.replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, (n) => {
          const rounded = Math.round(Number(n) * 100) / 100;
          return String(Object.is(rounded, -0) ? 0 : rounded);
        })
      }"`,
  );
}

/** Paths with more points than this are simplified (see {@linkcode simplifyPaths}). */
const SIMPLIFY_ABOVE = 200;
/** How far (in pixels) a simplified path may stray from the original. */
const SIMPLIFY_TOLERANCE = 0.25;

/** Ramer-Douglas-Peucker: the indexes of `xs`/`ys` to keep within `tolerance`. O(n log n) typical. */
function keepPoints(xs: number[], ys: number[], tolerance: number): boolean[] {
  const keep = new Array<boolean>(xs.length).fill(false);
  keep[0] = keep[xs.length - 1] = true;
  const stack: [number, number][] = [[0, xs.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const dx = xs[b] - xs[a], dy = ys[b] - ys[a];
    const length = Math.hypot(dx, dy);
    let worst = -1, worstDistance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const distance = length === 0
        ? Math.hypot(xs[i] - xs[a], ys[i] - ys[a])
        : Math.abs(dy * (xs[i] - xs[a]) - dx * (ys[i] - ys[a])) / length;
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep[worst] = true;
      stack.push([a, worst], [worst, b]);
    }
  }
  return keep;
}

/**
 * Simplifies long polyline paths (`M x,y L x,y ...`, as Plot draws lines and areas) to within a
 * quarter of a pixel: a ROC or precision-recall curve over 1,761 test rows drew 1,700 points per
 * model (88 KB of SVG) where a few hundred draw the same picture. Paths with other commands or
 * fewer than {@linkcode SIMPLIFY_ABOVE} points are left alone.
 */
function simplifyPaths(svg: string): string {
  return svg.replace(/ d="(M[^"]*)"/g, (whole, d: string) => {
    if (!/^[ML\d.,\-e ]+$/.test(d)) return whole;
    const parts = d.split(/(?=[ML])/);
    if (parts.length <= SIMPLIFY_ABOVE || parts.slice(1).some((p) => p[0] !== "L")) return whole;
    const xs: number[] = [], ys: number[] = [];
    for (const part of parts) {
      const [x, y] = part.slice(1).split(",").map(Number);
      xs.push(x);
      ys.push(y);
    }
    if (xs.some((v) => !Number.isFinite(v)) || ys.some((v) => !Number.isFinite(v))) return whole;
    const keep = keepPoints(xs, ys, SIMPLIFY_TOLERANCE);
    const kept = parts.filter((_, i) => keep[i]);
    return ` d="${kept.join("")}"`;
  });
}

function stabiliseIds(svg: string, html: string): { svg: string; html: string } {
  const pattern = /\bplot-(clip|marker)-(\d+)\b/g;
  const order = new Map<string, number>();
  for (const match of svg.matchAll(pattern)) {
    if (!order.has(match[0])) order.set(match[0], order.size + 1);
  }
  if (order.size === 0) return { svg, html };
  const placeholder = (id: string, kind: string) => `plot-${kind}-${order.get(id) ?? 0}`;
  const fingerprint = fnv1a(svg.replace(pattern, placeholder));
  const replace = (text: string) =>
    text.replace(pattern, (id, kind) => `plot-${kind}-${fingerprint}-${order.get(id) ?? 0}`);
  return { svg: replace(svg), html: replace(html) };
}

function requireSize(value: number | undefined, name: string): void {
  if (value === undefined) return;
  if (typeof value !== "number") {
    throw new TypeError(`Cannot draw chart as ${name} must be a number: got ${typeof value}`);
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Cannot draw chart as ${name} must be a positive number: ${value}`);
  }
}

/**
 * Draws `plotOptions` with Observable Plot on a linkedom document and returns a
 * {@linkcode Chart}. The common {@linkcode ChartOptions} (title, subtitle, caption, size and axis
 * labels) are merged into the Plot options. When Plot returns a `<figure>` (title, subtitle,
 * caption or legend), its parts are composed into one SVG: title and subtitle as text, colour
 * ramp legends as nested `<svg>` elements, swatch legends redrawn as coloured squares with labels,
 * the plot, then the caption. The result has a white background and
 * `font-family="system-ui, sans-serif"`, and is byte-identical for identical input.
 *
 * Chart builders such as `histogram` call this; call it directly for a custom Plot chart.
 *
 * @param plotOptions Options for `Plot.plot` (marks, scales); `document` is supplied here.
 * @param options Title, subtitle, caption, width (default 640), height and axis labels.
 * @returns The rendered chart.
 * @throws {TypeError} When `width` or `height` is not a number.
 * @throws {RangeError} When `width` or `height` is not a positive finite number.
 *
 * @example A custom Plot chart with a title
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "@observablehq/plot";
 * import { JUPYTER_DISPLAY } from "./chart.ts";
 * import { renderChart } from "./render_chart.ts";
 *
 * const chart = renderChart(
 *   { marks: [Plot.dot([{ a: 1, b: 2 }, { a: 2, b: 3 }], { x: "a", y: "b" })] },
 *   { title: "Two points", width: 300, height: 200 },
 * );
 * assert.ok(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
 * assert.ok(chart.svg.includes(">Two points</text>"));
 * assert.equal(chart.width, 300);
 * assert.equal(chart[JUPYTER_DISPLAY]()["image/svg+xml"], chart.svg);
 * ```
 */
export function renderChart(plotOptions: PlotOptions, options: ChartOptions = {}): Chart {
  const { title, subtitle, caption, width = 640, height, xLabel, yLabel } = options;
  requireSize(width, "width");
  requireSize(height, "height");
  const merged: PlotOptions = {
    ...plotOptions,
    document: createPlotDocument(),
    width,
    ...(height === undefined ? {} : { height }),
    ...(title === undefined ? {} : { title }),
    ...(subtitle === undefined ? {} : { subtitle }),
    ...(caption === undefined ? {} : { caption }),
    x: { ...plotOptions.x, ...(xLabel === undefined ? {} : { label: xLabel }) },
    y: { ...plotOptions.y, ...(yLabel === undefined ? {} : { label: yLabel }) },
  };
  const root = Plot.plot(merged) as unknown as DomElement;
  const rawHtml = root.outerHTML;
  const composed = compose(root);
  const { svg, html } = stabiliseIds(simplifyPaths(roundCoordinates(composed.svg)), rawHtml);
  return makeChart(svg, { width: composed.width, height: composed.height, html, title });
}
