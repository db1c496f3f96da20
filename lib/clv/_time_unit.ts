/**
 * The time units of CLV summaries, and the record of which unit each summary from `clvSummary`
 * was built in, so the models and `customerLifetimeValue` can refuse a contradicting unit.
 * Private to `clv`: `clv_summary.ts` re-exports the public names.
 *
 * @module
 */

/** The time units a CLV summary can be stated in. */
export const CLV_TIME_UNITS = ["days", "weeks"] as const;

/** A time unit for `clvSummary`: `"days"`, or `"weeks"` (days / 7). */
export type ClvTimeUnit = typeof CLV_TIME_UNITS[number];

const timeUnits = new WeakMap<object, ClvTimeUnit>();

/**
 * Records the time unit a summary was built in (`clvSummary` calls it).
 *
 * @param summary The new summary frame.
 * @param unit Its unit.
 * @returns The summary.
 */
export function tagTimeUnit<T extends object>(summary: T, unit: ClvTimeUnit): T {
  timeUnits.set(summary, unit);
  return summary;
}

/**
 * The time unit of a summary built by `clvSummary`; undefined for any other frame (read from a
 * file, or derived with Polars, which returns new frames).
 *
 * @param summary A frame.
 * @returns Its unit, when known.
 */
export function summaryTimeUnit(summary: unknown): ClvTimeUnit | undefined {
  return typeof summary === "object" && summary !== null ? timeUnits.get(summary) : undefined;
}
