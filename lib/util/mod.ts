/**
 * Small public utilities: the environment table that closes every notebook, and the seeded
 * random generator (defined in the core layer) for analysts who simulate or sample.
 *
 * @module
 */
export * from "./environment.ts";
export { createRandom, MAX_SEED } from "../core/random.ts";
export type { Random } from "../core/random.ts";
export {
  availableCores,
  getDefaultThreads,
  MAX_THREADS,
  setDefaultThreads,
  terminateWorkers,
  workerPoolSize,
} from "../core/worker_pool.ts";
