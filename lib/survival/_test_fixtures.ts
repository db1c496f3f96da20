/**
 * Data shared by the survival tests, copied from tests/reference/survival_reference.py (keep
 * them in step). Closeness assertions come from tests/_helpers.ts.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";

/**
 * Freireich et al. (1963) leukaemia remission times in weeks (6-MP and placebo arms, 21 patients
 * each); 1 = relapse, 0 = censored. As printed in Kleinbaum & Klein, "Survival Analysis: A
 * Self-Learning Text" (3rd ed., 2012), ch. 1-2, and Klein & Moeschberger (2003), table 1.1.
 */
export const FREIREICH: Record<string, [number[], number[]]> = {
  "6-MP": [
    [6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  ],
  placebo: [
    [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23],
    Array(21).fill(1),
  ],
};

/** A small churn table: tenure in months with zeros, fractions and ties; "plus" reaches 0. */
export const PLANS: Record<string, [number[], number[]]> = {
  basic: [[0, 0, 1.5, 3, 3, 3, 5, 7, 7, 10], [1, 0, 1, 1, 0, 1, 0, 1, 1, 0]],
  plus: [[2, 4, 4, 6, 6, 8, 9, 12], [0, 1, 1, 0, 1, 0, 1, 1]],
  pro: [[1, 5, 5, 11, 11, 11, 14], [0, 0, 1, 1, 0, 0, 0]],
};

/**
 * A frame with columns `group`, `duration`, `event` from one of the tables above, rows in an
 * interleaved (unsorted) order so the functions must sort.
 *
 * @param table `FREIREICH` or `PLANS`.
 * @param groups Which groups to include, in this order.
 * @returns The frame.
 */
export function survivalFrame(
  table: Record<string, [number[], number[]]>,
  groups: readonly string[] = Object.keys(table),
): DataFrame {
  const rows = groups.flatMap((g) =>
    table[g][0].map((duration, i) => ({ group: g, duration, event: table[g][1][i] }))
  );
  // A fixed permutation (reverse every other row) to avoid any reliance on input order.
  const shuffled = [
    ...rows.filter((_, i) => i % 2 === 0).reverse(),
    ...rows.filter((_, i) => i % 2),
  ];
  return pl.DataFrame({
    group: shuffled.map((r) => r.group),
    duration: shuffled.map((r) => r.duration),
    event: shuffled.map((r) => r.event),
  });
}
