/**
 * A DOM document for Observable Plot outside a browser.
 *
 * @module
 */
import { parseHTML } from "linkedom";
import { escapeXml } from "../core/xml.ts";

/**
 * The parts of a DOM document that Plot uses. Deno's type library has no DOM types, so this
 * names the members structurally; the value is a full linkedom document.
 */
export interface PlotDocument {
  /** The root `<html>` element, from which Plot creates SVG elements. */
  readonly documentElement: unknown;
  /** Creates an HTML element (or, for `"canvas"`, a recording canvas). */
  createElement(tagName: string): unknown;
}

/** One rectangle painted on a {@linkcode RecordingCanvas}. */
interface PaintedRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: string;
}

/** The part of a 2D canvas context that Plot's ramp legend uses. */
interface RecordingContext {
  fillStyle: string;
  fillRect(x: number, y: number, width: number, height: number): void;
}

/**
 * The few parts of a 2D canvas that Plot's continuous colour legend uses: it sets `fillStyle` and
 * calls `fillRect` once per colour, then reads the picture back with `toDataURL`. This stub
 * records each rectangle and returns them as an SVG data URL, so the legend's colour ramp is a
 * vector image that resvg and every browser can draw.
 */
class RecordingCanvas {
  width = 300;
  height = 150;
  readonly #rects: PaintedRect[] = [];
  readonly #context: RecordingContext = {
    fillStyle: "black",
    fillRect: (x: number, y: number, width: number, height: number): void => {
      this.#rects.push({ x, y, width, height, fill: String(this.#context.fillStyle) });
    },
  };

  getContext(type: string): RecordingContext | null {
    return type === "2d" ? this.#context : null;
  }

  toDataURL(): string {
    const rects = this.#rects.map((r) =>
      `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${
        escapeXml(r.fill)
      }"/>`
    ).join("");
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}"` +
      ` viewBox="0 0 ${this.width} ${this.height}" preserveAspectRatio="none"` +
      ` shape-rendering="crispEdges">${rects}</svg>`;
    return `data:image/svg+xml;base64,${btoa(svg)}`;
  }
}

/**
 * Creates a fresh, empty linkedom document to pass to `Plot.plot({ document })`.
 *
 * linkedom has no canvas, which Plot needs to draw continuous colour legends (`legend: true` on a
 * sequential or diverging colour scale). On this one document instance, and nowhere else,
 * `createElement("canvas")` returns a small recording canvas whose `toDataURL` gives an
 * `data:image/svg+xml;base64,...` horizontal ramp of the painted colours. No global or prototype
 * is changed. Each call returns a new document, so charts never share state.
 *
 * @returns A document whose `createElement("canvas")` yields a recording canvas.
 * @throws {never} Does not throw.
 *
 * @example A canvas that records the colours painted on it
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPlotDocument } from "./document.ts";
 *
 * const document = createPlotDocument();
 * const canvas = document.createElement("canvas") as {
 *   width: number;
 *   height: number;
 *   getContext(type: "2d"): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
 *   toDataURL(): string;
 * };
 * canvas.width = 2;
 * canvas.height = 1;
 * const context = canvas.getContext("2d");
 * context.fillStyle = "red";
 * context.fillRect(0, 0, 1, 1);
 * context.fillStyle = "blue";
 * context.fillRect(1, 0, 1, 1);
 * const url = canvas.toDataURL();
 * assert.ok(url.startsWith("data:image/svg+xml;base64,"));
 * const svg = atob(url.slice("data:image/svg+xml;base64,".length));
 * assert.match(svg, /fill="red".*fill="blue"/);
 * ```
 */
export function createPlotDocument(): PlotDocument {
  const window = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as {
    document: PlotDocument;
  };
  const document = window.document;
  const createElement = document.createElement.bind(document);
  Object.defineProperty(document, "createElement", {
    value: (tagName: string, ...rest: unknown[]) =>
      tagName.toLowerCase() === "canvas"
        ? new RecordingCanvas()
        : (createElement as (tagName: string, ...rest: unknown[]) => unknown)(tagName, ...rest),
  });
  return document;
}
