import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { contactList } from "./contact_list.ts";
import { coefficientTable } from "./coefficient_table.ts";
import { fitLogisticRegression, INTERCEPT } from "./fit_logistic_regression.ts";

const df = pl.DataFrame({
  id: ["a", "b", "c", "d", "e", "f", "g", "h"],
  overdue: [2.5, -1, 0.5, 1.8, -0.7, 0.1, 2.2, -1.5],
  month_to_month: [1, 0, 1, 1, 0, 0, 0, 1],
  value: [100, 900, 50, 300, 20, 400, 10, 70],
  churned: [1, 0, 0, 1, 0, 0, 1, 1],
});

Deno.test("contactList ranks by expected loss and keeps the top rows", () => {
  const scores = [0.9, 0.1, 0.5, 0.8, 0.05, 0.3, 0.95, 0.6];
  const list = contactList(df, { id: "id", scores, value: "value", topN: 3 });
  assert.deepEqual(list.columns, ["rank", "id", "churn_probability", "value", "expected_loss"]);
  // expected losses: a 90, b 90, d 240, f 120, h 42 ... ties keep row order (a before b)
  assert.deepEqual(list.getColumn("id").toArray(), ["d", "f", "a"]);
  assert.deepEqual(list.getColumn("rank").toArray(), [1, 2, 3]);
  const raw = df.withColumns(df.getColumn("value").mul(2).alias("value"));
  const fromRaw = contactList(df.drop("value"), {
    id: "id",
    scores,
    value: "value",
    valueFrame: raw,
    topN: 1,
  });
  assert.deepEqual(fromRaw.getColumn("value").toArray(), [600]);
  assert.throws(
    () => contactList(df, { id: "id", scores, value: "value", valueFrame: raw.head(3) }),
    RangeError,
  );
  const byProbability = contactList(df, { id: "id", scores, topN: 2 });
  assert.deepEqual(byProbability.getColumn("id").toArray(), ["g", "a"]);
});

Deno.test("contactList explains each row with the features that raise its risk", () => {
  const model = fitLogisticRegression(df, {
    features: ["overdue", "month_to_month"],
    target: "churned",
    l2: 1,
  });
  assert.ok(model.coefficients.overdue > 0 && model.coefficients.month_to_month > 0);
  const list = contactList(df, {
    id: "id",
    scores: model.predictProba(df),
    explain: model,
    topN: 8,
  });
  const reasons = Object.fromEntries(list.toRecords().map((r) => [r.id, r.reason]));
  // a: both push up; the larger contribution first
  const aFirst = model.coefficients.overdue * 2.5 > model.coefficients.month_to_month
    ? "high overdue, month_to_month"
    : "month_to_month, high overdue";
  assert.equal(reasons.a, aFirst);
  assert.equal(reasons.e, "no single feature stands out"); // overdue < 0 lowers risk, no flag
  assert.equal(reasons.h, "month_to_month");
});

Deno.test("contactList validates its inputs", () => {
  assert.throws(() => contactList(df, { id: "id", scores: [0.1] }), /1 scores, 8 rows/);
  assert.throws(() => contactList(df, { id: "nope", scores: new Array(8).fill(0) }), TypeError);
  assert.throws(
    () => contactList(df, { id: "id", scores: new Array(8).fill(0), topN: 0 }),
    RangeError,
  );
});

Deno.test("coefficientTable lists features by |z|, with odds ratios, and the intercept last", () => {
  const model = fitLogisticRegression(df, {
    features: ["overdue", "month_to_month"],
    target: "churned",
    l2: 1,
  });
  const table = coefficientTable(model).toRecords();
  assert.equal(table.at(-1)?.feature, INTERCEPT);
  assert.ok(Math.abs(Number(table[0].z)) >= Math.abs(Number(table[1].z)));
  for (const row of table) {
    assert.ok(Math.abs(Number(row.odds_ratio) - Math.exp(Number(row.coefficient))) < 1e-12);
  }
});

Deno.test("contactList keeps only rows matching where and above minProbability", () => {
  const scores = [0.9, 0.1, 0.5, 0.8, 0.05, 0.3, 0.95, 0.6];
  // Active customers are churned = 0: b, c, e, f; of those, probability >= 0.3: c, f.
  const list = contactList(df, {
    id: "id",
    scores,
    where: { column: "churned", equals: 0 },
    minProbability: 0.3,
    topN: 10,
  });
  assert.deepEqual(list.getColumn("id").toArray(), ["c", "f"]);
  assert.deepEqual(list.getColumn("rank").toArray(), [1, 2]);
  const byValue = contactList(df, {
    id: "id",
    scores,
    value: "value",
    where: { column: "churned", equals: 0 },
    topN: 2,
  });
  assert.deepEqual(byValue.getColumn("id").toArray(), ["f", "b"]); // 120 and 90
  assert.throws(
    () => contactList(df, { id: "id", scores, where: { column: "active", equals: 1 } }),
    { name: "TypeError", message: /active/ },
  );
  assert.throws(
    () => contactList(df, { id: "id", scores, minProbability: NaN }),
    { name: "RangeError", message: /minProbability/ },
  );
});

Deno.test("contactList() prices each contact with contactCost and successRate", () => {
  const df = pl.DataFrame({ id: ["a", "b", "c"], clv: [100, 1000, 10] });
  const list = contactList(df, {
    id: "id",
    scores: [0.9, 0.2, 0.5],
    value: "clv",
    contactCost: 20,
    successRate: 0.3,
  });
  assert.deepEqual(list.columns, [
    "rank",
    "id",
    "churn_probability",
    "value",
    "expected_loss",
    "expected_value",
  ]);
  // b: 0.2 x 1000 x 0.3 - 20 = 40; a: 0.9 x 100 x 0.3 - 20 = 7; c: 0.5 x 10 x 0.3 - 20 = -18.5,
  // a losing call, left out by default.
  assert.deepEqual(list.getColumn("id").toArray(), ["b", "a"]);
  const all = contactList(df, {
    id: "id",
    scores: [0.9, 0.2, 0.5],
    value: "clv",
    contactCost: 20,
    successRate: 0.3,
    minExpectedValue: -Infinity,
  });
  assert.deepEqual(all.getColumn("id").toArray(), ["b", "a", "c"]);
  const values = all.getColumn("expected_value").toArray() as number[];
  [40, 7, -18.5].forEach((v, i) => assert.ok(Math.abs(values[i] - v) < 1e-12, `${values[i]}`));
  const atLeast10 = contactList(df, {
    id: "id",
    scores: [0.9, 0.2, 0.5],
    value: "clv",
    contactCost: 20,
    successRate: 0.3,
    minExpectedValue: 10,
  });
  assert.deepEqual(atLeast10.getColumn("id").toArray(), ["b"]);
  assert.throws(
    () => contactList(df, { id: "id", scores: [0.9, 0.2, 0.5], value: "clv", minExpectedValue: 0 }),
    { name: "TypeError", message: /minExpectedValue needs contactCost/ },
  );
  assert.throws(
    () => contactList(df, { id: "id", scores: [0.9, 0.2, 0.5], contactCost: 20 }),
    { name: "TypeError", message: /contactCost needs a value column/ },
  );
  assert.throws(
    () =>
      contactList(df, {
        id: "id",
        scores: [0.9, 0.2, 0.5],
        value: "clv",
        contactCost: 1,
        successRate: 2,
      }),
    { name: "RangeError", message: /successRate must be in \[0, 1\]: got 2$/ },
  );
});

Deno.test("contactList() leaves out losing calls after the where filter and reasons", () => {
  const df = pl.DataFrame({ id: ["a", "b", "c"], clv: [100, 1000, 10], churned: [0, 0, 1] });
  const list = contactList(df, {
    id: "id",
    scores: [0.9, 0.2, 0.5],
    value: "clv",
    contactCost: 20,
    successRate: 0.3,
    where: { column: "churned", equals: 0 },
    minProbability: 0.5,
  });
  assert.deepEqual(list.getColumn("id").toArray(), ["a"]);
});
