/**
 * Kernels for worker_pool_test.ts (test-only; workers import this module by URL).
 *
 * @module
 */

/** Task t sums x[i]^2 / 3 over its chunk of `chunk` values, slowly enough that every thread gets work. */
export function chunkSum(
  task: number,
  arrays: { x: Float64Array; out: Float64Array },
  params: { chunk: number; repeat: number },
): void {
  const start = task * params.chunk;
  const end = Math.min(arrays.x.length, start + params.chunk);
  let total = 0;
  for (let r = 0; r < params.repeat; r++) {
    total = 0;
    for (let i = start; i < end; i++) total += (arrays.x[i] * arrays.x[i]) / 3;
  }
  arrays.out[task] = total;
}

/** Throws on task 5 (after the others had a chance to start). */
export function failOnFive(task: number, arrays: { out: Float64Array }): void {
  if (task === 5) throw new RangeError("task five is bad");
  arrays.out[task] = task;
}
