/**
 * Turning a nested `<svg>` into a `<g>`.
 *
 * Composed charts used to nest Plot's `<svg>` elements inside one root `<svg>`. Stylesheets that
 * style every `svg` element, such as JupyterLab's and nbconvert's `.jp-RenderedSVG svg {
 * max-width: 100%; height: auto }` (and Plot's own `height: auto` on its class), also hit the
 * nested ones, and Chromium then drew the charts of an nbconvert HTML report blank (seen here).
 * A `<g>` with the equivalent transform draws the same and is immune to such rules.
 *
 * @module
 */

const DROPPED = new Set([
  "xmlns",
  "xmlns:xlink",
  "width",
  "height",
  "viewBox",
  "x",
  "y",
  "overflow",
]);

/**
 * Rewrites one `<svg ...>...</svg>` string as a `<g>` placed at (x, y) with the same drawing:
 * the viewBox becomes a translate and scale, presentation attributes (class, fill, font...) stay.
 *
 * @param svg The element's markup.
 * @param x Left edge in the parent's coordinates.
 * @param y Top edge in the parent's coordinates.
 * @returns The `<g>` markup.
 * @throws {TypeError} When the markup is not a single `<svg>` element.
 */
export function svgAsGroup(svg: string, x: number, y: number): string {
  const match = /^<svg\b([^>]*)>([\s\S]*)<\/svg>$/.exec(svg.trim());
  if (match === null) {
    throw new TypeError(
      `Cannot place chart as the markup is not one <svg> element: ${svg.slice(0, 40)}`,
    );
  }
  const attributes = [...match[1].matchAll(/([:\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]);
  const get = (name: string) => attributes.find(([key]) => key === name)?.[1];
  const width = Number(get("width"));
  const height = Number(get("height"));
  const box = (get("viewBox") ?? `0 0 ${width} ${height}`).trim().split(/[\s,]+/).map(Number);
  const [bx, by, bw, bh] = box.length === 4 && box.every(Number.isFinite)
    ? box
    : [0, 0, width, height];
  const sx = bw > 0 && width > 0 ? width / bw : 1;
  const sy = bh > 0 && height > 0 ? height / bh : 1;
  let transform = `translate(${round(x)},${round(y)})`;
  if (sx !== 1 || sy !== 1) transform += ` scale(${round(sx)},${round(sy)})`;
  if (bx !== 0 || by !== 0) transform += ` translate(${round(-bx)},${round(-by)})`;
  const kept = attributes.filter(([key]) => !DROPPED.has(key)).map(([k, v]) => ` ${k}="${v}"`)
    .join("");
  // Percentages inside referred to the nested viewport, which a <g> does not have (Plot's swatch
  // legends draw `<rect width="100%" height="100%">`): make them absolute.
  const content = match[2]
    .replace(/\bwidth="100%"/g, `width="${round(bw)}"`)
    .replace(/\bheight="100%"/g, `height="${round(bh)}"`);
  return `<g transform="${transform}"${kept}>${content}</g>`;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
