import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireInteger, requireNonNegative, requirePositive } from "../core/errors.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/** Options for {@linkcode modelGrid}. */
export interface ModelGridOptions {
  /** The customers' age: the end of the recency axis, in the model's time unit (> 0). */
  T: number;
  /** The largest frequency (repeat purchases) on the grid. Default 20. */
  maxFrequency?: number;
  /**
   * How many recency values per frequency >= 1: `T·j / recencySteps` for `j = 1..recencySteps`.
   * Default `round(T)` clamped to 1..50 (whole units when T is a whole number up to 50, e.g. the
   * 39 weeks of CDNOW's calibration).
   */
  recencySteps?: number;
  /** Length of the future period for `expected_purchases`. Default 1 (the next time unit, as lifetimes' `plot_frequency_recency_matrix`). */
  t?: number;
}

const ACTION = "build the model grid";

/**
 * A purchase model's view of every history on a frequency x recency grid at one age `T`: the
 * probability each customer is still alive and their expected purchases in the next `t`, the
 * classic "P(alive) matrix" and "frequency / recency matrix" (lifetimes'
 * `plot_probability_alive_matrix`, `plot_frequency_recency_matrix`).
 *
 * Which cells: frequency 0 has one cell, at recency 0, the only consistent value (recency is the
 * time from the first to the last purchase, so it is 0 for a customer who never came back; the
 * models refuse frequency 0 with recency > 0). Frequencies 1 to `maxFrequency` have
 * `recencySteps` cells at recency `T·j / recencySteps`, `j = 1..recencySteps`: recency 0 is left
 * out there, as a repeat purchase is on a later day than the first. Reading the grid: at a given
 * frequency, P(alive) grows with recency (a recent last purchase); at a given recency, a frequent
 * buyer who has gone quiet is more likely gone than an infrequent one.
 *
 * Cost: two model calls on `1 + maxFrequency · recencySteps` rows.
 *
 * @param model A fitted purchase model (BG/NBD, Modified BG/NBD or Pareto/NBD).
 * @param options `T` (required), `maxFrequency`, `recencySteps` and `t`.
 * @returns One row per cell: `frequency` (Int64), `recency`, `probability_alive` and
 *   `expected_purchases` (Float64), by frequency then recency.
 * @throws {TypeError} When `model` is not a fitted purchase model or an option is not a number.
 * @throws {RangeError} When `T` is not positive, `maxFrequency` or `recencySteps` is not a whole
 *   number >= 1, or `t` is negative.
 *
 * @example P(alive) for CDNOW customers 39 weeks after their first purchase
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { fitBgNbd, modelGrid } from "./mod.ts";
 *
 * const model = fitBgNbd(pl.readCSV("data/cdnow_customers_summary.csv"));
 * const grid = modelGrid(model, { T: 39, maxFrequency: 10 });
 * assert.equal(grid.height, 1 + 10 * 39);
 * const alive = (x: number, recency: number) =>
 *   grid.filter(pl.col("frequency").eq(x).and(pl.col("recency").eq(recency)))
 *     .getColumn("probability_alive").toArray()[0] as number;
 * // Ten purchases, the last 35 weeks ago: probably gone. The last one this week: probably alive.
 * assert.ok(alive(10, 4) < 0.05 && alive(10, 39) > 0.9);
 * ```
 */
export function modelGrid(model: PurchaseModel, options: ModelGridOptions): DataFrame {
  if (
    model === null || typeof model !== "object" ||
    typeof model.probabilityAlive !== "function" ||
    typeof model.conditionalExpectedPurchases !== "function"
  ) {
    throw new TypeError(
      `Cannot ${ACTION} as model is not a fitted purchase model (fitBgNbd, fitModifiedBgNbd or ` +
        `fitParetoNbd): got ${model === null ? "null" : typeof model}`,
    );
  }
  const o = options ?? ({} as ModelGridOptions);
  const T = requirePositive(o.T, "T", ACTION);
  const maxFrequency = requireInteger(o.maxFrequency ?? 20, "maxFrequency", ACTION, 1);
  const steps = requireInteger(
    o.recencySteps ?? Math.min(50, Math.max(1, Math.round(T))),
    "recencySteps",
    ACTION,
    1,
  );
  const t = requireNonNegative(o.t ?? 1, "t", ACTION);
  const frequency: number[] = [0];
  const recency: number[] = [0];
  for (let x = 1; x <= maxFrequency; x++) {
    for (let j = 1; j <= steps; j++) {
      frequency.push(x);
      recency.push(j === steps ? T : (T * j) / steps);
    }
  }
  const names = model.options;
  const input = pl.DataFrame([
    pl.Series(names.frequency, frequency, pl.Float64),
    pl.Series(names.recency, recency, pl.Float64),
    pl.Series(names.T, frequency.map(() => T), pl.Float64),
  ]);
  return pl.DataFrame([
    pl.Series("frequency", frequency, pl.Int64),
    pl.Series("recency", recency, pl.Float64),
    pl.Series("probability_alive", model.probabilityAlive(input), pl.Float64),
    pl.Series(
      "expected_purchases",
      model.conditionalExpectedPurchases(input, { t }),
      pl.Float64,
    ),
  ]);
}
