/**
 * The typed-array core of the content-based recommender (shared by `fitContentBased` and
 * `fitHybrid`): TF-IDF item vectors and the profile-cosine scorer.
 *
 * @module
 */
import type { DataFrame } from "../core/frame.ts";
import { requireInteger } from "../core/errors.ts";
import { productNames } from "../core/products.ts";
import type { Candidates, FitContentBasedOptions, InteractionMatrix, Scorer } from "./_types.ts";
import { markBought, requireColumnNames, requireName, ScoreAccumulator } from "./_recommender.ts";

/** English function words dropped by the tokeniser (a deliberately short list). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "for",
  "from",
  "in",
  "is",
  "it",
  "of",
  "on",
  "or",
  "the",
  "to",
  "with",
]);

/**
 * Splits a text into tokens: lower-cased, split on every character that is not a letter or a
 * digit, tokens shorter than 2 characters and {@linkcode STOP_WORDS} dropped.
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((token) =>
    token.length >= 2 && !STOP_WORDS.has(token)
  );
}

/** L2-normalised TF-IDF vectors of the items, in CSR form (terms ascending within an item). */
export interface TfIdf {
  /** Each item's text (its most frequent one), or null when it has none. */
  readonly texts: readonly (string | null)[];
  /** The terms kept, sorted. */
  readonly vocabulary: readonly string[];
  /** Each term's idf. */
  readonly idf: Float64Array;
  /** Item pointers, length items + 1. */
  readonly ptr: Int32Array;
  /** Term index of each stored weight. */
  readonly term: Int32Array;
  /** The weights, tf · idf scaled to unit length per item. */
  readonly weight: Float64Array;
}

/**
 * Each item's text, by item column of `matrix`: its name as `productNames` gives it (the most
 * frequent trimmed non-empty text; ties: the first in text order), or null.
 */
export function itemTexts(
  train: DataFrame,
  matrix: InteractionMatrix,
  item: string,
  text: string,
  action: string,
): (string | null)[] {
  const names = productNames(train, { item, label: text, action });
  return matrix.items.map((id) => names.get(id) ?? null);
}

/**
 * TF-IDF (Salton & Buckley 1988) with raw term counts as tf and scikit-learn's smooth idf,
 * idf(t) = ln((1 + N) / (1 + df(t))) + 1, N the number of items; terms in fewer than `minDf`
 * items are dropped; each vector is scaled to unit L2 norm.
 */
export function tfIdf(texts: readonly (string | null)[], minDf: number): TfIdf {
  const nItems = texts.length;
  const tokens = texts.map((t) => (t === null ? [] : tokenize(t)));
  const df = new Map<string, number>();
  for (const list of tokens) {
    for (const token of new Set(list)) df.set(token, (df.get(token) ?? 0) + 1);
  }
  const vocabulary = [...df.keys()].filter((t) => df.get(t)! >= minDf).sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0
  );
  const termOf = new Map(vocabulary.map((t, k) => [t, k]));
  const idf = Float64Array.from(vocabulary, (t) => Math.log((1 + nItems) / (1 + df.get(t)!)) + 1);
  const ptr = new Int32Array(nItems + 1);
  const term: number[] = [];
  const weight: number[] = [];
  for (let j = 0; j < nItems; j++) {
    const tf = new Map<number, number>();
    for (const token of tokens[j]) {
      const t = termOf.get(token);
      if (t !== undefined) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    const terms = [...tf.keys()].sort((a, b) => a - b);
    let norm = 0;
    for (const t of terms) norm += (tf.get(t)! * idf[t]) ** 2;
    norm = Math.sqrt(norm);
    for (const t of terms) {
      term.push(t);
      weight.push((tf.get(t)! * idf[t]) / norm);
    }
    ptr[j + 1] = term.length;
  }
  return {
    texts: Object.freeze([...texts]),
    vocabulary: Object.freeze(vocabulary),
    idf,
    ptr,
    term: Int32Array.from(term),
    weight: Float64Array.from(weight),
  };
}

/**
 * The content scorer: a customer's profile is the sum of the unit vectors of the distinct items
 * they bought, and score(u, j) = cos(profile, v_j) = (profile · v_j) / ‖profile‖. Reasons are
 * computed lazily: the bought item (other than j) whose vector has the largest dot product with
 * v_j (ties: the smaller code; j itself when no other bought item shares a term).
 */
export function contentScorer(matrix: InteractionMatrix, vectors: TfIdf): Scorer {
  const nItems = matrix.items.length;
  const nTerms = vectors.vocabulary.length;
  const { rowPtr, colIdx } = matrix;
  const { ptr, term, weight } = vectors;
  // Postings: term -> items holding it, with the item's weight.
  const postPtr = new Int32Array(nTerms + 1);
  for (let p = 0; p < term.length; p++) postPtr[term[p] + 1]++;
  for (let t = 0; t < nTerms; t++) postPtr[t + 1] += postPtr[t];
  const cursor = postPtr.slice(0, nTerms);
  const postItem = new Int32Array(term.length);
  const postWeight = new Float64Array(term.length);
  for (let j = 0; j < nItems; j++) {
    for (let p = ptr[j]; p < ptr[j + 1]; p++) {
      const at = cursor[term[p]]++;
      postItem[at] = j;
      postWeight[at] = weight[p];
    }
  }
  const profile = new ScoreAccumulator(nTerms);
  const dot = new ScoreAccumulator(nItems);
  const mark = new Int32Array(nItems);
  let stamp = 0;
  const itemDot = (a: number, b: number): number => {
    let p = ptr[a];
    let q = ptr[b];
    let sum = 0;
    while (p < ptr[a + 1] && q < ptr[b + 1]) {
      if (term[p] === term[q]) sum += weight[p++] * weight[q++];
      else if (term[p] < term[q]) p++;
      else q++;
    }
    return sum;
  };
  return {
    top(row: number, n: number, excludePurchased: boolean, out: Candidates): number {
      stamp++;
      profile.reset();
      dot.reset();
      if (row < 0) return 0;
      if (excludePurchased) markBought(matrix, row, mark, stamp);
      for (let k = rowPtr[row]; k < rowPtr[row + 1]; k++) {
        const i = colIdx[k];
        for (let p = ptr[i]; p < ptr[i + 1]; p++) profile.add(term[p], weight[p]);
      }
      let norm = 0;
      for (let k = 0; k < profile.count; k++) {
        const value = profile.sum[profile.touched[k]];
        norm += value * value;
      }
      norm = Math.sqrt(norm);
      if (norm === 0) return 0;
      for (let k = 0; k < profile.count; k++) {
        const t = profile.touched[k];
        const pt = profile.sum[t];
        for (let q = postPtr[t]; q < postPtr[t + 1]; q++) {
          const j = postItem[q];
          if (mark[j] !== stamp) dot.add(j, pt * postWeight[q]);
        }
      }
      for (let k = 0; k < dot.count; k++) dot.sum[dot.touched[k]] /= norm;
      const kept = dot.top(n, out);
      out.aux.fill(-1, 0, kept);
      return kept;
    },
    reason(row: number, item: number) {
      // The bought item (other than `item`) closest to it; `item` itself (cosine 1) when no
      // other bought item shares a term.
      let best = item;
      let bestDot = 0;
      for (let k = rowPtr[row]; k < rowPtr[row + 1]; k++) {
        const i = colIdx[k];
        if (i === item) continue;
        const d = itemDot(i, item);
        if (d > bestDot) {
          bestDot = d;
          best = i;
        }
      }
      return {
        kind: "similar_text",
        because: best,
        score: best === item ? itemDot(item, item) : bestDot,
      };
    },
  };
}

/** Checks the options and fills in defaults (shared with `fitHybrid`). */
export function resolveContentOptions(
  options: FitContentBasedOptions | undefined,
  action: string,
): Readonly<Required<FitContentBasedOptions>> {
  const {
    text = "description",
    minDf = 2,
    customer = "customer_id",
    item = "product_id",
  } = options ?? {};
  return Object.freeze({
    text: requireName(text, "text", action),
    minDf: requireInteger(minDf, "minDf", action),
    ...requireColumnNames(customer, item, action),
  });
}

/** Fits the TF-IDF vectors of the matrix's items from the text column of `train`. */
export function fitTfIdf(
  train: DataFrame,
  matrix: InteractionMatrix,
  options: Readonly<Required<FitContentBasedOptions>>,
  action: string,
): TfIdf {
  if (options.text === options.item) {
    throw new RangeError(
      `Cannot ${action} as the text and item columns are the same: "${options.text}"`,
    );
  }
  return tfIdf(itemTexts(train, matrix, options.item, options.text, action), options.minDf);
}
