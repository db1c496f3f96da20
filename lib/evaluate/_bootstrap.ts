/**
 * Private helpers of the bootstrap functions: option checks and the percentile interval.
 *
 * @module
 */
import { requireInteger, requireProbability } from "../core/errors.ts";
import { MAX_SEED } from "../core/random.ts";
import { quantileSorted } from "../core/quantile.ts";
import { resolveThreads } from "../core/worker_pool.ts";

/** Options shared by the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples, an integer >= 100. Default 2,000. */
  resamples?: number;
  /** Seed of the resampling generator (required; an integer 0 to 2^32 - 1). */
  seed: number;
  /** Coverage of the interval, in (0, 1). Default 0.95. */
  level?: number;
  /**
   * Threads drawing the resamples (default: the project-wide default, `getDefaultThreads()`, the
   * cores available; 1 runs everything in the calling thread). The resamples come in fixed blocks
   * of 25, block t drawn from its own stream seeded by `taskSeed(seed, t)`, so the interval is the
   * same bit for bit at every thread count.
   */
  threads?: number;
}

/** A percentile bootstrap confidence interval. */
export interface BootstrapInterval {
  /** The statistic on the original data. */
  readonly estimate: number;
  /** Lower end: the `(1 - level) / 2` quantile of the resampled statistics (numpy's linear). */
  readonly lower: number;
  /** Upper end: the `(1 + level) / 2` quantile of the resampled statistics. */
  readonly upper: number;
  /** Coverage asked for. */
  readonly level: number;
  /** Number of resamples. */
  readonly resamples: number;
  /** Standard deviation of the resampled statistics (ddof = 1): the bootstrap standard error. */
  readonly standardError: number;
}

/** Resolved options. */
export interface ResolvedBootstrap {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  readonly threads: number;
}

/**
 * Checks and fills in the bootstrap options.
 *
 * @param options The caller's options.
 * @param action What the caller is doing, for messages.
 * @returns The resolved options.
 * @throws {TypeError} When options or the seed are missing or not numbers.
 * @throws {RangeError} When a value is out of range.
 */
export function resolveBootstrap(options: BootstrapOptions, action: string): ResolvedBootstrap {
  if (typeof options !== "object" || options === null || options.seed === undefined) {
    throw new TypeError(
      `Cannot ${action} as seed is missing: pass { seed } (an integer 0 to ${MAX_SEED})`,
    );
  }
  const seed = requireInteger(options.seed, "seed", action, 0, MAX_SEED);
  const resamples = requireInteger(options.resamples ?? 2000, "resamples", action, 100);
  const level = requireProbability(options.level ?? 0.95, "level", action, false);
  const threads = resolveThreads(options.threads, action);
  return { seed, resamples, level, threads };
}

/**
 * The percentile interval of resampled statistics.
 *
 * @param estimate The statistic on the original data.
 * @param statistics One statistic per resample (sorted in place).
 * @param resolved The options.
 * @returns The interval.
 */
export function percentileInterval(
  estimate: number,
  statistics: Float64Array,
  resolved: ResolvedBootstrap,
): BootstrapInterval {
  statistics.sort();
  const m = statistics.length;
  let mean = 0;
  for (const v of statistics) mean += v;
  mean /= m;
  let ss = 0;
  for (const v of statistics) ss += (v - mean) ** 2;
  const alpha = (1 - resolved.level) / 2;
  return {
    estimate,
    lower: quantileSorted(statistics, alpha),
    upper: quantileSorted(statistics, 1 - alpha),
    level: resolved.level,
    resamples: resolved.resamples,
    standardError: Math.sqrt(ss / (m - 1)),
  };
}
