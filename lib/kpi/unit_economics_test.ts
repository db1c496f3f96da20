import assert from "node:assert/strict";
import { unitEconomics } from "./unit_economics.ts";

Deno.test("unitEconomics by hand: CAC, margin CLV, ratio, payback and net value", () => {
  // CLV 480 revenue at 40% margin = 192; CAC 12000 / 150 = 80; ratio 2.4;
  // payback 80 / (30 * 0.4) = 6.666... months; net 112.
  const t = unitEconomics({
    label: "2011-Q3",
    clv: 480,
    grossMargin: 0.4,
    acquisitionSpend: 12000,
    newCustomers: 150,
    monthlyRevenuePerCustomer: 30,
  });
  assert.deepEqual(t.toRecords(), [{
    label: "2011-Q3",
    cac: 80,
    clv: 480,
    clv_margin: 192,
    clv_to_cac: 2.4,
    payback_months: 80 / 12,
    net_value_per_customer: 112,
    acquisition_cost_source: "analyst input: spend / new customers",
  }]);
});

Deno.test("unitEconomics: a CLV already in margin is not multiplied again; default labels", () => {
  const t = unitEconomics([{
    clv: 300,
    clvIsMargin: true,
    grossMargin: 0.5,
    acquisitionCost: 100,
  }]);
  assert.deepEqual(t.getColumn("clv_margin").toArray(), [300]);
  assert.deepEqual(t.getColumn("clv_to_cac").toArray(), [3]);
  assert.deepEqual(t.getColumn("label").toArray(), ["row 1"]);
  assert.deepEqual(t.getColumn("acquisition_cost_source").toArray(), ["analyst input"]);
});

Deno.test("unitEconomics refuses bad inputs naming the value", () => {
  assert.throws(() => unitEconomics([]), {
    name: "RangeError",
    message: /^Cannot compute unit economics as the list of inputs is empty: got 0 rows$/,
  });
  assert.throws(() => unitEconomics({ clv: 10, grossMargin: 1.5, acquisitionCost: 1 }), {
    name: "RangeError",
    message: /^Cannot compute unit economics as grossMargin must be in \(0, 1\]: got 1.5$/,
  });
  assert.throws(
    () =>
      unitEconomics([{ clv: 10, grossMargin: 0.5, acquisitionCost: 1 }, {
        clv: 10,
        grossMargin: 0.5,
      }]),
    {
      name: "RangeError",
      message:
        /inputs\[1\] needs either acquisitionCost or acquisitionSpend with newCustomers: got neither/,
    },
  );
  assert.throws(
    () => unitEconomics({ clv: 10, grossMargin: 0.5, acquisitionSpend: 100, newCustomers: 0 }),
    { name: "RangeError", message: /newCustomers must be a finite number > 0: got 0/ },
  );
  assert.throws(() => unitEconomics({ clv: -1, grossMargin: 0.5, acquisitionCost: 1 }), {
    name: "RangeError",
    message: /clv must be a finite number >= 0: got -1/,
  });
});
