import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { trainTestSplit } from "./train_test_split.ts";
import { createRandom } from "../core/random.ts";

/** `n` rows: `id` 0..n-1 and a `label` column from `labelOf`. */
function frame(n: number, labelOf: (i: number) => string | null = (i) => (i % 2 ? "a" : "b")) {
  return pl.DataFrame([
    pl.Series("id", Array.from({ length: n }, (_, i) => i), pl.Int64),
    pl.Series("label", Array.from({ length: n }, (_, i) => labelOf(i)), pl.Utf8),
  ]);
}

const ids = (df: DataFrame) => (df.getColumn("id").toArray() as (number | bigint)[]).map(Number);

Deno.test("trainTestSplit sizes follow scikit-learn's ceil(testSize * n)", () => {
  // scikit-learn 1.2.1: len(train_test_split(range(n), test_size=t)[1]) for these (n, t) is
  // 3, 3, 2, 200, 3; for (100, 0.07) it is 8 (0.07 * 100 = 7.000000000000001), here 7.
  const cases: [number, number, number][] = [
    [30, 0.1, 3],
    [10, 0.3, 3],
    [7, 0.25, 2],
    [1000, 0.2, 200],
    [29, 0.1, 3],
    [100, 0.07, 7],
  ];
  for (const [n, testSize, expected] of cases) {
    const { train, test } = trainTestSplit(frame(n), { testSize, seed: 1 });
    assert.equal(test.height, expected, `n = ${n}, testSize = ${testSize}`);
    assert.equal(train.height, n - expected);
  }
});

Deno.test("trainTestSplit partitions the rows, keeps their order and all columns", () => {
  const df = frame(50);
  const { train, test } = trainTestSplit(df, { testSize: 0.2, seed: 7 });
  assert.deepEqual(train.columns, df.columns);
  assert.deepEqual(test.columns, df.columns);
  const a = ids(train);
  const b = ids(test);
  assert.deepEqual([...a, ...b].sort((x, y) => x - y), ids(df));
  assert.deepEqual(a, [...a].sort((x, y) => x - y));
  assert.deepEqual(b, [...b].sort((x, y) => x - y));
  // Rows stay whole: label still matches id.
  for (const row of test.toRecords()) {
    assert.equal(row.label, Number(row.id) % 2 ? "a" : "b");
  }
});

Deno.test("trainTestSplit is reproducible from its seed", () => {
  const df = frame(100);
  const first = trainTestSplit(df, { testSize: 0.3, seed: 42 });
  const again = trainTestSplit(df, { testSize: 0.3, seed: 42 });
  const other = trainTestSplit(df, { testSize: 0.3, seed: 43 });
  assert.deepEqual(ids(first.test), ids(again.test));
  assert.notDeepEqual(ids(first.test), ids(other.test));
  // The same chosen rows as a partial Fisher-Yates shuffle with createRandom(42).
  const indices = Array.from({ length: 100 }, (_, i) => i);
  const random = createRandom(42);
  for (let i = 0; i < 30; i++) {
    const j = i + random.int(100 - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  assert.deepEqual(ids(first.test), indices.slice(0, 30).sort((x, y) => x - y));
});

Deno.test("trainTestSplit with stratify keeps each class's share within one row", () => {
  const random = createRandom(3);
  for (let trial = 0; trial < 40; trial++) {
    const n = 20 + random.int(400);
    const k = 2 + random.int(4);
    // Unequal class sizes, each class at least 10 rows.
    const labels = Array.from({ length: n }, (_, i) => (i < 10 * k ? i % k : random.int(k)));
    const df = frame(n, (i) => `class ${labels[i]}`);
    const testSize = 0.1 + 0.8 * random.next();
    const { train, test } = trainTestSplit(df, { testSize, seed: trial, stratify: "label" });
    const nTest = Math.ceil(testSize * n - 1e-9 * testSize * n);
    assert.equal(test.height, nTest);
    assert.equal(train.height + test.height, n);
    const testLabels = test.getColumn("label").toArray();
    for (let c = 0; c < k; c++) {
      const nc = labels.filter((l) => l === c).length;
      const tc = testLabels.filter((l) => l === `class ${c}`).length;
      const exact = nc * nTest / n;
      assert.ok(Math.abs(tc - exact) < 1, `class ${c}: ${tc} test rows, exact share ${exact}`);
      assert.ok(Math.abs(tc - nc * testSize) < 2);
    }
  }
});

Deno.test("trainTestSplit with stratify: the churn example and a null class", () => {
  const churn = pl.DataFrame({
    id: [...Array(20).keys()],
    churn: [...Array(20)].map((_, i) => i < 5 ? 1 : 0),
  });
  const { train, test } = trainTestSplit(churn, { testSize: 0.2, seed: 9, stratify: "churn" });
  assert.equal(test.getColumn("churn").sum(), 1);
  assert.equal(train.getColumn("churn").sum(), 4);
  // Nulls are a class of their own: 4 nulls, 8 "a", 8 "b" -> 1, 2, 2 test rows at 0.25.
  const df = frame(20, (i) => (i < 4 ? null : i % 2 ? "a" : "b"));
  const split = trainTestSplit(df, { testSize: 0.25, seed: 1, stratify: "label" });
  assert.equal(split.test.getColumn("label").nullCount(), 1);
  assert.equal(split.test.height, 5);
  // Largest remainder: 3 classes of 3 rows, 4 test rows: exact 4/3 each, one class gets 2.
  const three = frame(9, (i) => ["x", "y", "z"][i % 3]);
  const counts = trainTestSplit(three, { testSize: 0.4, seed: 5, stratify: "label" }).test
    .getColumn("label").toArray();
  const perClass = ["x", "y", "z"].map((c) => counts.filter((l) => l === c).length);
  assert.deepEqual(perClass, [2, 1, 1]);
});

Deno.test("trainTestSplit never modifies its input and returns a frozen result", () => {
  const df = frame(30);
  const before = df.clone();
  const options = { testSize: 0.2, seed: 1, stratify: "label" };
  const result = trainTestSplit(df, options);
  assert.ok(df.frameEqual(before));
  assert.deepEqual(options, { testSize: 0.2, seed: 1, stratify: "label" });
  assert.ok(Object.isFrozen(result));
});

Deno.test("trainTestSplit rejects bad sizes, seeds, columns and tiny strata", () => {
  const df = frame(10);
  const split = (options: Record<string, unknown>, frameToSplit = df) => () =>
    trainTestSplit(frameToSplit, { testSize: 0.2, seed: 1, ...options });
  for (const testSize of [0, 1, 1.5, -0.1]) {
    assert.throws(
      split({ testSize }),
      new RegExp(
        `^RangeError: Cannot split into train and test as testSize must be in \\(0, 1\\): got ${testSize}$`,
      ),
    );
  }
  assert.throws(
    split({ testSize: Number.NaN }),
    /^RangeError: Cannot split into train and test as testSize must be a finite number: got NaN$/,
  );
  assert.throws(split({ testSize: "0.2" }), /^TypeError: .* testSize is not a number: got "0.2"$/);
  assert.throws(split({ testSize: 3 }), /^RangeError: .* testSize must be in \(0, 1\)/);
  assert.throws(split({ seed: undefined }), /^TypeError: .* seed is not a number: got undefined$/);
  assert.throws(
    split({ seed: Infinity }),
    /^RangeError: Cannot split into train and test as seed must be an integer from 0 to 4294967295: got Infinity$/,
  );
  assert.throws(split({ seed: 1.5 }), /^RangeError: .* seed must be an integer/);
  assert.throws(
    split({ stratify: "segment" }),
    /^TypeError: Cannot split into train and test as column "segment" is missing: available columns are id, label$/,
  );
  assert.throws(
    split({}, df.head(0)),
    /^RangeError: Cannot split into train and test as the frame is empty: 0 rows$/,
  );
  assert.throws(
    split({ testSize: 0.9 }, df.head(2)),
    /^RangeError: Cannot split into train and test as the train part would be empty: 2 rows, testSize 0.9 gives 2 test rows$/,
  );
  const rare = frame(10, (i) => (i === 0 ? "rare" : "common"));
  assert.throws(
    split({ stratify: "label" }, rare),
    /^RangeError: Cannot split into train and test as a class of "label" is too small for testSize 0.2: class "rare" has 1 row and would get 0 test and 1 train rows$/,
  );
});
