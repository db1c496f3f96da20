/**
 * The generator behind `createRandom` (random.ts), without its argument check, and per-task seeds
 * ({@linkcode taskSeed}), for kernels that run in worker threads: this file imports nothing, so a worker that loads it does not load
 * nodejs-polars (random.ts's check comes from errors.ts, which does). Callers check the seed
 * first (`createRandom` or `taskSeed`, which returns a valid seed).
 *
 * @module
 */

/** A seeded generator of uniform numbers. */
export interface Random {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * splitmix32 from a 32-bit seed, unchecked.
 *
 * @param seed An integer from 0 to 2^32 - 1 (not checked).
 * @returns The generator; the same seed gives the same stream as `createRandom(seed)`.
 */
export function splitmix32(seed: number): Random {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/**
 * A seed for task `task`'s own random stream, from the caller's seed: the same pair always gives
 * the same seed, and neighbouring tasks get unrelated ones (one splitmix32 step over both).
 *
 * @param seed The caller's seed (an integer from 0 to 2^32 - 1).
 * @param task The task number.
 * @returns A seed from 0 to 2^32 - 1 for `createRandom`.
 */
export function taskSeed(seed: number, task: number): number {
  let z = (seed + Math.imul(task + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
