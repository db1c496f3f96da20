import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { correlationHeatmap } from "./correlation_heatmap.ts";

const matrix = pl.DataFrame({
  column: ["age", "income", "score"],
  age: [1, -0.01, -0.33],
  income: [-0.01, 1, 0.01],
  score: [-0.33, 0.01, 1],
});

Deno.test("correlationHeatmap labels every cell and keeps the matrix order", () => {
  const svg = correlationHeatmap(matrix, { title: "Correlations" }).svg;
  assert.equal((svg.match(/>1\.00</g) ?? []).length, 3);
  assert.equal((svg.match(/>-0\.33</g) ?? []).length, 2);
  assert.match(svg, /Correlations/);
  const ageTick = svg.indexOf(">age<");
  const scoreTick = svg.indexOf(">score<");
  assert.ok(ageTick > 0 && scoreTick > ageTick, "features keep the matrix order");
  assert.equal(correlationHeatmap(matrix).svg, correlationHeatmap(matrix).svg);
});

Deno.test("correlationHeatmap rejects a frame that is not a matrix", () => {
  assert.throws(() => correlationHeatmap(pl.DataFrame({ a: [1] })), TypeError);
  assert.throws(() => correlationHeatmap(matrix.head(0)), RangeError);
});

Deno.test("correlationHeatmap reads the feature names from the column named by `names`", () => {
  const renamed = matrix.rename({ column: "feature" });
  assert.equal(
    correlationHeatmap(renamed, { names: "feature" }).svg,
    correlationHeatmap(matrix).svg,
  );
  assert.throws(() => correlationHeatmap(renamed), /column "column" is missing/);
});
