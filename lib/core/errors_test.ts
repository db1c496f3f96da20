import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { formatExamples, requireColumns, requireNumericColumns, requireRows } from "./errors.ts";

Deno.test("formatExamples quotes strings and counts the rest", () => {
  assert.equal(formatExamples(["a", 2]), '"a", 2');
  assert.equal(formatExamples([1, 2, 3, 4, 5, 6, 7]), "1, 2, 3, 4, 5 and 2 more");
  assert.equal(formatExamples([1], 10), "1 and 9 more");
});

Deno.test("requireColumns and requireRows throw the house messages", () => {
  const df = pl.DataFrame({ a: [1], b: [2] });
  assert.throws(
    () => requireColumns(df, ["a", "c", "d"], "do it"),
    /^TypeError: Cannot do it as columns "c", "d" are missing: available columns are a, b$/,
  );
  requireColumns(df, ["a"], "do it");
  assert.throws(() => requireRows(df.head(0), "do it"), RangeError);
});

Deno.test("requireNumericColumns names the first non-numeric column and its dtype", () => {
  const df = pl.DataFrame({ a: [1.5], b: ["x"] });
  requireNumericColumns(df, ["a"], "do it");
  assert.throws(
    () => requireNumericColumns(df, ["a", "b"], "do it"),
    /^TypeError: Cannot do it as column "b" is not numeric: its dtype is String$/,
  );
});
