/**
 * What the dot charts (`scatterPlot`, `rulesScatter`) share: checking the radius and opacity
 * options, and drawing a seeded sample of the rows when there are too many, noted in the caption.
 *
 * @module
 */
import { requireInteger } from "../core/errors.ts";
import { createRandom } from "../core/random.ts";
import type { ChartOptions } from "./render_chart.ts";
import { requireColumnOption } from "./chart_data.ts";

/**
 * Checks a dot radius option: a positive number of pixels, or a column name.
 *
 * @param r The option's value.
 * @param action What the caller is doing, for error messages.
 * @returns The radius column, or undefined when `r` is a number.
 * @throws {TypeError} When `r` is neither a number nor a column name.
 * @throws {RangeError} When `r` is a number that is not finite and > 0.
 */
export function radiusColumn(r: unknown, action: string): string | undefined {
  if (typeof r === "string") return requireColumnOption(r, "r", action);
  if (typeof r !== "number") {
    throw new TypeError(`Cannot ${action} as r must be a number or a column: got ${typeof r}`);
  }
  if (!(Number.isFinite(r) && r > 0)) {
    throw new RangeError(`Cannot ${action} as r must be a positive number or a column: ${r}`);
  }
  return undefined;
}

/**
 * Checks a dot opacity option.
 *
 * @param opacity The option's value.
 * @param action What the caller is doing, for error messages.
 * @returns The opacity.
 * @throws {RangeError} When it is not a number from 0 to 1.
 */
export function requireOpacity(opacity: unknown, action: string): number {
  if (typeof opacity !== "number" || !(opacity >= 0 && opacity <= 1)) {
    throw new RangeError(`Cannot ${action} as opacity must be between 0 and 1: ${opacity}`);
  }
  return opacity;
}

/** The rows to draw and, when they are a sample, the caption note saying so. */
export interface DotSample<T> {
  /** The rows to draw, in data order. */
  readonly rows: T[];
  /** E.g. "Showing a random 1,000 of 5,210 rules.", or undefined when every row is drawn. */
  readonly note: string | undefined;
}

/**
 * At most `maxPoints` rows: a seeded sample without replacement (partial Fisher-Yates on the
 * library's generator), kept in data order, when there are more. Cost: O(n).
 *
 * @param rows All rows.
 * @param maxPoints The most rows to draw (an integer >= 1), or undefined for no limit.
 * @param seed Seed of the sample.
 * @param noun What a row is, for the note, e.g. `"points"`.
 * @param action What the caller is doing, for error messages.
 * @returns The rows and the note.
 * @throws {RangeError} When `maxPoints` is not an integer >= 1.
 */
export function sampleDots<T>(
  rows: readonly T[],
  maxPoints: number | undefined,
  seed: number,
  noun: string,
  action: string,
): DotSample<T> {
  if (maxPoints === undefined) return { rows: [...rows], note: undefined };
  requireInteger(maxPoints, "maxPoints", action);
  if (rows.length <= maxPoints) return { rows: [...rows], note: undefined };
  const random = createRandom(seed);
  const index = Array.from(rows, (_, i) => i);
  for (let i = 0; i < maxPoints; i++) {
    const j = i + random.int(index.length - i);
    [index[i], index[j]] = [index[j], index[i]];
  }
  const sample = index.slice(0, maxPoints).sort((a, b) => a - b).map((i) => rows[i]);
  const count = (value: number) => value.toLocaleString("en-US");
  return {
    rows: sample,
    note: `Showing a random ${count(maxPoints)} of ${count(rows.length)} ${noun}.`,
  };
}

/**
 * The chart options with a note appended to the caption (or as the caption).
 *
 * @param options The caller's options.
 * @param note The note, or undefined for none.
 * @returns The options to render with.
 */
export function withCaptionNote<T extends ChartOptions>(options: T, note: string | undefined): T {
  if (note === undefined) return options;
  return { ...options, caption: options.caption ? `${options.caption} ${note}` : note };
}
