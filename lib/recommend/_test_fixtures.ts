/**
 * Small hand-checked fixtures shared by the recommender tests (one copy instead of one per test
 * file).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";

/**
 * Ranked lists for the ranking-metric tests, one per user: u1 ordinary, u2 fewer
 * recommendations than k, u3 no relevant item (skipped), u4 no recommendations (counts 0), u5 a
 * duplicate recommendation.
 */
export const RECOMMENDED: readonly (readonly string[])[] = [
  ["a", "b", "c", "d"],
  ["x", "y"],
  ["p", "q", "r"],
  [],
  ["m", "m", "n"],
];

/** The relevant items of the users of {@linkcode RECOMMENDED}, in the same order. */
export const RELEVANT: readonly (readonly string[])[] = [
  ["b", "d", "e"],
  ["y"],
  [],
  ["z"],
  ["m", "n"],
];

/**
 * Five customers' purchases: u1: A B C, u2: A B, u3: B C, u4: A D, u5: D.
 * Buyers: A {u1, u2, u4} (3), B {u1, u2, u3} (3), C {u1, u3} (2), D {u4, u5} (2).
 * Co-buyers: AB 2, AC 1, AD 1, BC 2, BD 0, CD 0.
 * Plain cosines (binary): AB = 2/√(3·3) = 2/3, AC = AD = 1/√(3·2) = 1/√6 ≈ 0.408,
 * BC = 2/√(3·2) = 2/√6 ≈ 0.816.
 *
 * @returns A new frame with `customer_id` and `product_id`.
 */
export function purchases(): DataFrame {
  return pl.DataFrame({
    customer_id: ["u1", "u1", "u1", "u2", "u2", "u3", "u3", "u4", "u4", "u5"],
    product_id: ["A", "B", "C", "A", "B", "B", "C", "A", "D", "D"],
  });
}
