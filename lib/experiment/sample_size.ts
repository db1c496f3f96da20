import {
  requireFinite,
  requireOneOf,
  requirePositive,
  requireProbability,
} from "../core/errors.ts";
import { noncentralTCdf } from "../stats/_noncentral_t.ts";
import { normal } from "../stats/normal.ts";
import { studentT } from "../stats/student_t.ts";

/** A conversion-rate design: baseline rate and the smallest effect worth detecting. */
export interface ProportionDesign {
  /** The control conversion rate, in (0, 1). */
  baseline: number;
  /**
   * Minimum detectable effect: an absolute difference of rates (0.01 = one point), or a
   * relative lift with `relative: true` (0.1 = +10%). Not 0; the treatment rate must stay in
   * (0, 1).
   */
  mde: number;
  /** Whether `mde` is relative to `baseline` (default false). */
  relative?: boolean;
  /** Significance level in (0, 1) (default 0.05). */
  alpha?: number;
  /** `"two-sided"` (default) or `"one-sided"`, as R's `power.prop.test`. */
  alternative?: "two-sided" | "one-sided";
}

/** A design for a difference of means: the metric's standard deviation and the effect. */
export interface MeanDesign {
  /** Standard deviation of the metric per unit, > 0 (assumed equal in both arms). */
  sd: number;
  /**
   * Minimum detectable difference of means, not 0, in the metric's units (its sign is ignored:
   * R's `power.t.test` takes it positive).
   */
  mde: number;
  /** Significance level in (0, 1) (default 0.05). */
  alpha?: number;
  /** `"two-sided"` (default) or `"one-sided"`, as R's `power.t.test`. */
  alternative?: "two-sided" | "one-sided";
}

/** What {@linkcode sampleSize} returns. */
export interface SampleSizeResult {
  /** Units per group, unrounded (what R's `power.prop.test` / `power.t.test` print as `n`). */
  readonly perGroup: number;
  /** Units per group rounded up: what to plan for. */
  readonly perGroupRounded: number;
  /** Both groups, `2 * perGroupRounded`. */
  readonly total: number;
  /** The power reached with `perGroup` units. */
  readonly power: number;
  /** The effect as an absolute difference (rates or metric units). */
  readonly effect: number;
  /** The significance level used. */
  readonly alpha: number;
}

/** What {@linkcode power} returns. */
export interface PowerResult {
  /** Probability of a significant result when the effect is `mde`. */
  readonly power: number;
  /** Units per group. */
  readonly perGroup: number;
  /** The effect as an absolute difference. */
  readonly effect: number;
  /** The significance level used. */
  readonly alpha: number;
}

interface Resolved {
  kind: "proportion" | "mean";
  effect: number;
  alpha: number;
  sides: number;
  p1: number;
  p2: number;
  sd: number;
}

function resolve(design: ProportionDesign | MeanDesign, action: string): Resolved {
  if (design === null || typeof design !== "object") {
    throw new TypeError(`Cannot ${action} as the design is not an object: got ${String(design)}`);
  }
  const alpha = requireProbability(design.alpha ?? 0.05, "alpha", action);
  const sides = requireOneOf(
      design.alternative ?? "two-sided",
      ["two-sided", "one-sided"],
      "alternative",
      action,
    ) === "two-sided"
    ? 2
    : 1;
  const mde = requireFinite(design.mde, "mde", action);
  if (mde === 0) {
    throw new RangeError(`Cannot ${action} as mde must not be 0: no sample detects no effect`);
  }
  if ("sd" in design) {
    const sd = requirePositive(design.sd, "sd", action);
    return { kind: "mean", effect: mde, alpha, sides, p1: NaN, p2: NaN, sd };
  }
  const p1 = requireProbability(design.baseline, "baseline", action);
  const p2 = design.relative ? p1 * (1 + mde) : p1 + mde;
  if (!(p2 > 0 && p2 < 1)) {
    throw new RangeError(
      `Cannot ${action} as the treatment rate baseline ${
        design.relative ? "* (1 + mde)" : "+ mde"
      } must be in (0, 1): got ${p2}`,
    );
  }
  return { kind: "proportion", effect: p2 - p1, alpha, sides, p1, p2, sd: NaN };
}

/** Power at `n` per group, R's formulas with `strict = FALSE`. */
function powerAt(d: Resolved, n: number): number {
  if (d.kind === "proportion") {
    const { p1, p2 } = d;
    const zAlpha = -normal.quantile(d.alpha / d.sides);
    const pooled = (p1 + p2) * (2 - p1 - p2) / 2;
    return normal.cdf(
      (Math.sqrt(n) * Math.abs(p2 - p1) - zAlpha * Math.sqrt(pooled)) /
        Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)),
    );
  }
  const df = 2 * (n - 1);
  const critical = -studentT.quantile(d.alpha / d.sides, { df });
  return noncentralTCdf(critical, df, Math.sqrt(n / 2) * Math.abs(d.effect) / d.sd, false);
}

/**
 * Units per group needed to detect an effect, for a conversion rate (`{ baseline, mde }`) or a
 * mean (`{ sd, mde }`), agreeing with R's `power.prop.test` and `power.t.test` (two-sample,
 * `strict = FALSE`).
 *
 * Proportions: `n = (z_(1 - alpha/s) sqrt(2 pbar qbar) + z_power sqrt(p1 q1 + p2 q2))^2 /
 * (p2 - p1)^2` with `s` the number of sides, the closed form of R's power equation (R solves it
 * with `uniroot`, to about 1e-4). Means: the `n` at which the noncentral t power
 * `P(T'(2n - 2, sqrt(n / 2) mde / sd) > t_(1 - alpha/s, 2n - 2))` equals `power`, solved by
 * bisection to full precision (noncentral t by Lenth's AS 243). Cost: O(1) for proportions;
 * about 60 power evaluations for means.
 *
 * @param design The design: `{ baseline, mde, relative?, alpha?, power?, alternative? }` or
 *   `{ sd, mde, alpha?, power?, alternative? }`.
 * @returns `perGroup` (unrounded), `perGroupRounded`, `total`, and the power reached.
 * @throws {RangeError} When `alpha` or `power` is outside (0, 1), `mde` is 0, the treatment
 *   rate leaves (0, 1), or `sd` is not positive.
 *
 * @example A retention campaign: from 20% to 22% with 80% power
 * ```ts
 * import { sampleSize } from "./sample_size.ts";
 * import assert from "node:assert/strict";
 *
 * const plan = sampleSize({ baseline: 0.2, mde: 0.02, power: 0.8 });
 * // R: power.prop.test(p1 = 0.2, p2 = 0.22, power = 0.8) gives n = 6509.467
 * assert.ok(Math.abs(plan.perGroup - 6509.467) < 1e-3);
 * assert.equal(plan.perGroupRounded, 6510);
 * const relative = sampleSize({ baseline: 0.2, mde: 0.1, relative: true, power: 0.8 });
 * assert.ok(Math.abs(relative.perGroup - plan.perGroup) < 1e-6);
 * ```
 */
export function sampleSize(
  design: (ProportionDesign | MeanDesign) & { power?: number },
): SampleSizeResult {
  const action = "compute a sample size";
  const d = resolve(design, action);
  const target = requireProbability(design.power ?? 0.8, "power", action);
  let perGroup: number;
  if (d.kind === "proportion") {
    const zAlpha = -normal.quantile(d.alpha / d.sides);
    const zPower = normal.quantile(target);
    const pooled = (d.p1 + d.p2) * (2 - d.p1 - d.p2) / 2;
    const root = (zAlpha * Math.sqrt(pooled) +
      zPower * Math.sqrt(d.p1 * (1 - d.p1) + d.p2 * (1 - d.p2))) / Math.abs(d.effect);
    perGroup = root * root;
  } else {
    let low = 2;
    let high = 1e7;
    if (powerAt(d, high) < target) {
      throw new RangeError(
        `Cannot ${action} as more than 10 million units per group would be needed: mde ${d.effect}, sd ${d.sd}`,
      );
    }
    if (powerAt(d, low) >= target) {
      high = low;
    }
    for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
      const mid = 0.5 * (low + high);
      if (powerAt(d, mid) < target) low = mid;
      else high = mid;
    }
    perGroup = 0.5 * (low + high);
  }
  const perGroupRounded = Math.ceil(perGroup - 1e-9);
  return {
    perGroup,
    perGroupRounded,
    total: 2 * perGroupRounded,
    power: powerAt(d, perGroup),
    effect: d.effect,
    alpha: d.alpha,
  };
}

/**
 * The power of a two-group test with `perGroup` units per group: the probability of a
 * significant result when the true effect is `mde`. Same designs and formulas as
 * {@linkcode sampleSize}; agrees with R's `power.prop.test(n = ...)` and
 * `power.t.test(n = ...)`. Cost: O(1).
 *
 * @param design The design plus `perGroup` (units per group, > 1).
 * @returns `power`, with the resolved effect and alpha.
 * @throws {RangeError} As {@linkcode sampleSize}, and when `perGroup` is not above 1.
 *
 * @example 5000 customers per group, 20% against 22%
 * ```ts
 * import { power } from "./sample_size.ts";
 * import assert from "node:assert/strict";
 *
 * const result = power({ baseline: 0.2, mde: 0.02, perGroup: 5000 });
 * assert.ok(Math.abs(result.power - 0.6898158379) < 1e-10); // R power.prop.test(n = 5000)
 * ```
 */
export function power(
  design: (ProportionDesign | MeanDesign) & { perGroup: number },
): PowerResult {
  const action = "compute power";
  const d = resolve(design, action);
  const perGroup = requirePositive(design.perGroup, "perGroup", action);
  if (perGroup <= 1) {
    throw new RangeError(`Cannot ${action} as perGroup must be above 1: got ${perGroup}`);
  }
  return { power: powerAt(d, perGroup), perGroup, effect: d.effect, alpha: d.alpha };
}
