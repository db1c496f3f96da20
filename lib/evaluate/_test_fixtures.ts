/**
 * Reference cases for the lib/evaluate tests, read from tests/fixtures/evaluate_cases.json, which
 * tests/reference/evaluate_reference.py writes with scikit-learn 1.2.1 (Debian's
 * /usr/bin/python3): inputs `y` and `scores` with sklearn's outputs for each. The tests need no
 * Python.
 *
 * @module
 */
import assert from "node:assert/strict";
import { root } from "../../tests/_helpers.ts";

/** One `calibration_curve(y, scores, n_bins, strategy)` result with numpy's internal edges. */
export interface CalibrationReference {
  n_bins: number;
  strategy: "uniform" | "quantile";
  /** All bins + 1 edges. */
  edges: number[];
  /** 0-based ids of the non-empty bins. */
  bin: number[];
  count: number[];
  prob_true: number[];
  prob_pred: number[];
}

/** One gains-table row computed with pandas. */
export interface GainsReference {
  bin: number;
  customers: number;
  positives: number;
  positive_rate: number;
  cumulative_customers_share: number;
  cumulative_positives_share: number;
  lift: number;
  cumulative_lift: number;
}

/** One confusion matrix from sklearn.metrics at a threshold. */
export interface ConfusionReference {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** A case: inputs and scikit-learn 1.2.1's outputs. */
export interface EvaluateCase {
  name: string;
  note: string;
  y: number[];
  scores: number[];
  roc_auc_score: number;
  average_precision_score: number;
  roc_curve: { fpr: number[]; tpr: number[]; thresholds: number[] };
  precision_recall_curve: { precision: number[]; recall: number[]; thresholds: number[] };
  calibration_curve: CalibrationReference[];
  brier_score_loss: number;
  log_loss: number;
  "log_loss_eps_1e-15": number;
  confusion: ConfusionReference[];
  gains_table: GainsReference[] | null;
}

const path = root("tests/fixtures/evaluate_cases.json");

/** Every reference case (8: tied_200, tied_201, continuous_500, hand_8, all_equal, ...). */
export const cases: EvaluateCase[] = JSON.parse(Deno.readTextFileSync(path)).cases;

/** The case with this name. */
export function referenceCase(name: string): EvaluateCase {
  const found = cases.find((c) => c.name === name);
  assert.ok(found, `no reference case ${name}`);
  return found;
}

/** Seeded 0/1 labels and scores rounded to `decimals` (many ties), for property tests. */
export function tiedSample(
  random: { next(): number; int(n: number): number },
  n: number,
  decimals: number,
): { y: number[]; scores: number[] } {
  const y: number[] = [];
  const scores: number[] = [];
  const scale = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    const label = random.next() < 0.3 ? 1 : 0;
    y.push(label);
    scores.push(Math.round((0.6 * random.next() + 0.3 * label) * scale) / scale);
  }
  return { y, scores };
}
