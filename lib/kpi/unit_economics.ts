import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireNonNegative, requirePositive } from "../core/errors.ts";

/** One channel, period or segment of {@linkcode unitEconomics}. */
export interface UnitEconomicsInput {
  /** A name for the row, e.g. a channel (`"paid search"`) or a period (`"2011-Q3"`). */
  label?: string;
  /**
   * Customer lifetime value per customer, as revenue (e.g. expected purchases from a BG/NBD
   * model times the Gamma-Gamma spend, as notebook 06 computes), >= 0. Gross margin is applied
   * to it, unless `clvIsMargin` is true.
   */
  clv: number;
  /** Whether `clv` is already a margin (profit) value (default false: revenue). */
  clvIsMargin?: boolean;
  /** Gross margin in (0, 1]: the share of revenue left after the cost of goods. */
  grossMargin: number;
  /**
   * Customer acquisition cost per new customer, supplied by the analyst (no bundled dataset has
   * marketing spend). Give either this or `acquisitionSpend` with `newCustomers`.
   */
  acquisitionCost?: number;
  /** Acquisition spend over the period or channel; CAC = spend / `newCustomers`. */
  acquisitionSpend?: number;
  /** New customers acquired with `acquisitionSpend` (> 0). */
  newCustomers?: number;
  /** Revenue per customer per month, for the payback period (optional). */
  monthlyRevenuePerCustomer?: number;
}

const ACTION = "compute unit economics";

/**
 * Unit economics per channel or period: customer acquisition cost (CAC), margin-adjusted CLV,
 * the CLV:CAC ratio and the months of gross margin it takes to earn back the CAC.
 *
 * Formulas (Gupta and Lehmann, "Managing Customers as Investments", 2005; David Skok, "SaaS
 * Metrics 2.0", forEntrepreneurs.com, for the ratio and payback conventions):
 * - `cac = acquisitionCost`, or `acquisitionSpend / newCustomers`;
 * - `clv_margin = clv * grossMargin` (or `clv` when `clvIsMargin`);
 * - `clv_to_cac = clv_margin / cac` (a common rule of thumb asks for 3 or more);
 * - `payback_months = cac / (monthlyRevenuePerCustomer * grossMargin)` (null when no monthly
 *   revenue is given);
 * - `net_value_per_customer = clv_margin - cac`.
 *
 * Acquisition cost is always an analyst's input: the column `acquisition_cost_source` says
 * `"analyst input"` (or `"analyst input: spend / new customers"`) on every row, so a table shown
 * in a notebook never passes an assumption off as a measurement. Cost: O(rows).
 *
 * @param inputs One input or a list (one row each), each with `clv`, `grossMargin` and either
 *   `acquisitionCost` or `acquisitionSpend` with `newCustomers`.
 * @returns A new DataFrame, one row per input: `label`, `cac`, `clv`, `clv_margin`, `clv_to_cac`,
 *   `payback_months`, `net_value_per_customer`, `acquisition_cost_source`.
 * @throws {RangeError} When a value is negative or not finite, `grossMargin` is outside (0, 1],
 *   the CAC is not > 0, the list is empty, or both or neither of the two CAC inputs are given
 *   (naming the row).
 * @throws {TypeError} When an input is not an object or a value is not a number.
 *
 * @example Two channels under stated acquisition-cost assumptions
 * ```ts
 * import { unitEconomics } from "./unit_economics.ts";
 * import assert from "node:assert/strict";
 *
 * const table = unitEconomics([
 *   { label: "email", clv: 600, grossMargin: 0.5, acquisitionCost: 50, monthlyRevenuePerCustomer: 40 },
 *   { label: "paid", clv: 600, grossMargin: 0.5, acquisitionSpend: 20000, newCustomers: 100 },
 * ]);
 * assert.deepEqual(table.getColumn("cac").toArray(), [50, 200]);
 * assert.deepEqual(table.getColumn("clv_to_cac").toArray(), [6, 1.5]);
 * assert.deepEqual(table.getColumn("payback_months").toArray(), [2.5, null]);
 * ```
 */
export function unitEconomics(
  inputs: UnitEconomicsInput | readonly UnitEconomicsInput[],
): DataFrame {
  const list = Array.isArray(inputs) ? inputs : [inputs as UnitEconomicsInput];
  if (list.length === 0) {
    throw new RangeError(`Cannot ${ACTION} as the list of inputs is empty: got 0 rows`);
  }
  const rows = list.map((input: UnitEconomicsInput, i: number) => {
    const single = !Array.isArray(inputs);
    const name = single ? "" : `inputs[${i}].`;
    const subject = single ? "the input" : `inputs[${i}]`;
    if (input === null || typeof input !== "object") {
      throw new TypeError(
        `Cannot ${ACTION} as ${subject} is not an object: got ${input}`,
      );
    }
    const clv = requireNonNegative(input.clv, `${name}clv`, ACTION);
    const margin = requirePositive(input.grossMargin, `${name}grossMargin`, ACTION);
    if (margin > 1) {
      throw new RangeError(
        `Cannot ${ACTION} as ${name}grossMargin must be in (0, 1]: got ${margin}`,
      );
    }
    const direct = input.acquisitionCost !== undefined;
    const fromSpend = input.acquisitionSpend !== undefined || input.newCustomers !== undefined;
    if (direct === fromSpend) {
      throw new RangeError(
        `Cannot ${ACTION} as ${subject} needs either acquisitionCost or acquisitionSpend with newCustomers: got ${
          direct ? "both" : "neither"
        }`,
      );
    }
    const cac = direct
      ? requirePositive(input.acquisitionCost, `${name}acquisitionCost`, ACTION)
      : requirePositive(input.acquisitionSpend, `${name}acquisitionSpend`, ACTION) /
        requirePositive(input.newCustomers, `${name}newCustomers`, ACTION);
    const clvMargin = input.clvIsMargin ? clv : clv * margin;
    const monthly = input.monthlyRevenuePerCustomer === undefined ? null : requirePositive(
      input.monthlyRevenuePerCustomer,
      `${name}monthlyRevenuePerCustomer`,
      ACTION,
    );
    return {
      label: input.label ?? `row ${i + 1}`,
      cac,
      clv,
      clv_margin: clvMargin,
      clv_to_cac: clvMargin / cac,
      payback_months: monthly === null ? null : cac / (monthly * margin),
      net_value_per_customer: clvMargin - cac,
      acquisition_cost_source: direct ? "analyst input" : "analyst input: spend / new customers",
    };
  });
  const column = <K extends keyof typeof rows[number]>(key: K) => rows.map((r) => r[key]);
  return pl.DataFrame([
    pl.Series("label", column("label"), pl.Utf8),
    pl.Series("cac", column("cac"), pl.Float64),
    pl.Series("clv", column("clv"), pl.Float64),
    pl.Series("clv_margin", column("clv_margin"), pl.Float64),
    pl.Series("clv_to_cac", column("clv_to_cac"), pl.Float64),
    pl.Series("payback_months", column("payback_months"), pl.Float64),
    pl.Series("net_value_per_customer", column("net_value_per_customer"), pl.Float64),
    pl.Series("acquisition_cost_source", column("acquisition_cost_source"), pl.Utf8),
  ]);
}
