import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFrame,
  requireInteger,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { scoreRfm } from "./score_rfm.ts";
import { RFM_SEGMENT_RULES } from "./segments.ts";

/** Options for {@linkcode fitRfmScores}. */
export interface FitRfmScoresOptions {
  /** Number of score levels, an integer from 2 to 9, as in {@linkcode scoreRfm}. Default 5. */
  bins?: number;
}

/** Score edges of one RFM column: `bins - 1` values, one per boundary between two scores. */
export interface RfmColumnEdges {
  /** `recency_days`, `frequency` or `monetary`. */
  readonly column: string;
  /**
   * `edges[s - 1]` is the boundary between score `s` and `s + 1`. For frequency and monetary
   * (ascending) it is the largest fitting value scored `<= s` (`-Infinity` when none was), and
   * a value scores `1 + #{edges below it}`; for recency (descending) it is the smallest fitting
   * value scored `<= s` (`Infinity` when none was), and a value scores `1 + #{edges above it}`.
   */
  readonly edges: readonly number[];
}

/** Fitted RFM score edges (read-only): scores new customers without re-ranking. */
export interface RfmScoresModel {
  /** Number of score levels of `r_score`, `f_score` and `m_score`. */
  readonly bins: number;
  /** Customers the edges were fitted on. */
  readonly nSamples: number;
  /** Edges of the `bins`-level scores, for recency_days, frequency and monetary. */
  readonly edges: readonly RfmColumnEdges[];
  /** Edges of the 5-level scores the segment map reads (the same as `edges` when `bins` is 5). */
  readonly segmentEdges: readonly RfmColumnEdges[];
  /**
   * Scores an RFM table with the fitted edges: the columns {@linkcode scoreRfm} adds (`r_score`,
   * `f_score`, `m_score`, `rfm_score`, `segment`), existing ones replaced. On the fitting table
   * the result equals `scoreRfm`'s.
   *
   * @throws {TypeError} When a column is missing or not numeric.
   * @throws {RangeError} When a value is missing, NaN or infinite.
   */
  transform(rfm: DataFrame): DataFrame;
}

const SCORED = ["recency_days", "frequency", "monetary"] as const;
const SCORE_COLUMNS = ["r_score", "f_score", "m_score"] as const;

/**
 * Fits RFM score edges: scores the table with {@linkcode scoreRfm} (average-rank quantiles) and
 * keeps, for each column and each boundary between two scores, the fitting value where the score
 * steps up. `transform` then scores any RFM table against those fixed edges, so a customer's score
 * changes only when their own values cross an edge, not when other customers arrive or move: the
 * way to keep segments comparable as new transactions come in (see `updateSnapshot` in the CLV module).
 *
 * On the fitting table `transform` gives exactly `scoreRfm`'s scores and segments. A new value
 * between two fitting values takes the score of the next fitting value on the better side only
 * when it passes the edge: for frequency and monetary a value above the edge of score `s` scores
 * above `s`; for recency a value below the edge (more recent) scores above `s` (bins as `(e, e']`,
 * as `pd.cut(..., right=True)` makes them).
 *
 * @param rfm An RFM table with numeric `recency_days`, `frequency` and `monetary` (see
 * {@linkcode computeRfm}); never modified.
 * @param options `bins` (default 5).
 * @returns The fitted edges with `transform`.
 * @throws {TypeError} When a column is missing or not numeric, or `bins` is not a number.
 * @throws {RangeError} When `bins` is not an integer from 2 to 9, the frame is empty, or a value
 * is missing, NaN or infinite.
 *
 * @example Fixed edges score a new customer without re-ranking the others
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { fitRfmScores } from "./fit_rfm_scores.ts";
 *
 * const rfm = pl.DataFrame({
 *   customer_id: ["a", "b", "c", "d", "e"],
 *   recency_days: [3, 20, 45, 120, 300],
 *   frequency: [9, 5, 3, 2, 1],
 *   monetary: [950.5, 400, 180, 60, 15],
 * });
 * const scores = fitRfmScores(rfm);
 * assert.deepEqual(scores.edges[1].edges, [1, 2, 3, 5]);
 * const later = pl.DataFrame({
 *   customer_id: ["f"],
 *   recency_days: [10],
 *   frequency: [4],
 *   monetary: [500],
 * });
 * assert.deepEqual(scores.transform(later).getColumn("rfm_score").toArray(), ["545"]);
 * ```
 */
export function fitRfmScores(rfm: DataFrame, options: FitRfmScoresOptions = {}): RfmScoresModel {
  const action = "fit RFM scores";
  requireFrame(rfm, "the RFM table", action);
  const bins = requireInteger(options.bins ?? 5, "bins", action, 2, 9);
  const scored = scoreRfm(rfm, { bins });
  const scored5 = bins === 5 ? scored : scoreRfm(rfm, { bins: 5 });
  const edgesOf = (frame: DataFrame, levels: number): RfmColumnEdges[] =>
    SCORED.map((column, i) => {
      const values = numbers(frame, column);
      const scores = numbers(frame, SCORE_COLUMNS[i]);
      const descending = column === "recency_days";
      const edges: number[] = [];
      for (let s = 1; s < levels; s++) {
        let edge = descending ? Infinity : -Infinity;
        for (let j = 0; j < values.length; j++) {
          if (scores[j] > s) continue;
          edge = descending ? Math.min(edge, values[j]) : Math.max(edge, values[j]);
        }
        edges.push(edge);
      }
      return { column, edges };
    });
  const edges = edgesOf(scored, bins);
  const segmentEdges = bins === 5 ? edges : edgesOf(scored5, 5);
  return Object.freeze({
    bins,
    nSamples: rfm.height,
    edges,
    segmentEdges,
    transform: (data: DataFrame) => transformScores(data, edges, segmentEdges),
  });
}

function numbers(df: DataFrame, column: string): number[] {
  return Array.from(
    df.getColumn(column).toArray() as unknown[],
    (v) => v == null ? NaN : Number(v),
  );
}

function scoreOf(value: number, e: RfmColumnEdges): number {
  let score = 1;
  if (e.column === "recency_days") {
    for (const edge of e.edges) if (value < edge) score++;
  } else {
    for (const edge of e.edges) if (value > edge) score++;
  }
  return score;
}

function transformScores(
  rfm: DataFrame,
  edges: readonly RfmColumnEdges[],
  segmentEdges: readonly RfmColumnEdges[],
): DataFrame {
  const action = "score RFM with fitted edges";
  requireFrame(rfm, "the RFM table", action);
  requireColumns(rfm, SCORED, action);
  requireNumericColumns(rfm, SCORED, action);
  requireRows(rfm, action);
  const values = SCORED.map((c) => numbers(rfm, c));
  SCORED.forEach((column, i) => {
    const bad = values[i].filter((v) => !Number.isFinite(v));
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as column "${column}" has ${bad.length} missing, NaN or infinite ${
          bad.length === 1 ? "value" : "values"
        }: ${formatExamples(bad)}`,
      );
    }
  });
  const n = rfm.height;
  const scores = edges.map((e, i) => Array.from(values[i], (v) => scoreOf(v, e)));
  const segments: (string | null)[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const r = scoreOf(values[0][j], segmentEdges[0]);
    const fm = Math.floor(
      (scoreOf(values[1][j], segmentEdges[1]) + scoreOf(values[2][j], segmentEdges[2])) / 2,
    );
    const rule = RFM_SEGMENT_RULES.find((x) =>
      r >= x.recency[0] && r <= x.recency[1] && fm >= x.frequencyMonetary[0] &&
      fm <= x.frequencyMonetary[1]
    );
    segments[j] = rule ? rule.segment : null;
  }
  return rfm.withColumns(
    pl.Series("r_score", scores[0], pl.Int64),
    pl.Series("f_score", scores[1], pl.Int64),
    pl.Series("m_score", scores[2], pl.Int64),
    pl.Series("rfm_score", scores[0].map((r, j) => `${r}${scores[1][j]}${scores[2][j]}`), pl.Utf8),
    pl.Series("segment", segments, pl.Utf8),
  );
}
