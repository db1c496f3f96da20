import assert from "node:assert/strict";
import { type RfmSegment, SEGMENT_ACTIONS } from "./segments.ts";
import pl from "nodejs-polars";
import { computeRfm } from "./compute_rfm.ts";
import { scoreRfm } from "./score_rfm.ts";
import { rfmSegmentSummary } from "./rfm_segment_summary.ts";
import { AS_OF, smallTransactions } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/rfm_reference.py, section "small table: segment summary":
// pandas 1.5.3 `scored.groupby("segment").agg(customers=("recency_days", "size"),
// recency_days_mean=("recency_days", "mean"), ..., monetary_total=("monetary", "sum"))`, shares as
// column / column.sum(), `sort_values(["monetary_total", "segment"], ascending=[False, True])`.
const EXPECTED = {
  segment: [
    "At risk",
    "Champions",
    "Potential loyalist",
    "Loyal",
    "Lost",
    "About to sleep",
    "New",
  ],
  customers: [2, 1, 2, 1, 2, 1, 1],
  customer_share: [0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.1],
  recency_days_mean: [29.0, 0.0, 0.5, 14.0, 57.0, 14.0, 0.0],
  frequency_mean: [2.5, 3.0, 1.5, 2.0, 1.0, 1.0, 1.0],
  monetary_mean: [40.08, 56.0, 24.5, 45.0, 20.6, 7.0, 7.0],
  monetary_total: [80.16, 56.0, 49.0, 45.0, 41.2, 7.0, 7.0],
  monetary_share: [
    0.2809083263246425,
    0.19624334174376226,
    0.17171292402579197,
    0.1576955424726661,
    0.14437902999719654,
    0.024530417717970283,
    0.024530417717970283,
  ],
};

Deno.test("rfmSegmentSummary matches pandas on the small table", () => {
  const summary = rfmSegmentSummary(scoreRfm(computeRfm(smallTransactions(), { asOf: AS_OF })));
  assert.deepEqual(summary.columns, [...Object.keys(EXPECTED), "action"]);
  // Each segment's action comes from the documented map.
  (summary.getColumn("segment").toArray() as RfmSegment[]).forEach((segment, i) =>
    assert.equal(summary.getColumn("action").toArray()[i], SEGMENT_ACTIONS[segment].action)
  );
  assert.deepEqual(summary.getColumn("segment").toArray(), EXPECTED.segment);
  assert.deepEqual(summary.getColumn("customers").toArray(), EXPECTED.customers);
  assert.equal(summary.getColumn("customers").dtype.variant, "Int64");
  for (const column of Object.keys(EXPECTED).slice(2) as (keyof typeof EXPECTED)[]) {
    assertClose(
      summary.getColumn(column).toArray(),
      EXPECTED[column] as number[],
      1e-12,
      column,
    );
  }
});

Deno.test("rfmSegmentSummary does not modify its input", () => {
  const scored = scoreRfm(computeRfm(smallTransactions(), { asOf: AS_OF }));
  const before = scored.clone();
  rfmSegmentSummary(scored);
  assert.ok(scored.frameEqual(before));
});

Deno.test("rfmSegmentSummary rejects missing columns, empty frames and missing segments", () => {
  const scored = pl.DataFrame({
    segment: ["Lost", null, null],
    recency_days: [1, 2, 3],
    frequency: [1, 1, 1],
    monetary: [1, 1, 1],
  });
  assert.throws(
    () => rfmSegmentSummary(scored.drop("segment")),
    /^TypeError: Cannot summarise RFM segments as column "segment" is missing/,
  );
  assert.throws(
    () => rfmSegmentSummary(scored.head(0)),
    /^RangeError: Cannot summarise RFM segments as the frame is empty: 0 rows$/,
  );
  assert.throws(
    () => rfmSegmentSummary(scored),
    /^RangeError: Cannot summarise RFM segments as 2 customers have no segment: rows 2, 3$/,
  );
});
