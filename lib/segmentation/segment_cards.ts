import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireNumericColumns,
  requireRows,
} from "../core/errors.ts";
import { toLabels } from "../core/feature_matrix.ts";

/** Options for {@linkcode segmentCards}. */
export interface SegmentCardsOptions {
  /** One segment label per row (e.g. `model.labels`). */
  labels: ArrayLike<number>;
  /** Numeric columns to profile by their mean (missing values are left out of each mean). */
  numeric?: readonly string[];
  /** Categorical columns to profile by their most common level (missing counts as `(missing)`). */
  categorical?: readonly string[];
  /** 0/1 or boolean columns to profile as rates, e.g. campaign response or complaints. */
  rates?: readonly string[];
  /**
   * How far from the overall a segment must be for its name to mention a feature: a numeric mean
   * at least `1 + threshold` times the overall ("high") or at most `1 / (1 + threshold)` ("low"),
   * or a category at least `1 + threshold` times as common as overall ("mostly"). Default 0.25.
   */
  threshold?: number;
  /** How many features a name mentions at most, the most distinctive first. Default 2. */
  nameFeatures?: number;
}

interface Card {
  label: number | null;
  size: number;
  values: Record<string, number | string | null>;
  cues: { score: number; text: string }[];
}

/**
 * Segment cards: one row per segment that says who is in it, in numbers an analyst can act on,
 * and a name derived from that profile. For each segment: `segment` (its label), `name`,
 * `customers` and `share`; per numeric column `<col>_mean` and `<col>_index` (the segment mean over
 * the overall mean: 1.3 is 30% above average); per categorical column `<col>_top` (its most common
 * level), `<col>_top_share` (share of the segment in that level) and `<col>_top_lift` (that share
 * over the level's overall share); per rate column `<col>_rate` and `<col>_lift` (over the overall
 * rate). A last row, `segment` missing and named `All customers`, holds the overall values.
 *
 * The name lists the `nameFeatures` most distinctive traits of the profile, e.g. `"High spend
 * wines, low web visits month"` or `"Mostly PhD education"`: numeric means ranked by |log index|
 * and categories by log lift, each only past `threshold`; `"Average profile"` when none is. Rates
 * are outcomes (who responded, who complained): reported, not used in the name, so that a name
 * says who the customers are and the rates say how they behaved. Names are made unique by adding
 * the label. They describe; they do not say why a segment behaves as it does.
 *
 * Cost: one Polars group-by per column, O(n) each.
 *
 * @param df The segmented rows; not modified.
 * @param options `labels` and the `numeric`, `categorical` and `rates` columns to profile.
 * @returns One row per segment (ordered by label) and the overall row.
 * @throws {TypeError} When a column is missing, or a numeric or rate column is not numeric or
 * boolean.
 * @throws {RangeError} When the frame is empty, labels and rows differ in length, no column is
 * given, a numeric column is all missing, or a rate column holds values other than 0 and 1.
 *
 * @example Two segments and their names
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { segmentCards } from "./segment_cards.ts";
 *
 * const df = pl.DataFrame({
 *   spend: [100, 120, 110, 10, 12, 8],
 *   channel: ["store", "store", "web", "web", "web", "web"],
 *   responded: [1, 1, 0, 0, 0, 0],
 * });
 * const cards = segmentCards(df, {
 *   labels: [0, 0, 0, 1, 1, 1],
 *   numeric: ["spend"],
 *   categorical: ["channel"],
 *   rates: ["responded"],
 * });
 * assert.deepEqual(cards.getColumn("name").toArray(), [
 *   "Mostly store channel, high spend",
 *   "Low spend, mostly web channel",
 *   "All customers",
 * ]);
 * assert.deepEqual(cards.getColumn("responded_rate").toArray(), [2 / 3, 0, 1 / 3]);
 * ```
 */
export function segmentCards(df: DataFrame, options: SegmentCardsOptions): DataFrame {
  const action = "make segment cards";
  const numeric = [...(options.numeric ?? [])];
  const categorical = [...(options.categorical ?? [])];
  const rates = [...(options.rates ?? [])];
  const threshold = options.threshold ?? 0.25;
  const nameFeatures = options.nameFeatures ?? 2;
  if (numeric.length + categorical.length + rates.length === 0) {
    throw new RangeError(
      `Cannot ${action} as there is nothing to profile: numeric, categorical and rates are all empty`,
    );
  }
  requireColumns(df, [...numeric, ...categorical, ...rates], action);
  requireRows(df, action);
  requireNumericColumns(df, numeric, action);
  const labels = toLabels(options.labels, df.height, action);
  for (const name of numeric) {
    if (df.getColumn(name).nullCount() === df.height) {
      throw new RangeError(
        `Cannot ${action} as numeric column "${name}" is all missing: ${df.height} of ${df.height} rows`,
      );
    }
  }
  for (const name of rates) {
    const series = df.getColumn(name);
    if (series.dtype.variant !== "Bool") requireNumericColumns(df, [name], action);
    const values = series.cast(pl.Float64).toArray() as (number | null)[];
    const bad = values.filter((v) => v !== 0 && v !== 1);
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as rate column "${name}" must hold only 0 and 1: ${bad.length} other values, e.g. ${
          formatExamples([...new Set(bad.map(String))], bad.length)
        }`,
      );
    }
  }
  const work = df.select(
    ...numeric.map((c) => pl.col(c).cast(pl.Float64)),
    ...categorical.map((c) => pl.col(c).cast(pl.Utf8).fillNull(pl.lit("(missing)"))),
    ...rates.map((c) => pl.col(c).cast(pl.Float64)),
  ).withColumn(pl.Series("__segment", labels, pl.Int32));
  const segments = [...new Set(labels)].sort((a, b) => a - b);
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const cards: Card[] = segments.map((label) => ({
    label,
    size: sizes.get(label)!,
    values: {},
    cues: [],
  }));
  const overall: Card = { label: null, size: df.height, values: {}, cues: [] };
  const meansOf = (column: string) => {
    const rows = work.groupBy("__segment").agg(pl.col(column).mean().alias("m")).toRecords();
    return new Map(rows.map((r) => [Number(r.__segment), r.m === null ? null : Number(r.m)]));
  };
  const ratio = (a: number | null, b: number | null) =>
    a === null || b === null || b === 0 ? null : a / b;

  for (const column of [...numeric, ...rates]) {
    const isRate = rates.includes(column);
    const meanName = isRate ? `${column}_rate` : `${column}_mean`;
    const indexName = isRate ? `${column}_lift` : `${column}_index`;
    const all = work.getColumn(column).mean();
    const overallMean = Number.isFinite(all) ? all : null;
    const means = meansOf(column);
    for (const card of cards) {
      const mean = means.get(card.label as number) ?? null;
      const index = ratio(mean, overallMean);
      card.values[meanName] = mean;
      card.values[indexName] = index;
      if (!isRate && index !== null && index >= 0) {
        const words = words_(column);
        // A zero mean scores as a thousandth of the overall: distinctive, but finite.
        const score = Math.log(Math.max(index, 1e-3));
        if (index >= 1 + threshold) card.cues.push({ score, text: `high ${words}` });
        if (index <= 1 / (1 + threshold)) card.cues.push({ score: -score, text: `low ${words}` });
      }
    }
    overall.values[meanName] = overallMean;
    overall.values[indexName] = overallMean === null ? null : 1;
  }

  for (const column of categorical) {
    const counts = work.groupBy(["__segment", column]).agg(pl.len().alias("n")).toRecords();
    const total = new Map<string, number>();
    for (const r of counts) {
      total.set(String(r[column]), (total.get(String(r[column])) ?? 0) + Number(r.n));
    }
    const top = (entries: [string, number][]) =>
      entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const [overallTop, overallCount] = top([...total.entries()]);
    overall.values[`${column}_top`] = overallTop;
    overall.values[`${column}_top_share`] = overallCount / df.height;
    overall.values[`${column}_top_lift`] = 1;
    for (const card of cards) {
      const own = counts.filter((r) => Number(r.__segment) === card.label)
        .map((r) => [String(r[column]), Number(r.n)] as [string, number]);
      const [level, count] = top(own);
      const share = count / card.size;
      const lift = share / (total.get(level)! / df.height);
      card.values[`${column}_top`] = level;
      card.values[`${column}_top_share`] = share;
      card.values[`${column}_top_lift`] = lift;
      if (lift >= 1 + threshold) {
        card.cues.push({ score: Math.log(lift), text: `mostly ${level} ${words_(column)}` });
      }
    }
  }

  const names = new Map<number, string>();
  const used = new Map<string, number>();
  for (const card of cards) {
    const chosen = [...card.cues].sort((a, b) => b.score - a.score).slice(0, nameFeatures)
      .map((c) => c.text);
    const base = chosen.length === 0 ? "Average profile" : capitalise(chosen.join(", "));
    names.set(card.label as number, base);
    used.set(base, (used.get(base) ?? 0) + 1);
  }
  for (const [label, name] of names) {
    if (used.get(name)! > 1) names.set(label, `${name} (segment ${label})`);
  }

  const rows = [...cards, overall];
  const valueColumns = Object.keys(overall.values);
  // Keep a stable column order: numeric, then categorical, then rates.
  const ordered = [
    ...numeric.flatMap((c) => [`${c}_mean`, `${c}_index`]),
    ...categorical.flatMap((c) => [`${c}_top`, `${c}_top_share`, `${c}_top_lift`]),
    ...rates.flatMap((c) => [`${c}_rate`, `${c}_lift`]),
  ].filter((c) => valueColumns.includes(c));
  return pl.DataFrame([
    // Int32 with a null must be built as Float64 and cast (a typed Int32 Series turns null to 0).
    pl.Series("segment", rows.map((r) => r.label), pl.Float64).cast(pl.Int32),
    pl.Series(
      "name",
      rows.map((r) => (r.label === null ? "All customers" : names.get(r.label)!)),
      pl.Utf8,
    ),
    pl.Series("customers", rows.map((r) => r.size), pl.Int64),
    pl.Series("share", rows.map((r) => r.size / df.height), pl.Float64),
    ...ordered.map((c) =>
      c.endsWith("_top")
        ? pl.Series(c, rows.map((r) => r.values[c] as string), pl.Utf8)
        : pl.Series(c, rows.map((r) => r.values[c] as number | null), pl.Float64)
    ),
  ]);
}

/** `spend_wines` as `spend wines`. */
function words_(column: string): string {
  return column.replace(/_/g, " ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
