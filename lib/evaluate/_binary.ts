/**
 * Private helpers shared by the evaluation metrics: validation of a 0/1 label vector and a score
 * vector, and the cumulative true/false positive counts at each distinct score threshold (the
 * `_binary_clf_curve` of scikit-learn), from which ROC AUC, average precision, both curves and
 * the expected-value threshold are read.
 *
 * @module
 */
import { formatExamples, MAX_EXAMPLES } from "../core/errors.ts";

/** Validated inputs: labels as 0/1 bytes, scores as float64 (with -0 turned into 0). */
export interface BinaryInput {
  /** 0/1 labels. */
  readonly y: Uint8Array;
  /** Finite scores. */
  readonly scores: Float64Array;
  /** Number of rows. */
  readonly n: number;
  /** Number of rows labelled 1. */
  readonly positives: number;
  /** Number of rows labelled 0. */
  readonly negatives: number;
}

/** What {@linkcode binaryInput} checks beyond the basics. */
export interface BinaryInputChecks {
  /**
   * A display name for the metric in the single-class error ("ROC AUC"), or `undefined` to allow
   * a sample with one class only.
   */
  requireBothClasses?: string;
  /** Require every score to be a probability in [0, 1]. */
  probabilities?: boolean;
  /** Name of the label argument in messages. Default `"yTrue"`. */
  labelName?: string;
}

function describeArrayLike(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `a string ${JSON.stringify(value.slice(0, 20))}`;
  return typeof value === "object" ? (value.constructor?.name ?? "an object") : typeof value;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number";
}

/**
 * Validates labels and scores and copies them into typed arrays.
 *
 * @param yTrue 0/1 labels.
 * @param scores One finite score per label.
 * @param action What the caller is doing, e.g. `"compute ROC AUC"`.
 * @param checks Optional extra checks.
 * @returns The validated input.
 * @throws {TypeError} When an argument is not array-like.
 * @throws {RangeError} When lengths differ, the input is empty, a label is not 0 or 1, a score
 * is NaN, infinite or not a number, a probability is outside [0, 1], or only one class is present
 * where both are required.
 */
export function binaryInput(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  action: string,
  checks: BinaryInputChecks = {},
): BinaryInput {
  const labelName = checks.labelName ?? "yTrue";
  if (!isArrayLike(yTrue)) {
    throw new TypeError(
      `Cannot ${action} as ${labelName} is not an array of 0/1 numbers: it is ${
        describeArrayLike(yTrue)
      }`,
    );
  }
  if (!isArrayLike(scores)) {
    throw new TypeError(
      `Cannot ${action} as scores is not an array of numbers: it is ${describeArrayLike(scores)}`,
    );
  }
  const n = yTrue.length;
  if (scores.length !== n) {
    throw new RangeError(
      `Cannot ${action} as ${labelName} and scores differ in length: ${n} ${
        n === 1 ? "label" : "labels"
      }, ${scores.length} ${scores.length === 1 ? "score" : "scores"}`,
    );
  }
  if (n === 0) throw new RangeError(`Cannot ${action} as the input is empty: 0 rows`);

  const y = new Uint8Array(n);
  const badRows: number[] = [];
  const badValues: unknown[] = [];
  let badCount = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const v = yTrue[i] as unknown;
    if (v === 1) {
      y[i] = 1;
      positives++;
    } else if (v !== 0) {
      badCount++;
      if (badRows.length < MAX_EXAMPLES) {
        badRows.push(i + 1);
        badValues.push(v);
      }
    }
  }
  if (badCount > 0) {
    throw new RangeError(
      `Cannot ${action} as ${badCount} ${labelName} ${
        badCount === 1 ? "value is" : "values are"
      } not 0 or 1: ${badCount === 1 ? "row" : "rows"} ${formatExamples(badRows, badCount)} (${
        badCount === 1 ? "value" : "values"
      } ${formatExamples(badValues)})`,
    );
  }

  const out = new Float64Array(n);
  const probabilities = checks.probabilities === true;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as unknown;
    const bad = typeof v !== "number" || !Number.isFinite(v) ||
      (probabilities && (v < 0 || v > 1));
    if (bad) {
      badCount++;
      if (badRows.length < MAX_EXAMPLES) {
        badRows.push(i + 1);
        badValues.push(v);
      }
    } else {
      out[i] = v === 0 ? 0 : v; // -0 and 0 are one threshold
    }
  }
  if (badCount > 0) {
    const one = badCount === 1;
    const what = probabilities
      ? (one ? "not a probability in [0, 1]" : "not probabilities in [0, 1]")
      : (one ? "NaN, infinite or not a number" : "NaN, infinite or not numbers");
    throw new RangeError(
      `Cannot ${action} as ${badCount} ${badCount === 1 ? "score is" : "scores are"} ${what}: ${
        badCount === 1 ? "row" : "rows"
      } ${formatExamples(badRows, badCount)} (${badCount === 1 ? "value" : "values"} ${
        formatExamples(badValues)
      })`,
    );
  }

  const negatives = n - positives;
  if (checks.requireBothClasses !== undefined && (positives === 0 || negatives === 0)) {
    throw new RangeError(
      `Cannot compute ${checks.requireBothClasses} as only one class is present in ${labelName}: ${n} ${
        n === 1 ? "row" : "rows"
      }, all ${positives === 0 ? 0 : 1}`,
    );
  }
  return { y, scores: out, n, positives, negatives };
}

/**
 * Cumulative counts at each distinct score, from the highest score down: row k says that
 * predicting "positive" for every score >= `thresholds[k]` gives `tps[k]` true positives and
 * `fps[k]` false positives. Same as scikit-learn's private `_binary_clf_curve` (unweighted).
 */
export interface ThresholdCounts {
  /** Distinct scores, strictly decreasing. */
  readonly thresholds: Float64Array;
  /** Cumulative true positives (non-decreasing integers). */
  readonly tps: Float64Array;
  /** Cumulative false positives (non-decreasing integers). */
  readonly fps: Float64Array;
}

/**
 * Counts true and false positives at each distinct score threshold.
 *
 * The scores of positives and of negatives are sorted separately with the native typed-array
 * sort, then merged from the top, so the cost is O(n log n) time and O(n) memory without a
 * comparator call per comparison.
 *
 * @param input Validated labels and scores.
 * @returns Thresholds in decreasing order with cumulative counts.
 */
export function thresholdCounts(input: BinaryInput): ThresholdCounts {
  const { y, scores, n, positives, negatives } = input;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (y[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let i = positives - 1;
  let j = negatives - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    thresholds.push(v);
    tps.push(tp);
    fps.push(fp);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
  };
}
