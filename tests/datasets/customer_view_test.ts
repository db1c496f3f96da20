/**
 * Whole-dataset tests of the customer view pieces on the marketing-campaign customers: the split
 * into sources, the join and its findings, k-prototypes and the segment cards.
 *
 * @module
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadMarketingCampaign } from "../../lib/io/datasets.ts";
import { joinSources, marketingCampaignSources } from "../../lib/integrate/mod.ts";
import { fitKPrototypes, segmentCards } from "../../lib/segmentation/mod.ts";
import { fitStandardScaler } from "../../lib/prep/mod.ts";

const AS_OF = new Date("2014-07-01T00:00:00Z");

Deno.test("marketing campaign: sources, join findings, k-prototypes and cards", () => {
  const { sources, excluded } = marketingCampaignSources(loadMarketingCampaign(), { asOf: AS_OF });
  // SOURCE.md: 24 blank incomes, one of 666,666, birth years 1893/1899/1900, Absurd 2, YOLO 2.
  const reasons = Object.fromEntries(
    excluded.groupBy("reason").agg(pl.len().alias("n")).toRecords().map((r) => [r.reason, r.n]),
  );
  assert.deepEqual(reasons, {
    "income missing": 24,
    "income above 200000": 1,
    "born before 1920": 3,
    "marital status Absurd or YOLO": 4,
  });
  const joined = joinSources(sources, { key: "customer_id", how: "inner" });
  assert.equal(joined.table.height, 2_240 - 32);
  const notIn = joined.findings.filter(pl.col("rule").eq(pl.lit("not_in_result")));
  assert.deepEqual(notIn.getColumn("rows").toArray(), [32, 32]);
  assert.equal(joined.dictionary.height, joined.table.width);

  const numeric = ["age", "income", "children", "total_spend", "web_visits_month"];
  const scaled = fitStandardScaler(joined.table, { features: numeric }).transform(joined.table);
  const model = fitKPrototypes(scaled, {
    numeric,
    categorical: ["education", "marital_status"],
    k: 4,
    seed: 1,
    nInit: 3,
  });
  assert.equal(model.labels.length, joined.table.height);
  assert.equal(model.sizes.reduce((a, b) => a + b, 0), joined.table.height);
  const cards = segmentCards(joined.table, {
    labels: model.labels,
    numeric,
    categorical: ["education"],
    rates: ["response", "complained"],
  });
  assert.equal(cards.height, 5);
  // The overall response rate of the 2,208 kept customers, from the data.
  const overall = cards.filter(pl.col("segment").isNull()).getColumn("response_rate").toArray()[0];
  assert.equal(overall, Number(joined.table.getColumn("response").mean()));
});
