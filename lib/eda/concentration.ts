/**
 * How concentrated a value is over entities: Pareto curve, Gini coefficient, top-x% share.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireInteger,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { deterministicGroupSums } from "./_util.ts";

/** Options for {@linkcode concentration}. */
export interface ConcentrationOptions {
  /** The entity column, e.g. `customer_id` or `product_id`. */
  by: string;
  /** The numeric column summed per entity, e.g. `revenue`. */
  value: string;
  /** Number of evenly spaced curve rows after (0, 0), an integer >= 1. Default 100. */
  points?: number;
}

/** The result of {@linkcode concentration}. */
export interface Concentration {
  /**
   * The Pareto curve: `entity_share` = 0, 1/points, …, 1 and `value_share` = share of the total
   * held by the largest `entity_share` of entities (Float64 columns, points + 1 rows).
   */
  readonly curve: DataFrame;
  /** Gini coefficient of the per-entity totals: 0 = all equal, towards 1 = one entity holds all. */
  readonly gini: number;
  /** Number of entities (distinct non-null keys). */
  readonly entities: number;
  /** Sum of the per-entity totals. */
  readonly total: number;
  /**
   * Share of the total held by the largest `entityShare` of entities, `entityShare` in [0, 1].
   * Between whole entities it interpolates linearly (the next entity counts pro rata), so
   * `topShare(k / entities)` is exactly the share of the top k.
   */
  readonly topShare: (entityShare: number) => number;
}

/**
 * Concentration: sums `value` per `by` key, then describes how unequal the totals are: the Pareto
 * (80/20) curve from the largest entity down, the Gini coefficient, and a `topShare(x)` function.
 *
 * The Gini coefficient is the population form on the totals sorted ascending,
 * G = 2·Σ i·x₍ᵢ₎ / (n·Σ x) − (n + 1) / n, which equals the mean absolute difference over twice the
 * mean; it is 0 for one entity and at most 1 − 1/n.
 *
 * Shares only make sense for non-negative totals, so an entity whose total is negative (more
 * returns than sales) makes it throw a RangeError naming such entities: filter or clip them first.
 * Rows with a null key are left out. Cost: O(n) hashing plus O(k log k) to sort k entities.
 *
 * @see {@link https://en.wikipedia.org/wiki/Gini_coefficient}
 * @see {@link https://en.wikipedia.org/wiki/Pareto_principle}
 *
 * @param df The frame; not modified.
 * @param options The entity column, the value column and the number of curve points.
 * @returns The curve, the Gini coefficient, entity count, total and `topShare`.
 * @throws {TypeError} When a column is missing or `value` is not numeric.
 * @throws {RangeError} When the frame has no rows, every key is null, an entity total is negative,
 * the total is zero, `points` is not an integer >= 1, or `topShare` gets a share outside [0, 1].
 *
 * @example Three customers, one dominant
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { concentration } from "./concentration.ts";
 *
 * const sales = pl.DataFrame({
 *   customer_id: ["a", "b", "a", "c"],
 *   revenue: [50, 20, 20, 10],
 * });
 * const { gini, topShare, curve } = concentration(sales, {
 *   by: "customer_id",
 *   value: "revenue",
 *   points: 3,
 * });
 * assert.equal(topShare(1 / 3), 0.7); // customer "a" holds 70 of 100
 * assert.ok(Math.abs(gini - 0.4) < 1e-12);
 * assert.deepEqual(curve.getColumn("value_share").toArray(), [0, 0.7, 0.9, 1]);
 * ```
 */
export function concentration(df: DataFrame, options: ConcentrationOptions): Concentration {
  const action = "measure concentration";
  const by = options?.by;
  const value = options?.value;
  if (typeof by !== "string" || typeof value !== "string") {
    throw new TypeError(
      `Cannot ${action} as the by and value options must be strings: got ${by} and ${value}`,
    );
  }
  const points = options.points ?? 100;
  requireInteger(points, "points", action, 1);
  requireColumns(df, [by, value], action);
  requireRows(df, action);
  requireNumericColumns(df, [value], action);

  // Summed deterministically (see deterministicGroupSums): Polars' parallel group-by is not.
  const grouped = deterministicGroupSums(df, by, value).sort(["total", by], [true, false]);
  if (grouped.height === 0) {
    throw new RangeError(`Cannot ${action} as every key is null: ${df.height} rows in "${by}"`);
  }
  const negative = grouped.filter(pl.col("total").lt(0));
  if (negative.height > 0) {
    throw new RangeError(
      `Cannot ${action} as ${negative.height} ${by} value${
        negative.height > 1 ? "s have" : " has"
      } a negative total ${value}: e.g. ${formatExamples(negative.getColumn(by).toArray())}`,
    );
  }
  const descending = grouped.getColumn("total").toTypedArray() as Float64Array;
  const k = descending.length;
  const cumulative = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) cumulative[i + 1] = cumulative[i] + descending[i];
  const total = cumulative[k];
  if (total === 0) {
    throw new RangeError(
      `Cannot ${action} as the total ${value} is zero: ${k} ${by} values all total 0`,
    );
  }

  // Gini on the ascending order: rank i (1-based) of the ascending sort is k - j for index j here.
  let weighted = 0;
  for (let j = 0; j < k; j++) weighted += (k - j) * descending[j];
  const gini = Math.max(0, (2 * weighted) / (k * total) - (k + 1) / k);

  const topShare = (entityShare: number): number => {
    if (typeof entityShare !== "number" || !(entityShare >= 0 && entityShare <= 1)) {
      throw new RangeError(
        `Cannot compute a top share as the entity share must be in [0, 1]: got ${entityShare}`,
      );
    }
    const position = entityShare * k;
    const whole = Math.floor(position);
    if (whole >= k) return 1;
    return (cumulative[whole] + (position - whole) * descending[whole]) / total;
  };

  const entityShares = Array.from({ length: points + 1 }, (_, i) => i / points);
  const curve = pl.DataFrame([
    pl.Series("entity_share", entityShares, pl.Float64),
    pl.Series("value_share", entityShares.map(topShare), pl.Float64),
  ]);
  return Object.freeze({ curve, gini, entities: k, total, topShare });
}
