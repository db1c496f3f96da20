/**
 * The type every fitted purchase model satisfies, for functions that take any of them.
 *
 * @module
 */
import type { BgNbdModel } from "./fit_bg_nbd.ts";
import type { ModifiedBgNbdModel } from "./fit_modified_bg_nbd.ts";
import type { ParetoNbdModel } from "./fit_pareto_nbd.ts";

/**
 * Any fitted purchase model: BG/NBD ({@linkcode BgNbdModel}), Modified BG/NBD
 * ({@linkcode ModifiedBgNbdModel}) or Pareto/NBD ({@linkcode ParetoNbdModel}). All have
 * `expectedPurchases(t)`, `conditionalExpectedPurchases(summary, { t })`,
 * `probabilityAlive(summary)` and `options` naming their summary columns, which is what
 * `evaluateHoldout`, `purchaseTracking` and `modelGrid` use.
 */
export type PurchaseModel = BgNbdModel | ParetoNbdModel | ModifiedBgNbdModel;
