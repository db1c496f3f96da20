import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireNumericColumns } from "../core/errors.ts";
import type { CupedArm } from "./cuped_adjust.ts";

/** Options for {@linkcode experimentArms}. */
export interface ExperimentArmsOptions {
  /** The numeric metric column (e.g. `"post_spend"`, or a 0/1 outcome such as `"repurchased"`). */
  metric: string;
  /** A pre-period covariate column for CUPED (optional), e.g. `"pre_spend"`. */
  covariate?: string;
  /** The column naming each unit's arm (default `"group"`). */
  group?: string;
  /** The control label (default `"control"`). */
  control?: string;
  /** The treatment label (default `"treatment"`). */
  treatment?: string;
}

/** One arm: the metric values, their 0/1 counts, and the covariate when asked for. */
export interface ExperimentArm extends CupedArm {
  /** The metric values, one per unit (also `metric`, for {@linkcode cupedAdjust}). */
  readonly values: Float64Array;
  /** Units in the arm. */
  readonly trials: number;
  /** The sum of the metric: the successes when it is 0/1 (for {@linkcode twoProportionTest}). */
  readonly successes: number;
}

/** What {@linkcode experimentArms} returns. */
export interface ExperimentArms {
  /** The control arm. */
  readonly control: ExperimentArm;
  /** The treatment arm. */
  readonly treatment: ExperimentArm;
  /** Both arms' metric values, the shape {@linkcode welchTest} takes. */
  readonly values: { readonly control: Float64Array; readonly treatment: Float64Array };
}

const ACTION = "split an experiment into arms";

/**
 * Splits a unit-level experiment table into its control and treatment arms, in the shapes the
 * tests take: `arms.values` for {@linkcode welchTest}, `{ successes, trials }` for
 * {@linkcode twoProportionTest} (when the metric is 0/1), `{ metric, covariate }` for
 * {@linkcode cupedAdjust}, and the trial counts for {@linkcode srmTest}. Rows with other labels
 * are left out. Cost: O(n).
 *
 * @param df One row per unit with the group, metric and (optional) covariate columns.
 * @param options `metric`, and optionally `covariate`, `group`, `control`, `treatment`.
 * @returns `{ control, treatment }`, each an {@linkcode ExperimentArm}, and `values` (both arms'
 *   metric arrays). Pass the whole result to {@linkcode twoProportionTest} or
 *   {@linkcode cupedAdjust}, and `values` to {@linkcode welchTest}.
 * @throws {TypeError} When a column is missing or not numeric.
 * @throws {RangeError} When an arm has no units or a metric or covariate value is null.
 *
 * @example Counts and arrays from one table
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { experimentArms } from "./experiment_arms.ts";
 *
 * const df = pl.DataFrame({ group: ["control", "treatment", "treatment"], bought: [1, 0, 1] });
 * const arms = experimentArms(df, { metric: "bought" });
 * assert.deepEqual([arms.control.successes, arms.control.trials], [1, 1]);
 * assert.deepEqual(Array.from(arms.values.treatment), [0, 1]);
 * ```
 */
export function experimentArms(
  df: DataFrame,
  options: ExperimentArmsOptions,
): ExperimentArms {
  const group = options?.group ?? "group";
  const metric = options?.metric;
  const covariate = options?.covariate;
  requireColumns(df, [group, metric, ...(covariate ? [covariate] : [])], ACTION);
  requireNumericColumns(df, [metric, ...(covariate ? [covariate] : [])], ACTION);
  const labels = df.getColumn(group).toArray() as unknown[];
  const ys = df.getColumn(metric).toArray() as (number | null)[];
  const xs = covariate ? df.getColumn(covariate).toArray() as (number | null)[] : null;
  const arm = (label: string): ExperimentArm => {
    const y: number[] = [];
    const x: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] !== label) continue;
      if (ys[i] === null || (xs && xs[i] === null)) {
        throw new RangeError(
          `Cannot ${ACTION} as row ${i} of arm "${label}" has a null ${
            ys[i] === null ? metric : covariate
          }`,
        );
      }
      y.push(Number(ys[i]));
      if (xs) x.push(Number(xs[i]));
    }
    if (y.length === 0) {
      throw new RangeError(
        `Cannot ${ACTION} as arm "${label}" has no rows in column "${group}": got 0 units`,
      );
    }
    const values = Float64Array.from(y);
    return {
      values,
      metric: values,
      covariate: Float64Array.from(x),
      trials: values.length,
      successes: values.reduce((s, v) => s + v, 0),
    };
  };
  const control = arm(options?.control ?? "control");
  const treatment = arm(options?.treatment ?? "treatment");
  return { control, treatment, values: { control: control.values, treatment: treatment.values } };
}
