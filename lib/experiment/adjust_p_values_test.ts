import assert from "node:assert/strict";
import { adjustPValues } from "./adjust_p_values.ts";
import { assertRelative, REFERENCE } from "./_test_reference.ts";

// Reference: R 4.2.2 p.adjust(p, "holm" / "BH" / "bonferroni"), ties and 0 and 1 included
// (tests/reference/experiment_reference.R). Worst relative error measured (2026-12-03): below 1e-15.
Deno.test("adjustPValues matches R p.adjust for Holm, Benjamini-Hochberg and Bonferroni", () => {
  for (const c of REFERENCE.adjust) {
    const methods = [["holm", c.holm], ["benjamini-hochberg", c.bh], ["bonferroni", c.bonferroni]];
    for (const [method, expected] of methods) {
      const actual = adjustPValues(c.pValues, { method });
      assert.equal(actual.length, expected.length);
      actual.forEach((v, i) => assertRelative(v, expected[i], 1e-15, `${method}[${i}]`));
    }
  }
});

Deno.test("adjustPValues refuses p-values outside [0, 1] and unknown methods", () => {
  assert.throws(() => adjustPValues([0.2, 1.2], { method: "holm" }), {
    name: "RangeError",
    message: /^Cannot adjust p-values as pValues\[1\] must be in \[0, 1\]: got 1.2$/,
  });
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => adjustPValues([0.2], { method: "BH" as any }),
    {
      name: "RangeError",
      message: /method must be one of "holm", "benjamini-hochberg", "bonferroni": got "BH"/,
    },
  );
  assert.deepEqual(adjustPValues([], { method: "holm" }), []);
});
