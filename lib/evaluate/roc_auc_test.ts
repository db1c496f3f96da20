import assert from "node:assert/strict";
import { createRandom } from "../core/random.ts";
import { rocAuc } from "./roc_auc.ts";
import { cases, tiedSample } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/evaluate_cases.json with sklearn.metrics.roc_auc_score(y, scores) for 8 cases:
// many ties (scores rounded to 1 and 2 decimals), unrounded scores, a hand case, all-equal
// scores, perfectly separated and reversed rankings.

Deno.test("rocAuc() matches sklearn.metrics.roc_auc_score to 1e-12, ties included", () => {
  assert.equal(cases.length, 8);
  for (const c of cases) assertClose(rocAuc(c.y, c.scores), c.roc_auc_score, 1e-12, c.name);
  const byName = Object.fromEntries(cases.map((c) => [c.name, c.roc_auc_score]));
  assert.equal(byName.all_equal, 0.5);
  assert.equal(byName.separated, 1);
  assert.equal(byName.reversed, 0);
});

Deno.test("rocAuc() equals the Mann-Whitney pair count with ties counted half", () => {
  const random = createRandom(11);
  for (const [n, decimals] of [[50, 1], [120, 1], [300, 2]]) {
    const { y, scores } = tiedSample(random, n, decimals);
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 1) continue;
      for (let j = 0; j < n; j++) {
        if (y[j] !== 0) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    assertClose(rocAuc(y, scores), wins / pairs, 1e-14, `n=${n}`);
  }
});

Deno.test("rocAuc() accepts any ArrayLike and does not depend on row order or scale", () => {
  const c = cases.find((c) => c.name === "tied_200")!;
  const expected = rocAuc(c.y, c.scores);
  assert.equal(rocAuc(Uint8Array.from(c.y), Float64Array.from(c.scores)), expected);
  assert.equal(rocAuc(Int32Array.from(c.y), Float32Array.from(c.scores)), expected);
  const reversedY = [...c.y].reverse();
  const reversedScores = [...c.scores].reverse();
  assert.equal(rocAuc(reversedY, reversedScores), expected);
  // A monotone transform keeps the ranking, ties and all.
  assertClose(rocAuc(c.y, c.scores.map((s) => 100 * s - 3)), expected, 1e-15, "affine");
  // -0 and 0 are one tied score.
  assert.equal(rocAuc([1, 0], [-0, 0]), 0.5);
});

Deno.test("rocAuc() handles 200k tied rows (speed is measured in bench/, not here)", () => {
  const random = createRandom(5);
  const { y, scores } = tiedSample(random, 200_000, 3);
  const auc = rocAuc(y, scores);
  assert.ok(auc > 0.8 && auc < 1, `${auc}`);
});

Deno.test("rocAuc() rejects a single-class sample like scikit-learn's ValueError", () => {
  const scores = Array.from({ length: 25 }, (_, i) => i / 24);
  assert.throws(() => rocAuc(new Array(25).fill(0), scores), {
    name: "RangeError",
    message: "Cannot compute ROC AUC as only one class is present in yTrue: 25 rows, all 0",
  });
  assert.throws(() => rocAuc(new Array(25).fill(1), scores), {
    name: "RangeError",
    message: "Cannot compute ROC AUC as only one class is present in yTrue: 25 rows, all 1",
  });
});

Deno.test("rocAuc() rejects bad labels, scores and lengths with counts and examples", () => {
  assert.throws(() => rocAuc([0, 1, 1], [0.1, 0.2]), {
    name: "RangeError",
    message: "Cannot compute ROC AUC as yTrue and scores differ in length: 3 labels, 2 scores",
  });
  assert.throws(() => rocAuc([], []), {
    name: "RangeError",
    message: "Cannot compute ROC AUC as the input is empty: 0 rows",
  });
  const y = [0, 2, 1, -1, 0, 0.5, NaN, 3, 4, 1];
  assert.throws(() => rocAuc(y, new Array(10).fill(0.5)), {
    name: "RangeError",
    message:
      "Cannot compute ROC AUC as 6 yTrue values are not 0 or 1: rows 2, 4, 6, 7, 8 and 1 more (values 2, -1, 0.5, NaN, 3)",
  });
  assert.throws(() => rocAuc([0, 1, true as unknown as number], [0.1, 0.2, 0.3]), {
    name: "RangeError",
    message: "Cannot compute ROC AUC as 1 yTrue value is not 0 or 1: row 3 (value true)",
  });
  assert.throws(() => rocAuc([0, 1, 1, 0], [0.1, NaN, Infinity, 0.4]), {
    name: "RangeError",
    message:
      "Cannot compute ROC AUC as 2 scores are NaN, infinite or not numbers: rows 2, 3 (values NaN, Infinity)",
  });
  assert.throws(
    () => rocAuc([0, 1], ["0.1", 0.2] as unknown as number[]),
    (e) => e instanceof RangeError && /row 1 \(value "0.1"\)$/.test(e.message),
  );
  assert.throws(() => rocAuc(undefined as unknown as number[], [1]), {
    name: "TypeError",
    message: "Cannot compute ROC AUC as yTrue is not an array of 0/1 numbers: it is undefined",
  });
  assert.throws(() => rocAuc([1], 0.5 as unknown as number[]), {
    name: "TypeError",
    message: "Cannot compute ROC AUC as scores is not an array of numbers: it is number",
  });
});
