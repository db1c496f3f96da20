import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireColumns, requireDate, requireFinite } from "../core/errors.ts";
import type { JoinSource } from "./join_sources.ts";

/** Options for {@linkcode marketingCampaignSources}. */
export interface MarketingCampaignSourcesOptions {
  /** The date ages and tenures are measured at (the data do not say when they were extracted). */
  asOf: Date;
  /** Birth years before this are treated as data-entry errors and excluded. Default 1920. */
  minBirthYear?: number;
  /** Incomes above this are treated as data-entry errors and excluded. Default 200,000. */
  maxIncome?: number;
}

/** What {@linkcode marketingCampaignSources} returns. */
export interface MarketingCampaignSources {
  /** The three sources, ready for `joinSources` (key `customer_id`). */
  readonly sources: {
    readonly profile: JoinSource;
    readonly purchases: JoinSource;
    readonly campaigns: JoinSource;
  };
  /** Customers left out of `profile`, with `customer_id` and `reason`. */
  readonly excluded: DataFrame;
}

const SPEND = [
  "spend_wines",
  "spend_fruits",
  "spend_meat",
  "spend_fish",
  "spend_sweets",
  "spend_gold",
] as const;
const CAMPAIGNS = [
  "accepted_cmp1",
  "accepted_cmp2",
  "accepted_cmp3",
  "accepted_cmp4",
  "accepted_cmp5",
] as const;

/**
 * Splits the marketing-campaign customers (as {@linkcode loadMarketingCampaign} reads them) into
 * the three sources a retailer would hold separately, with derived features and their meanings:
 *
 * - `profile` (the CRM): `age` (years at `asOf`), `education`, `marital_status` (`Alone` read as
 *   `Single`), `income`, `children` (kids plus teenagers at home), `tenure_days` (since
 *   enrolment, at `asOf`). Customers whose profile is unusable are left out and listed in
 *   `excluded`: missing income, income above `maxIncome`, birth year before `minBirthYear`, and
 *   the meaningless marital statuses `Absurd` and `YOLO`;
 * - `purchases` (the order system): `recency_days`, `total_spend` and the six category spends,
 *   purchases by channel and web visits last month;
 * - `campaigns` (the marketing platform): `earlier_acceptances` (campaigns 1-5 accepted),
 *   `response` (the last campaign) and `complained`.
 *
 * The file holds them in one table; splitting it shows `joinSources` at work on sources that
 * disagree on who is in them (the excluded profiles). The constant `z_cost_contact` and
 * `z_revenue` columns are not carried.
 *
 * @param df The loaded customers; not modified.
 * @param options `asOf` and the exclusion thresholds.
 * @returns The sources and the excluded customers.
 * @throws {TypeError} When a column of the loader's table is missing or `asOf` is not a date.
 * @throws {RangeError} When a threshold is not finite.
 *
 * @example Three sources from one file
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadMarketingCampaign } from "../io/datasets.ts";
 * import { marketingCampaignSources } from "./marketing_campaign_sources.ts";
 *
 * const { sources, excluded } = marketingCampaignSources(loadMarketingCampaign(), {
 *   asOf: new Date("2014-07-01T00:00:00Z"),
 * });
 * assert.equal(sources.profile.data.height + excluded.height, 2_240);
 * assert.equal(sources.purchases.data.height, 2_240);
 * ```
 */
export function marketingCampaignSources(
  df: DataFrame,
  options: MarketingCampaignSourcesOptions,
): MarketingCampaignSources {
  const action = "split the marketing-campaign sources";
  const asOf = requireDate(options.asOf, "asOf", action);
  const minBirthYear = requireFinite(options.minBirthYear ?? 1920, "minBirthYear", action);
  const maxIncome = requireFinite(options.maxIncome ?? 200_000, "maxIncome", action);
  requireColumns(df, [
    "customer_id",
    "birth_year",
    "education",
    "marital_status",
    "income",
    "kids_at_home",
    "teens_at_home",
    "enrolled_date",
    "recency_days",
    ...SPEND,
    "deal_purchases",
    "web_purchases",
    "catalog_purchases",
    "store_purchases",
    "web_visits_month",
    ...CAMPAIGNS,
    "complained",
    "response",
  ], action);
  const asOfDays = Math.floor(asOf.getTime() / 86_400_000);
  const income = pl.col("income");
  const marital = pl.col("marital_status");
  const reason = pl.when(income.isNull()).then(pl.lit("income missing"))
    .when(income.gt(pl.lit(maxIncome))).then(pl.lit(`income above ${maxIncome}`))
    .when(pl.col("birth_year").lt(pl.lit(minBirthYear))).then(
      pl.lit(`born before ${minBirthYear}`),
    )
    .when(marital.isIn(["Absurd", "YOLO"])).then(pl.lit("marital status Absurd or YOLO"))
    .otherwise(pl.lit(null).cast(pl.Utf8)).alias("reason");
  const flagged = df.withColumns(reason);
  const excluded = flagged.filter(pl.col("reason").isNotNull()).select("customer_id", "reason");
  const profile = flagged.filter(pl.col("reason").isNull()).select(
    "customer_id",
    pl.lit(asOf.getUTCFullYear()).sub(pl.col("birth_year")).cast(pl.Int64).alias("age"),
    "education",
    pl.when(marital.eq(pl.lit("Alone"))).then(pl.lit("Single")).otherwise(marital).alias(
      "marital_status",
    ),
    "income",
    pl.col("kids_at_home").add(pl.col("teens_at_home")).alias("children"),
    pl.lit(asOfDays).sub(pl.col("enrolled_date").cast(pl.Int32)).cast(pl.Int64).alias(
      "tenure_days",
    ),
  );
  const purchases = df.select(
    "customer_id",
    "recency_days",
    SPEND.map((c) => pl.col(c)).reduce((a, b) => a.add(b)).alias("total_spend"),
    ...SPEND,
    "deal_purchases",
    "web_purchases",
    "catalog_purchases",
    "store_purchases",
    "web_visits_month",
  );
  const campaigns = df.select(
    "customer_id",
    CAMPAIGNS.map((c) => pl.col(c)).reduce((a, b) => a.add(b)).alias("earlier_acceptances"),
    "response",
    "complained",
  );
  return Object.freeze({
    sources: Object.freeze({
      profile: {
        data: profile,
        meanings: {
          age: `age in years at ${asOf.toISOString().slice(0, 10)}`,
          education: "highest education (2n Cycle is a master's-level degree)",
          marital_status: "marital status (Alone read as Single)",
          income: "yearly household income",
          children: "children and teenagers at home",
          tenure_days: "days since enrolment",
        },
      },
      purchases: {
        data: purchases,
        meanings: {
          recency_days: "days since the last purchase",
          total_spend: "amount spent on all six categories in the last two years",
          spend_wines: "amount spent on wine in the last two years",
          spend_fruits: "amount spent on fruit",
          spend_meat: "amount spent on meat",
          spend_fish: "amount spent on fish",
          spend_sweets: "amount spent on sweets",
          spend_gold: "amount spent on gold products",
          deal_purchases: "purchases made with a discount",
          web_purchases: "purchases on the website",
          catalog_purchases: "purchases from the catalogue",
          store_purchases: "purchases in store",
          web_visits_month: "website visits last month",
        },
      },
      campaigns: {
        data: campaigns,
        meanings: {
          earlier_acceptances: "offers accepted in campaigns 1-5 (0-5)",
          response: "accepted the offer of the last campaign (0/1)",
          complained: "complained in the last two years (0/1)",
        },
      },
    }),
    excluded,
  });
}
