import type { DataFrame } from "../core/frame.ts";
import { clvSummary, type ClvSummaryOptions } from "./clv_summary.ts";
import {
  customerLifetimeValue,
  type CustomerLifetimeValueOptions,
} from "./customer_lifetime_value.ts";
import { type BgNbdModel, fitBgNbd } from "./fit_bg_nbd.ts";
import { fitGammaGamma, type GammaGammaModel } from "./fit_gamma_gamma.ts";

/**
 * Options for {@linkcode valueCustomers}: the summary's (`asOf`, `timeUnit`, columns, how records
 * are valued) and the lifetime value's (`horizon`, `discountRate`, `margin`, `seed`, `draws`).
 */
export type ValueCustomersOptions =
  & Omit<ClvSummaryOptions, "calibrationEnd" | "observationEnd">
  & Omit<CustomerLifetimeValueOptions, "purchaseModel" | "spendModel" | "timeUnit">;

/** What {@linkcode valueCustomers} returns (frozen). */
export interface CustomerValues {
  /** The per-customer summary ({@linkcode clvSummary}). */
  readonly summary: DataFrame;
  /** BG/NBD fitted on it. */
  readonly purchaseModel: BgNbdModel;
  /** Gamma-Gamma fitted on it. */
  readonly spendModel: GammaGammaModel;
  /** One row per customer ({@linkcode customerLifetimeValue}). */
  readonly values: DataFrame;
}

/**
 * The usual CLV pipeline in one call, as the churn, cross-sell, personalisation, KPI and
 * customer-view notebooks all need it: {@linkcode clvSummary} of the transactions up to `asOf`,
 * {@linkcode fitBgNbd} and {@linkcode fitGammaGamma} on it, then
 * {@linkcode customerLifetimeValue} over `horizon` with its p10/p50/p90 band. Each step's checks
 * and warnings are its own; the models are returned so their parameters and convergence can be
 * shown.
 *
 * @param transactions The transaction log (as for {@linkcode clvSummary}).
 * @param options The summary's options (a record's value through `monetary`, or `quantity` and
 *   `price`) and the lifetime value's.
 * @returns The summary, both models and the values.
 * @throws {TypeError} As the four steps do.
 * @throws {RangeError} As the four steps do.
 *
 * @example A year of CDNOW customers' value
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueCustomers } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const { values, purchaseModel } = valueCustomers(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 *   monetary: "monetary",
 *   horizon: 52,
 *   discountRate: 0.01,
 *   seed: 1,
 *   draws: 50,
 * });
 * assert.ok(purchaseModel.converged);
 * assert.equal(values.height, 2_357);
 * ```
 */
export function valueCustomers(
  transactions: DataFrame,
  options: ValueCustomersOptions,
): CustomerValues {
  const { horizon, discountRate, discountPeriod, margin, seed, draws, ...summaryOptions } =
    options ?? ({} as ValueCustomersOptions);
  const summary = clvSummary(transactions, summaryOptions);
  const purchaseModel = fitBgNbd(summary);
  const spendModel = fitGammaGamma(summary);
  const values = customerLifetimeValue(summary, {
    purchaseModel,
    spendModel,
    horizon,
    timeUnit: summaryOptions.timeUnit,
    discountRate,
    ...(discountPeriod === undefined ? {} : { discountPeriod }),
    ...(margin === undefined ? {} : { margin }),
    seed,
    ...(draws === undefined ? {} : { draws }),
  });
  return Object.freeze({ summary, purchaseModel, spendModel, values });
}
