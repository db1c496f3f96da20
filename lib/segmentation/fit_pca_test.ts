import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitPca } from "./fit_pca.ts";
import { loadMallCustomers } from "../io/datasets.ts";

// tests/reference/pca_reference.py: scikit-learn 1.2.1 PCA(n_components=2) on the Mall
// customers' age, income and score. Signs of components are arbitrary: compare |values|.
const RATIO = [0.4512527189125917, 0.4409846546380996];
const LOADINGS = [
  [-0.1889741999225602, 0.5886410193430777, 0.7859965026069586],
  [0.13096520288320954, 0.8083757274411805, -0.573913581402028],
];
const FIRST_ROWS = [
  [-31.87050780200574, -33.00142530774918],
  [0.7633969076414021, -56.843865320867934],
  [-57.408725568614855, -13.122936191157864],
];

function close(a: number, b: number, tol = 1e-9) {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
}

Deno.test("fitPca matches scikit-learn's PCA up to component signs", () => {
  const mall = loadMallCustomers();
  const features = ["age", "annual_income_k", "spending_score"];
  const model = fitPca(mall, { features });
  model.explainedVarianceRatio.forEach((r, i) => close(r, RATIO[i]));
  model.loadings.forEach((row, c) =>
    row.forEach((v, j) => close(Math.abs(v), Math.abs(LOADINGS[c][j])))
  );
  const projected = model.transform(mall).head(3).rows() as number[][];
  projected.forEach((row, i) =>
    row.forEach((v, c) => close(Math.abs(v), Math.abs(FIRST_ROWS[i][c])))
  );
});

Deno.test("fitPca validates the number of components and the features", () => {
  const df = pl.DataFrame({ a: [1, 2, 3], b: [3, 1, 2] });
  assert.throws(
    () => fitPca(df, { components: 3 }),
    /components must be an integer in \[1, 2\]: 3/,
  );
  assert.throws(() => fitPca(df, { features: ["c"] }), TypeError);
  assert.throws(() => fitPca(pl.DataFrame({ a: [1, null] })), RangeError);
});
