import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { modelGrid } from "./model_grid.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { fitParetoNbd } from "./fit_pareto_nbd.ts";
import { simulateSummary } from "./_test_simulate.ts";

const summary = simulateSummary("bgnbd", [0.5, 5, 0.8, 2.5], 400, 3);
const model = fitBgNbd(summary);

Deno.test("modelGrid() lists frequency 0 at recency 0, then every frequency over (0, T]", () => {
  const grid = modelGrid(model, { T: 10, maxFrequency: 3, recencySteps: 4, t: 5 });
  assert.deepEqual(grid.columns, [
    "frequency",
    "recency",
    "probability_alive",
    "expected_purchases",
  ]);
  assert.equal(grid.height, 1 + 3 * 4);
  assert.deepEqual(grid.getColumn("frequency").toArray(), [0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  assert.deepEqual(grid.getColumn("recency").toArray().slice(0, 5), [0, 2.5, 5, 7.5, 10]);
  // The values are the model's own, row by row.
  const rows = grid.select(
    pl.col("frequency"),
    pl.col("recency"),
    pl.lit(10).cast(pl.Float64).alias("T"),
  );
  assertClose(
    grid.getColumn("probability_alive").toTypedArray() as Float64Array,
    model.probabilityAlive(rows),
    1e-15,
  );
  assertClose(
    grid.getColumn("expected_purchases").toTypedArray() as Float64Array,
    model.conditionalExpectedPurchases(rows, { t: 5 }),
    1e-15,
  );
  // BG/NBD: P(alive) = 1 with no repeat purchase; at each frequency it grows with recency.
  const alive = grid.getColumn("probability_alive").toArray() as number[];
  assert.equal(alive[0], 1);
  for (let x = 0; x < 3; x++) {
    const row = alive.slice(1 + 4 * x, 5 + 4 * x);
    assert.deepEqual(row, [...row].sort((a, b) => a - b), `frequency ${x + 1}`);
  }
});

Deno.test("modelGrid() takes any purchase model and its column names, with defaults", () => {
  const renamed = summary.rename({ frequency: "x", recency: "t_x", T: "age" });
  const custom = fitBgNbd(renamed, { frequency: "x", recency: "t_x", T: "age" });
  const a = modelGrid(custom, { T: 39 });
  assert.equal(a.height, 1 + 20 * 39); // defaults: maxFrequency 20, recencySteps round(T)
  assert.deepEqual(a.getColumn("recency").toArray().slice(1, 4), [1, 2, 3]);
  const pareto = modelGrid(fitParetoNbd(summary), { T: 39, maxFrequency: 2 });
  assert.ok((pareto.getColumn("probability_alive").toArray()[0] as number) < 1);
  assert.equal(modelGrid(model, { T: 400, maxFrequency: 1 }).height, 1 + 50);
});

Deno.test("modelGrid() refuses bad options", () => {
  assert.throws(() => modelGrid(model, { T: 0 }), {
    name: "RangeError",
    message: /Cannot build the model grid as T must be/,
  });
  assert.throws(() => modelGrid(model, { T: 10, maxFrequency: 0 }), RangeError);
  assert.throws(() => modelGrid(model, { T: 10, recencySteps: 1.5 }), RangeError);
  assert.throws(() => modelGrid(model, { T: 10, t: -1 }), RangeError);
  assert.throws(() => modelGrid({} as never, { T: 10 }), TypeError);
});
