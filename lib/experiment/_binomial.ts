/**
 * Exact binomial draws from the seeded uniform generator, for the experiment simulations.
 *
 * @module
 */
import type { Random } from "../core/random.ts";

/**
 * A Binomial(n, p) draw by the second waiting-time method (Devroye, "Non-Uniform Random Variate
 * Generation", 1986, section X.4.3): the gaps between successes in Bernoulli(p) trials are
 * geometric, `G = 1 + floor(ln U / ln(1 - p))`, so the number of successes in `n` trials is the
 * number of gaps whose running sum stays <= n. Exact for any `n` (no normal approximation, no
 * underflow of `(1 - p)^n`, unlike inversion from 0), with one logarithm per success: expected
 * cost O(n min(p, 1 - p) + 1). For `p > 0.5` it counts failures instead.
 *
 * @param random The seeded generator.
 * @param n Trials, an integer >= 0 (not checked: callers check).
 * @param p Success probability in [0, 1] (not checked).
 * @returns The number of successes.
 */
export function binomialDraw(random: Random, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(random, n, 1 - p);
  const scale = 1 / Math.log1p(-p);
  let trials = 0;
  let successes = -1;
  while (trials <= n) {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    trials += 1 + Math.floor(Math.log(1 - random.next()) * scale);
    successes++;
  }
  return successes;
}
