/**
 * The core of the normal-mixture mSPRT, shared by {@linkcode sequentialTest} and
 * {@linkcode simulateAaTests} so that the formula lives in one place.
 *
 * @module
 */

/**
 * The mixture likelihood ratio of the normal-mixture mSPRT for an estimate with variance `v`
 * (Johari, Koomen, Pekelis and Walsh, "Peeking at A/B Tests", KDD 2017, section 4).
 *
 * @param estimate The estimated effect minus the null effect.
 * @param v Its variance (> 0).
 * @param tau2 The mixing variance (> 0).
 * @returns `sqrt(v / (v + tau2)) exp(tau2 estimate^2 / (2 v (v + tau2)))`.
 */
export function mixtureRatio(estimate: number, v: number, tau2: number): number {
  return Math.sqrt(v / (v + tau2)) *
    Math.exp(tau2 * estimate * estimate / (2 * v * (v + tau2)));
}
