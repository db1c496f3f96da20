import assert from "node:assert/strict";
import { expectedValueThreshold } from "./expected_value_threshold.ts";
import { referenceCase } from "./_test_fixtures.ts";

// No scikit-learn equivalent: hand-checked cases and a brute-force check over every distinct
// score of the tied_200 case of tests/fixtures/evaluate_cases.json.

Deno.test("expectedValueThreshold() hand case with a tie at the best threshold", () => {
  // Sorted: 0.9 (churner), 0.6 tied (churner and not), 0.3 (not), 0.1 (churner).
  // A saved churner is worth 200 x 0.5 = 100; a contact costs 30.
  // Nobody 0; >= 0.9: 100 - 30 = 70; >= 0.6: 200 - 90 = 110; >= 0.3: 200 - 120 = 80;
  // >= 0.1: 300 - 150 = 150.
  const result = expectedValueThreshold([1, 1, 0, 0, 1], [0.9, 0.6, 0.6, 0.3, 0.1], {
    contactCost: 30,
    retainedValue: 200,
    successRate: 0.5,
  });
  assert.equal(result.threshold, 0.1);
  assert.equal(result.expectedValue, 150);
  assert.equal(result.contacted, 5);
  assert.deepEqual(result.table.columns, [
    "threshold",
    "contacted",
    "true_positives",
    "expected_value",
  ]);
  assert.deepEqual(result.table.toRecords(), [
    { threshold: Infinity, contacted: 0, true_positives: 0, expected_value: 0 },
    { threshold: 0.9, contacted: 1, true_positives: 1, expected_value: 70 },
    { threshold: 0.6, contacted: 3, true_positives: 2, expected_value: 110 },
    { threshold: 0.3, contacted: 4, true_positives: 2, expected_value: 80 },
    { threshold: 0.1, contacted: 5, true_positives: 3, expected_value: 150 },
  ]);
});

Deno.test("expectedValueThreshold() prefers fewer contacts on equal value, nobody when all lose", () => {
  // Worth 20 per churner, cost 10: >= 0.9 gives 10, >= 0.5 gives 0, all give 40 - 30 = 10.
  const tie = expectedValueThreshold([1, 0, 1], [0.9, 0.5, 0.1], {
    contactCost: 10,
    retainedValue: 20,
  });
  assert.deepEqual([tie.threshold, tie.expectedValue, tie.contacted], [0.9, 10, 1]);
  const nobody = expectedValueThreshold([1, 0, 0], [0.9, 0.5, 0.1], {
    contactCost: 60,
    retainedValue: 50,
  });
  assert.deepEqual([nobody.threshold, nobody.expectedValue, nobody.contacted], [Infinity, 0, 0]);
  // Free contacts: contact everyone who might churn (ties at zero value go to fewer contacts).
  const free = expectedValueThreshold([1, 0, 1, 0], [0.9, 0.5, 0.4, 0.1], {
    contactCost: 0,
    retainedValue: 1,
  });
  assert.equal(free.threshold, 0.4);
  // One class is fine: no churners means contact nobody.
  assert.equal(
    expectedValueThreshold([0, 0], [0.2, 0.3], { contactCost: 1, retainedValue: 9 }).contacted,
    0,
  );
});

Deno.test("expectedValueThreshold() equals brute force over every distinct score", () => {
  const c = referenceCase("tied_200");
  const options = { contactCost: 12, retainedValue: 90, successRate: 0.35 };
  const result = expectedValueThreshold(c.y, c.scores, options);
  const distinct = [...new Set(c.scores)].sort((a, b) => b - a);
  assert.equal(result.table.height, distinct.length + 1);
  let best = { threshold: Infinity, value: 0, contacted: 0 };
  const values = [0];
  for (const t of distinct) {
    let contacted = 0;
    let churners = 0;
    c.scores.forEach((s, i) => {
      if (s >= t) {
        contacted++;
        churners += c.y[i];
      }
    });
    const value = churners * options.successRate * options.retainedValue -
      options.contactCost * contacted;
    values.push(value);
    if (value > best.value) best = { threshold: t, value, contacted };
  }
  assert.deepEqual(result.table.getColumn("expected_value").toArray(), values);
  assert.deepEqual(
    [result.threshold, result.expectedValue, result.contacted],
    [best.threshold, best.value, best.contacted],
  );
  assert.ok(best.contacted > 0 && best.contacted < 200, `${best.contacted}`);
});

Deno.test("expectedValueThreshold() rejects missing or bad amounts and bad input", () => {
  const y = [0, 1];
  const s = [0.2, 0.8];
  assert.throws(
    () =>
      expectedValueThreshold(
        y,
        s,
        { retainedValue: 10 } as unknown as { contactCost: 1; retainedValue: 10 },
      ),
    {
      name: "TypeError",
      message: "Cannot find expected-value threshold as contactCost is not a number: got undefined",
    },
  );
  assert.throws(() => expectedValueThreshold(y, s, { contactCost: -1, retainedValue: 10 }), {
    name: "RangeError",
    message:
      "Cannot find expected-value threshold as contactCost must be a finite number >= 0: got -1",
  });
  assert.throws(
    () => expectedValueThreshold(y, s, { contactCost: 1, retainedValue: Infinity }),
    (e) =>
      e instanceof RangeError &&
      /retainedValue must be a finite number: got Infinity$/.test(e.message),
  );
  assert.throws(
    () => expectedValueThreshold(y, s, { contactCost: 1, retainedValue: 10, successRate: 1.5 }),
    {
      name: "RangeError",
      message: "Cannot find expected-value threshold as successRate must be in [0, 1]: got 1.5",
    },
  );
  assert.throws(
    () => expectedValueThreshold([0, 1, 1], s, { contactCost: 1, retainedValue: 10 }),
    (e) => e instanceof RangeError && /differ in length: 3 labels, 2 scores$/.test(e.message),
  );
});

Deno.test("expectedValueThreshold() with equal per-row values reproduces the scalar result exactly", () => {
  const c = referenceCase("tied_200");
  const options = { contactCost: 12, retainedValue: 90, successRate: 0.35 };
  const scalar = expectedValueThreshold(c.y, c.scores, options);
  const perRow = expectedValueThreshold(c.y, c.scores, {
    ...options,
    retainedValue: new Float64Array(c.y.length).fill(90),
  });
  assert.deepEqual(perRow.table.toRecords(), scalar.table.toRecords());
  assert.deepEqual(
    [perRow.threshold, perRow.expectedValue, perRow.contacted],
    [scalar.threshold, scalar.expectedValue, scalar.contacted],
  );
});

Deno.test("expectedValueThreshold() per-row values: hand case, ties, and brute force", () => {
  // Sorted: 0.9 churner worth 10, 0.6 tied (churner worth 400, non-churner worth 1000),
  // 0.3 non-churner, 0.1 churner worth 100. Saved with probability 0.5, a contact costs 30.
  // Nobody 0; >= 0.9: 5 - 30 = -25; >= 0.6: 205 - 90 = 115; >= 0.3: 205 - 120 = 85;
  // >= 0.1: 255 - 150 = 105. A flat value would not pick 0.6 (see the scalar hand case).
  const result = expectedValueThreshold([1, 1, 0, 0, 1], [0.9, 0.6, 0.6, 0.3, 0.1], {
    contactCost: 30,
    retainedValue: [10, 400, 1000, 7, 100],
    successRate: 0.5,
  });
  assert.deepEqual([result.threshold, result.expectedValue, result.contacted], [0.6, 115, 3]);
  assert.deepEqual(result.table.getColumn("expected_value").toArray(), [0, -25, 115, 85, 105]);
  assert.deepEqual(result.table.getColumn("threshold").toArray(), [Infinity, 0.9, 0.6, 0.3, 0.1]);

  // Brute force over every distinct score of a 200-row case with varied values.
  const c = referenceCase("tied_200");
  const values = c.y.map((_, i) => ((i * 37) % 101) * 3.7);
  const options = { contactCost: 12, retainedValue: values, successRate: 0.35 };
  const fast = expectedValueThreshold(c.y, c.scores, options);
  const distinct = [...new Set(c.scores)].sort((a, b) => b - a);
  const brute = [0];
  for (const t of distinct) {
    let contacted = 0;
    let saved = 0;
    c.scores.forEach((s, i) => {
      if (s >= t) {
        contacted++;
        saved += c.y[i] * values[i];
      }
    });
    brute.push(0.35 * saved - 12 * contacted);
  }
  const got = fast.table.getColumn("expected_value").toArray() as number[];
  assert.equal(got.length, brute.length);
  got.forEach((v, k) =>
    assert.ok(Math.abs(v - brute[k]) < 1e-9, `candidate ${k}: ${v} ${brute[k]}`)
  );
  const best = brute.indexOf(Math.max(...brute));
  assert.equal(fast.expectedValue, got[best]);
  assert.equal(fast.threshold, best === 0 ? Infinity : distinct[best - 1]);
});

Deno.test("expectedValueThreshold() rejects per-row values of the wrong length or range", () => {
  const y = [0, 1, 1];
  const s = [0.2, 0.8, 0.5];
  assert.throws(
    () => expectedValueThreshold(y, s, { contactCost: 1, retainedValue: [1, 2] }),
    {
      name: "RangeError",
      message:
        "Cannot find expected-value threshold as retainedValue must hold one value per row: 2 values for 3 rows",
    },
  );
  assert.throws(
    () => expectedValueThreshold(y, s, { contactCost: 1, retainedValue: [1, -2, NaN] }),
    {
      name: "RangeError",
      message:
        "Cannot find expected-value threshold as 2 retainedValue entries are not a finite number >= 0: rows 2, 3 (values -2, NaN)",
    },
  );
  assert.throws(
    () =>
      expectedValueThreshold(y, s, {
        contactCost: 1,
        retainedValue: "750" as unknown as number,
      }),
    { name: "TypeError", message: /retainedValue is not a number: got "750"$/ },
  );
});
