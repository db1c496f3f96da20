import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitPca } from "./fit_pca.ts";
import { assertClose } from "../../tests/_helpers.ts";

// The comparison with scikit-learn's PCA on the Mall customers runs in
// tests/datasets/segmentation_test.ts.

Deno.test("fitPca records its options and projects onto unit-length loadings", () => {
  const df = pl.DataFrame({ a: [1, 2, 3, 4, 5], b: [2, 1, 4, 3, 6], c: [0, 1, 0, 1, 0] });
  const model = fitPca(df, { components: 2 });
  assert.deepEqual(model.options, { features: ["a", "b", "c"], components: 2 });
  assert.ok(Object.isFrozen(model) && Object.isFrozen(model.options));
  for (const loading of model.loadings) {
    assertClose(Math.hypot(...loading), 1, 1e-12, "loading length");
  }
  const projected = model.transform(df);
  assert.deepEqual(projected.columns, ["pc1", "pc2"]);
  // Centred data: each component's scores sum to 0.
  for (const column of projected.columns) {
    assertClose((projected.getColumn(column).toArray() as number[]).reduce((s, v) => s + v), 0);
  }
});

Deno.test("fitPca validates the number of components and the features", () => {
  const df = pl.DataFrame({ a: [1, 2, 3], b: [3, 1, 2] });
  assert.throws(
    () => fitPca(df, { components: 3 }),
    /Cannot fit PCA as components must be an integer from 1 to 2: got 3$/,
  );
  assert.throws(() => fitPca(df, { features: ["c"] }), TypeError);
  assert.throws(() => fitPca(pl.DataFrame({ a: [1, null] })), RangeError);
});
