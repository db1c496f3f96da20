import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { segmentCards } from "./segment_cards.ts";
import { assertClose } from "../../tests/_helpers.ts";

const df = pl.DataFrame({
  income: [80, 90, null, 20, 30, 40],
  education: ["PhD", "PhD", "Master", "Basic", "Basic", null],
  response: [1, 0, 1, 0, 0, 0],
  complained: [false, false, false, true, false, false],
});
const labels = [1, 1, 1, 0, 0, 0];

Deno.test("segmentCards: sizes, means, indices, top levels and rates by hand", () => {
  const cards = segmentCards(df, {
    labels,
    numeric: ["income"],
    categorical: ["education"],
    rates: ["response", "complained"],
  });
  assert.deepEqual(cards.columns, [
    "segment",
    "name",
    "customers",
    "share",
    "income_mean",
    "income_index",
    "education_top",
    "education_top_share",
    "education_top_lift",
    "response_rate",
    "response_lift",
    "complained_rate",
    "complained_lift",
  ]);
  const rows = cards.toRecords();
  assert.deepEqual(rows.map((r) => r.segment), [0, 1, null]);
  assert.deepEqual(rows.map((r) => r.customers), [3, 3, 6]);
  // income: segment 0 mean 30, segment 1 mean 85 (the missing value left out), overall 52.
  assert.deepEqual(rows.map((r) => r.income_mean), [30, 85, 52]);
  assertClose(rows.map((r) => Number(r.income_index)), [30 / 52, 85 / 52, 1]);
  // education: segment 1 is 2/3 PhD, PhD is 2/6 overall: lift 2. Segment 0: Basic 2/3, lift 2.
  assert.deepEqual(rows.map((r) => r.education_top), ["Basic", "PhD", "Basic"]);
  assertClose(rows.map((r) => Number(r.education_top_share)), [2 / 3, 2 / 3, 1 / 3]);
  assertClose(rows.map((r) => Number(r.education_top_lift)), [2, 2, 1]);
  assertClose(rows.map((r) => Number(r.response_rate)), [0, 2 / 3, 1 / 3]);
  assertClose(rows.map((r) => Number(r.complained_rate)), [1 / 3, 0, 1 / 6]);
  assertClose(rows.map((r) => Number(r.complained_lift)), [2, 0, 1]);
  // Names: by |log index| and log lift; ln(85/52) = 0.49 < ln 2 = 0.69; ln(52/30) = 0.55.
  assert.deepEqual(rows.map((r) => r.name), [
    "Mostly Basic education, low income",
    "Mostly PhD education, high income",
    "All customers",
  ]);
  assert.deepEqual(df.getColumn("income").toArray(), [80, 90, null, 20, 30, 40]);
});

Deno.test("segmentCards: names are unique and 'Average profile' when nothing stands out", () => {
  const flat = pl.DataFrame({ x: [1, 2, 1, 2, 1, 2] });
  const cards = segmentCards(flat, { labels: [0, 0, 1, 1, 2, 2], numeric: ["x"] });
  assert.deepEqual(cards.getColumn("name").toArray(), [
    "Average profile (segment 0)",
    "Average profile (segment 1)",
    "Average profile (segment 2)",
    "All customers",
  ]);
  const spread = pl.DataFrame({ x: [1, 1, 3, 3, 5, 5] });
  const three = segmentCards(spread, { labels: [0, 0, 1, 1, 2, 2], numeric: ["x"] });
  assert.deepEqual(three.getColumn("name").toArray(), [
    "Low x",
    "Average profile",
    "High x",
    "All customers",
  ]);
});

Deno.test("segmentCards: bad input gives clear errors", () => {
  const allMissing = df.withColumns(pl.lit(null).cast(pl.Float64).alias("income"));
  assert.throws(
    () => segmentCards(allMissing, { labels, numeric: ["income"] }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot make segment cards as numeric column "income" is all missing: 6 of 6 rows',
  );
  const badRate = df.withColumns(pl.Series("response", [1, 2, 0, 0, 3, 0]));
  assert.throws(
    () => segmentCards(badRate, { labels, rates: ["response"] }),
    /rate column "response" must hold only 0 and 1: 2 other values, e.g. "2", "3"/,
  );
  assert.throws(() => segmentCards(df, { labels: [0, 1], numeric: ["income"] }), RangeError);
  assert.throws(() => segmentCards(df, { labels }), /nothing to profile/);
  assert.throws(() => segmentCards(df, { labels, numeric: ["education"] }), TypeError);
  assert.throws(() => segmentCards(df, { labels, rates: ["education"] }), TypeError);
});
