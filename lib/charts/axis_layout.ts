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
