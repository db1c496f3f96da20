/**
 * Validation and extraction shared by {@linkcode kaplanMeier} and {@linkcode logRankTest}:
 * durations, 0/1 event flags and optional group labels taken out of a DataFrame as plain arrays.
 *
 * @module
 */
import pl from "nodejs-polars";
import { describeValue, requireColumnOption } from "../core/column_option.ts";
import type { DataFrame } from "../core/frame.ts";
import jStat from "jstat";
import {
  formatExamples,
  requireColumns,
  requireNumericColumns,
  requireProbability,
  requireRows,
} from "../core/errors.ts";
import { dtypeName, isNumericDtype } from "../core/dtypes.ts";

/** Durations, event flags and group labels of every row, in row order. */
export interface SurvivalInput {
  /** Duration of each row: finite and `>= 0`. */
  readonly durations: Float64Array;
  /** 1 when the row's event happened (churn), 0 when it is censored. */
  readonly events: Uint8Array;
  /** Group label of each row (`String` of the value), or undefined when ungrouped. */
  readonly groups?: readonly string[];
  /** The distinct group labels, in output order, or undefined when ungrouped. */
  readonly groupOrder?: readonly string[];
}

/** The column options both functions take. */
export interface SurvivalColumns {
  duration: string;
  event: string;
  group?: string;
}

/** Orders group values: numbers and booleans by value, anything else by its text. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Checks the columns and values and returns them as arrays.
 *
 * @param df The input frame; never modified.
 * @param options Column names; `group` is required when `requireGroup` is true.
 * @param action What the caller is doing, for messages, e.g. `"estimate Kaplan-Meier survival"`.
 * @param requireGroup Whether the `group` option must be set.
 * @returns The durations, events and groups.
 * @throws {TypeError} When an option is not a column name, a column is missing, the duration is
 * not numeric or the event is neither numeric nor boolean.
 * @throws {RangeError} When the frame is empty, or a duration is missing, NaN, infinite or
 * negative, or an event is missing or not 0/1, or a group is missing (each with the count, the
 * first row numbers from 1 and values).
 */
export function survivalInput(
  df: DataFrame,
  options: SurvivalColumns,
  action: string,
  requireGroup = false,
): SurvivalInput {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${action} as options must be an object: got ${describeValue(options)}`,
    );
  }
  const duration = requireColumnOption(options.duration, "duration", action);
  const event = requireColumnOption(options.event, "event", action);
  const group = options.group === undefined && !requireGroup
    ? undefined
    : requireColumnOption(options.group, "group", action);
  requireColumns(df, group === undefined ? [duration, event] : [duration, event, group], action);
  requireNumericColumns(df, [duration], action);
  const durationSeries = df.getColumn(duration);
  const eventSeries = df.getColumn(event);
  if (!isNumericDtype(eventSeries.dtype) && eventSeries.dtype.variant !== "Bool") {
    throw new TypeError(
      `Cannot ${action} as column "${event}" must hold 0/1 numbers or booleans: it is ${
        dtypeName(eventSeries.dtype)
      }`,
    );
  }
  requireRows(df, action);

  const rawDurations = durationSeries.cast(pl.Float64).toArray() as (number | null)[];
  const rawEvents = eventSeries.cast(pl.Float64).toArray() as (number | null)[];
  const n = rawDurations.length;
  const durations = new Float64Array(n);
  const events = new Uint8Array(n);
  const badDurations: number[] = [];
  const badEvents: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = rawDurations[i];
    if (t === null || !Number.isFinite(t) || t < 0) badDurations.push(i);
    else durations[i] = t;
    const e = rawEvents[i];
    if (e === 0 || e === 1) events[i] = e;
    else badEvents.push(i);
  }
  if (badDurations.length > 0) {
    const values = badDurations.slice(0, 5).map((i) => rawDurations[i]);
    throw new RangeError(
      `Cannot ${action} as ${badDurations.length} ${
        badDurations.length === 1 ? "row has" : "rows have"
      } a missing, NaN, infinite or negative duration in column "${duration}": rows ${
        formatExamples(badDurations.map((i) => i + 1), badDurations.length)
      } (values ${formatExamples(values)})`,
    );
  }
  if (badEvents.length > 0) {
    const original = eventSeries.toArray();
    const values = badEvents.slice(0, 5).map((i) => original[i]);
    throw new RangeError(
      `Cannot ${action} as column "${event}" must be 1 (event) or 0 (censored): ${badEvents.length} ${
        badEvents.length === 1 ? "row holds" : "rows hold"
      } ${formatExamples(values, badEvents.length)} (rows ${
        formatExamples(badEvents.map((i) => i + 1), badEvents.length)
      })`,
    );
  }
  if (group === undefined) return { durations, events };

  const rawGroups = df.getColumn(group).toArray() as unknown[];
  const missing: number[] = [];
  rawGroups.forEach((g, i) => {
    if (g === null || g === undefined || (typeof g === "number" && Number.isNaN(g))) {
      missing.push(i);
    }
  });
  if (missing.length > 0) {
    throw new RangeError(
      `Cannot ${action} as ${missing.length} ${
        missing.length === 1 ? "row has" : "rows have"
      } a missing group in column "${group}": rows ${
        formatExamples(missing.map((i) => i + 1), missing.length)
      }`,
    );
  }
  const labelOf = (g: unknown) => (g instanceof Date ? g.toISOString() : String(g));
  const labels = rawGroups.map(labelOf);
  const firstValue = new Map<string, unknown>();
  rawGroups.forEach((g, i) => {
    if (!firstValue.has(labels[i])) firstValue.set(labels[i], g);
  });
  const order = [...firstValue.keys()].sort((a, b) =>
    compareValues(firstValue.get(a), firstValue.get(b))
  );
  return {
    durations,
    events,
    groups: labels,
    groupOrder: order,
  };
}

/**
 * The normal quantile `z` with `P(-z < Z < z) = confidence`, after checking `confidence`.
 *
 * @param confidence The confidence level.
 * @param action What the caller is doing, for messages.
 * @returns The quantile.
 * @throws {TypeError} When `confidence` is not a number.
 * @throws {RangeError} When it is not strictly between 0 and 1.
 */
export function confidenceZ(confidence: unknown, action: string): number {
  const level = requireProbability(confidence, "confidence", action);
  return jStat.normal.inv((1 + level) / 2, 0, 1);
}
