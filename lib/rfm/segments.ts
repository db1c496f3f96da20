/**
 * The RFM segment map: eleven named segments on the grid of recency score (R, 1-5) against the
 * frequency-monetary score (FM = floor((F + M) / 2), 1-5), with what each segment means and the
 * marketing action it calls for.
 *
 * @module
 */
import { requireInteger } from "../core/errors.ts";

/**
 * The eleven segment names, from the most to the least valuable.
 *
 * @example Eleven segments
 * ```ts
 * import assert from "node:assert/strict";
 * import { RFM_SEGMENTS } from "./segments.ts";
 *
 * assert.equal(RFM_SEGMENTS.length, 11);
 * assert.equal(RFM_SEGMENTS[0], "Champions");
 * ```
 */
export const RFM_SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential loyalist",
  "New",
  "Promising",
  "Needs attention",
  "About to sleep",
  "At risk",
  "Cannot lose them",
  "Hibernating",
  "Lost",
] as const;

/** One RFM segment name. */
export type RfmSegment = typeof RFM_SEGMENTS[number];

/** One rectangle of the segment grid: inclusive score ranges on 5-point scores. */
export interface RfmSegmentRule {
  /** The segment the cells belong to. */
  readonly segment: RfmSegment;
  /** Inclusive range of the recency score R (5 = bought most recently). */
  readonly recency: readonly [number, number];
  /** Inclusive range of FM = floor((F + M) / 2). */
  readonly frequencyMonetary: readonly [number, number];
}

const rule = (
  segment: RfmSegment,
  recency: [number, number],
  frequencyMonetary: [number, number],
): RfmSegmentRule =>
  Object.freeze({
    segment,
    recency: Object.freeze(recency),
    frequencyMonetary: Object.freeze(frequencyMonetary),
  });

/**
 * The segment map as data: rectangles of the 5 x 5 grid of R (rows) against FM (columns), covering
 * every cell exactly once:
 *
 * ```text
 * R \ FM  1               2                   3                   4                 5
 * 5       New             Potential loyalist  Potential loyalist  Champions         Champions
 * 4       Promising       Potential loyalist  Potential loyalist  Champions         Champions
 * 3       About to sleep  About to sleep      Needs attention     Loyal             Loyal
 * 2       Hibernating     Hibernating         Needs attention     At risk           At risk
 * 1       Lost            Lost                At risk             Cannot lose them  Cannot lose them
 * ```
 *
 * Source: the "RFM segments" table of R against the average of F and M popularised by Putler's RFM
 * analysis guide (putler.com) and reproduced in many marketing tutorials, in its usual form (ranges
 * as commonly reproduced; check against the guide before citing them further): Champions R 4-5 / FM
 * 4-5, Loyal 2-5 / 3-5, Potential loyalist 3-5 / 1-3, New (Putler: "Recent customers") 4-5 / 1,
 * Promising 3-4 / 1, Needs attention 2-3 / 2-3, About to sleep 2-3 / 1-2, At risk 1-2 / 2-5, Cannot
 * lose them 1 / 4-5, Hibernating 1-2 / 1-2, Lost 1-2 / 1-2. Those ranges overlap (Loyal alone
 * covers 12 cells), so a score would fall in several segments. Here every cell goes to the
 * narrowest published range that covers it (the most specific description), and ties are broken by
 * the descriptions: New is R 5 (bought most recently) and Promising R 4; at R 3, FM 2 is below
 * average, so About to sleep rather than Needs attention; Hibernating takes R 2 and Lost R 1 (the
 * lowest scores). One exception to "narrowest": R 3 / FM 1 is About to sleep, not Promising, so
 * that within a row a lower FM never lands in a more hopeful segment than a higher one. Every
 * cell's segment lies inside that segment's published range.
 *
 * FM is floored, not rounded: a half point is not enough to move up, so a one-order customer
 * (F 1) with a middling basket (M 2) is New, not a Potential loyalist ("bought more than once").
 *
 * @example Every cell of the 5 x 5 grid is covered exactly once
 * ```ts
 * import assert from "node:assert/strict";
 * import { RFM_SEGMENT_RULES } from "./segments.ts";
 *
 * const cells = RFM_SEGMENT_RULES.reduce(
 *   (n, r) =>
 *     n + (r.recency[1] - r.recency[0] + 1) * (r.frequencyMonetary[1] - r.frequencyMonetary[0] + 1),
 *   0,
 * );
 * assert.equal(cells, 25);
 * ```
 */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = Object.freeze([
  rule("Champions", [4, 5], [4, 5]),
  rule("Loyal", [3, 3], [4, 5]),
  rule("Potential loyalist", [4, 5], [2, 3]),
  rule("New", [5, 5], [1, 1]),
  rule("Promising", [4, 4], [1, 1]),
  rule("Needs attention", [2, 3], [3, 3]),
  rule("About to sleep", [3, 3], [1, 2]),
  rule("At risk", [2, 2], [4, 5]),
  rule("At risk", [1, 1], [3, 3]),
  rule("Cannot lose them", [1, 1], [4, 5]),
  rule("Hibernating", [2, 2], [1, 2]),
  rule("Lost", [1, 1], [1, 2]),
]);

/** What a segment means and what to do about it. */
export interface RfmSegmentAction {
  /** One line: who these customers are. */
  readonly description: string;
  /** One line: the marketing action the segment calls for. */
  readonly action: string;
}

/**
 * For each segment, who is in it and the marketing action it calls for (after Putler's table and
 * the usual CRM playbooks).
 *
 * @example What to do with the Champions
 * ```ts
 * import assert from "node:assert/strict";
 * import { RFM_SEGMENTS, SEGMENT_ACTIONS } from "./segments.ts";
 *
 * assert.match(SEGMENT_ACTIONS.Champions.action, /referrals/);
 * assert.deepEqual(Object.keys(SEGMENT_ACTIONS), [...RFM_SEGMENTS]);
 * ```
 */
export const SEGMENT_ACTIONS: Readonly<Record<RfmSegment, RfmSegmentAction>> = Object.freeze({
  "Champions": Object.freeze({
    description: "Bought recently, buy often and spend the most",
    action:
      "Reward them: loyalty perks, early access to new products, ask for reviews and referrals",
  }),
  "Loyal": Object.freeze({
    description: "Buy often and spend well, but not in the last few weeks",
    action: "Upsell higher-value products, invite to the loyalty programme, ask for reviews",
  }),
  "Potential loyalist": Object.freeze({
    description: "Recent customers with more than one order or a good basket",
    action: "Offer membership or a loyalty programme, recommend related products",
  }),
  "New": Object.freeze({
    description: "Bought very recently, but only once and not much",
    action: "Onboard them: welcome series, good first delivery experience, second-order incentive",
  }),
  "Promising": Object.freeze({
    description: "Recent shoppers who have not spent much yet",
    action: "Build awareness: brand content, free trials, a small incentive to buy again",
  }),
  "Needs attention": Object.freeze({
    description: "Middling recency, frequency and spend; may be drifting away",
    action: "Reactivate with limited-time offers and recommendations based on past purchases",
  }),
  "About to sleep": Object.freeze({
    description: "Middling recency with below-average frequency and spend",
    action: "Share popular products and discounts to reconnect before they lapse",
  }),
  "At risk": Object.freeze({
    description: "Used to buy often or spend well, but not for a long time",
    action: "Personalised win-back emails, renewal offers, helpful resources",
  }),
  "Cannot lose them": Object.freeze({
    description: "Used to be among the best customers, but have not come back for a long time",
    action: "Win them back in person: call, survey why they left, exclusive offers on new products",
  }),
  "Hibernating": Object.freeze({
    description: "Last purchase long ago, few orders and low spend",
    action: "Low-cost reminders: relevant products and special offers; do not over-invest",
  }),
  "Lost": Object.freeze({
    description: "Lowest recency, frequency and spend",
    action: "One low-cost reactivation campaign at most, otherwise exclude from paid campaigns",
  }),
});

/** One cell of the segment grid: the 5-point recency score and the frequency-monetary score. */
export interface RfmScores {
  /** R on the 5-point scale (5 = bought most recently), an integer from 1 to 5. */
  readonly recency: number;
  /** FM = floor((F + M) / 2) on the 5-point scale, an integer from 1 to 5. */
  readonly frequencyMonetary: number;
}

/**
 * Looks up the segment of one cell of the grid in {@linkcode RFM_SEGMENT_RULES}.
 *
 * Cost: O(rules), at most 12 comparisons.
 *
 * @param scores The cell: `recency` (R) and `frequencyMonetary` (FM), both on the 5-point scale.
 * @returns The segment name.
 * @throws {TypeError} When a score is not a number.
 * @throws {RangeError} When a score is not an integer from 1 to 5.
 *
 * @example A recent, frequent, big spender is a Champion
 * ```ts
 * import assert from "node:assert/strict";
 * import { rfmSegment } from "./segments.ts";
 *
 * assert.equal(rfmSegment({ recency: 5, frequencyMonetary: Math.floor((5 + 4) / 2) }), "Champions");
 * assert.equal(rfmSegment({ recency: 1, frequencyMonetary: 5 }), "Cannot lose them");
 * ```
 */
export function rfmSegment(scores: RfmScores): RfmSegment {
  const action = "look up the RFM segment";
  const recency = requireInteger(scores?.recency, "the recency score", action, 1, 5);
  const fm = requireInteger(
    scores?.frequencyMonetary,
    "the frequency-monetary score",
    action,
    1,
    5,
  );
  const found = RFM_SEGMENT_RULES.find((r) =>
    recency >= r.recency[0] && recency <= r.recency[1] &&
    fm >= r.frequencyMonetary[0] && fm <= r.frequencyMonetary[1]
  );
  // Unreachable: the rules cover every cell (tested).
  if (!found) {
    throw new RangeError(
      `Cannot ${action} as no rule covers the cell: R ${recency}, FM ${fm}`,
    );
  }
  return found.segment;
}
