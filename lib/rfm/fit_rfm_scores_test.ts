import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { fitRfmScores } from "./fit_rfm_scores.ts";
import { scoreRfm } from "./score_rfm.ts";
import { createRandom } from "../core/random.ts";

function randomRfm(n: number, seed: number) {
  const rng = createRandom(seed);
  const r = Array.from({ length: n }, () => Math.floor(rng.next() * 60));
  const f = Array.from({ length: n }, () => 1 + Math.floor(rng.next() * rng.next() * 6));
  const m = Array.from({ length: n }, () => Math.round(rng.next() * 1000) / 4);
  return pl.DataFrame({
    customer_id: Array.from({ length: n }, (_, i) => `c${i}`),
    recency_days: r,
    frequency: f,
    monetary: m,
  });
}

const COLUMNS = ["r_score", "f_score", "m_score", "rfm_score", "segment"];

Deno.test("fitRfmScores: transform on the fitting table equals scoreRfm (heavy ties, 3 and 5 bins)", () => {
  for (const bins of [3, 5, 7]) {
    for (const seed of [1, 2, 3]) {
      const rfm = randomRfm(257, seed);
      const expected = scoreRfm(rfm, { bins });
      const got = fitRfmScores(rfm, { bins }).transform(rfm);
      for (const c of COLUMNS) {
        assert.deepEqual(got.getColumn(c).toArray(), expected.getColumn(c).toArray(), `${c}`);
      }
    }
  }
});

Deno.test("fitRfmScores: a constant column scores the middle for its value, edges elsewhere", () => {
  const rfm = pl.DataFrame({
    customer_id: ["a", "b", "c"],
    recency_days: [5, 10, 20],
    frequency: [2, 2, 2],
    monetary: [1, 2, 3],
  });
  const model = fitRfmScores(rfm);
  assert.deepEqual(model.edges[1].edges, [-Infinity, -Infinity, 2, 2]);
  const later = pl.DataFrame({
    customer_id: ["x", "y", "z"],
    recency_days: [0, 10, 99],
    frequency: [1, 2, 3],
    monetary: [0, 2, 9],
  });
  const scored = model.transform(later);
  // Below every fitting value is still score 3: no fitting customer was scored 1 or 2.
  assert.deepEqual(scored.getColumn("f_score").toArray(), [3, 3, 5]);
  assert.deepEqual(scored.getColumn("r_score").toArray(), [5, 4, 2]);
  assert.deepEqual(scored.getColumn("m_score").toArray(), [2, 4, 5]);
});

Deno.test("fitRfmScores: refuses NaN values with the house message", () => {
  const rfm = randomRfm(10, 4);
  const model = fitRfmScores(rfm);
  const bad = rfm.withColumns(pl.Series("monetary", [NaN, ...Array(9).fill(1)]));
  assert.throws(
    () => model.transform(bad),
    /Cannot score RFM with fitted edges as column "monetary"/,
  );
});
