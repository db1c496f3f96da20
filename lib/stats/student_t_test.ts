import assert from "node:assert/strict";
import { studentT } from "./student_t.ts";
import { normal } from "./normal.ts";
import { compareWithReference } from "./_test_reference.ts";

// Reference: tests/reference/stats_reference.py (scipy 1.10.1; mpmath 1.2.1 at 50 digits).
// Worst relative error measured (2026-12-03): CDF and survival function 8.5e-14 against mpmath,
// 1.5e-13 against scipy (df 0.5 to 1e6, |t| up to 1e4); quantile 8.8e-13 against scipy where
// scipy is right. At 184 of 418 quantile points scipy 1.10's t.ppf (cephes stdtri) is off by
// more than 1e-12 (up to 1e-9, and -1e100 for p = 1e-100 at df = 0.5): there mpmath's CDF at
// scipy's value misses p by more than ours does at our value.
Deno.test("studentT matches scipy (or mpmath where scipy is off) over the reference grid", () => {
  const result = compareWithReference("studentT", {
    cdf: (x, p) => studentT.cdf(x, p as never),
    sf: (x, p) => studentT.sf(x, p as never),
    quantile: (x, p) => studentT.quantile(x, p as never),
  }, 1e-12);
  assert.deepEqual(result.failures, []);
  assert.ok(result.count > 30);
  console.log(JSON.stringify(result.worst));
});

Deno.test("studentT refuses bad degrees of freedom and takes df = Infinity as the normal", () => {
  assert.throws(() => studentT.cdf(1, { df: 0 }), {
    name: "RangeError",
    message: /^Cannot compute the Student t CDF as df must be a finite number > 0: got 0$/,
  });
  assert.throws(() => studentT.quantile(-0.1, { df: 3 }), {
    name: "RangeError",
    message: /p must be in \[0, 1\]: got -0.1/,
  });
  assert.equal(studentT.cdf(-1.5, { df: Infinity }), normal.cdf(-1.5));
  assert.equal(studentT.sf(Infinity, { df: 3 }), 0);
  assert.ok(Math.abs(studentT.cdf(-1e300, { df: 1 }) / (1 / (Math.PI * 1e300)) - 1) < 1e-14);
});
