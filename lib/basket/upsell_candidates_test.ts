import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { upsellCandidates } from "./upsell_candidates.ts";

type Line = [customer: string | null, invoice: string, product: string, qty: number, price: number];

function frame(lines: Line[]): DataFrame {
  return pl.DataFrame([
    pl.Series("customer_id", lines.map((l) => l[0]), pl.Utf8),
    pl.Series("invoice_id", lines.map((l) => l[1]), pl.Utf8),
    pl.Series("product_id", lines.map((l) => l[2]), pl.Utf8),
    pl.Series("quantity", lines.map((l) => l[3]), pl.Int64),
    pl.Series("unit_price", lines.map((l) => l[4]), pl.Float64),
  ]);
}

// Family 11111 has three variants; median prices: A 1.00 (lines 1.00, 1.00, 0.50, 1.00),
// B 2.00, C 3.00. Family 33333 has two variants at the same price: no trade-up. 22222 is alone.
const familyLines = (): Line[] => [
  ["c1", "i1", "11111A", 4, 1.0],
  ["c1", "i2", "11111A", 6, 1.0],
  ["c1", "i2", "POST", 1, 18.0], // no family
  ["c1", "i3", "11111A", -2, 1.0], // a return: ignored
  ["c2", "i4", "11111A", 5, 0.5], // bought cheaply, but the variant's price is its median
  ["c2", "i4", "11111B", 3, 2.0],
  ["c2", "i5", "33333A", 7, 4.0],
  ["c3", "i6", "11111C", 1, 3.0],
  ["c3", "i6", "11111A", 1, 1.0],
  ["c4", "i7", "11111B", 2, 2.0],
  ["c4", "i7", "22222", 9, 5.0],
  ["c5", "i8", "33333B", 1, 4.0],
  [null, "i9", "11111A", 50, 1.0], // no customer: ignored
];

Deno.test("upsellCandidates() family_trade_up suggests the next dearer variant", () => {
  const upsell = upsellCandidates(frame(familyLines()), { signals: ["family_trade_up"] });
  assert.deepEqual(upsell.columns, ["customer_id", "signal", "evidence", "opportunity", "rank"]);
  assert.deepEqual(upsell.dtypes.map((d) => d.variant), [
    "String",
    "String",
    "String",
    "Float64",
    "Int64",
  ]);
  assert.deepEqual(upsell.toRecords(), [
    {
      customer_id: "c2",
      signal: "family_trade_up",
      evidence: "family 11111: bought 11111A at 1.00 (5 units) and 11111B at 2.00 (3 units); " +
        "suggest 11111C at 3.00 (1.50x the price)",
      opportunity: (3 - 1) * 5 + (3 - 2) * 3, // 13
      rank: 1,
    },
    {
      customer_id: "c1",
      signal: "family_trade_up",
      evidence: "family 11111: bought 11111A at 1.00 (10 units); " +
        "suggest 11111B at 2.00 (2.00x the price)",
      opportunity: (2 - 1) * 10, // 10; the return line does not count
      rank: 2,
    },
    {
      customer_id: "c4",
      signal: "family_trade_up",
      evidence: "family 11111: bought 11111B at 2.00 (2 units); " +
        "suggest 11111C at 3.00 (1.50x the price)",
      opportunity: (3 - 2) * 2,
      rank: 3,
    },
    // c3 already bought the dearest variant; c5 and 33333 have no dearer variant
  ]);
});

Deno.test("upsellCandidates() minPriceRatio skips small price steps", () => {
  const upsell = upsellCandidates(frame(familyLines()), {
    signals: ["family_trade_up"],
    minPriceRatio: 1.6,
  });
  // c1 keeps B (2.00 > 1.6 x 1.00); for c2 and c4, C is too close (3.00 < 1.6 x 2.00).
  assert.deepEqual(upsell.getColumn("customer_id").toArray(), ["c1"]);
  const strict = upsellCandidates(frame(familyLines()), {
    signals: ["family_trade_up"],
    minPriceRatio: 2.5,
  });
  // c1 now skips B and is offered C (3.00 > 2.5 x 1.00): (3 - 1) x 10 = 20.
  assert.deepEqual(strict.select("customer_id", "opportunity").toRecords(), [
    { customer_id: "c1", opportunity: 20 },
  ]);
});

Deno.test("upsellCandidates() family_trade_up takes a family pattern", () => {
  const tx = frame([
    ["a", "1", "MUG-S", 4, 2.0],
    ["b", "2", "MUG-L", 1, 3.5],
    ["b", "2", "BOWL", 1, 3.0],
  ]);
  const upsell = upsellCandidates(tx, {
    signals: ["family_trade_up"],
    familyPattern: "^([A-Z]+)-[SML]$",
  });
  assert.deepEqual(upsell.select("customer_id", "opportunity").toRecords(), [
    { customer_id: "a", opportunity: (3.5 - 2) * 4 },
  ]);
  assert.ok((upsell.getColumn("evidence").toArray()[0] as string).startsWith("family MUG:"));
});

// Orders and average order values (AOV) per customer:
//   c1 4 orders AOV 10, c2 1 x 50, c3 2 x 30, c4 3 x 20, c5 1 x 100, c6 2 x 15.
const aovLines = (): Line[] => [
  ["c1", "a1", "X", 2, 2.5],
  ["c1", "a1", "Y", 1, 5.0],
  ["c1", "a2", "X", 4, 2.5],
  ["c1", "a3", "X", 4, 2.5],
  ["c1", "a4", "Y", 2, 5.0],
  ["c2", "b1", "Z", 5, 10.0],
  ["c3", "c1", "Z", 3, 10.0],
  ["c3", "c2", "Z", 3, 10.0],
  ["c4", "d1", "Y", 4, 5.0],
  ["c4", "d2", "Y", 4, 5.0],
  ["c4", "d3", "X", 8, 2.5],
  ["c5", "e1", "Z", 10, 10.0],
  ["c6", "f1", "Y", 3, 5.0],
  ["c6", "f2", "X", 6, 2.5],
  ["c6", "f2", "X", -6, 2.5], // a return: ignored
];

Deno.test("upsellCandidates() below_segment_aov with one segment for everyone", () => {
  // AOVs sorted 10, 15, 20, 30, 50, 100: 25th percentile (numpy linear) = 15 + 0.25 x 5 = 16.25,
  // median = 25; orders sorted 1, 1, 2, 2, 3, 4: median 2.
  const upsell = upsellCandidates(frame(aovLines()), { signals: ["below_segment_aov"] });
  assert.deepEqual(upsell.toRecords(), [
    {
      customer_id: "c1",
      signal: "below_segment_aov",
      evidence: 'average order 10.00 over 4 orders; segment "all" median 25.00 ' +
        "(gap 15.00 per order; 25th percentile 16.25; median orders 2)",
      opportunity: (25 - 10) * 4,
      rank: 1,
    },
    {
      customer_id: "c6",
      signal: "below_segment_aov",
      evidence: 'average order 15.00 over 2 orders; segment "all" median 25.00 ' +
        "(gap 10.00 per order; 25th percentile 16.25; median orders 2)",
      opportunity: (25 - 15) * 2,
      rank: 2,
    },
  ]);
});

Deno.test("upsellCandidates() below_segment_aov compares customers within their segment", () => {
  const segments = pl.DataFrame({
    customer_id: ["c1", "c2", "c3", "c4", "c5", "c6", "c9"],
    tier: ["S1", "S1", "S1", "S2", "S2", "S2", "S2"],
  });
  // S1: AOV 10, 50, 30 -> q25 = 10 + 0.5 x 20 = 20, median 30; orders 4, 1, 2 -> median 2.
  // S2: AOV 20, 100, 15 -> q25 = 15 + 0.5 x 5 = 17.5, median 20; orders 3, 1, 2 -> median 2.
  const upsell = upsellCandidates(frame(aovLines()), {
    signals: ["below_segment_aov"],
    segments,
    segment: "tier",
    aovQuantile: 0.25,
  });
  assert.deepEqual(upsell.select("customer_id", "opportunity", "rank").toRecords(), [
    { customer_id: "c1", opportunity: (30 - 10) * 4, rank: 1 },
    { customer_id: "c6", opportunity: (20 - 15) * 2, rank: 2 },
  ]);
  assert.match(upsell.getColumn("evidence").toArray()[1] as string, /segment "S2" median 20\.00/);
  // A customer missing from segments is not scored for this signal, and no longer counts in its
  // segment: S2 is now c4 (3 orders, AOV 20) and c5 (1 x 100): q25 = 20 + 0.25 x 80 = 40,
  // median 60, median orders 2, so c4 qualifies with (60 - 20) x 3 = 120.
  const partial = upsellCandidates(frame(aovLines()), {
    signals: ["below_segment_aov"],
    segments: segments.filter(pl.col("customer_id").neq(pl.lit("c6"))),
    segment: "tier",
  });
  assert.deepEqual(partial.select("customer_id", "opportunity").toRecords(), [
    { customer_id: "c4", opportunity: 120 },
    { customer_id: "c1", opportunity: 80 },
  ]);
});

Deno.test("upsellCandidates() ranks both signals together by opportunity", () => {
  const tx = frame([
    ...familyLines(),
    ...aovLines().map((l): Line => [`x${l[0]}`, ...l.slice(1)] as Line),
  ]);
  const upsell = upsellCandidates(tx);
  // family_trade_up: c2 13, c1 10, c4 2. below_segment_aov over all 11 customers: see below.
  const rows = upsell.select("customer_id", "signal", "opportunity", "rank").toRecords();
  assert.deepEqual(rows.map((r) => r.rank), rows.map((_, i) => i + 1));
  const opportunities = rows.map((r) => r.opportunity as number);
  assert.deepEqual(opportunities, [...opportunities].sort((a, b) => b - a));
  assert.deepEqual(
    rows.filter((r) => r.signal === "family_trade_up").map((r) => [r.customer_id, r.opportunity]),
    [["c2", 13], ["c1", 10], ["c4", 2]],
  );
});

Deno.test("upsellCandidates() keeps the customer dtype, is deterministic, leaves input alone", () => {
  const tx = frame(familyLines()).filter(pl.col("customer_id").isNotNull())
    .withColumns(pl.col("customer_id").str.slice(1).cast(pl.Int64));
  const before = tx.toRecords();
  const first = upsellCandidates(tx);
  assert.deepEqual(tx.toRecords(), before);
  assert.equal(first.getColumn("customer_id").dtype.variant, "Int64");
  assert.deepEqual(
    first.filter(pl.col("signal").eq(pl.lit("family_trade_up"))).getColumn("customer_id")
      .toArray(),
    [2, 1, 4],
  );
  for (const seed of [1, 2]) {
    assert.deepEqual(
      upsellCandidates(tx.sample(tx.height, undefined, false, seed)).toRecords(),
      first.toRecords(),
    );
  }
});

Deno.test("upsellCandidates() returns an empty frame when nobody qualifies", () => {
  const upsell = upsellCandidates(frame([["a", "1", "11111A", 1, 1.0]]));
  assert.equal(upsell.height, 0);
  assert.deepEqual(upsell.columns, ["customer_id", "signal", "evidence", "opportunity", "rank"]);
});

Deno.test("upsellCandidates() reports bad arguments", () => {
  const tx = frame(familyLines());
  assert.throws(() => upsellCandidates(tx.drop("invoice_id")), {
    name: "TypeError",
    message: 'Cannot find upsell candidates as column "invoice_id" is missing: ' +
      "available columns are customer_id, product_id, quantity, unit_price",
  });
  // invoice_id is only needed by below_segment_aov
  assert.equal(
    upsellCandidates(tx.drop("invoice_id"), { signals: ["family_trade_up"] }).height,
    3,
  );
  assert.throws(
    () => upsellCandidates(tx.withColumns(pl.col("unit_price").cast(pl.Utf8))),
    {
      name: "TypeError",
      message:
        'Cannot find upsell candidates as column "unit_price" is not numeric: its dtype is String',
    },
  );
  assert.throws(() => upsellCandidates(tx.head(0)), {
    name: "RangeError",
    message: "Cannot find upsell candidates as the frame is empty: 0 rows",
  });
  assert.throws(() => upsellCandidates(tx, { signals: [] }), RangeError);
  assert.throws(
    // @ts-expect-error: an unknown signal
    () => upsellCandidates(tx, { signals: ["cross_sell"] }),
    {
      name: "RangeError",
      message: "Cannot find upsell candidates as signals must be among family_trade_up, " +
        'below_segment_aov: got "cross_sell"',
    },
  );
  assert.throws(() => upsellCandidates(tx, { minPriceRatio: 0.9 }), RangeError);
  assert.throws(() => upsellCandidates(tx, { aovQuantile: 1 }), {
    name: "RangeError",
    message: "Cannot find upsell candidates as aovQuantile must be strictly between 0 and 1: got 1",
  });
  const segments = pl.DataFrame({ customer_id: ["c1", "c1", "c2"], segment: ["a", "b", "a"] });
  assert.throws(() => upsellCandidates(tx, { segments }), {
    name: "RangeError",
    message: 'Cannot find upsell candidates as 1 customer appears more than once in segments: "c1"',
  });
  assert.throws(() => upsellCandidates(tx, { segments, segment: "tier" }), TypeError);
  const numeric = pl.DataFrame([
    pl.Series("customer_id", [1], pl.Int64),
    pl.Series("segment", ["a"]),
  ]);
  assert.throws(() => upsellCandidates(tx, { segments: numeric }), {
    name: "TypeError",
    message: 'Cannot find upsell candidates as the customer column "customer_id" has dtype ' +
      "Int64 in segments but String in the transactions",
  });
});
