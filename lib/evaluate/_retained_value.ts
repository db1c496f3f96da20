/**
 * Private helper shared by {@linkcode expectedValueThreshold} and {@linkcode campaignValue}: the
 * `retainedValue` option, either one number for every customer or one value per row.
 *
 * @module
 */
import { formatExamples, MAX_EXAMPLES, requireNonNegative } from "../core/errors.ts";

/** A checked `retainedValue`: one number, or one finite value >= 0 per row. */
export type RetainedValue =
  | { readonly scalar: number; readonly perRow?: undefined }
  | { readonly scalar?: undefined; readonly perRow: Float64Array };

/**
 * Checks `retainedValue`. A per-row value whose entries are all equal is returned as that one
 * number, so that equal per-row values give exactly the result of the scalar (integer-count)
 * formula.
 *
 * @param value A number, or one value per row.
 * @param n The number of rows.
 * @param action What the caller is doing, for messages.
 * @returns The scalar or the per-row values as a Float64Array.
 * @throws {TypeError} When it is neither a number nor array-like.
 * @throws {RangeError} When the number is negative or not finite, the length differs from `n`,
 * or some per-row values are negative, NaN, infinite or not numbers (count, rows from 1 and
 * values).
 */
export function retainedValueInput(value: unknown, n: number, action: string): RetainedValue {
  if (typeof value === "number" || value === undefined || value === null) {
    return { scalar: requireNonNegative(value, "retainedValue", action) };
  }
  if (typeof value !== "object" || typeof (value as { length?: unknown }).length !== "number") {
    throw new TypeError(
      `Cannot ${action} as retainedValue is neither a number nor one value per row: got ${typeof value}`,
    );
  }
  const values = value as ArrayLike<unknown>;
  if (values.length !== n) {
    throw new RangeError(
      `Cannot ${action} as retainedValue must hold one value per row: ${values.length} ${
        values.length === 1 ? "value" : "values"
      } for ${n} ${n === 1 ? "row" : "rows"}`,
    );
  }
  const out = new Float64Array(n);
  const badRows: number[] = [];
  const badValues: unknown[] = [];
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      bad++;
      if (badRows.length < MAX_EXAMPLES) {
        badRows.push(i + 1);
        badValues.push(v);
      }
    } else {
      out[i] = v === 0 ? 0 : v;
    }
  }
  if (bad > 0) {
    throw new RangeError(
      `Cannot ${action} as ${bad} retainedValue ${
        bad === 1 ? "entry is" : "entries are"
      } not a finite number >= 0: ${bad === 1 ? "row" : "rows"} ${formatExamples(badRows, bad)} (${
        bad === 1 ? "value" : "values"
      } ${formatExamples(badValues)})`,
    );
  }
  if (n > 0 && out.every((v) => v === out[0])) return { scalar: out[0] };
  return { perRow: out };
}

/**
 * Neumaier's compensated running sum: adding n values keeps an error of a few units in the last
 * place instead of one growing with n.
 */
export class CompensatedSum {
  #sum = 0;
  #compensation = 0;

  /** Adds one value. */
  add(value: number): void {
    const t = this.#sum + value;
    if (Math.abs(this.#sum) >= Math.abs(value)) this.#compensation += (this.#sum - t) + value;
    else this.#compensation += (value - t) + this.#sum;
    this.#sum = t;
  }

  /** The sum so far. */
  get value(): number {
    return this.#sum + this.#compensation;
  }
}
