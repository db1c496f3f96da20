import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { transitionChart } from "./transition_chart.ts";
import { countMarks, parseSvg, texts } from "./_test_utils.ts";

Deno.test("transitionChart draws one labelled cell per matrix cell, in the matrix's order", () => {
  const matrix = pl.DataFrame({
    from_segment: ["X", "Y", "(new)"],
    X: [5, 2, 0],
    Y: [1, 4, 3],
  });
  const root = parseSvg(transitionChart(matrix, { title: "Who moved" }).svg);
  assert.equal(countMarks(root, "cell", "rect"), 6);
  const labels = texts(root);
  assert.equal(labels[0], "Who moved");
  for (const v of ["5", "2", "0", "1", "4", "3", "(new)", "customers"]) {
    assert.ok(labels.includes(v), v);
  }
});

Deno.test("transitionChart refuses a frame without from_segment", () => {
  assert.throws(() => transitionChart(pl.DataFrame({ X: [1] })), /from_segment/);
});
