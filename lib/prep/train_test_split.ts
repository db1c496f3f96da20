import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom, MAX_SEED, type Random } from "../core/random.ts";
import {
  formatExamples,
  requireColumns,
  requireInteger,
  requireProbability,
  requireRows,
} from "../core/errors.ts";

/** Options for {@linkcode trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Share of rows for the test part, a fraction strictly between 0 and 1 (not a row count). */
  testSize: number;
  /**
   * Seed of the shuffle, an integer from 0 to 4,294,967,295; the same seed and frame give the same
   * split.
   */
  seed: number;
  /**
   * A column whose classes (e.g. the churn target) should have the same shares in both parts:
   * each class is split separately. Missing values (null) form a class of their own.
   */
  stratify?: string;
}

/** The two parts of a {@linkcode trainTestSplit}. */
export interface TrainTestSplit {
  /** Rows to fit on, in their original relative order. */
  readonly train: DataFrame;
  /** Rows held out for evaluation, in their original relative order. */
  readonly test: DataFrame;
}

const ACTION = "split into train and test";

/** Picks `k` of `indices` at random (partial Fisher-Yates) and marks them in `mask`. */
function pick(
  indices: number[],
  k: number,
  mask: Uint8Array,
  random: Random,
): void {
  for (let i = 0; i < k; i++) {
    const j = i + random.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
    mask[indices[i]] = 1;
  }
}

/** A key telling classes apart: type and value (dates by time), null on its own. */
function classKey(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return `date:${value.getTime()}`;
  return `${typeof value}:${String(value)}`;
}

/**
 * Splits a frame at random into a train and a test part, as scikit-learn's `train_test_split`
 * does, for honest evaluation of a model on rows it was not fitted on.
 *
 * **Sizes** follow scikit-learn: the test part gets `ceil(testSize * n)` rows, the train part the
 * rest; except that float noise does not add a row (scikit-learn 1.2.1 gives 8 test rows for
 * `testSize` 0.07 and 100 rows, as `0.07 * 100 = 7.000000000000001`; this gives 7). The rows are
 * chosen by a partial Fisher-Yates shuffle driven by {@linkcode createRandom}`(seed)`, so the
 * *sizes* match scikit-learn but the chosen rows do not (a different generator). Within each part
 * the rows **keep their original relative order**.
 *
 * **Stratified** (`stratify: column`): each class `c` of the column, with `n_c` rows, gets
 * `floor(n_c * nTest / n)` test rows; the few rows left over to reach `nTest` go one each to the
 * classes with the largest fractional remainders (ties: the larger class, then the class seen
 * first), the "largest remainder" rounding. So each class's test count differs from its exact
 * share `n_c * nTest / n` by less than one row, and the total is the same as without stratifying.
 * Classes are shuffled one after the other, in order of first appearance, from the same generator.
 *
 * Cost: O(n) time and memory (one index array and a row mask; the parts are made by Polars
 * filters).
 *
 * @param df The frame to split; never modified.
 * @param options `testSize` (fraction in (0, 1)), `seed`, and optionally `stratify` (a column).
 * @returns `{ train, test }`, new frames with all columns.
 * @throws {TypeError} When `testSize` or `seed` is not a number, or the stratify column is
 * missing.
 * @throws {RangeError} When `testSize` is not strictly between 0 and 1, the seed is not an integer
 * from 0 to 2^32 - 1,
 * the frame is empty, a part would be empty, or a class of the stratify column is too small to
 * have at least one row in each part.
 *
 * @example Hold out a fifth of the customers, keeping the churn rate
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { trainTestSplit } from "./train_test_split.ts";
 *
 * const df = pl.DataFrame({
 *   customer: [...Array(20).keys()],
 *   churn: [...Array(20).keys()].map((i) => (i % 4 === 0 ? 1 : 0)), // 5 churners
 * });
 * const { train, test } = trainTestSplit(df, { testSize: 0.2, seed: 42, stratify: "churn" });
 * assert.equal(train.height, 16);
 * assert.equal(test.height, 4);
 * assert.equal(test.getColumn("churn").sum(), 1); // a fifth of the churners
 * ```
 */
export function trainTestSplit(df: DataFrame, options: TrainTestSplitOptions): TrainTestSplit {
  const { testSize, seed, stratify } = options ?? {};
  requireProbability(testSize, "testSize", ACTION);
  requireInteger(seed, "seed", ACTION, 0, MAX_SEED);
  const random = createRandom(seed);
  if (stratify !== undefined) requireColumns(df, [stratify], ACTION);
  requireRows(df, ACTION);

  const n = df.height;
  const nTest = Math.ceil(testSize * n - 1e-9 * Math.max(1, testSize * n));
  if (nTest >= n) {
    throw new RangeError(
      `Cannot ${ACTION} as the train part would be empty: ${n} ${
        n === 1 ? "row" : "rows"
      }, testSize ${testSize} gives ${nTest} test rows`,
    );
  }
  const mask = new Uint8Array(n);
  if (stratify === undefined) {
    pick(Array.from({ length: n }, (_, i) => i), nTest, mask, random);
  } else {
    const values = df.getColumn(stratify).toArray();
    const classes = new Map<string, { label: unknown; rows: number[] }>();
    values.forEach((v, i) => {
      const key = classKey(v);
      let entry = classes.get(key);
      if (!entry) classes.set(key, entry = { label: v, rows: [] });
      entry.rows.push(i);
    });
    const strata = [...classes.values()].map((c, order) => {
      const exact = c.rows.length * nTest / n;
      return { ...c, order, exact, count: Math.floor(exact) };
    });
    let left = nTest - strata.reduce((s, c) => s + c.count, 0);
    const byRemainder = [...strata].sort((a, b) =>
      (b.exact - b.count) - (a.exact - a.count) || b.rows.length - a.rows.length ||
      a.order - b.order
    );
    for (const c of byRemainder) {
      if (left-- <= 0) break;
      c.count++;
    }
    const small = strata.filter((c) => c.count < 1 || c.count >= c.rows.length);
    if (small.length > 0) {
      const c = small[0];
      throw new RangeError(
        `Cannot ${ACTION} as ${
          small.length === 1 ? "a class" : `${small.length} classes`
        } of "${stratify}" ${
          small.length === 1 ? "is" : "are"
        } too small for testSize ${testSize}: class ${
          formatExamples([c.label ?? "null"])
        } has ${c.rows.length} ${
          c.rows.length === 1 ? "row" : "rows"
        } and would get ${c.count} test and ${c.rows.length - c.count} train rows`,
      );
    }
    for (const c of strata) pick(c.rows, c.count, mask, random);
  }
  const inTest = pl.Series("test", Array.from(mask, (m) => m === 1), pl.Bool);
  return Object.freeze({ train: df.filter(inTest.not()), test: df.filter(inTest) });
}
