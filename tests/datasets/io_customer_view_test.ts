/**
 * Whole-dataset tests of the marketing-campaign and online-shoppers loaders: documented columns,
 * row counts and value changes.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  loadMarketingCampaign,
  loadOnlineShoppers,
  MARKETING_CAMPAIGN_COLUMNS,
} from "../../lib/io/datasets.ts";
import { assertClose } from "../_helpers.ts";

// Reference figures: pandas 1.5.3 on the same files (read_csv(sep="\t") for the campaign file),
// and each dataset's SOURCE.md in shared/datasets/.

Deno.test("loadMarketingCampaign reads the tab-separated file with typed snake_case columns", () => {
  const mc = loadMarketingCampaign();
  assert.deepEqual(mc.columns, Object.values(MARKETING_CAMPAIGN_COLUMNS));
  assert.equal(mc.height, 2_240);
  assert.equal(mc.getColumn("customer_id").nUnique(), 2_240);
  assert.equal(mc.getColumn("income").nullCount(), 24);
  assertClose(mc.getColumn("income").mean(), 52247.25135379061, 1e-9); // pandas Income.mean()
  assert.equal(mc.getColumn("spend_wines").sum(), 680_816); // pandas MntWines.sum()
  assert.equal(mc.getColumn("response").sum(), 334);
  assert.equal(mc.getColumn("complained").sum(), 21);
  assert.equal(mc.filter(pl.col("marital_status").eq(pl.lit("YOLO"))).height, 2);
  assert.equal(mc.getColumn("enrolled_date").dtype.variant, "Date");
  // Day-first: the first row's 04-09-2012 is 4 September 2012, not 9 April.
  const first = mc.getColumn("enrolled_date").toArray()[0] as unknown as Date;
  assert.equal(first.toISOString().slice(0, 10), "2012-09-04");
  // 182 rows repeat an earlier row's profile under a different id (pandas duplicated().sum()).
  const profile = mc.drop("customer_id");
  assert.equal(profile.height - profile.unique().height, 182);
});

Deno.test("loadOnlineShoppers reads sessions with categorical codes as text and booleans", () => {
  const s = loadOnlineShoppers();
  assert.equal(s.height, 12_330);
  assert.equal(s.width, 19);
  assert.equal(s.getColumn("purchased").sum(), 1_908);
  assert.equal(s.filter(pl.col("weekend")).height, 2_868);
  assert.equal(s.getColumn("traffic_type").dtype.variant, "String");
  assert.equal(s.filter(pl.col("month").eq(pl.lit("Jun"))).height, 288);
  assert.equal(s.filter(pl.col("month").eq(pl.lit("June"))).height, 0);
  assert.equal(s.getColumn("bounce_rate").nullCount(), 0); // 7.50E-05 parsed
  assertClose(s.getColumn("bounce_rate").sum(), 273.619721204, 1e-9); // pandas BounceRates.sum()
  assert.equal(s.filter(pl.col("visitor_type").eq(pl.lit("Other"))).height, 85);
});
