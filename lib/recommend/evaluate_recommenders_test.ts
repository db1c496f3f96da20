import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { evaluateRecommenders, type RankingRecommender } from "./evaluate_recommenders.ts";

/** A fake model: fixed lists per customer, rows returned in reverse rank order; logs calls. */
function fakeModel(lists: Record<string, string[]>) {
  const calls: { customerIds: string[]; n: number; excludePurchased: boolean }[] = [];
  const model: RankingRecommender = {
    recommend(customerIds, { n, excludePurchased }) {
      calls.push({ customerIds: [...customerIds], n, excludePurchased });
      const rows = customerIds.flatMap((c) =>
        (lists[c] ?? []).slice(0, n).map((item, i) => ({
          customer_id: c,
          rank: i + 1,
          product_id: item,
          score: 1 / (i + 1),
          reason: "test",
        }))
      ).reverse();
      return pl.DataFrame(rows);
    },
  };
  return { model, calls };
}

const d2 = 1 / Math.log2(3);
const relevant = new Map([["c1", ["a", "b"]], ["c2", ["c"]], ["c3", []]]);

Deno.test("evaluateRecommenders() matches hand-computed metrics per model and k", () => {
  const good = fakeModel({ c1: ["a", "x", "b"], c2: ["c", "a", "y"] });
  const pop = fakeModel({ c1: ["x", "a", "y"], c2: ["x", "a", "y"] });
  const table = evaluateRecommenders({ good: good.model, pop: pop.model }, {
    relevant,
    k: [2, 1],
    catalogSize: 10,
  });
  assert.deepEqual(table.columns, [
    "model",
    "k",
    "precision",
    "recall",
    "map",
    "ndcg",
    "coverage",
    "users",
  ]);
  // Each model is asked once for max k = 2, for c1 and c2 (c3 has no relevant product).
  assert.deepEqual(good.calls, [{ customerIds: ["c1", "c2"], n: 2, excludePurchased: true }]);
  assert.equal(pop.calls.length, 1);
  const rows = table.toRecords();
  // good, k = 1: c1 [a] hit: P 1, R 1/2, AP 1/min(1, 2) = 1, NDCG 1; c2 [c] hit: all 1.
  //   Coverage {a, c} = 2/10.
  // good, k = 2: c1 [a, x]: P 1/2, R 1/2, AP (1/1)/2 = 1/2, NDCG 1/(1 + d2);
  //   c2 [c, a]: P 1/2, R 1, AP 1/min(2, 1) = 1, NDCG 1. Coverage {a, x, c} = 3/10.
  // pop, k = 1: c1 [x], c2 [x]: no hits. Coverage {x} = 1/10.
  // pop, k = 2: c1 [x, a]: P 1/2, R 1/2, AP (1/2)/2 = 1/4, NDCG d2/(1 + d2); c2 [x, a]: 0.
  //   Coverage {x, a} = 2/10.
  const expected = [
    ["good", 1, 1, 0.75, 1, 1, 0.2],
    ["good", 2, 0.5, 0.75, 0.75, (1 / (1 + d2) + 1) / 2, 0.3],
    ["pop", 1, 0, 0, 0, 0, 0.1],
    ["pop", 2, 0.25, 0.25, 0.125, d2 / (1 + d2) / 2, 0.2],
  ];
  assert.equal(rows.length, 4);
  rows.forEach((row, i) => {
    const [model, k, precision, recall, map, ndcg, coverage] = expected[i];
    assert.equal(row.model, model);
    assert.equal(Number(row.k), k);
    assert.equal(row.precision, precision);
    assert.equal(row.recall, recall);
    assert.equal(row.map, map);
    assert.ok(Math.abs((row.ndcg as number) - (ndcg as number)) < 1e-15, `ndcg row ${i}`);
    assert.equal(row.coverage, coverage);
    assert.equal(Number(row.users), 2);
  });
  assert.ok(table.getColumn("k").dtype.equals(pl.Int64));
});

Deno.test("evaluateRecommenders() accepts a relevant frame and an explicit customer list", () => {
  const good = fakeModel({ c1: ["a", "x", "b"], c2: ["c", "a", "y"], c3: ["q", "r"] });
  const frame = pl.DataFrame({
    customer_id: ["c2", "c1", "c1", "c1"],
    product_id: ["c", "a", "b", "a"],
  });
  const fromFrame = evaluateRecommenders({ good: good.model }, {
    relevant: frame,
    k: [1, 2],
    catalogSize: 10,
  });
  const fromMap = evaluateRecommenders({ good: good.model }, {
    relevant,
    k: [1, 2],
    catalogSize: 10,
  });
  assert.deepEqual(fromFrame.toRecords(), fromMap.toRecords());
  // Frame order: c2 first.
  assert.deepEqual(good.calls[0].customerIds, ["c2", "c1"]);
  // With c3 (no relevant product: coverage only) and c4 (nothing recommended: counts 0).
  const withC4 = new Map([...relevant, ["c4", ["d"]]]);
  const wider = evaluateRecommenders({ good: good.model }, {
    relevant: withC4,
    k: 1,
    catalogSize: 10,
    customers: ["c1", "c2", "c3", "c4", "c1"],
  });
  assert.deepEqual(good.calls[2].customerIds, ["c1", "c2", "c3", "c4"]);
  const row = wider.toRecords()[0];
  // c1 hit, c2 hit, c4 nothing: precision (1 + 1 + 0) / 3; coverage {a, c, q} = 3/10.
  assert.equal(row.precision, 2 / 3);
  assert.equal(row.coverage, 0.3);
  assert.equal(Number(row.users), 3);
});

Deno.test("evaluateRecommenders() is deterministic and keeps model order as given", () => {
  const a = fakeModel({ c1: ["a"], c2: ["c"] }).model;
  const b = fakeModel({ c1: ["b"], c2: ["a"] }).model;
  const run = () =>
    evaluateRecommenders({ zeta: a, alpha: b }, { relevant, catalogSize: 5 }).toRecords();
  const first = run();
  assert.deepEqual(run(), first);
  assert.deepEqual(first.map((r) => `${r.model}@${r.k}`), [
    "zeta@5",
    "zeta@10",
    "zeta@20",
    "alpha@5",
    "alpha@10",
    "alpha@20",
  ]);
});

Deno.test("evaluateRecommenders() rejects bad models, k, catalogue and relevant data", () => {
  const good = fakeModel({ c1: ["a"] }).model;
  assert.throws(() => evaluateRecommenders({}, { relevant, catalogSize: 5 }), {
    name: "RangeError",
    message: "Cannot evaluate recommenders as no models were given: 0 models",
  });
  assert.throws(
    () =>
      evaluateRecommenders({ bad: {} as RankingRecommender }, {
        relevant,
        catalogSize: 5,
      }),
    {
      name: "TypeError",
      message: 'Cannot evaluate recommenders as model "bad" has no recommend method: got object',
    },
  );
  assert.throws(
    () => evaluateRecommenders({ good }, { relevant, k: [5, 0], catalogSize: 5 }),
    {
      name: "RangeError",
      message: "Cannot evaluate recommenders as k must be an integer >= 1: got 0",
    },
  );
  assert.throws(
    () => evaluateRecommenders({ good }, { relevant, k: [], catalogSize: 5 }),
    {
      name: "RangeError",
      message: "Cannot evaluate recommenders as k is empty: 0 cut-offs",
    },
  );
  assert.throws(
    () =>
      evaluateRecommenders(
        { good },
        { relevant } as unknown as { relevant: typeof relevant; catalogSize: number },
      ),
    {
      name: "TypeError",
      message:
        "Cannot evaluate recommenders as option catalogSize must be the number of products: got undefined",
    },
  );
  assert.throws(() => evaluateRecommenders({ good }, { relevant, catalogSize: 2.5 }), {
    name: "RangeError",
    message: "Cannot evaluate recommenders as catalogSize must be a positive integer: 2.5",
  });
  assert.throws(
    () => evaluateRecommenders({ good }, { relevant: new Map([["c1", []]]), catalogSize: 5 }),
    {
      name: "RangeError",
      message: "Cannot evaluate recommenders as no customer has a relevant product: 0 customers",
    },
  );
  assert.throws(
    () =>
      evaluateRecommenders({ good }, {
        relevant: pl.DataFrame({ customer: ["c1"] }),
        catalogSize: 5,
      }),
    {
      name: "TypeError",
      message:
        'Cannot evaluate recommenders as columns "customer_id", "product_id" are missing: available columns are customer',
    },
  );
  const noRank: RankingRecommender = {
    recommend: (ids) => pl.DataFrame({ customer_id: [...ids], product_id: ids.map(() => "a") }),
  };
  assert.throws(() => evaluateRecommenders({ noRank }, { relevant, catalogSize: 5 }), {
    name: "TypeError",
    message:
      'Cannot evaluate recommenders (model "noRank") as column "rank" is missing: available columns are customer_id, product_id',
  });
});

Deno.test("evaluateRecommenders() adds paired bootstrap intervals of precision@k", () => {
  const good = fakeModel({ c1: ["a", "x", "b"], c2: ["c", "a", "y"] });
  const pop = fakeModel({ c1: ["x", "a", "y"], c2: ["x", "a", "y"] });
  const confidence = { seed: 4, resamples: 500 };
  const table = evaluateRecommenders({ good: good.model, pop: pop.model }, {
    relevant,
    k: [1, 2],
    catalogSize: 10,
    confidence,
  }).toRecords();
  assert.equal(Object.keys(table[0]).at(-1), "precision_upper");
  // good at k = 1: c1 hits (1), c2 hits (1): every resample has precision 1.
  assert.deepEqual([table[0].precision_lower, table[0].precision_upper], [1, 1]);
  // pop at k = 2: c1 1/2, c2 0; resamples of two customers: means 0, 1/4 or 1/2.
  const pop2 = table.find((r) => r.model === "pop" && r.k === 2)!;
  assert.equal(pop2.precision, 0.25);
  assert.deepEqual([pop2.precision_lower, pop2.precision_upper], [0, 0.5]);
  const noCi = evaluateRecommenders({ good: good.model }, { relevant, k: 1, catalogSize: 10 });
  assert.ok(!noCi.columns.includes("precision_lower"));
});
