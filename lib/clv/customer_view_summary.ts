/**
 * The customer view by action: how many customers each action covers, their value, the offer
 * budget and the expected gain.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { formatExamples, requireColumns, requireFrame } from "../core/errors.ts";
import { CUSTOMER_VIEW_ACTIONS } from "./customer_view.ts";

const ACTION = "summarise the customer view";

/**
 * Totals of the customer view per action, one row per action in the order of
 * `CUSTOMER_VIEW_ACTIONS` (actions no customer has are left out): `action`, `customers`,
 * `share` (of all customers), `clv` (sum), `mean_churn_probability` (over the scored customers;
 * null when none is scored), `offer_budget` (sum over the customers with an offer) and
 * `expected_gain` (sum; null when the action's customers have none). The `"act this week"` row
 * is the week's list: what it would cost in offers and what it is expected to bring.
 *
 * Cost: O(n).
 *
 * @param view The table from `customerView`; not modified.
 * @param _options None yet; reserved.
 * @returns A new DataFrame, one row per action present.
 * @throws {TypeError} When `view` is not a DataFrame or lacks a column of the view.
 * @throws {RangeError} When an action is not one of `CUSTOMER_VIEW_ACTIONS`.
 *
 * @example Two customers, two actions
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { customerViewSummary } from "./customer_view_summary.ts";
 *
 * const view = pl.DataFrame({
 *   action: ["act this week", "none: lapsed"],
 *   clv: [1000, 150],
 *   churn_probability: [0.1, 0.9],
 *   offer_budget: [20, 10],
 *   expected_gain: [25, null],
 * });
 * const summary = customerViewSummary(view);
 * // Rows follow CUSTOMER_VIEW_ACTIONS: the lapsed before the week's list.
 * assert.deepEqual(summary.getColumn("action").toArray(), ["none: lapsed", "act this week"]);
 * assert.deepEqual(summary.getColumn("expected_gain").toArray(), [null, 25]);
 * assert.deepEqual(summary.getColumn("share").toArray(), [0.5, 0.5]);
 * ```
 */
export function customerViewSummary(
  view: DataFrame,
  _options: Record<string, never> = {},
): DataFrame {
  requireFrame(view, "the customer view", ACTION);
  const columns = ["action", "clv", "churn_probability", "offer_budget", "expected_gain"];
  requireColumns(view, columns, ACTION);
  const [actions, clv, churn, budget, gain] = columns.map((c) =>
    view.getColumn(c).toArray() as unknown[]
  );
  const unknown = [...new Set(actions)].filter((a) =>
    !CUSTOMER_VIEW_ACTIONS.includes(a as typeof CUSTOMER_VIEW_ACTIONS[number])
  );
  if (unknown.length > 0) {
    throw new RangeError(
      `Cannot ${ACTION} as ${unknown.length} actions are not the view's: e.g. ${
        formatExamples(unknown)
      }`,
    );
  }
  const rows = CUSTOMER_VIEW_ACTIONS.map((action) => ({
    action,
    customers: 0,
    clv: 0,
    churnSum: 0,
    churnN: 0,
    budget: 0,
    gain: null as number | null,
  }));
  const byAction = new Map(rows.map((row) => [row.action as unknown, row]));
  for (let i = 0; i < actions.length; i++) {
    const row = byAction.get(actions[i])!;
    row.customers++;
    if (clv[i] != null) row.clv += Number(clv[i]);
    if (churn[i] != null) {
      row.churnSum += Number(churn[i]);
      row.churnN++;
    }
    if (budget[i] != null) row.budget += Number(budget[i]);
    if (gain[i] != null) row.gain = (row.gain ?? 0) + Number(gain[i]);
  }
  const present = rows.filter((row) => row.customers > 0);
  const total = actions.length;
  return pl.DataFrame([
    pl.Series("action", present.map((r) => r.action), pl.Utf8),
    pl.Series("customers", present.map((r) => r.customers), pl.Int64),
    pl.Series("share", present.map((r) => r.customers / total), pl.Float64),
    pl.Series("clv", present.map((r) => r.clv), pl.Float64),
    pl.Series(
      "mean_churn_probability",
      present.map((r) => r.churnN > 0 ? r.churnSum / r.churnN : null),
      pl.Float64,
    ),
    pl.Series("offer_budget", present.map((r) => r.budget), pl.Float64),
    pl.Series("expected_gain", present.map((r) => r.gain), pl.Float64),
  ]);
}
