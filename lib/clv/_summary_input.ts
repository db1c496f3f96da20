/**
 * Reading and checking the per-customer summary every CLV model takes (`frequency`, `recency`,
 * `T`, optionally `monetary_value`), with the house error messages. Private to `clv`.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { numericValues } from "../core/dtypes.ts";
import {
  requireColumns,
  requireFrame,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { requireColumnOption } from "../core/column_option.ts";

/** Column names of a CLV summary; every CLV model accepts these options. */
export interface ClvSummaryColumns {
  /** Repeat purchase periods (a whole number >= 0). Default `"frequency"`. */
  frequency?: string;
  /** Time from the first to the last purchase. Default `"recency"`. */
  recency?: string;
  /** Time from the first purchase to the end of the period (the customer's age). Default `"T"`. */
  T?: string;
  /** Mean value of the repeat purchases (Gamma-Gamma only). Default `"monetary_value"`. */
  monetary?: string;
  /**
   * A column identifying customers, used only to name examples in error messages (rows are
   * numbered from 0 when it is absent). Default `"customer_id"`.
   */
  customerId?: string;
}

/** The column names resolved. */
export interface ResolvedSummaryColumns {
  /** Frequency column. */
  frequency: string;
  /** Recency column. */
  recency: string;
  /** Age column. */
  T: string;
  /** Monetary column. */
  monetary: string;
  /** Customer id column (for messages). */
  customerId: string;
}

/** A summary's columns as typed arrays. */
export interface SummaryArrays {
  /** Frequency x. */
  x: Float64Array;
  /** Recency t_x. */
  tx: Float64Array;
  /** Age T. */
  T: Float64Array;
  /** Names row `i` for a message: its customer id, or `row i`. */
  label: (i: number) => string;
}

/**
 * Resolves the column-name options.
 *
 * @param options The caller's options.
 * @param action What the caller is doing.
 * @returns The resolved names.
 */
export function resolveSummaryColumns(
  options: ClvSummaryColumns | undefined,
  action: string,
): ResolvedSummaryColumns {
  const o = options ?? {};
  return {
    frequency: requireColumnOption(o.frequency ?? "frequency", "frequency", action),
    recency: requireColumnOption(o.recency ?? "recency", "recency", action),
    T: requireColumnOption(o.T ?? "T", "T", action),
    monetary: requireColumnOption(o.monetary ?? "monetary_value", "monetary", action),
    customerId: requireColumnOption(o.customerId ?? "customer_id", "customerId", action),
  };
}

/**
 * Throws a `RangeError` naming how many rows fail `bad` and up to five examples.
 *
 * @param n Rows.
 * @param bad Whether row `i` is bad.
 * @param describe Example text for row `i`.
 * @param action What the caller is doing.
 * @param reason What is wrong, e.g. `"have recency > T"`.
 */
export function refuseRows(
  n: number,
  bad: (i: number) => boolean,
  describe: (i: number) => string,
  action: string,
  reason: string,
): void {
  const examples: string[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!bad(i)) continue;
    count++;
    if (examples.length < 5) examples.push(describe(i));
  }
  if (count === 0) return;
  const more = count > examples.length ? ` and ${count - examples.length} more` : "";
  throw new RangeError(
    `Cannot ${action} as ${count} customer${count === 1 ? "" : "s"} ${
      count === 1 ? reason.replace(/^have /, "has ") : reason
    }: e.g. ${examples.join(", ")}${more}`,
  );
}

/**
 * A numeric column as a Float64Array, refusing missing and non-finite values.
 *
 * @param df The summary.
 * @param column The column.
 * @param label Names row `i`.
 * @param action What the caller is doing.
 * @returns The values.
 */
export function finiteColumn(
  df: DataFrame,
  column: string,
  label: (i: number) => string,
  action: string,
): Float64Array {
  const values = numericValues(df, column, action);
  refuseRows(
    values.length,
    (i) => !Number.isFinite(values[i]),
    (i) => `${label(i)} (${values[i]})`,
    action,
    `have a missing or non-finite ${column}`,
  );
  return values;
}

/**
 * Reads and checks a summary: a non-empty DataFrame whose frequency is a whole number >= 0,
 * recency >= 0, recency <= T (to a relative 1e-9, for rounding), and recency 0 when frequency is 0.
 *
 * @param data The summary.
 * @param columns Resolved column names.
 * @param action What the caller is doing.
 * @returns The arrays and a row labeller.
 */
export function readSummary(
  data: DataFrame,
  columns: ResolvedSummaryColumns,
  action: string,
): SummaryArrays {
  const df = requireFrame(data, "the summary", action);
  const needed = [columns.frequency, columns.recency, columns.T];
  requireColumns(df, needed, action);
  requireNumericColumns(df, needed, action);
  requireRows(df, action);
  // Ids are read only when a message needs them (toArray on a large frame is slow).
  const hasIds = df.columns.includes(columns.customerId);
  let ids: unknown[] | undefined;
  const label = (i: number) => {
    if (!hasIds) return `row ${i}`;
    ids ??= df.getColumn(columns.customerId).toArray();
    return String(ids[i]);
  };
  const x = finiteColumn(df, columns.frequency, label, action);
  const tx = finiteColumn(df, columns.recency, label, action);
  const T = finiteColumn(df, columns.T, label, action);
  const n = df.height;
  refuseRows(
    n,
    (i) => !Number.isInteger(x[i]) || x[i] < 0,
    (i) => `${label(i)} (${x[i]})`,
    action,
    `have a ${columns.frequency} that is not a whole number >= 0`,
  );
  refuseRows(
    n,
    (i) => tx[i] < 0,
    (i) => `${label(i)} (${tx[i]})`,
    action,
    `have a negative ${columns.recency}`,
  );
  refuseRows(
    n,
    (i) => tx[i] > T[i] * (1 + 1e-9) + 1e-12,
    (i) => `${label(i)} (${columns.recency} ${tx[i]} > ${columns.T} ${T[i]})`,
    action,
    `have ${columns.recency} > ${columns.T}`,
  );
  refuseRows(
    n,
    (i) => x[i] === 0 && tx[i] !== 0,
    (i) => `${label(i)} (${columns.recency} ${tx[i]})`,
    action,
    `have ${columns.frequency} 0 but ${columns.recency} > 0 (recency is the time from the first ` +
      `to the last purchase, 0 for one-time buyers)`,
  );
  return { x, tx, T, label };
}

/**
 * Throws when no customer has a repeat purchase (nothing to learn the purchase rate or dropout
 * from).
 *
 * @param x Frequencies.
 * @param action What the caller is doing.
 */
export function requireRepeatBuyers(x: Float64Array, action: string): void {
  if (x.every((v) => v === 0)) {
    throw new RangeError(
      `Cannot ${action} as all ${x.length} customers are one-time buyers: every frequency is 0, ` +
        `so there are no repeat purchases to fit`,
    );
  }
}

/**
 * Merges identical (x, t_x, T) rows, with their counts as weights, so a likelihood costs
 * O(distinct rows); also lists the distinct frequencies (`levels`) and each row's position among
 * them (`level`), so terms that depend on x alone (log-gammas) are computed once per frequency.
 *
 * @param x Frequencies.
 * @param tx Recencies.
 * @param T Ages.
 * @returns The distinct rows, their weights, and the frequency levels.
 */
export function compressSummary(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): CompressedSummary {
  // Nested maps keyed by numbers (string keys were 10x slower on a million rows).
  const index = new Map<number, Map<number, Map<number, number>>>();
  const ux: number[] = [], utx: number[] = [], uT: number[] = [], w: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let byTx = index.get(x[i]);
    if (byTx === undefined) index.set(x[i], byTx = new Map());
    let byT = byTx.get(tx[i]);
    if (byT === undefined) byTx.set(tx[i], byT = new Map());
    const at = byT.get(T[i]);
    if (at === undefined) {
      byT.set(T[i], ux.length);
      ux.push(x[i]);
      utx.push(tx[i]);
      uT.push(T[i]);
      w.push(1);
    } else {
      w[at]++;
    }
  }
  const levels = Float64Array.from(new Set(ux)).sort();
  const position = new Map<number, number>();
  levels.forEach((v, i) => position.set(v, i));
  return {
    x: Float64Array.from(ux),
    tx: Float64Array.from(utx),
    T: Float64Array.from(uT),
    w: Float64Array.from(w),
    levels,
    level: Int32Array.from(ux, (v) => position.get(v)!),
  };
}

/** What {@linkcode compressSummary} returns. */
export interface CompressedSummary {
  /** Frequency of each distinct row. */
  x: Float64Array;
  /** Recency of each distinct row. */
  tx: Float64Array;
  /** Age of each distinct row. */
  T: Float64Array;
  /** How many customers share each distinct row. */
  w: Float64Array;
  /** The distinct frequencies, ascending. */
  levels: Float64Array;
  /** Each distinct row's index into `levels`. */
  level: Int32Array;
}

/**
 * `f(levels[k])` for every frequency level, into a reusable array.
 *
 * @param levels The distinct frequencies.
 * @param f The term.
 * @param out Where to write (length `levels.length`).
 * @returns `out`.
 */
export function perLevel(
  levels: Float64Array,
  f: (x: number) => number,
  out: Float64Array,
): Float64Array {
  for (let k = 0; k < levels.length; k++) out[k] = f(levels[k]);
  return out;
}
