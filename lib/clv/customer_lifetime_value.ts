import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireColumns,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from "../core/errors.ts";
import { createRandom, type Random } from "../core/random.ts";
import {
  resolveThreads,
  runParallel,
  sharedArray,
  type SharedTypedArray,
  toShared,
} from "../core/worker_pool.ts";
import {
  type ClvDrawArrays,
  clvDrawBlock,
  type ClvInputs,
  customerValues,
  DRAWS_PER_TASK,
  PURCHASE_KERNELS,
} from "./_clv_draw_kernels.ts";
import { quantileSorted } from "../core/quantile.ts";
import { modelFamily } from "./_kernels.ts";
import { compressSummary, readSummary } from "./_summary_input.ts";
import { CLV_TIME_UNITS, type ClvTimeUnit, summaryTimeUnit } from "./_time_unit.ts";
import type { GammaGammaModel } from "./fit_gamma_gamma.ts";
import type { PurchaseModel } from "./purchase_model.ts";

/** Options for {@linkcode customerLifetimeValue} and {@linkcode customerLifetimeValueByGroup}. */
export interface CustomerLifetimeValueOptions {
  /** A fitted BG/NBD, Modified BG/NBD or Pareto/NBD model. Required. */
  purchaseModel: PurchaseModel;
  /** A fitted Gamma-Gamma model of spend per purchase. Required. */
  spendModel: GammaGammaModel;
  /** How far ahead to value, in `timeUnit` (e.g. 365 days or 52 weeks), > 0. Required. */
  horizon: number;
  /**
   * The unit of the summary and of `horizon` and `discountPeriod`: `"days"` or `"weeks"`.
   * Required, and checked against the unit the summary and the purchase model were built with
   * when that is known (a summary straight from {@linkcode clvSummary}).
   */
  timeUnit: ClvTimeUnit;
  /**
   * Discount rate per `discountPeriod`, finite and >= 0 (e.g. 0.01 a month is about 12.7% a
   * year). Required: 0 means no discounting, and must be said.
   */
  discountRate: number;
  /**
   * The length, in `timeUnit`, of the period `discountRate` applies to, which is also the step of
   * the cash flows: each step's expected purchases are discounted by `(1 + discountRate)^(t /
   * discountPeriod)` at the step's end t (lifetimes' `customer_lifetime_value`, whose steps are 30
   * days). Default: a 30-day month (30 days, or 30 / 7 weeks).
   */
  discountPeriod?: number;
  /** Profit margin on revenue, in (0, 1]: CLV counts margin, not sales. Default 1 (revenue). */
  margin?: number;
  /** Seed of the parameter draws behind the intervals (integer 0..2^32-1). Required. */
  seed: number;
  /**
   * Parameter draws for the p10/p50/p90 columns: a whole number, 0 (no interval columns) or
   * >= 20. Default 500.
   */
  draws?: number;
  /**
   * Threads valuing the customers at each parameter draw (default: the project-wide default,
   * `getDefaultThreads()`, the cores available; 1 runs everything in the calling thread). The
   * draws come from one seeded stream in the calling thread and are valued in fixed blocks of 10,
   * so the intervals are the same bit for bit at every thread count.
   */
  threads?: number;
  /**
   * Customer id column, carried to the output when present. Default: the purchase model's
   * `customerId` option (`"customer_id"` unless it was fitted with another).
   */
  customerId?: string;
}

/** Options for {@linkcode customerLifetimeValueByGroup}: the above plus the group column. */
export interface CustomerLifetimeValueByGroupOptions extends CustomerLifetimeValueOptions {
  /** The column of the summary that names each customer's group (e.g. an RFM segment). */
  group: string;
}

const ACTION = "compute customer lifetime value";
const KERNELS = new URL("./_clv_draw_kernels.ts", import.meta.url).href;

/** Lower Cholesky factor of a symmetric positive-definite matrix, or null. */
function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  return l;
}

function standardNormal(rng: Random): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Draws from the normal approximation of log-parameters: exp(mean + L z). */
function drawParameters(
  mean: readonly number[],
  factor: readonly (readonly number[])[],
  rng: Random,
): number[] {
  const z = mean.map(() => standardNormal(rng));
  return mean.map((m, i) => {
    let s = m;
    for (let k = 0; k <= i; k++) s += factor[i][k] * z[k];
    return Math.exp(s);
  });
}

function requireFactor(covariance: readonly (readonly number[])[], name: string): number[][] {
  const factor = cholesky(covariance);
  if (factor === null) {
    throw new RangeError(
      `Cannot ${ACTION} intervals as the ${name}'s log-parameter covariance is not positive ` +
        `definite (its standard errors are NaN: see its warnings): refit it, or pass draws: 0 for ` +
        `point values only`,
    );
  }
  return factor;
}

/** Resolved options and the summary's arrays, shared by both public functions. */
function prepare(summary: DataFrame, options: CustomerLifetimeValueOptions) {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot ${ACTION} as options are missing: pass { purchaseModel, spendModel, horizon, ` +
        `timeUnit, discountRate, seed }`,
    );
  }
  const threads = resolveThreads(options.threads, ACTION);
  const family = modelFamily(options.purchaseModel);
  if (family === undefined) {
    throw new TypeError(
      `Cannot ${ACTION} as purchaseModel is not a model from fitBgNbd, fitModifiedBgNbd or ` +
        `fitParetoNbd`,
    );
  }
  const spend = options.spendModel;
  if (
    typeof spend !== "object" || spend === null || !("frequencySpendCorrelation" in spend) ||
    typeof spend.params?.p !== "number"
  ) {
    throw new TypeError(`Cannot ${ACTION} as spendModel is not a model from fitGammaGamma`);
  }
  const timeUnit = requireOneOf(options.timeUnit, CLV_TIME_UNITS, "timeUnit", ACTION);
  const built = summaryTimeUnit(summary);
  if (built !== undefined && built !== timeUnit) {
    throw new RangeError(
      `Cannot ${ACTION} as timeUnit is "${timeUnit}" but the summary was built in "${built}": ` +
        `state the summary's unit, and give horizon and discountPeriod in it`,
    );
  }
  if (family.timeUnit !== undefined && family.timeUnit !== timeUnit) {
    throw new RangeError(
      `Cannot ${ACTION} as timeUnit is "${timeUnit}" but the purchase model was fitted on a ` +
        `summary in "${family.timeUnit}": its rates are per ${family.timeUnit.slice(0, -1)}`,
    );
  }
  const horizon = requirePositive(options.horizon, "horizon", ACTION);
  const discountRate = requireNonNegative(options.discountRate, "discountRate", ACTION);
  const discountPeriod = requirePositive(
    options.discountPeriod ?? (timeUnit === "days" ? 30 : 30 / 7),
    "discountPeriod",
    ACTION,
  );
  const margin = requireFinite(options.margin ?? 1, "margin", ACTION);
  if (!(margin > 0 && margin <= 1)) {
    throw new RangeError(`Cannot ${ACTION} as margin is not in (0, 1]: got ${margin}`);
  }
  const seed = requireInteger(options.seed, "seed", ACTION, 0, 4_294_967_295);
  const draws = requireInteger(options.draws ?? 500, "draws", ACTION, 0);
  if (draws > 0 && draws < 20) {
    throw new RangeError(
      `Cannot ${ACTION} as draws is ${draws}: use 0 (no intervals) or at least 20`,
    );
  }
  const columns = options.purchaseModel.options;
  const spendColumns = spend.options;
  const s = readSummary(summary, columns, ACTION);
  requireColumns(summary, [spendColumns.monetary], ACTION);
  const m = spend.conditionalExpectedAverageProfit(summary);
  // The spend model's input, kept for the draws: frequency and mean repeat spend per row.
  const monetary = summary.getColumn(spendColumns.monetary).cast(pl.Float64)
    .toTypedArray() as Float64Array;
  for (const warning of [...options.purchaseModel.warnings, ...spend.warnings]) {
    console.warn(`customerLifetimeValue: the models were fitted with a warning: ${warning}`);
  }
  // Step ends 0 < t_1 < ... < t_k = horizon, each discounted at (1 + d)^(t / period).
  const steps = Math.ceil(horizon / discountPeriod - 1e-9);
  const ends = Float64Array.from(
    { length: steps },
    (_, i) => Math.min((i + 1) * discountPeriod, horizon),
  );
  const discounts = ends.map((t) => Math.pow(1 + discountRate, -t / discountPeriod));
  return {
    family,
    spend,
    s,
    spendPoint: m,
    monetary,
    ends,
    discounts,
    margin,
    seed,
    draws,
    threads,
    horizon,
    columns,
  };
}

/**
 * The point values and `draws` parameter draws. The parameters are drawn here, in the calling
 * thread, from one stream `createRandom(seed)` (a few normal numbers per draw); valuing every
 * customer at each draw's parameters (the work) runs on the pool in fixed blocks of
 * {@linkcode DRAWS_PER_TASK} draws, each draw written to its own slots, so the result is the same
 * bit for bit at every thread count.
 *
 * @returns `point`: each customer's CLV at the fitted parameters; `draws`: draw-major, draw d's
 *   value of customer i at `d * n + i`, or with `group`, draw d's total of group g at
 *   `d * groups + g` (undefined without draws).
 */
function simulate(
  prep: ReturnType<typeof prepare>,
  group?: { row: Int32Array; groups: number },
): { point: Float64Array; draws: Float64Array | undefined } {
  const { family, spend, s, monetary, ends, discounts, margin } = prep;
  const compressed = compressSummary(s.x, s.tx, s.T);
  // Which distinct history each customer has.
  const index = new Map<string, number>();
  compressed.x.forEach((_, u) =>
    index.set(`${compressed.x[u]}|${compressed.tx[u]}|${compressed.T[u]}`, u)
  );
  const n = s.x.length;
  const row = sharedArray(Int32Array, n);
  for (let i = 0; i < n; i++) row[i] = index.get(`${s.x[i]}|${s.tx[i]}|${s.T[i]}`)!;
  const inputs: ClvInputs = {
    ux: toShared(compressed.x),
    utx: toShared(compressed.tx),
    uT: toShared(compressed.T),
    row,
    x: toShared(s.x),
    monetary: toShared(monetary),
    ends: toShared(ends),
    discounts: toShared(discounts),
  };
  const fitted = family.fitted;
  const point = new Float64Array(n);
  const spendFitted = [spend.params.p, spend.params.q, spend.params.v];
  customerValues(family.kernel(fitted), spendFitted, margin, inputs, point, 0);
  if (prep.draws === 0) return { point, draws: undefined };
  const purchaseFactor = requireFactor(family.covariance, `purchase model (${family.name})`);
  const spendFactor = requireFactor(spend.logParameterCovariance, "spend model (Gamma-Gamma)");
  const purchaseMean = fitted.map(Math.log);
  const spendMean = spendFitted.map(Math.log);
  const rng = createRandom(prep.seed);
  const purchaseDraws = sharedArray(Float64Array, 4 * prep.draws);
  const spendDraws = sharedArray(Float64Array, 3 * prep.draws);
  for (let d = 0; d < prep.draws; d++) {
    let spendParams = drawParameters(spendMean, spendFactor, rng);
    // A draw with q <= 1 has an infinite mean spend: redraw (rare when q is well above 1).
    for (let tries = 0; spendParams[1] <= 1 && tries < 100; tries++) {
      spendParams = drawParameters(spendMean, spendFactor, rng);
    }
    let purchaseParams = drawParameters(purchaseMean, purchaseFactor, rng);
    // Some draws leave the model's domain (BG/NBD with a = 1 or a + b - 1 a whole number <= 0):
    // redraw, i.e. use the normal
    // approximation truncated to valid parameters.
    for (let tries = 0; !family.valid(purchaseParams) && tries < 100; tries++) {
      purchaseParams = drawParameters(purchaseMean, purchaseFactor, rng);
    }
    if (!family.valid(purchaseParams)) {
      throw new RangeError(
        `Cannot ${ACTION} intervals as 100 draws in a row of the ${family.name} parameters ` +
          `left the model's domain: its parameters are too uncertain; pass draws: 0`,
      );
    }
    spendDraws.set(spendParams, 3 * d);
    purchaseDraws.set(purchaseParams, 4 * d);
  }
  const groups = group?.groups ?? 0;
  const arrays: ClvDrawArrays = {
    ...inputs,
    purchaseDraws,
    spendDraws,
    group: group ? toShared(group.row) : sharedArray(Int32Array, 0),
    out: sharedArray(Float64Array, prep.draws * (groups > 0 ? groups : n)),
  };
  runParallel({
    module: KERNELS,
    name: "clvDrawBlock",
    kernel: clvDrawBlock,
    tasks: Math.ceil(prep.draws / DRAWS_PER_TASK),
    arrays: arrays as unknown as Record<string, SharedTypedArray>,
    params: { family: purchaseKernelName(family.kernel), margin, draws: prep.draws, groups },
  }, { threads: prep.threads, action: ACTION });
  return { point, draws: arrays.out };
}

/** The name of a purchase model's formulas in {@linkcode PURCHASE_KERNELS}. */
function purchaseKernelName(kernel: unknown): string {
  for (const [name, fn] of Object.entries(PURCHASE_KERNELS)) if (fn === kernel) return name;
  throw new TypeError(`Cannot ${ACTION} as the purchase model's formulas are unknown`);
}

function quantiles(sorted: Float64Array): [number, number, number] {
  return [
    quantileSorted(sorted, 0.1),
    quantileSorted(sorted, 0.5),
    quantileSorted(sorted, 0.9),
  ];
}

/**
 * Customer lifetime value over a horizon, per customer, from a purchase model (BG/NBD, Modified
 * BG/NBD or Pareto/NBD) and the Gamma-Gamma spend model, with an interval from parameter
 * uncertainty that no reference tool gives per customer.
 *
 * The point value is lifetimes' `customer_lifetime_value`, generalised to any step: the horizon is
 * cut into steps of `discountPeriod`; each step's expected purchases given the customer's history
 * (the model's conditional expectation at the step's end minus at its start) are valued at the
 * customer's expected spend per purchase (Gamma-Gamma's conditional expectation), times
 * `margin`, and discounted by `(1 + discountRate)^(t / discountPeriod)` at the step's end t:
 *
 *     CLV = margin · E[spend | x, m] · Σ_k (E[Y(t_k) | x, t_x, T] − E[Y(t_{k−1}) | ...]) / (1 + d)^(t_k / P)
 *
 * The interval: the log-parameters of each model are drawn `draws` times from the normal
 * approximation at the maximum (mean: the fitted log-parameters; covariance: the inverse observed
 * information, `logParameterCovariance`), seeded; the two models are drawn independently, as they
 * are fitted separately and Gamma-Gamma assumes spend independent of purchasing. Each draw gives
 * every customer a CLV; `clv_p10`, `clv_p50` and `clv_p90` are the 10th, 50th and 90th
 * percentiles of those (numpy's linear rule). The band reflects how well the data pin the
 * parameters down, not the randomness of one customer's future purchases (which is far wider):
 * it answers "how sure are we of this expected value", which is what a ranking or a budget rests
 * on. Draws of Gamma-Gamma with q <= 1 (infinite mean spend) are redrawn.
 *
 * Models fitted with warnings (no convergence, an extreme parameter) are used, and their warnings
 * repeated on the console: a CLV is only as good as its fit.
 *
 * Cost: O(distinct histories × steps × (draws + 1)) model evaluations, the draws valued on
 * `threads` threads in fixed blocks of 10 (the result is the same bit for bit at every thread
 * count).
 *
 * @param summary One row per customer: the purchase model's frequency, recency and T columns and
 *   the spend model's monetary column (e.g. from {@linkcode clvSummary} with `monetary`), in
 *   `timeUnit`.
 * @param options Models, horizon, time unit, discounting, margin, seed, draws and threads.
 * @returns A new DataFrame in the summary's row order: the customer id (when present),
 *   `frequency`, `recency`, `T`, `monetary_value`, `probability_alive`, `expected_purchases`
 *   (undiscounted, over the horizon), `expected_spend` (per purchase), `clv`, and with draws
 *   `clv_p10`, `clv_p50`, `clv_p90`.
 * @throws {TypeError} When the summary is not a DataFrame, a column is missing or not numeric, or
 *   a model is not from this module's fitters.
 * @throws {RangeError} When the time unit contradicts the summary's or the model's, the horizon,
 *   discount rate, discount period, margin, seed, draws or threads is invalid, a row is invalid (see
 *   {@linkcode fitBgNbd}), a repeat customer's spend is not positive, or a model's covariance is
 *   not positive definite (with draws).
 *
 * @example A year of CDNOW customers' value, with intervals
 * ```ts
 * import assert from "node:assert/strict";
 * import { clvSummary, customerLifetimeValue, fitBgNbd, fitGammaGamma } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const summary = clvSummary(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 *   monetary: "monetary",
 * });
 * const clv = customerLifetimeValue(summary, {
 *   purchaseModel: fitBgNbd(summary),
 *   spendModel: fitGammaGamma(summary),
 *   horizon: 52,
 *   timeUnit: "weeks",
 *   discountRate: 0.01,
 *   seed: 1,
 *   draws: 50,
 * });
 * assert.equal(clv.height, summary.height);
 * const [value, low, high] = ["clv", "clv_p10", "clv_p90"].map((c) => clv.getColumn(c).get(0));
 * assert.ok(low <= value && value <= high);
 * ```
 */
export function customerLifetimeValue(
  summary: DataFrame,
  options: CustomerLifetimeValueOptions,
): DataFrame {
  const prep = prepare(summary, options);
  const n = prep.s.x.length;
  const { point, draws: byDraw } = simulate(prep);
  const purchases = prep.family.kernel(prep.family.fitted);
  const idColumn = options.customerId ?? prep.columns.customerId;
  const { columns } = prep;
  const out: ReturnType<typeof pl.Series>[] = [];
  if (summary.columns.includes(idColumn)) out.push(summary.getColumn(idColumn));
  out.push(
    summary.getColumn(columns.frequency).alias("frequency"),
    pl.Series("recency", prep.s.tx),
    pl.Series("T", prep.s.T),
    pl.Series("monetary_value", prep.monetary),
    pl.Series(
      "probability_alive",
      prep.s.x.map((x, i) => purchases.alive(x, prep.s.tx[i], prep.s.T[i])),
    ),
    pl.Series(
      "expected_purchases",
      prep.s.x.map((x, i) => purchases.conditional(x, prep.s.tx[i], prep.s.T[i], prep.horizon)),
    ),
    pl.Series("expected_spend", prep.spendPoint),
    pl.Series("clv", point),
  );
  if (byDraw) {
    const p10 = new Float64Array(n), p50 = new Float64Array(n), p90 = new Float64Array(n);
    const sorted = new Float64Array(prep.draws);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < prep.draws; d++) sorted[d] = byDraw[d * n + i];
      [p10[i], p50[i], p90[i]] = quantiles(sorted.sort());
    }
    out.push(pl.Series("clv_p10", p10), pl.Series("clv_p50", p50), pl.Series("clv_p90", p90));
  }
  return pl.DataFrame(out);
}

/**
 * Customer lifetime value summed by group (an RFM segment, a region, an acquisition channel),
 * with p10/p50/p90 of each group's total from the same parameter draws as
 * {@linkcode customerLifetimeValue}. The band of a total is not the sum of its customers' bands
 * (their values move together with the parameters), so it is computed draw by draw.
 *
 * @param summary The summary, as for {@linkcode customerLifetimeValue}, with the group column.
 * @param options Those of {@linkcode customerLifetimeValue} and `group`; `draws` must be > 0.
 * @returns A new DataFrame, one row per group, largest total first: the group column,
 *   `customers`, `clv_total`, `clv_mean`, `clv_total_p10`, `clv_total_p50`, `clv_total_p90` and
 *   `share` (of the total over all groups). Missing groups are refused.
 * @throws {TypeError} As {@linkcode customerLifetimeValue}, or when the group column is missing.
 * @throws {RangeError} As {@linkcode customerLifetimeValue}, when draws is 0, or when a group
 *   value is missing.
 *
 * @example CDNOW's value by calibration frequency band
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { clvSummary, customerLifetimeValueByGroup, fitBgNbd, fitGammaGamma } from "./mod.ts";
 * import { loadCdnow } from "../io/mod.ts";
 *
 * const summary = clvSummary(loadCdnow({ file: "sample" }), {
 *   asOf: new Date("1997-09-30"),
 *   timeUnit: "weeks",
 *   monetary: "monetary",
 * });
 * const purchaseModel = fitBgNbd(summary);
 * const spendModel = fitGammaGamma(summary);
 * const grouped = summary.withColumns(
 *   pl.when(pl.col("frequency").gt(0)).then(pl.lit("repeat")).otherwise(pl.lit("one-time"))
 *     .alias("buyer"),
 * );
 * const byGroup = customerLifetimeValueByGroup(grouped, {
 *   purchaseModel,
 *   spendModel,
 *   horizon: 52,
 *   timeUnit: "weeks",
 *   discountRate: 0.01,
 *   seed: 1,
 *   draws: 50,
 *   group: "buyer",
 * });
 * assert.equal(byGroup.height, 2);
 * ```
 */
export function customerLifetimeValueByGroup(
  summary: DataFrame,
  options: CustomerLifetimeValueByGroupOptions,
): DataFrame {
  const action = "compute customer lifetime value by group";
  const prep = prepare(summary, options);
  if (prep.draws === 0) {
    throw new RangeError(`Cannot ${action} as draws is 0: the totals' bands need draws (>= 20)`);
  }
  const groupColumn = options.group;
  if (typeof groupColumn !== "string") {
    throw new TypeError(`Cannot ${action} as group is not a column name: got ${groupColumn}`);
  }
  requireColumns(summary, [groupColumn], action);
  const labels = summary.getColumn(groupColumn).toArray() as unknown[];
  const missing = labels.filter((v) => v === null || v === undefined).length;
  if (missing > 0) {
    throw new RangeError(
      `Cannot ${action} as column "${groupColumn}" has ${missing} missing value${
        missing === 1 ? "" : "s"
      }: give every customer a group`,
    );
  }
  const names = [...new Set(labels.map(String))];
  const groupOf = new Map(names.map((g, i) => [g, i]));
  const row = Int32Array.from(labels, (v) => groupOf.get(String(v))!);
  const k = names.length;
  const point = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < row.length; i++) counts[row[i]]++;
  const simulated = simulate(prep, { row, groups: k });
  for (let i = 0; i < row.length; i++) point[row[i]] += simulated.point[i];
  const totals = Array.from(
    { length: k },
    (_, g) => Float64Array.from({ length: prep.draws }, (_, d) => simulated.draws![d * k + g]),
  );
  const bands = totals.map((t) => quantiles(t.sort()));
  const all = point.reduce((s, v) => s + v, 0);
  return pl.DataFrame({
    [groupColumn]: names,
    customers: Array.from(counts),
    clv_total: Array.from(point),
    clv_mean: Array.from(point, (v, g) => v / counts[g]),
    clv_total_p10: bands.map((b) => b[0]),
    clv_total_p50: bands.map((b) => b[1]),
    clv_total_p90: bands.map((b) => b[2]),
    share: Array.from(point, (v) => v / all),
  }).withColumns(pl.col("customers").cast(pl.Int64)).sort("clv_total", true);
}
