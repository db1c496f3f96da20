import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { calinskiHarabaszScore } from "./calinski_harabasz_score.ts";

// Reference values: tests/reference/cluster_metrics_reference.py (scikit-learn 1.2.1) writes
// tests/fixtures/cluster_reference_metrics.json with
// sklearn.metrics.calinski_harabasz_score(X, labels) for k-means labels, the fixtures'
// true_label column and hand-made labels.

interface MetricCase {
  name: string;
  file: string;
  features: string[];
  labels: number[];
  calinski_harabasz_score: number;
}

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const cases: MetricCase[] =
  JSON.parse(Deno.readTextFileSync(root("tests/fixtures/cluster_reference_metrics.json"))).cases;
const frames = new Map<string, pl.DataFrame>();
const load = (file: string) => {
  if (!frames.has(file)) frames.set(file, pl.readCSV(root(file)));
  return frames.get(file)!;
};

Deno.test("calinskiHarabaszScore() matches sklearn.metrics.calinski_harabasz_score to 1e-12", () => {
  for (const c of cases) {
    const score = calinskiHarabaszScore(load(c.file), c.labels, { features: c.features });
    assert.ok(
      Math.abs(score - c.calinski_harabasz_score) <= 1e-12 * c.calinski_harabasz_score,
      `${c.name}: ${score} vs ${c.calinski_harabasz_score}`,
    );
  }
});

Deno.test("calinskiHarabaszScore() is 1 when the within-cluster dispersion is 0, as in scikit-learn", () => {
  assert.equal(calinskiHarabaszScore(pl.DataFrame({ x: [0, 0, 5, 5] }), [0, 0, 1, 1]), 1);
});

Deno.test("calinskiHarabaszScore() rejects bad labels and features", () => {
  const df = pl.DataFrame({ x: [0, 1, 2, 3], y: [1, 1, NaN, 2], name: ["a", "b", "c", "d"] });
  assert.throws(
    () => calinskiHarabaszScore(df, [1, 1, 1, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /^Cannot compute Calinski-Harabasz score as the number of distinct labels must be from 2 to n - 1 \(inclusive\): 1 distinct label \(1\) for n = 4 rows$/
        .test(e.message),
  );
  assert.throws(
    () => calinskiHarabaszScore(df, [0, 1, 2, 3], { features: ["x"] }),
    (e) =>
      e instanceof RangeError && /4 distinct labels \(0, 1, 2, 3\) for n = 4 rows$/.test(e.message),
  );
  assert.throws(
    () => calinskiHarabaszScore(df, [0, 1], { features: ["x"] }),
    (e) =>
      e instanceof RangeError &&
      /labels and rows differ in length: 2 labels, 4 rows$/.test(e.message),
  );
  assert.throws(
    () => calinskiHarabaszScore(df, [0, 0, 1, 1], { features: ["x", "y"] }),
    (e) => e instanceof RangeError && /feature "y" has 1 row with missing, NaN/.test(e.message),
  );
  assert.throws(
    () => calinskiHarabaszScore(df, [0, 0, 1, 1], { features: ["name"] }),
    (e) => e instanceof TypeError && /feature "name" is not numeric/.test(e.message),
  );
  assert.throws(
    () => calinskiHarabaszScore(pl.DataFrame({ x: [] as number[] }), []),
    (e) => e instanceof RangeError && /the frame is empty: 0 rows$/.test(e.message),
  );
});
