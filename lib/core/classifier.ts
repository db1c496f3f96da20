import type { DataFrame } from "./frame.ts";

/**
 * What every fitted binary classifier in `lib/churn` provides, so evaluation and explanation
 * (`permutationImportance`, gains tables, contact lists) work with any of them.
 */
export interface BinaryClassifier {
  /** Feature columns the model reads, in order. */
  readonly features: readonly string[];
  /** The 0/1 target column it was fitted on. */
  readonly target: string;
  /**
   * Probability of the positive class (1) for each row.
   *
   * @param data Rows with the model's feature columns, prepared as for fitting.
   * @returns One probability per row.
   */
  predictProba(data: DataFrame): Float64Array;
}
