import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { computeRfm } from "./compute_rfm.ts";
import { scoreRfm } from "./score_rfm.ts";
import { RFM_SEGMENTS } from "./segments.ts";
import { AS_OF, smallTransactions } from "./_test_fixtures.ts";

// Reference values: tests/reference/rfm_reference.py, sections "small table: scores, bins=5" and
// "bins=3": pandas 1.5.3 `np.ceil(x.rank(method="average", ascending=...) * bins / len(x))`
// (recency_days ranked with ascending=False), segment = GRID[r5 - 1][(f5 + m5) // 2 - 1].
const SEGMENTS = [
  "Champions",
  "At risk",
  "Lost",
  "About to sleep",
  "Loyal",
  "Lost",
  "New",
  "Potential loyalist",
  "At risk",
  "Potential loyalist",
];
const EXPECTED = {
  5: {
    r_score: [5, 2, 1, 3, 3, 1, 5, 5, 2, 4],
    f_score: [5, 4, 2, 2, 4, 2, 2, 4, 5, 2],
    m_score: [5, 4, 2, 1, 5, 3, 1, 2, 4, 3],
    rfm_score: ["555", "244", "122", "321", "345", "123", "521", "542", "254", "423"],
    segment: SEGMENTS,
  },
  3: {
    r_score: [3, 2, 1, 2, 2, 1, 3, 3, 1, 3],
    f_score: [3, 3, 1, 1, 3, 1, 1, 3, 3, 1],
    m_score: [3, 3, 2, 1, 3, 2, 1, 1, 3, 2],
    rfm_score: ["333", "233", "112", "211", "233", "112", "311", "331", "133", "312"],
    segment: SEGMENTS,
  },
} as const;

const rfm = () => computeRfm(smallTransactions(), { asOf: AS_OF });

for (const bins of [5, 3] as const) {
  Deno.test(`scoreRfm matches pandas rank scores with bins=${bins}`, () => {
    const scored = scoreRfm(rfm(), { bins });
    for (const [column, values] of Object.entries(EXPECTED[bins])) {
      assert.deepEqual(scored.getColumn(column).toArray(), values, column);
    }
  });
}

Deno.test("scoreRfm defaults to 5 bins, keeps the input columns and adds typed scores", () => {
  const input = rfm();
  const scored = scoreRfm(input);
  assert.deepEqual(scored.columns, [
    ...input.columns,
    "r_score",
    "f_score",
    "m_score",
    "rfm_score",
    "segment",
  ]);
  assert.deepEqual(
    ["r_score", "f_score", "m_score", "rfm_score", "segment"].map((c) =>
      scored.getColumn(c).dtype.variant
    ),
    ["Int64", "Int64", "Int64", "String", "String"],
  );
  assert.deepEqual(scored.getColumn("rfm_score").toArray(), EXPECTED[5].rfm_score);
  assert.ok(scored.select(...input.columns).frameEqual(input));
});

Deno.test("scoreRfm gives tied values the same score, whatever the row order", () => {
  const scored = scoreRfm(rfm());
  // c04 and c05 share recency 14; c07 and c04 share monetary 7; frequency 1 is shared by five.
  const byId = (id: string) => scored.filter(pl.col("customer_id").eq(pl.lit(id))).toRecords()[0];
  assert.equal(byId("c04").r_score, byId("c05").r_score);
  assert.equal(byId("c04").m_score, byId("c07").m_score);
  // Reversed rows: each customer keeps its scores.
  const reversed = scoreRfm(rfm().reverse()).sort("customer_id");
  assert.ok(reversed.frameEqual(scored));
});

Deno.test("scoreRfm scores distinct values as equal-sized quantiles", () => {
  const n = 20;
  const df = pl.DataFrame({
    recency_days: Array.from({ length: n }, (_, i) => 100 - i),
    frequency: Array.from({ length: n }, (_, i) => i + 1),
    monetary: Array.from({ length: n }, (_, i) => (i + 1) * 10.5),
  });
  const scored = scoreRfm(df, { bins: 4 });
  const expected = Array.from({ length: n }, (_, i) => Math.floor(i / 5) + 1);
  assert.deepEqual(scored.getColumn("r_score").toArray(), expected);
  assert.deepEqual(scored.getColumn("f_score").toArray(), expected);
  assert.deepEqual(scored.getColumn("m_score").toArray(), expected);
});

Deno.test("scoreRfm segments do not depend on bins and are all known names", () => {
  const base = rfm();
  const segments = scoreRfm(base).getColumn("segment").toArray();
  for (const bins of [2, 3, 4, 7, 9]) {
    assert.deepEqual(scoreRfm(base, { bins }).getColumn("segment").toArray(), segments);
  }
  for (const s of segments) assert.ok((RFM_SEGMENTS as readonly unknown[]).includes(s));
});

Deno.test("scoreRfm does not modify its input", () => {
  const input = rfm();
  const before = input.clone();
  scoreRfm(input, { bins: 4 });
  assert.ok(input.frameEqual(before));
  assert.deepEqual(input.columns, before.columns);
});

Deno.test("scoreRfm rejects bad bins, missing columns, empty frames and bad values", () => {
  for (const bins of [1, 10, 2.5, Number.NaN]) {
    assert.throws(
      () => scoreRfm(rfm(), { bins }),
      (e: unknown) =>
        e instanceof RangeError &&
        e.message === `Cannot score RFM as bins must be an integer from 2 to 9: got ${bins}`,
    );
  }
  assert.throws(
    () => scoreRfm(rfm(), { bins: "5" as unknown as number }),
    /^TypeError: Cannot score RFM as bins is not a number: got "5"$/,
  );
  assert.throws(
    () => scoreRfm(rfm().drop("monetary")),
    /^TypeError: Cannot score RFM as column "monetary" is missing/,
  );
  assert.throws(
    () => scoreRfm(rfm().withColumns(pl.col("frequency").cast(pl.Utf8))),
    /^TypeError: Cannot score RFM as column "frequency" is not numeric: its dtype is String$/,
  );
  assert.throws(
    () => scoreRfm(rfm().head(0)),
    /^RangeError: Cannot score RFM as the frame is empty: 0 rows$/,
  );
  const bad = rfm().withColumns(
    pl.when(pl.col("customer_id").eq(pl.lit("c03"))).then(pl.lit(null).cast(pl.Float64))
      .when(pl.col("customer_id").eq(pl.lit("c06"))).then(pl.lit(Number.POSITIVE_INFINITY))
      .otherwise(pl.col("monetary")).alias("monetary"),
  );
  assert.throws(
    () => scoreRfm(bad),
    /^RangeError: Cannot score RFM as column "monetary" has 2 missing, NaN or infinite values: customers "c03", "c06"$/,
  );
});

Deno.test("scoreRfm on one or two customers is deterministic and notes too few distinct values", async () => {
  const { dataNotes } = await import("../core/errors.ts");
  const one = scoreRfm(pl.DataFrame({ recency_days: [3], frequency: [2], monetary: [10.0] }));
  assert.deepEqual(one.getColumn("rfm_score").toArray(), ["333"]);
  assert.deepEqual(dataNotes(one).map((n) => [n.rule, n.column, n.rows]), [
    ["too_few_distinct_values", "recency_days", 1],
    ["too_few_distinct_values", "frequency", 1],
    ["too_few_distinct_values", "monetary", 1],
  ]);
  const two = scoreRfm(
    pl.DataFrame({ recency_days: [3, 30], frequency: [5, 1], monetary: [100.0, 10.0] }),
  );
  assert.deepEqual(two.getColumn("rfm_score").toArray(), ["555", "333"]);
  assert.equal(dataNotes(two).length, 3);
});
