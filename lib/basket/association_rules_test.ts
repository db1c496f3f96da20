import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom } from "../core/random.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { associationRules, DEFAULT_MAX_RULES } from "./association_rules.ts";
import { frequentItemsets } from "./frequent_itemsets.ts";

const OPTS = { transaction: "invoice_id", item: "product_id" };
const METRICS = [
  "antecedent_support",
  "consequent_support",
  "support",
  "confidence",
  "lift",
  "leverage",
  "conviction",
  "zhangs_metric",
] as const;

type Rule = { antecedents: string[]; consequents: string[] } & Record<string, number>;
const rules = (df: DataFrame) => df.toRecords() as unknown as Rule[];

function lines(baskets: string[][]): DataFrame {
  return pl.DataFrame({
    invoice_id: baskets.flatMap((b, k) => b.map(() => String(k + 1))),
    product_id: baskets.flat(),
  });
}

// Five baskets, worked by hand (n = 5):
//   1 {bread, butter, milk}  2 {bread, butter}  3 {bread, milk}  4 {milk, eggs}  5 {bread, butter, eggs}
// Counts: bread 4, butter 3, milk 3, eggs 2, {bread, butter} 3, {bread, milk} 2; every other
// pair and triple occurs once, so minSupport 0.4 (count >= 2) keeps 4 items and 2 pairs.
//
// butter -> bread: sA = 0.6, sC = 0.8, sAC = 0.6
//   confidence = 0.6 / 0.6 = 1;  lift = 1 / 0.8 = 1.25;  leverage = 0.6 - 0.6 * 0.8 = 0.12
//   conviction = (1 - 0.8) / (1 - 1) = Infinity
//   zhang = 0.12 / max(0.6 * (1 - 0.6), 0.6 * (0.8 - 0.6)) = 0.12 / max(0.24, 0.12) = 0.5
// bread -> butter: sA = 0.8, sC = 0.6, sAC = 0.6
//   confidence = 0.75;  lift = 0.75 / 0.6 = 1.25;  leverage = 0.12
//   conviction = (1 - 0.6) / (1 - 0.75) = 1.6;  zhang = 0.12 / max(0.6 * 0.2, 0.8 * 0) = 1
// bread -> milk: sA = 0.8, sC = 0.6, sAC = 0.4
//   confidence = 0.5;  lift = 0.5 / 0.6 = 0.8333...;  leverage = 0.4 - 0.48 = -0.08
//   conviction = 0.4 / 0.5 = 0.8;  zhang = -0.08 / max(0.4 * 0.2, 0.8 * 0.2) = -0.5
// milk -> bread: sA = 0.6, sC = 0.8, sAC = 0.4
//   confidence = 2/3;  lift = (2/3) / 0.8 = 0.8333...;  leverage = -0.08
//   conviction = 0.2 / (1/3) = 0.6;  zhang = -0.08 / max(0.4 * 0.4, 0.6 * 0.4) = -1/3
// Order: lift desc, then support desc, then antecedents: bread -> butter, butter -> bread,
// bread -> milk, milk -> bread.
const FIVE = [
  ["bread", "butter", "milk"],
  ["bread", "butter"],
  ["bread", "milk"],
  ["milk", "eggs"],
  ["bread", "butter", "eggs"],
];
const HAND: [string, string, number[]][] = [
  ["bread", "butter", [0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6, 1]],
  ["butter", "bread", [0.6, 0.8, 0.6, 1, 1.25, 0.12, Infinity, 0.5]],
  ["bread", "milk", [0.8, 0.6, 0.4, 0.5, 0.5 / 0.6, -0.08, 0.8, -0.5]],
  ["milk", "bread", [0.6, 0.8, 0.4, 2 / 3, (2 / 3) / 0.8, -0.08, 0.6, -1 / 3]],
];

Deno.test("associationRules matches a hand computation of every metric on five baskets", () => {
  const itemsets = frequentItemsets(lines(FIVE), { ...OPTS, minSupport: 0.4 });
  assert.equal(itemsets.height, 6);
  const result = associationRules(itemsets, { minConfidence: 0.1 });
  assert.deepEqual(result.columns, ["antecedents", "consequents", ...METRICS]);
  assert.deepEqual(result.dtypes.map(String), [
    "DataType(List(DataType(String)))",
    "DataType(List(DataType(String)))",
    ...METRICS.map(() => "DataType(Float64)"),
  ]);
  const got = rules(result);
  assert.deepEqual(
    got.map((r) => [String(r.antecedents), String(r.consequents)]),
    HAND.map(([a, c]) => [a, c]),
  );
  got.forEach((rule, k) =>
    METRICS.forEach((metric, m) =>
      assertClose(rule[metric], HAND[k][2][m], 1e-12, `${k} ${metric}`)
    )
  );
  assert.equal(got[1].conviction, Infinity);
  // Counts make the ratios exact: 3 * 5 / (4 * 3) is 1.25 to the last bit.
  assert.equal(got[0].lift, 1.25);
  assert.equal(got[1].confidence, 1);

  // mlxtend's formulas on the float supports agree to rounding.
  for (const r of got) {
    const { antecedent_support: sA, consequent_support: sC, support: sAC } = r;
    const conf = sAC / sA;
    assertClose(r.confidence, conf, 1e-12, "confidence");
    assertClose(r.lift, conf / sC, 1e-12, "lift");
    assertClose(r.leverage, sAC - sA * sC, 1e-12, "leverage");
    assertClose(r.conviction, conf === 1 ? Infinity : (1 - sC) / (1 - conf), 1e-12, "conviction");
    assertClose(
      r.zhangs_metric,
      (sAC - sA * sC) / Math.max(sAC * (1 - sA), sA * (sC - sAC)),
      1e-12,
      "zhangs_metric",
    );
  }
});

Deno.test("associationRules filters by minConfidence (kept exactly at the threshold) and minLift", () => {
  const itemsets = frequentItemsets(lines(FIVE), { ...OPTS, minSupport: 0.4 });
  const pairs = (df: DataFrame) => rules(df).map((r) => `${r.antecedents} -> ${r.consequents}`);
  // bread -> butter has confidence exactly 3/4.
  assert.deepEqual(pairs(associationRules(itemsets, { minConfidence: 0.75 })), [
    "bread -> butter",
    "butter -> bread",
  ]);
  assert.deepEqual(pairs(associationRules(itemsets, { minConfidence: 0.7500001 })), [
    "butter -> bread",
  ]);
  assert.deepEqual(pairs(associationRules(itemsets, { minConfidence: 0.1, minLift: 1 })), [
    "bread -> butter",
    "butter -> bread",
  ]);
  assert.equal(associationRules(itemsets, { minConfidence: 0.1, minLift: 1.26 }).height, 0);
});

Deno.test("associationRules gives zhangs_metric 0 when its denominator is 0, as mlxtend", () => {
  // a is in every basket and c only with a: sAC * (1 - sA) = 0 and sA * (sC - sAC) = 0.
  const itemsets = frequentItemsets(lines([["a", "c"], ["a", "c"], ["a"]]), {
    ...OPTS,
    minSupport: 0.5,
  });
  const [aToC] = rules(associationRules(itemsets, { minConfidence: 0.5 }))
    .filter((r) => String(r.antecedents) === "a");
  assert.deepEqual(
    METRICS.map((m) => aToC[m]),
    [1, 2 / 3, 2 / 3, 2 / 3, 1, 0, 1, 0],
  );
});

Deno.test("associationRules with maxConsequentLen matches brute-force rules on random data", () => {
  const random = createRandom(7);
  let multiItemConsequents = 0;
  for (let c = 0; c < 12; c++) {
    const universe = Array.from({ length: 6 + random.int(3) }, (_, k) => `i${k}`);
    const baskets = Array.from({ length: 20 + random.int(30) }, () => {
      const basket = universe.filter(() => random.next() < 0.5);
      return basket.length > 0 ? basket : [universe[0]];
    });
    const minSupport = [0.1, 0.15, 0.2][c % 3];
    const minConfidence = [0.3, 0.5, 0.7, 1][c % 4];
    const maxConsequentLen = 1 + (c % 3);
    const itemsets = frequentItemsets(lines(baskets), { ...OPTS, minSupport });
    const result = associationRules(itemsets, { minConfidence, maxConsequentLen });

    // Brute force: every split of every frequent itemset, counts from the baskets themselves.
    const n = baskets.length;
    const countOf = (set: string[]) =>
      baskets.filter((b) => set.every((i) => b.includes(i))).length;
    const expected = new Map<string, number[]>();
    for (const { itemset } of itemsets.toRecords() as unknown as { itemset: string[] }[]) {
      for (let mask = 1; mask < (1 << itemset.length) - 1; mask++) {
        const consequent = itemset.filter((_, k) => mask & (1 << k));
        const antecedent = itemset.filter((_, k) => !(mask & (1 << k)));
        if (consequent.length > maxConsequentLen) continue;
        const [cA, cC, cAC] = [countOf(antecedent), countOf(consequent), countOf(itemset)];
        if (cAC / cA < minConfidence) continue;
        expected.set(`${antecedent} -> ${consequent}`, [cA / n, cC / n, cAC / n, cAC / cA]);
        if (consequent.length > 1) multiItemConsequents++;
      }
    }
    const got = new Map(
      rules(result).map((r) => [
        `${r.antecedents} -> ${r.consequents}`,
        [r.antecedent_support, r.consequent_support, r.support, r.confidence],
      ]),
    );
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `case ${c}`);
    for (const [key, values] of expected) {
      values.forEach((v, k) => assertClose(got.get(key)![k], v, 1e-12, `case ${c} ${key}`));
    }
    // Sorted by lift desc, then support desc.
    const lifts = rules(result).map((r) => [r.lift, r.support]);
    for (let k = 1; k < lifts.length; k++) {
      assert.ok(
        lifts[k - 1][0] > lifts[k][0] ||
          (lifts[k - 1][0] === lifts[k][0] && lifts[k - 1][1] >= lifts[k][1]),
      );
    }
  }
  assert.ok(multiItemConsequents > 20, `only ${multiItemConsequents} multi-item consequents`);
});

Deno.test("associationRules stops when more than maxRules rules pass", () => {
  assert.equal(DEFAULT_MAX_RULES, 100_000);
  const itemsets = frequentItemsets(lines(FIVE), { ...OPTS, minSupport: 0.4 });
  assert.throws(
    () => associationRules(itemsets, { minConfidence: 0.1, maxRules: 3 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot generate association rules as more than maxRules (3) rules pass the filters: generation stopped after finding 4 at minConfidence 0.1, maxConsequentLen 1 from 6 itemsets; raise minConfidence above 0.1, set minLift, raise minSupport in frequentItemsets, or raise maxRules",
  );
  assert.throws(
    () => associationRules(itemsets, { minConfidence: 0.1, minLift: 0.5, maxRules: 1 }),
    /^RangeError: Cannot generate association rules as more than maxRules \(1\) rules pass the filters: generation stopped after finding 2 at minConfidence 0\.1, minLift 0\.5, maxConsequentLen 1 from 6 itemsets; raise minConfidence above 0\.1, set a higher minLift, raise minSupport in frequentItemsets, or raise maxRules$/,
  );
  assert.equal(associationRules(itemsets, { minConfidence: 0.1, maxRules: 4 }).height, 4);
});

Deno.test("associationRules returns an empty frame with the columns when no rule passes", () => {
  const single = frequentItemsets(lines([["a"], ["b"]]), { ...OPTS, minSupport: 0.5 });
  for (const itemsets of [single, single.head(0)]) {
    const result = associationRules(itemsets, { minConfidence: 0.5 });
    assert.equal(result.height, 0);
    assert.deepEqual(result.columns, ["antecedents", "consequents", ...METRICS]);
    assert.equal(String(result.dtypes[0]), "DataType(List(DataType(String)))");
  }
});

Deno.test("associationRules rejects bad arguments and frames that are not frequentItemsets output", () => {
  const itemsets = frequentItemsets(lines(FIVE), { ...OPTS, minSupport: 0.4 });
  const check = (options: Record<string, unknown>, pattern: RegExp, frame = itemsets) =>
    assert.throws(
      () =>
        associationRules(
          frame,
          options as unknown as Parameters<typeof associationRules>[1],
        ),
      pattern,
    );
  for (const minConfidence of [0, -1, 1.01, Number.NaN]) {
    check(
      { minConfidence },
      /^RangeError: Cannot generate association rules as minConfidence must be in \(0, 1\]: /,
    );
  }
  check(
    { minConfidence: "0.5" },
    /^TypeError: Cannot generate association rules as minConfidence is not a number: string 0.5$/,
  );
  check(
    { minConfidence: 0.5, minLift: -1 },
    /^RangeError: Cannot generate association rules as minLift must be a number >= 0: -1$/,
  );
  check(
    { minConfidence: 0.5, maxConsequentLen: 0 },
    /^RangeError: Cannot generate association rules as maxConsequentLen must be an integer >= 1: got 0$/,
  );
  check(
    { minConfidence: 0.5, maxRules: 2.5 },
    /^RangeError: Cannot generate association rules as maxRules must be an integer >= 1: got 2.5$/,
  );
  check(
    { minConfidence: 0.5 },
    /^TypeError: Cannot generate association rules as column "count" is missing: available columns are itemset, support, length$/,
    itemsets.drop("count"),
  );
  check(
    { minConfidence: 0.5 },
    /^TypeError: Cannot generate association rules as column "itemset" is not a list of item labels: it is String$/,
    itemsets.withColumns(pl.col("itemset").lst.join(",")),
  );
  check(
    { minConfidence: 0.5 },
    /^TypeError: Cannot generate association rules as column "support" is not numeric: it is String$/,
    itemsets.withColumns(pl.col("support").cast(pl.Utf8)),
  );
  // A filtered frame loses the subsets the rules need.
  check(
    { minConfidence: 0.5 },
    /^RangeError: Cannot generate association rules as a subset of an itemset is missing from the frame: \["butter"\] of \["bread", "butter"\]; pass the whole output of frequentItemsets$/,
    itemsets.filter(pl.col("itemset").lst.join(",").neq(pl.lit("butter"))),
  );
  check(
    { minConfidence: 0.5 },
    /^RangeError: Cannot generate association rules as count \/ support must give the same number of transactions in every row: row 1 gives 5, row 2 gives 6 /,
    itemsets.withColumns(
      pl.when(pl.col("count").eq(3)).then(pl.lit(0.5)).otherwise(pl.col("support")).alias(
        "support",
      ),
    ),
  );
  check(
    { minConfidence: 0.5 },
    /^RangeError: Cannot generate association rules as an itemset appears twice: \["bread"\] in rows 1 and 7$/,
    pl.concat([itemsets, itemsets.head(1)]),
  );
});

Deno.test("associationRules does not modify its input", () => {
  const itemsets = frequentItemsets(lines(FIVE), { ...OPTS, minSupport: 0.2 });
  const before = itemsets.clone();
  associationRules(itemsets, { minConfidence: 0.2, maxConsequentLen: 2 });
  assert.ok(itemsets.frameEqual(before, true));
});
