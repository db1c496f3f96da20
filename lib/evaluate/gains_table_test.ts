import assert from "node:assert/strict";
import { gainsTable } from "./gains_table.ts";
import { cases } from "./_test_fixtures.ts";
import { assertClose } from "../../tests/_helpers.ts";

// Reference values: tests/reference/evaluate_reference.py computes the same table independently
// with pandas (stable sort by score descending, np.array_split into 10 bins) for the cases of
// tests/fixtures/evaluate_cases.json with at least 10 rows. There is no scikit-learn function.

const numbers = (df: ReturnType<typeof gainsTable>, name: string) =>
  df.getColumn(name).toArray() as number[];

Deno.test("gainsTable() hand case: remainder at the top, ties split in row order", () => {
  // Sorted by score, ties in row order: rows 2 (0.9, y 1), 1, 3, 4, 7 (all 0.5; y 0, 1, 0, 0),
  // 5 (0.2, y 1), 6 (0.1, y 0). 7 rows in 3 bins: sizes 3, 2, 2. Overall rate 3/7.
  const table = gainsTable([0, 1, 1, 0, 1, 0, 0], [0.5, 0.9, 0.5, 0.5, 0.2, 0.1, 0.5], {
    bins: 3,
  });
  assert.deepEqual(table.columns, [
    "bin",
    "customers",
    "positives",
    "positive_rate",
    "cumulative_customers_share",
    "cumulative_positives_share",
    "lift",
    "cumulative_lift",
  ]);
  assert.deepEqual(numbers(table, "bin"), [1, 2, 3]);
  assert.deepEqual(numbers(table, "customers"), [3, 2, 2]);
  assert.deepEqual(numbers(table, "positives"), [2, 0, 1]);
  assertClose(numbers(table, "positive_rate"), [2 / 3, 0, 1 / 2], 1e-15, "rate");
  assertClose(numbers(table, "cumulative_customers_share"), [3 / 7, 5 / 7, 1], 1e-15, "cum n");
  assertClose(numbers(table, "cumulative_positives_share"), [2 / 3, 2 / 3, 1], 1e-15, "gain");
  // Lift: (2/3) / (3/7) = 14/9, 0, (1/2) / (3/7) = 7/6; cumulative: 14/9, (2/5) / (3/7), 1.
  assertClose(numbers(table, "lift"), [14 / 9, 0, 7 / 6], 1e-15, "lift");
  assertClose(numbers(table, "cumulative_lift"), [14 / 9, 14 / 15, 1], 1e-15, "cum lift");
  assert.equal(table.getColumn("bin").dtype.variant, "Int32");
});

Deno.test("gainsTable() matches the pandas reference (10 bins)", () => {
  let checked = 0;
  for (const c of cases) {
    if (c.gains_table === null) continue;
    const table = gainsTable(c.y, c.scores);
    assert.equal(table.height, 10);
    for (const name of Object.keys(c.gains_table[0]) as (keyof typeof c.gains_table[0])[]) {
      assertClose(
        numbers(table, name),
        c.gains_table.map((row) => row[name]),
        1e-12,
        `${c.name} ${name}`,
      );
    }
    checked++;
  }
  assert.equal(checked, 6);
});

Deno.test("gainsTable() ends at full gain and lift 1; one bin is the whole sample", () => {
  const c = cases.find((c) => c.name === "tied_201")!;
  const table = gainsTable(c.y, c.scores, { bins: 7 });
  assert.deepEqual(numbers(table, "customers"), [29, 29, 29, 29, 29, 28, 28]);
  assert.equal(numbers(table, "cumulative_positives_share").at(-1), 1);
  assert.equal(numbers(table, "cumulative_lift").at(-1), 1);
  const one = gainsTable(c.y, c.scores, { bins: 1 });
  assert.deepEqual(numbers(one, "lift"), [1]);
});

Deno.test("gainsTable() rejects bad bins, no positives and bad input", () => {
  for (const bins of [0, 2.5, 5, NaN]) {
    assert.throws(() => gainsTable([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], { bins }), {
      name: "RangeError",
      message:
        `Cannot compute gains table as bins (at most the row count) must be an integer from 1 to 4: got ${bins}`,
    });
  }
  assert.throws(() => gainsTable([0, 0, 0], [0.1, 0.2, 0.3], { bins: 3 }), {
    name: "RangeError",
    message:
      "Cannot compute gains table as there is no positive in yTrue, so lift is undefined: 3 rows, all 0",
  });
  assert.throws(
    () => gainsTable([0, 1], [0.1, NaN], { bins: 2 }),
    (e) =>
      e instanceof RangeError && /1 score is NaN, infinite or not a number: row 2/.test(e.message),
  );
});
