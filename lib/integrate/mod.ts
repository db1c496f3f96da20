/**
 * Integration: one table per customer from several named sources joined on explicit keys, with
 * findings on what the join did (duplicate keys, customers in one source only, conflicting
 * values, dropped columns) and a feature dictionary that travels with the table.
 *
 * @example Join two sources
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { joinSources } from "./mod.ts";
 *
 * const { table } = joinSources({
 *   crm: pl.DataFrame({ customer_id: [1, 2], age: [30, 40] }),
 *   web: pl.DataFrame({ customer_id: [2, 1], visits: [7, 3] }),
 * }, { key: "customer_id", how: "inner" });
 * assert.deepEqual(table.getColumn("visits").toArray(), [3, 7]);
 * ```
 *
 * @module
 */
export {
  type JoinedSources,
  type JoinSource,
  joinSources,
  type JoinSourcesOptions,
} from "./join_sources.ts";
export { groupSummary, type GroupSummaryOptions } from "./group_summary.ts";
export {
  type MarketingCampaignSources,
  marketingCampaignSources,
  type MarketingCampaignSourcesOptions,
} from "./marketing_campaign_sources.ts";
