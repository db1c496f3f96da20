import pl from "nodejs-polars";
import assert from "node:assert/strict";
import {
  driftReport,
  populationStability,
  PSI_THRESHOLDS,
  segmentTransitions,
} from "./segment_drift.ts";

// Hand-computed PSI values: sum over bins of (a - e) * ln(a / e).
Deno.test("populationStability: numbers binned at the expected quantiles, hand-computed PSI", () => {
  const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; // median 5.5: bins (-inf, 5.5], (5.5, inf)
  // Same shares: 0.
  assert.equal(populationStability(expected, [1, 2, 8, 9], { bins: 2 }).psi, 0);
  // 0.25 / 0.75 against 0.5 / 0.5: (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.274653...
  const shifted = populationStability(expected, [1, 6, 7, 8], { bins: 2 });
  assert.ok(Math.abs(shifted.psi - 0.2746530721670274) < 1e-12);
  assert.equal(shifted.level, "major");
  assert.deepEqual(shifted.bins.getColumn("bin").toArray(), ["<= 5.5", "> 5.5"]);
  assert.deepEqual(shifted.bins.getColumn("actual_share").toArray(), [0.25, 0.75]);
  // 0.3 / 0.7: (-0.2) ln(0.6) + 0.2 ln(1.4) = 0.169459..., moderate.
  const moderate = populationStability(expected, [1, 2, 3, 6, 7, 8, 9, 10, 10, 10], { bins: 2 });
  assert.ok(Math.abs(moderate.psi - 0.16945957207744072) < 1e-12);
  assert.equal(moderate.level, "moderate");
  // An empty bin counts as epsilon = 1e-4: (1e-4 - 0.5) ln(1e-4 / 0.5) + 0.5 ln(2) = 4.604318...
  const empty = populationStability(expected, [6, 7], { bins: 2 });
  assert.ok(Math.abs(empty.psi - 4.60431846666895) < 1e-12);
  // Ties merge edges: a constant expected population has two bins, <= v and > v.
  assert.deepEqual(
    populationStability([3, 3, 3], [3, 4]).bins.getColumn("bin").toArray(),
    ["<= 3", "> 3"],
  );
});

Deno.test("populationStability: categories, nulls left out, and refusals", () => {
  const r = populationStability(["a", "a", "b", "b", null], ["a", "b", "b", "b"]);
  assert.ok(Math.abs(r.psi - 0.2746530721670274) < 1e-12);
  assert.equal(populationStability(["a", "b"], ["b", "a"]).level, "stable");
  assert.throws(() => populationStability([], [1]), /expected population has no values/);
  assert.throws(() => populationStability([1, 2], ["a"]), TypeError);
  assert.throws(() => populationStability([1, 2], [1], { bins: 1 }), RangeError);
  assert.deepEqual(PSI_THRESHOLDS, { moderate: 0.1, major: 0.25 });
});

Deno.test("segmentTransitions: counts movers, new and gone customers", () => {
  const before = pl.DataFrame({ customer_id: ["a", "b", "c", "e"], s: ["X", "X", "Y", "Y"] });
  const after = pl.DataFrame({ customer_id: ["a", "b", "c", "d"], s: ["X", "Y", "X", "Z"] });
  const m = segmentTransitions(before, after, { segment: "s" });
  assert.deepEqual(m.columns, ["from_segment", "X", "Y", "Z", "(gone)"]);
  assert.deepEqual(m.toRecords(), [
    { from_segment: "X", X: 1, Y: 1, Z: 0, "(gone)": 0 },
    { from_segment: "Y", X: 1, Y: 0, Z: 0, "(gone)": 1 },
    { from_segment: "(new)", X: 0, Y: 0, Z: 1, "(gone)": 0 },
  ]);
  assert.throws(() => segmentTransitions(before, after), /kmeans_segment/);
});

Deno.test("driftReport: stable, moderate and major populations and the recommendation", () => {
  const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
  const before = pl.DataFrame({
    customer_id: ids,
    kmeans_segment: ["X", "X", "X", "X", "X", "Y", "Y", "Y", "Y", "Y"],
    monetary: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  });
  const same = driftReport(before, before, { bins: 2 });
  assert.equal(same.refit, false);
  assert.match(same.recommendation, /^No refit needed: every PSI is below 0.1/);
  const watched = driftReport(
    before,
    before.withColumns(
      pl.Series("kmeans_segment", ["X", "X", "X", "Y", "Y", "Y", "Y", "Y", "Y", "Y"]),
    ),
    { bins: 2 },
  );
  assert.deepEqual(watched.table.getColumn("level").toArray(), ["moderate", "stable"]);
  assert.match(watched.recommendation, /^Watch: .* for kmeans_segment; no refit yet/);
  assert.deepEqual(watched.transitions.kmeans_segment.toRecords(), [
    { from_segment: "X", X: 3, Y: 2 },
    { from_segment: "Y", X: 0, Y: 5 },
  ]);
  const shifted = driftReport(
    before,
    before.withColumns(pl.Series("monetary", [1, 2, 3, 6, 7, 8, 9, 10, 10, 10])),
    { bins: 2 },
  );
  assert.equal(shifted.refit, false); // 0.3 / 0.7 is moderate
  const major = driftReport(
    before,
    before.withColumns(pl.Series("monetary", [6, 6, 7, 7, 8, 8, 9, 9, 10, 1])),
    { bins: 2 },
  );
  assert.equal(major.refit, true);
  assert.match(major.recommendation, /^Refit: PSI >= 0.25 \(major shift\) for monetary$/);
  assert.deepEqual(major.table.getColumn("variable").toArray(), ["kmeans_segment", "monetary"]);
});
