import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { recommendFromRules } from "./recommend_from_rules.ts";
import { createRandom } from "../core/random.ts";

/** A rules frame written by hand, in the column order of `associationRules`. */
function rulesFrame(
  rows: [string[], string[], number, number, number][],
): DataFrame {
  return pl.DataFrame([
    pl.Series("antecedents", rows.map((r) => r[0]), pl.List(pl.Utf8)),
    pl.Series("consequents", rows.map((r) => r[1]), pl.List(pl.Utf8)),
    pl.Series("support", rows.map((r) => r[2]), pl.Float64),
    pl.Series("confidence", rows.map((r) => r[3]), pl.Float64),
    pl.Series("lift", rows.map((r) => r[4]), pl.Float64),
  ]);
}

const bought = () =>
  pl.DataFrame({
    customer_id: ["c1", "c1", "c1", "c1", "c2", "c2", "c3", null, "c4"],
    product_id: ["tea", "mug", "tea", "jam", "tea", "scone", "vase", "tea", null],
  });

// [antecedents, consequents, support, confidence, lift]
const rules = () =>
  rulesFrame([
    [["tea"], ["mug"], 0.3, 0.6, 1.5],
    [["tea", "mug"], ["biscuits"], 0.1, 0.8, 2.0],
    [["jam"], ["biscuits"], 0.05, 0.5, 3.0], // biscuits again, weaker: not its reason
    [["tea"], ["scone"], 0.2, 0.6, 1.5], // ties mug on confidence and lift: support decides
    [["tea"], ["cream"], 0.2, 0.6, 1.5], // ties scone entirely: label decides
    [["tea", "mug", "jam"], ["spoon"], 0.02, 0.4, 4.0],
    [["vase", "tea"], ["flowers"], 0.1, 0.9, 5.0], // c3 lacks tea: never applies
  ]);

Deno.test("recommendFromRules() ranks by best confidence, then lift, support and label", () => {
  const recs = recommendFromRules(bought(), { rules: rules(), topN: 10 });
  assert.deepEqual(recs.columns, [
    "customer_id",
    "rank",
    "product_id",
    "score",
    "lift",
    "because_products",
    "reason",
  ]);
  assert.deepEqual(recs.dtypes.map((d) => d.variant), [
    "String",
    "Int64",
    "String",
    "Float64",
    "Float64",
    "List",
    "String",
  ]);
  assert.deepEqual(recs.getColumn("because_products").toArray().slice(0, 4), [
    ["tea", "mug"],
    ["tea"],
    ["tea"],
    ["tea", "mug", "jam"],
  ]);
  assert.deepEqual(recs.drop("because_products").toRecords(), [
    // c1 holds tea, mug, jam: mug is held, so not recommended
    {
      customer_id: "c1",
      rank: 1,
      product_id: "biscuits",
      score: 0.8,
      lift: 2,
      reason: "because you bought tea and mug",
    },
    {
      customer_id: "c1",
      rank: 2,
      product_id: "cream",
      score: 0.6,
      lift: 1.5,
      reason: "because you bought tea",
    },
    {
      customer_id: "c1",
      rank: 3,
      product_id: "scone",
      score: 0.6,
      lift: 1.5,
      reason: "because you bought tea",
    },
    {
      customer_id: "c1",
      rank: 4,
      product_id: "spoon",
      score: 0.4,
      lift: 4,
      reason: "because you bought tea, mug and jam",
    },
    // c2 holds tea and scone: mug (support 0.3) before cream (support 0.2)
    {
      customer_id: "c2",
      rank: 1,
      product_id: "mug",
      score: 0.6,
      lift: 1.5,
      reason: "because you bought tea",
    },
    {
      customer_id: "c2",
      rank: 2,
      product_id: "cream",
      score: 0.6,
      lift: 1.5,
      reason: "because you bought tea",
    },
    // c3 (vase only) has no applicable rule; the null customer and c4's null item are skipped
  ]);
});

Deno.test("recommendFromRules() keeps topN per customer and applies minConfidence", () => {
  const top2 = recommendFromRules(bought(), { rules: rules(), topN: 2 });
  assert.deepEqual(top2.getColumn("customer_id").toArray(), ["c1", "c1", "c2", "c2"]);
  assert.deepEqual(top2.getColumn("product_id").toArray(), ["biscuits", "cream", "mug", "cream"]);
  const strict = recommendFromRules(bought(), { rules: rules(), minConfidence: 0.7 });
  assert.deepEqual(strict.getColumn("product_id").toArray(), ["biscuits"]);
  // The weaker rule jam -> biscuits becomes the reason once the better one is filtered out.
  const weak = recommendFromRules(
    bought(),
    { rules: rules().filter(pl.col("confidence").ltEq(pl.lit(0.5))) },
  );
  assert.deepEqual(weak.getColumn("reason").toArray(), [
    "because you bought jam",
    "because you bought tea, mug and jam",
  ]);
});

Deno.test("recommendFromRules() uses the customer and item column names given", () => {
  const df = pl.DataFrame([
    pl.Series("member", [7, 7, 8], pl.Int64),
    pl.Series("sku", [101, 102, 101], pl.Int64),
  ]);
  const recs = recommendFromRules(df, {
    rules: rulesFrame([[["101"], ["102"], 0.5, 0.7, 1.2]]),
    customer: "member",
    item: "sku",
  });
  assert.deepEqual(recs.columns, [
    "member",
    "rank",
    "sku",
    "score",
    "lift",
    "because_products",
    "reason",
  ]);
  assert.equal(recs.getColumn("member").dtype.variant, "Int64");
  assert.deepEqual(recs.toRecords(), [
    {
      member: 8,
      rank: 1,
      sku: "102",
      score: 0.7,
      lift: 1.2,
      because_products: ["101"],
      reason: "because you bought 101",
    },
  ]);
});

Deno.test("recommendFromRules() prints names from label", () => {
  const df = pl.DataFrame({
    customer_id: ["a", "a", "b", "b"],
    product_id: ["85123A", "85123A", "85123A", "22423"],
    description: ["WHITE HEART", "CREAM HEART", "WHITE HEART", "REGENCY CAKESTAND"],
  });
  const recs = recommendFromRules(df, {
    rules: rulesFrame([[["85123A"], ["22423"], 0.1, 0.5, 2]]),
    label: "description",
  });
  // Codes stay codes in because_products; names are for the text.
  assert.deepEqual(recs.getColumn("because_products").toArray(), [["85123A"]]);
  assert.deepEqual(recs.drop("because_products").toRecords(), [{
    customer_id: "a",
    rank: 1,
    product_id: "22423",
    description: "REGENCY CAKESTAND",
    score: 0.5,
    lift: 2,
    reason: "because you bought WHITE HEART", // the most frequent name of 85123A
  }]);
});

Deno.test("recommendFromRules() handles multi-item consequents and empty antecedents", () => {
  const df = pl.DataFrame({ customer_id: ["a", "a", "b"], product_id: ["x", "y", "z"] });
  const recs = recommendFromRules(df, {
    rules: rulesFrame([
      [["x"], ["y", "w"], 0.1, 0.5, 2], // a holds y: w is still recommended
      [[], ["x"], 0.4, 0.4, 1],
    ]),
  });
  assert.deepEqual(
    recs.select("customer_id", "product_id", "because_products", "reason").toRecords(),
    [
      {
        customer_id: "a",
        product_id: "w",
        because_products: ["x"],
        reason: "because you bought x",
      },
      {
        customer_id: "b",
        product_id: "x",
        because_products: [],
        reason: "because customers often buy it",
      },
    ],
  );
});

Deno.test("recommendFromRules() returns an empty frame with the output columns", () => {
  const empty = recommendFromRules(bought(), { rules: rules().head(0) });
  assert.equal(empty.height, 0);
  assert.deepEqual(empty.columns, [
    "customer_id",
    "rank",
    "product_id",
    "score",
    "lift",
    "because_products",
    "reason",
  ]);
  assert.equal(recommendFromRules(bought().head(0), { rules: rules() }).height, 0);
});

Deno.test("recommendFromRules() does not modify its inputs and is deterministic", () => {
  const items = bought();
  const r = rules();
  const before = [items.toRecords(), r.toRecords()];
  const first = recommendFromRules(items, { rules: r, topN: 10 });
  assert.deepEqual([items.toRecords(), r.toRecords()], before);
  // Shuffled rule order and item order give the same answer.
  const shuffled = r.sample(r.height, undefined, false, 5);
  assert.deepEqual(
    recommendFromRules(items.sample(items.height, undefined, false, 9), {
      rules: shuffled,
      topN: 10,
    })
      .toRecords(),
    first.toRecords(),
  );
});

Deno.test("recommendFromRules() agrees with a brute-force scan over every rule", () => {
  const random = createRandom(11);
  const catalogue = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, "0")}`);
  const customers: string[] = [];
  const items: string[] = [];
  for (let c = 0; c < 200; c++) {
    const k = 1 + random.int(8);
    for (let j = 0; j < k; j++) {
      customers.push(`c${c}`);
      items.push(catalogue[Math.min(random.int(30), random.int(30))]); // skewed popularity
    }
  }
  const ruleRows: [string[], string[], number, number, number][] = [];
  for (let r = 0; r < 400; r++) {
    const size = 1 + random.int(3);
    const antecedent = [...new Set(Array.from({ length: size }, () => catalogue[random.int(12)]))];
    const consequent = [catalogue[random.int(30)]].filter((x) => !antecedent.includes(x));
    if (consequent.length === 0) continue;
    // Coarse values so that ties happen.
    ruleRows.push([
      antecedent,
      consequent,
      random.int(5) / 10,
      random.int(6) / 10,
      1 + random.int(4) / 2,
    ]);
  }
  const df = pl.DataFrame({ customer_id: customers, product_id: items });
  const recs = recommendFromRules(df, { rules: rulesFrame(ruleRows), topN: 4 });

  const held = new Map<string, Set<string>>();
  customers.forEach((c, i) => held.set(c, (held.get(c) ?? new Set()).add(items[i])));
  const expected: { customer_id: string; product_id: string; score: number; lift: number }[] = [];
  for (const c of [...held.keys()].sort()) {
    const have = held.get(c)!;
    const best = new Map<string, [number, number, number]>();
    for (const [a, cons, support, confidence, lift] of ruleRows) {
      if (!a.every((x) => have.has(x))) continue;
      for (const item of cons) {
        if (have.has(item)) continue;
        const old = best.get(item);
        const better = old === undefined || confidence > old[0] ||
          (confidence === old[0] && (lift > old[1] || (lift === old[1] && support > old[2])));
        if (better) best.set(item, [confidence, lift, support]);
      }
    }
    const ranked = [...best].sort(([ia, a], [ib, b]) =>
      b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || (ia < ib ? -1 : 1)
    ).slice(0, 4);
    for (const [item, [confidence, lift]] of ranked) {
      expected.push({ customer_id: c, product_id: item, score: confidence, lift });
    }
  }
  assert.ok(expected.length > 300);
  assert.deepEqual(recs.select("customer_id", "product_id", "score", "lift").toRecords(), expected);
});

Deno.test("recommendFromRules() reports bad arguments", () => {
  assert.throws(() => recommendFromRules(bought(), { rules: rules(), item: "sku" }), {
    name: "TypeError",
    message:
      'Cannot recommend from rules as column "sku" is missing: available columns are customer_id, product_id',
  });
  assert.throws(() => recommendFromRules(bought(), { rules: rules().drop("lift") }), {
    name: "TypeError",
    message: 'Cannot recommend from rules as column "lift" is missing: available columns are ' +
      "antecedents, consequents, support, confidence",
  });
  assert.throws(() => recommendFromRules(bought(), { rules: rules(), topN: 0 }), {
    name: "RangeError",
    message: "Cannot recommend from rules as topN must be an integer >= 1: got 0",
  });
  assert.throws(() => recommendFromRules(bought(), { rules: rules(), topN: 1.5 }), RangeError);
  assert.throws(() => recommendFromRules(bought(), { rules: rules(), minConfidence: 1.2 }), {
    name: "RangeError",
    message: "Cannot recommend from rules as minConfidence must be between 0 and 1: got 1.2",
  });
  assert.throws(
    () => recommendFromRules(bought(), { rules: rules(), customer: "product_id" }),
    RangeError,
  );
  assert.throws(
    () =>
      recommendFromRules(bought().rename({ product_id: "rank" }), { rules: rules(), item: "rank" }),
    RangeError,
  );
  assert.throws(
    () => recommendFromRules(bought(), { rules: rules(), label: "product_id" }),
    RangeError,
  );
  const textRules = rules().withColumns(pl.col("antecedents").list.join(",").alias("antecedents"));
  assert.throws(() => recommendFromRules(bought(), { rules: textRules }), {
    name: "TypeError",
    message:
      'Cannot recommend from rules as column "antecedents" is not a list of item labels: its dtype is String',
  });
  const nullConfidence = rules().withColumns(
    pl.when(pl.col("lift").gtEq(pl.lit(3))).then(pl.lit(null)).otherwise(pl.col("confidence"))
      .alias("confidence"),
  );
  assert.throws(() => recommendFromRules(bought(), { rules: nullConfidence }), {
    name: "TypeError",
    message: "Cannot recommend from rules as 3 rules have a missing antecedent, consequent, " +
      "support, confidence or lift: row index 2, 5, 6",
  });
});
