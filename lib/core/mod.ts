/**
 * The private foundation every module of the library builds on: argument and frame checks with
 * the house error messages, dtype questions, one numpy-compatible quantile, the seeded random
 * generator, time constants, XML escaping, the binary-classifier interface, the feature matrix,
 * the grid neighbour index and the product-name lookup.
 *
 * Layer 0: it imports nothing else from `lib/`. Not re-exported by `lib/mod.ts` (but for
 * `createRandom` and the types the public API names, which their own modules re-export).
 *
 * @module
 */
export * from "./errors.ts";
export * from "./dtypes.ts";
export * from "./quantile.ts";
export * from "./random.ts";
export * from "./time.ts";
export * from "./xml.ts";
export * from "./classifier.ts";
export * from "./frame.ts";
export * from "./products.ts";
export * from "./grid_index.ts";
export * from "./column_option.ts";
export * from "./round.ts";
export * from "./worker_pool.ts";
