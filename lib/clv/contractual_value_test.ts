import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { assertClose } from "../../tests/_helpers.ts";
import { kaplanMeier } from "../survival/kaplan_meier.ts";
import { contractualLifetimeValue } from "./contractual_value.ts";

// No reference software computes this exact quantity: hand-computed cases and a closed form.

const groupedTable = pl.DataFrame({
  group: ["A", "A", "A", "A", "B", "B", "B"],
  time: [0, 1, 2, 3, 0, 2, 5],
  survival: [1, 0.8, 0.6, 0.5, 1, 0.9, 0],
});

Deno.test("contractualLifetimeValue() hand case: conditional survival, steps, tail, discounting", () => {
  const customers = pl.DataFrame({
    id: ["a1", "a2", "a3", "b1"],
    plan: ["A", "A", "A", "B"],
    tenure: [1, 0.5, 2, 1],
    charge: [100, 10, 40, 20],
  });
  const out = contractualLifetimeValue(customers, {
    survival: groupedTable,
    tenure: "tenure",
    group: "plan",
    monthlyValue: "charge",
    margin: 0.5,
    discountRate: 0.1,
    horizon: 3,
  });
  assert.deepEqual(out.columns, ["id", "plan", "tenure", "charge", "expected_months", "clv"]);
  assert.deepEqual(out.getColumn("id").toArray(), ["a1", "a2", "a3", "b1"]);
  // A's tail beyond month 3: a curve of 3 months, so the ratio is (S(3) / S(0))^(1/3) = 0.5^(1/3).
  const tail = 0.5 ** (1 / 3);
  // a1, tenure 1 (S = 0.8): S(2), S(3), S(4) = 0.6, 0.5, 0.5 x tail, over 0.8.
  const a1 = [0.6 / 0.8, 0.5 / 0.8, 0.5 * tail / 0.8];
  // a2, tenure 0.5 (S = 1, the step before month 1): S(1.5), S(2.5), S(3.5) = 0.8, 0.6, 0.5 x tail^0.5.
  const a2 = [0.8, 0.6, 0.5 * tail ** 0.5];
  // a3, tenure 2 (S = 0.6): S(3), S(4), S(5) = 0.5, 0.5 tail, 0.5 tail^2, over 0.6.
  const a3 = [0.5 / 0.6, 0.5 * tail / 0.6, 0.5 * tail ** 2 / 0.6];
  // b1, tenure 1 (S = 1): S(2), S(3), S(4) = 0.9, 0.9, 0.9; B reaches 0 at month 5.
  const b1 = [0.9, 0.9, 0.9];
  const sum = (p: number[]) => p.reduce((s, v) => s + v, 0);
  const pv = (p: number[]) => p.reduce((s, v, m) => s + v / 1.1 ** (m + 1), 0);
  assertClose(out.getColumn("expected_months").toArray(), [a1, a2, a3, b1].map(sum), 1e-12);
  assertClose(
    out.getColumn("clv").toArray(),
    [100 * 0.5 * pv(a1), 10 * 0.5 * pv(a2), 40 * 0.5 * pv(a3), 20 * 0.5 * pv(b1)],
    1e-12,
  );
  // A curve that reaches 0 stays at 0: b1 over 6 months gets nothing from months 5 and 6.
  const longer = contractualLifetimeValue(customers.filter(pl.col("id").eq(pl.lit("b1"))), {
    survival: groupedTable,
    tenure: "tenure",
    group: "plan",
    monthlyValue: "charge",
    margin: 1,
    discountRate: 0,
    horizon: 6,
  });
  assertClose(longer.getColumn("expected_months").get(0), 2.7, 1e-12);
  assertClose(longer.getColumn("clv").get(0), 20 * 2.7, 1e-12);
  // The input is not modified.
  assert.deepEqual(customers.columns, ["id", "plan", "tenure", "charge"]);
});

Deno.test("contractualLifetimeValue() on a constant hazard equals the geometric series", () => {
  // Customers leaving at a constant 5% a month, so S(t) = 0.95^t, observed for 24 months; the
  // horizon of 60 months runs far past the curve, into the geometric tail, whose hazard from the
  // last 12 months is again 5%. Closed form: sum_{m=1..H} r^m = r (1 - r^H) / (1 - r).
  const q = 0.95;
  const times = Array.from({ length: 25 }, (_, t) => t);
  const survival = pl.DataFrame({ time: times, survival: times.map((t) => q ** t) });
  const customers = pl.DataFrame({ tenure: [0, 3, 20, 30], charge: [70, 70, 50, 10] });
  const horizon = 60;
  const d = 0.01;
  const out = contractualLifetimeValue(customers, {
    survival,
    tenure: "tenure",
    monthlyValue: "charge",
    margin: 0.3,
    discountRate: d,
    horizon,
  });
  const geometric = (r: number) => r * (1 - r ** horizon) / (1 - r);
  const months = geometric(q);
  const discounted = geometric(q / (1 + d));
  assertClose(out.getColumn("expected_months").toArray(), [months, months, months, months], 1e-9);
  assertClose(
    out.getColumn("clv").toArray(),
    [70, 70, 50, 10].map((v) => v * 0.3 * discounted),
    1e-9,
  );
});

Deno.test("contractualLifetimeValue() reads a kaplanMeier table fitted with a group", () => {
  const history = pl.DataFrame({
    tenure: [1, 2, 2, 3, 5, 1, 4, 6, 6, 8],
    churned: [1, 1, 0, 1, 0, 0, 1, 0, 1, 0],
    contract: [1, 1, 1, 1, 1, 2, 2, 2, 2, 2],
  });
  const km = kaplanMeier(history, { duration: "tenure", event: "churned", group: "contract" });
  const out = contractualLifetimeValue(history, {
    survival: km,
    tenure: "tenure",
    group: "contract",
    monthlyValue: "tenure",
    margin: 1,
    discountRate: 0,
    horizon: 1,
  });
  // Contract 1, tenure 1: S(1) = 4/5, S(2) = 4/5 x (1 - 1/4) = 0.6; so 0.6 / 0.8 = 0.75.
  assertClose(out.getColumn("expected_months").get(0), 0.75, 1e-12);
  // Contract 2, tenure 1 (censored): S(1) = 1, S(2) = 1.
  assertClose(out.getColumn("expected_months").get(5), 1, 1e-12);
});

Deno.test("contractualLifetimeValue() refuses bad input with clear errors", () => {
  const customers = pl.DataFrame({ plan: ["A", "B"], tenure: [1, 2], charge: [10, 20] });
  const base = {
    survival: groupedTable,
    tenure: "tenure",
    group: "plan",
    monthlyValue: "charge",
    margin: 0.5,
    discountRate: 0.01,
    horizon: 12,
  };
  const run = (df: pl.DataFrame, changes: Record<string, unknown> = {}) => () =>
    contractualLifetimeValue(df, { ...base, ...changes } as typeof base);
  assert.throws(
    run(pl.DataFrame({ plan: ["A", "B", "A"], tenure: [1, -2, -1], charge: [1, 2, 3] })),
    {
      name: "RangeError",
      message:
        'Cannot compute contractual lifetime value as 2 rows have a missing, NaN, infinite or negative value in column "tenure": rows 2, 3 (values -2, -1)',
    },
  );
  assert.throws(
    run(pl.DataFrame({ plan: ["A", "B"], tenure: [1, 2], charge: [NaN, Infinity] })),
    {
      name: "RangeError",
      message: /2 rows have .* in column "charge": rows 1, 2 \(values NaN, Infinity\)$/,
    },
  );
  assert.throws(
    run(pl.DataFrame({ plan: ["A", "C", "D", "C"], tenure: [1, 1, 1, 1], charge: [1, 1, 1, 1] })),
    {
      name: "RangeError",
      message:
        'Cannot compute contractual lifetime value as 3 customers are in groups with no survival curve in column "plan": "C", "D" (the table has "A", "B")',
    },
  );
  for (const discountRate of [NaN, Infinity, -1, -2]) {
    assert.throws(run(customers, { discountRate }), {
      name: "RangeError",
      message: /discountRate must be a finite number/,
    });
  }
  for (const horizon of [0, 1.5, NaN, -3]) {
    assert.throws(run(customers, { horizon }), {
      name: "RangeError",
      message:
        `Cannot compute contractual lifetime value as horizon must be an integer >= 1: got ${horizon}`,
    });
  }
  assert.throws(run(customers, { horizon: "12" }), {
    name: "TypeError",
    message: /horizon is not a number/,
  });
  assert.throws(run(customers, { margin: 1.5 }), {
    name: "RangeError",
    message: /margin must be in \[0, 1\]: got 1.5$/,
  });
  // Grouped table without a group option, and a group option with an ungrouped table.
  assert.throws(run(customers, { group: undefined }), {
    name: "TypeError",
    message: /one curve per group/,
  });
  assert.throws(run(customers, { survival: groupedTable.drop("group") }), {
    name: "TypeError",
    message: /column "group" is missing/,
  });
  // A curve with only its time-0 point has no hazard to extend.
  assert.throws(
    run(customers, {
      survival: pl.DataFrame({ group: ["A", "B", "B"], time: [0, 0, 1], survival: [1, 1, 0.9] }),
    }),
    { name: "RangeError", message: /survival curve of group A has too few points to extend/ },
  );
  // A customer at or past the point where their curve reached 0.
  assert.throws(run(pl.DataFrame({ plan: ["B", "B"], tenure: [1, 7], charge: [1, 1] })), {
    name: "RangeError",
    message:
      /1 customer has a tenure at or beyond the time their survival curve reached 0.*: rows 2$/,
  });
  // A table that is not a survival curve (survival rising).
  assert.throws(
    run(customers, {
      survival: pl.DataFrame({
        group: ["A", "A", "B", "B"],
        time: [0, 1, 0, 1],
        survival: [0.5, 0.9, 1, 1],
      }),
    }),
    { name: "RangeError", message: /1 survival table row is not a Kaplan-Meier curve.*: rows 2$/ },
  );
  assert.throws(run(customers, { tenure: "months" }), {
    name: "TypeError",
    message: /"months" is missing/,
  });
});
