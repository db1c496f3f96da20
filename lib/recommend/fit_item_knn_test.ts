import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { fitItemKnn } from "./fit_item_knn.ts";
import { purchases } from "./_test_fixtures.ts";
import { createRandom } from "../core/random.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";
import { fitHybrid } from "./fit_hybrid.ts";

// purchases(): u1: A B C, u2: A B, u3: B C, u4: A D, u5: D (cosines in _test_fixtures.ts).
/** The columns of a recommendation frame, with the default customer and item names. */
const COLUMNS = [
  "customer_id",
  "rank",
  "product_id",
  "score",
  "reason_kind",
  "because_product",
  "because_score",
  "reason",
];

const records = (df: DataFrame) => df.toRecords() as Record<string, unknown>[];

Deno.test("fitItemKnn() computes the plain cosine by hand (shrinkage 0)", () => {
  const model = fitItemKnn(purchases(), { shrinkage: 0 });
  const a = model.neighboursOf("A");
  // AB 2/3 first, then AC and AD tied at 1/√6: product id ascending.
  assert.deepEqual(a.map((n) => n.productId), ["B", "C", "D"]);
  assertClose(a[0].similarity, 2 / 3);
  assertClose(a[1].similarity, 1 / Math.sqrt(6));
  assertClose(a[2].similarity, 1 / Math.sqrt(6));
  assert.deepEqual(model.neighboursOf("B").map((n) => n.productId), ["C", "A"]);
  assertClose(model.neighboursOf("B")[0].similarity, 2 / Math.sqrt(6));
  assert.deepEqual(model.neighboursOf("unknown"), []);
});

Deno.test("fitItemKnn() shrinks by co / (co + λ)", () => {
  const model = fitItemKnn(purchases(), { shrinkage: 1 });
  const b = model.neighboursOf("B");
  // BC: 2/√6 · 2/3 ≈ 0.544; BA: 2/3 · 2/3 ≈ 0.444.
  assert.deepEqual(b.map((n) => n.productId), ["C", "A"]);
  assertClose(b[0].similarity, (2 / Math.sqrt(6)) * (2 / 3));
  assertClose(b[1].similarity, (2 / 3) * (2 / 3));
  // AD (one co-buyer) is halved: 1/√6 · 1/2.
  assertClose(model.neighboursOf("A")[2].similarity, 1 / Math.sqrt(6) / 2);
});

Deno.test("fitItemKnn() uses the cell weights in dot products and norms", () => {
  // count weight: A's column (2, 1), B's column (1, 1): dot 3, norms √5 and √2.
  const tx = pl.DataFrame({
    customer_id: ["u1", "u1", "u1", "u2", "u2"],
    product_id: ["A", "A", "B", "A", "B"],
  });
  const model = fitItemKnn(tx, { weight: "count", shrinkage: 0 });
  assertClose(model.neighboursOf("A")[0].similarity, 3 / Math.sqrt(10));
  assertClose(fitItemKnn(tx, { shrinkage: 0 }).neighboursOf("A")[0].similarity, 1);
});

Deno.test("fitItemKnn() recommends by summed similarity with the top contributor as reason", () => {
  const model = fitItemKnn(purchases(), { shrinkage: 0 });
  const recs = model.recommend(["u2", "u5", "u3"]);
  assert.deepEqual(recs.columns, COLUMNS);
  assert.deepEqual(recs.dtypes.map((d) => d.variant), [
    "String",
    "Int64",
    "String",
    "Float64",
    "String",
    "String",
    "Float64",
    "String",
  ]);
  const rows = records(recs);
  assert.deepEqual(
    rows.map((r) => [r.customer_id, r.rank, r.product_id, r.reason]),
    [
      // u2 (A, B): C = AC + BC = 1/√6 + 2/√6, mostly from B; D = AD = 1/√6.
      ["u2", 1, "C", "because you bought B"],
      ["u2", 2, "D", "because you bought A"],
      // u5 (D): A = DA = 1/√6.
      ["u5", 1, "A", "because you bought D"],
      // u3 (B, C): A = BA + CA = 2/3 + 1/√6, mostly from B; D shares no buyer.
      ["u3", 1, "A", "because you bought B"],
    ],
  );
  assertClose(rows[0].score, 3 / Math.sqrt(6));
  assertClose(rows[1].score, 1 / Math.sqrt(6));
  assertClose(rows[2].score, 1 / Math.sqrt(6));
  assertClose(rows[3].score, 2 / 3 + 1 / Math.sqrt(6));
  // The structured reason: the bought item with the largest term, and that term.
  assert.deepEqual(rows.map((r) => [r.reason_kind, r.because_product]), [
    ["bought_together", "B"],
    ["bought_together", "A"],
    ["bought_together", "D"],
    ["bought_together", "B"],
  ]);
  assertClose(rows[0].because_score, 2 / Math.sqrt(6));
  assertClose(rows[3].because_score, 2 / 3);
});

Deno.test("fitItemKnn() keeps the caller's column names in its recommendations", () => {
  const tx = purchases().rename({ customer_id: "client", product_id: "sku" });
  const model = fitItemKnn(tx, { customer: "client", item: "sku", shrinkage: 0 });
  const recs = model.recommend(["u2"]);
  assert.deepEqual(recs.columns.slice(0, 3), ["client", "rank", "sku"]);
  assert.deepEqual(
    records(recs).map((r) => [r.client, r.sku]),
    records(fitItemKnn(purchases(), { shrinkage: 0 }).recommend(["u2"])).map((r) => [
      r.customer_id,
      r.product_id,
    ]),
  );
  assert.throws(
    () => fitItemKnn(tx.rename({ client: "score" }), { customer: "score", item: "sku" }),
    (e: Error) => e instanceof RangeError && /named like an output column: "score"/.test(e.message),
  );
});

Deno.test("fitItemKnn() can include purchased items, ties broken by product id", () => {
  const model = fitItemKnn(purchases(), { shrinkage: 0 });
  const rows = records(model.recommend(["u2"], { excludePurchased: false }));
  // C 3/√6 ≈ 1.22; A = BA = 2/3 and B = AB = 2/3 tie: A first; D 1/√6.
  assert.deepEqual(rows.map((r) => r.product_id), ["C", "A", "B", "D"]);
  assert.deepEqual(rows.map((r) => r.reason), [
    "because you bought B",
    "because you bought B",
    "because you bought A",
    "because you bought A",
  ]);
  assert.deepEqual(
    records(model.recommend(["u2"], { n: 2, excludePurchased: false })),
    rows.slice(0, 2),
  );
});

Deno.test("fitItemKnn() keeps only k neighbours per item", () => {
  // k = 1: A -> B, B -> C, C -> B, D -> A. u2 (A, B): A's only neighbour B is bought, B gives C.
  const model = fitItemKnn(purchases(), { neighbours: 1, shrinkage: 0 });
  assert.deepEqual(model.neighboursOf("D").map((n) => n.productId), ["A"]);
  const rows = records(model.recommend(["u2"]));
  assert.deepEqual(rows.map((r) => r.product_id), ["C"]);
  assertClose(rows[0].score, 2 / Math.sqrt(6));
});

Deno.test("fitItemKnn() gives unknown customers no rows and keeps the given order", () => {
  const model = fitItemKnn(purchases());
  const recs = model.recommend(["u5", "stranger", "u2", "u5"]);
  assert.deepEqual(recs.getColumn("customer_id").toArray(), ["u5", "u2", "u2"]);
  const none = model.recommend(["stranger"]);
  assert.equal(none.height, 0);
  assert.deepEqual(none.columns, COLUMNS);
  assert.equal(model.recommend([]).height, 0);
});

Deno.test("fitItemKnn() is deterministic whatever the row order, and does not modify its input", () => {
  const tx = purchases();
  const before = tx.toRecords();
  const ids = ["u1", "u2", "u3", "u4", "u5"];
  const expected = records(fitItemKnn(tx).recommend(ids, { excludePurchased: false }));
  assert.deepEqual(tx.toRecords(), before);
  const random = createRandom(7);
  const order = tx.height;
  for (let trial = 0; trial < 3; trial++) {
    const perm = Array.from({ length: order }, (_, i) => i);
    for (let i = order - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const shuffled = tx.select(pl.all().gather(perm));
    assert.deepEqual(
      records(fitItemKnn(shuffled).recommend(ids, { excludePurchased: false })),
      expected,
    );
  }
});

Deno.test("fitItemKnn() rejects bad arguments", () => {
  assert.throws(
    () => fitItemKnn(purchases(), { neighbours: 0 }),
    (e: Error) =>
      e instanceof RangeError && /neighbours must be an integer >= 1: got 0/.test(e.message),
  );
  assert.throws(
    () => fitItemKnn(purchases(), { shrinkage: -1 }),
    (e: Error) =>
      e instanceof RangeError && /shrinkage must be a finite number >= 0: got -1/.test(e.message),
  );
  assert.throws(() => fitItemKnn(purchases(), { customer: "client" }), TypeError);
  const model = fitItemKnn(purchases());
  for (const n of [0, -3, 1.5]) {
    assert.throws(
      () => model.recommend(["u1"], { n }),
      (e: Error) =>
        e instanceof RangeError &&
        e.message === `Cannot recommend by item-kNN as n must be an integer >= 1: got ${n}`,
    );
  }
  // @ts-expect-error: a bare string
  assert.throws(() => model.recommend("u1"), TypeError);
  // @ts-expect-error: a number id
  assert.throws(() => model.recommend([17850]), TypeError);
});

Deno.test("fitItemKnn() matches a dense brute-force computation on random data", () => {
  const random = createRandom(2024);
  const customers: string[] = [];
  const items: string[] = [];
  const quantities: number[] = [];
  for (let row = 0; row < 400; row++) {
    customers.push(`c${random.int(30)}`);
    items.push(`p${String(random.int(25)).padStart(2, "0")}`);
    quantities.push(random.int(5) + 1);
  }
  const tx = pl.DataFrame({ customer_id: customers, product_id: items, quantity: quantities });
  const k = 4;
  const shrinkage = 2;
  const model = fitItemKnn(tx, { weight: "quantity", neighbours: k, shrinkage });
  const { matrix } = model;
  // Dense weights.
  const nC = matrix.customers.length;
  const nI = matrix.items.length;
  const w = Array.from({ length: nC }, () => new Array(nI).fill(0));
  customers.forEach((c, r) => {
    w[matrix.customerIndex(c)][matrix.itemIndex(items[r])] += quantities[r];
  });
  const sim = (i: number, j: number) => {
    let dot = 0, ni = 0, nj = 0, co = 0;
    for (let u = 0; u < nC; u++) {
      dot += w[u][i] * w[u][j];
      ni += w[u][i] ** 2;
      nj += w[u][j] ** 2;
      if (w[u][i] > 0 && w[u][j] > 0) co++;
    }
    return co === 0 ? 0 : (dot / Math.sqrt(ni * nj)) * (co / (co + shrinkage));
  };
  const kept: Map<number, number>[] = [];
  for (let i = 0; i < nI; i++) {
    const ranked = [...Array(nI).keys()].filter((j) => j !== i && sim(i, j) > 0)
      .sort((a, b) => sim(i, b) - sim(i, a) || a - b).slice(0, k);
    kept.push(new Map(ranked.map((j) => [j, sim(i, j)])));
    const got = model.neighboursOf(matrix.items[i]);
    assert.deepEqual(got.map((n) => n.productId), ranked.map((j) => matrix.items[j]));
    got.forEach((n, p) => assertClose(n.similarity, sim(i, ranked[p]), 1e-9));
  }
  // Scores for every customer: Σ over bought i of kept sim(i, j).
  const recs = records(model.recommend(matrix.customers, { n: 5 }));
  for (const row of recs) {
    const u = matrix.customerIndex(row.customer_id as string);
    const j = matrix.itemIndex(row.product_id as string);
    assert.equal(w[u][j], 0);
    let expected = 0;
    for (let i = 0; i < nI; i++) if (w[u][i] > 0) expected += kept[i].get(j) ?? 0;
    assertClose(row.score, expected, 1e-9);
  }
});

/** 2,000 customers buying 60 of 1,500 items each (popular items more often), as transactions. */
function manyPurchases(): DataFrame {
  const random = createRandom(17);
  const customers: string[] = [];
  const items: string[] = [];
  for (let c = 0; c < 2000; c++) {
    for (let k = 0; k < 60; k++) {
      customers.push(`c${c}`);
      items.push(`p${Math.floor(1500 * random.next() ** 2)}`);
    }
  }
  return pl.DataFrame({ customer_id: customers, product_id: items });
}

Deno.test("fitItemKnn() gives the same neighbours bit for bit at 1, 2 and 3 threads", () => {
  const tx = manyPurchases();
  const neighbours = (model: ReturnType<typeof fitItemKnn>) =>
    model.matrix.items.map((id) => model.neighboursOf(id));
  const one = neighbours(fitItemKnn(tx, { threads: 1 }));
  assert.ok(one.length > 1000);
  for (const threads of [2, 3]) {
    const { result, runs } = observeParallelRuns(() => fitItemKnn(tx, { threads }));
    assert.deepStrictEqual(neighbours(result), one);
    assert.ok(
      runs.some((run) => run.tasksByThread.filter((n) => n > 0).length > 1),
      `only one thread ran: ${JSON.stringify(runs.map((run) => run.tasksByThread))}`,
    );
  }
  const hybrid = (threads: number) =>
    records(
      fitHybrid(tx, { threads, weights: { content: 0 }, newcomerWeights: { content: 0 } })
        .recommend(["c1", "c2", "c3"]),
    );
  assert.deepStrictEqual(hybrid(2), hybrid(1));
});

Deno.test("fitItemKnn() and fitHybrid() check threads before any work", () => {
  for (const threads of [0, -1, 1.5, 65]) {
    assert.throws(
      // @ts-expect-error: not a frame, never looked at
      () => fitItemKnn(null, { threads }),
      {
        name: "RangeError",
        message: `Cannot fit item-kNN as threads must be an integer from 1 to 64: got ${threads}`,
      },
    );
    assert.throws(
      () => fitHybrid(purchases(), { threads }),
      { name: "RangeError", message: new RegExp(`^Cannot fit hybrid as threads must be`) },
    );
  }
  assert.throws(
    // @ts-expect-error: a string
    () => fitItemKnn(purchases(), { threads: "2" }),
    { name: "TypeError", message: 'Cannot fit item-kNN as threads is not a number: got "2"' },
  );
});
