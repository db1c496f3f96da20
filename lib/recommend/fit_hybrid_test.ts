import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { fitHybrid } from "./fit_hybrid.ts";
import { fitItemKnn } from "./fit_item_knn.ts";
import { fitContentBased } from "./fit_content_based.ts";
import { fitPopularity } from "./fit_popularity.ts";
import { createRandom } from "../core/random.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { purchases } from "./_test_fixtures.ts";

type Row = Record<string, unknown>;

Deno.test("fitHybrid() switches weight sets at minHistory", () => {
  // No description column: content has no weight, so it is not fitted.
  const model = fitHybrid(purchases(), {
    weights: { knn: 1, content: 0, popularity: 0 },
    newcomerWeights: { knn: 0, content: 0, popularity: 1 },
    minHistory: 2,
    candidates: 10,
  });
  const rows = model.recommend(["u2", "u5", "stranger"]).toRecords() as Row[];
  assert.deepEqual(rows.map((r) => [r.customer_id, r.product_id, r.reason]), [
    // u2 has 2 items: item-kNN alone (C then D), scored 1 and 1 - 1/10.
    ["u2", "C", "because you bought B"],
    ["u2", "D", "because you bought A"],
    // u5 has 1 item: popularity alone, without D: A and B (3 buyers), C (2 buyers).
    ["u5", "A", "popular: bought by 3 customers"],
    ["u5", "B", "popular: bought by 3 customers"],
    ["u5", "C", "popular: bought by 2 customers"],
    // Unknown: the popularity ranking, D included.
    ["stranger", "A", "popular: bought by 3 customers"],
    ["stranger", "B", "popular: bought by 3 customers"],
    ["stranger", "C", "popular: bought by 2 customers"],
    ["stranger", "D", "popular: bought by 2 customers"],
  ]);
  assertClose(rows[0].score, 1);
  assertClose(rows[1].score, 0.9);
  assertClose(rows[4].score, 0.8);
  // The structured reason is the winning component's.
  assert.deepEqual(
    rows.slice(0, 3).map((r) => [r.reason_kind, r.because_product, r.because_score]),
    [
      ["bought_together", "B", rows[0].because_score],
      ["bought_together", "A", rows[1].because_score],
      ["popular", null, 3],
    ],
  );
  assert.deepEqual(model.options.weights, { knn: 1, content: 0, popularity: 0 });
});

/** A seeded random log with descriptions drawn from a few words. */
function randomLog(seed: number): DataFrame {
  const random = createRandom(seed);
  const words = ["red", "blue", "heart", "mug", "tin", "cake", "star", "lamp"];
  const texts = Array.from(
    { length: 30 },
    () =>
      Array.from({ length: 1 + random.int(3) }, () => words[random.int(words.length)]).join(" "),
  );
  const customer: string[] = [];
  const product: string[] = [];
  const description: string[] = [];
  for (let row = 0; row < 300; row++) {
    const p = random.int(30);
    customer.push(`c${String(random.int(40)).padStart(2, "0")}`);
    product.push(`p${String(p).padStart(2, "0")}`);
    description.push(texts[p]);
  }
  return pl.DataFrame({ customer_id: customer, product_id: product, description });
}

Deno.test("fitHybrid() blends the components' rank-normalised scores as documented", () => {
  const tx = randomLog(11);
  const size = 8;
  const minHistory = 7;
  const model = fitHybrid(tx, { candidates: size, minHistory });
  const ids = [...model.matrix.customers, "stranger"];
  const components = [
    fitItemKnn(tx).recommend(ids, { n: size }),
    fitContentBased(tx).recommend(ids, { n: size }),
    fitPopularity(tx).recommend(ids, { n: size }),
  ].map((df) => df.toRecords() as Row[]);
  const recs = model.recommend(ids, { n: 5 }).toRecords() as Row[];
  assert.ok(recs.length > 0);
  // Both weight sets are exercised.
  const histories = ids.map((id) => model.matrix.itemsOf(id).length);
  assert.ok(histories.some((h) => h >= minHistory) && histories.some((h) => h < minHistory));
  for (const id of ids) {
    const history = model.matrix.itemsOf(id).length;
    const w = history >= minHistory ? [0.7, 0.2, 0.1] : [0.3, 0.4, 0.3];
    const blend = new Map<
      string,
      { score: number; best: number; reason: string; because: unknown }
    >();
    components.forEach((rows, m) => {
      for (const r of rows.filter((r) => r.customer_id === id)) {
        const term = w[m] * (1 - ((r.rank as number) - 1) / size);
        const entry = blend.get(r.product_id as string) ??
          { score: 0, best: -1, reason: "", because: null as unknown };
        entry.score += term;
        if (term > entry.best) {
          entry.best = term;
          entry.reason = r.reason as string;
          entry.because = r.because_product;
        }
        blend.set(r.product_id as string, entry);
      }
    });
    const expected = [...blend].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5);
    const got = recs.filter((r) => r.customer_id === id);
    assert.deepEqual(got.map((r) => r.product_id), expected.map(([p]) => p), `customer ${id}`);
    got.forEach((r, k) => {
      assertClose(r.score, expected[k][1].score);
      assert.equal(r.reason, expected[k][1].reason);
      assert.equal(r.because_product, expected[k][1].because);
      assert.equal(r.rank, k + 1);
    });
  }
});

Deno.test("fitHybrid() is deterministic and does not modify its input", () => {
  const tx = randomLog(5);
  const before = tx.toRecords();
  const ids = ["c00", "c01", "c02", "c03", "nobody"];
  const first = fitHybrid(tx).recommend(ids, { excludePurchased: false }).toRecords();
  const reversed = tx.select(pl.all().reverse());
  assert.deepEqual(
    fitHybrid(reversed).recommend(ids, { excludePurchased: false }).toRecords(),
    first,
  );
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("fitHybrid() rejects bad arguments", () => {
  assert.throws(
    () => fitHybrid(purchases()),
    (e: Error) =>
      e instanceof TypeError &&
      /Cannot fit hybrid as column "description" is missing/.test(e.message),
  );
  assert.throws(
    () => fitHybrid(purchases(), { weights: { knn: -1 } }),
    (e: Error) =>
      e instanceof RangeError && /weights.knn must be a finite number >= 0: got -1/.test(e.message),
  );
  assert.throws(
    () =>
      fitHybrid(purchases(), {
        weights: { knn: 0, content: 0, popularity: 0 },
      }),
    (e: Error) => e instanceof RangeError && /the weights sum to 0/.test(e.message),
  );
  assert.throws(() => fitHybrid(randomLog(1), { candidates: 0 }), RangeError);
  assert.throws(() => fitHybrid(randomLog(1), { minHistory: -1 }), RangeError);
  assert.throws(() => fitHybrid(randomLog(1), { knn: { neighbours: 0 } }), RangeError);
  assert.throws(() => fitHybrid(randomLog(1)).recommend(["c00"], { n: 0 }), RangeError);
});
