/**
 * The small numeric frame of the prep tests: the RFM columns of the small table in
 * lib/rfm/_test_fixtures.ts plus a constant column. tests/reference/rfm_reference.py builds the
 * same frame (`X`) and prints the scikit-learn values pasted into the tests: keep both in step.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";

/** 10 rows: `customer_id` (text) and four Float64 features, the last constant (4.2). */
export function sampleFrame(): DataFrame {
  return pl.DataFrame([
    pl.Series(
      "customer_id",
      ["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c10", "c11"],
      pl.Utf8,
    ),
    pl.Series("recency_days", [0, 27, 44, 14, 14, 70, 0, 0, 31, 1], pl.Float64),
    pl.Series("frequency", [3, 2, 1, 1, 2, 1, 1, 2, 3, 1], pl.Float64),
    pl.Series(
      "monetary",
      [56.0, 40.0, 16.0, 7.0, 45.0, 25.200000000000003, 7.0, 15.0, 40.16, 34.0],
      pl.Float64,
    ),
    pl.Series("constant", new Array(10).fill(4.2), pl.Float64),
  ]);
}

/** The second frame (`X2` in the script): fitted parameters applied to new rows. */
export function newRows(): DataFrame {
  return pl.DataFrame({
    customer_id: ["n1", "n2"],
    recency_days: [0.0, 100.0],
    frequency: [1.0, 10.0],
    monetary: [5.0, 1000.0],
    constant: [4.2, 5.2],
  });
}

/** The four feature names of {@linkcode sampleFrame}. */
export const FEATURES = ["recency_days", "frequency", "monetary", "constant"] as const;
