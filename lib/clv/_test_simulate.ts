/**
 * Test fixtures: customer summaries simulated from known BG/NBD and Pareto/NBD parameters, with
 * the library's seeded generator (Marsaglia-Tsang gamma draws). Test-only.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { createRandom, type Random } from "../core/random.ts";

function normal(rng: Random): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function gamma(rng: Random, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

const exponential = (rng: Random, rate: number) => -Math.log(1 - rng.next()) / rate;

/**
 * Simulates `n` customers' (frequency, recency, T), T uniform in [minT, maxT].
 *
 * @param model `"bgnbd"` (params r, alpha, a, b) or `"pareto"` (r, alpha, s, beta).
 * @param params The four parameters in that order.
 * @param n Customers.
 * @param seed Seed.
 * @param minT Shortest observation.
 * @param maxT Longest observation.
 * @returns The summary.
 */
export function simulateSummary(
  model: "bgnbd" | "pareto",
  params: readonly [number, number, number, number],
  n: number,
  seed: number,
  minT = 20,
  maxT = 40,
): DataFrame {
  const rng = createRandom(seed);
  const [r, alpha, c, d] = params;
  const frequency: number[] = [], recency: number[] = [], T: number[] = [];
  for (let i = 0; i < n; i++) {
    const age = minT + (maxT - minT) * rng.next();
    const lambda = gamma(rng, r) / alpha;
    let x = 0, last = 0, t = 0;
    if (model === "bgnbd") {
      const g1 = gamma(rng, c);
      const p = g1 / (g1 + gamma(rng, d));
      for (;;) {
        t += exponential(rng, lambda);
        if (t > age) break;
        x++;
        last = t;
        if (rng.next() < p) break;
      }
    } else {
      const lifetime = exponential(rng, gamma(rng, c) / d);
      const end = Math.min(lifetime, age);
      for (;;) {
        t += exponential(rng, lambda);
        if (t > end) break;
        x++;
        last = t;
      }
    }
    frequency.push(x);
    recency.push(last);
    T.push(age);
  }
  return pl.DataFrame({ frequency, recency, T });
}

/**
 * Adds Gamma-Gamma spend to a simulated summary: per customer ν ~ Gamma(q, rate v), and the mean
 * of x purchases each Gamma(p, rate ν), which is Gamma(p x, rate ν x); 0 for one-time buyers.
 *
 * @param summary A summary with `frequency`.
 * @param params `[p, q, v]`.
 * @param seed Seed.
 * @returns The summary with `monetary_value`.
 */
export function simulateSpend(
  summary: DataFrame,
  [p, q, v]: readonly [number, number, number],
  seed: number,
): DataFrame {
  const rng = createRandom(seed);
  const x = summary.getColumn("frequency").toArray() as number[];
  const monetary = x.map((xi) => {
    const nu = gamma(rng, q) / v;
    return xi === 0 ? 0 : gamma(rng, p * xi) / (nu * xi);
  });
  return summary.withColumns(pl.Series("monetary_value", monetary, pl.Float64));
}
