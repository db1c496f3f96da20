/**
 * Margins and tick rotation for category axes, which Plot does not size to their labels.
 *
 * @module
 */

/** Approximate advance of one character of Plot's 10px axis text. */
const CHAR_WIDTH = 6.2;

/** Plot options that make room for the category labels of one axis. */
export interface CategoryAxisLayout {
  /** Top-level Plot margins to set (`marginLeft`, `marginBottom`). */
  readonly margins: { readonly marginLeft?: number; readonly marginBottom?: number };
  /** Options to merge into the axis's scale, e.g. `{ tickRotate: -40 }`. */
  readonly scale: { readonly tickRotate?: number };
}

function labelLength(value: unknown): number {
  if (value instanceof Date) return 10;
  return String(value ?? "").length;
}

/**
 * Estimates the room the category labels of an axis need (Plot's defaults fit about five
 * characters on the left and do not rotate crowded labels). For the `"y"` axis it widens the
 * left margin to the longest label; for the `"x"` axis it rotates the labels by -40° and deepens
 * the bottom margin when they would overlap. Widths are estimated at 6.2 px a character.
 *
 * @param categories The distinct values shown on the axis.
 * @param axis `"x"` (bottom) or `"y"` (left).
 * @param width The plot's width in pixels.
 * @returns Margins and scale options to merge into the Plot options.
 * @throws {never} Does not throw.
 *
 * @example Long segment names on the left axis
 * ```ts
 * import assert from "node:assert/strict";
 * import { categoryAxisLayout } from "./axis_layout.ts";
 *
 * const layout = categoryAxisLayout(["Champions", "Hibernating customers"], "y", 640);
 * assert.ok((layout.margins.marginLeft ?? 0) > 40);
 * assert.deepEqual(categoryAxisLayout(["a", "b"], "x", 640), { margins: {}, scale: {} });
 * ```
 */
export function categoryAxisLayout(
  categories: readonly unknown[],
  axis: "x" | "y",
  width: number,
): CategoryAxisLayout {
  const longest = categories.reduce<number>((max, c) => Math.max(max, labelLength(c)), 0);
  const textWidth = Math.ceil(longest * CHAR_WIDTH);
  if (axis === "y") {
    // tick (6) + gap (9) + text + room for the rotated axis label (16)
    const marginLeft = textWidth + 31;
    return marginLeft > 40 ? { margins: { marginLeft }, scale: {} } : { margins: {}, scale: {} };
  }
  const bandwidth = (width - 60) / Math.max(1, categories.length);
  if (textWidth + 8 <= bandwidth) return { margins: {}, scale: {} };
  const angle = (40 * Math.PI) / 180;
  return {
    margins: {
      marginBottom: Math.ceil(textWidth * Math.sin(angle)) + 36,
      marginLeft: Math.max(40, Math.ceil(textWidth * Math.cos(angle) - bandwidth / 2) + 10),
    },
    scale: { tickRotate: -40 },
  };
}

/**
 * Left margin that fits the tick labels of a numeric y axis: Plot's default of 40 px cuts off
 * labels such as `1,200,000`. The widest label is estimated from the largest absolute value,
 * formatted with thousands separators as Plot's ticks are.
 *
 * @param values The y values drawn.
 * @returns `{ marginLeft }` when more than 40 px is needed, else `{}`.
 *
 * @example Revenue in the millions needs a wider margin
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueAxisMargin } from "./axis_layout.ts";
 *
 * assert.ok((valueAxisMargin([0, 1_200_000]).marginLeft ?? 0) > 60);
 * assert.deepEqual(valueAxisMargin([0, 600]), {});
 * ```
 */
export function valueAxisMargin(values: readonly unknown[]): { marginLeft?: number } {
  let largest = 0;
  let negative = false;
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    largest = Math.max(largest, Math.abs(v));
    negative ||= v < 0;
  }
  const label = (negative ? "-" : "") + Math.round(largest).toLocaleString("en-US");
  // Plot's default 40 px fits about four characters: tick (6) + gap (3) + text + slack (3).
  const marginLeft = Math.ceil(label.length * CHAR_WIDTH) + 12;
  return marginLeft > 40 ? { marginLeft } : {};
}
