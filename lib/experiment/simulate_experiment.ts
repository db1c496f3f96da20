import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  requireDate,
  requireInteger,
  requireNonNegative,
  requireProbability,
} from "../core/errors.ts";
import { createRandom, MAX_SEED } from "../core/random.ts";
import { DAY_MS } from "../core/time.ts";
import { churnDataset } from "../churn/churn_dataset.ts";

/** Options for {@linkcode simulateExperiment}. */
export interface SimulateExperimentOptions {
  /** The experiment's start: customers who bought on or before it are randomised. */
  cutoff: Date;
  /** Length of the experiment's outcome window in days (an integer >= 1; default 90). */
  horizonDays?: number;
  /** Keep customers whose first purchase is at least this many days before the cutoff (default 30). */
  minHistoryDays?: number;
  /**
   * The injected (true) effect on the repurchase rate, in points of probability (>= 0, below
   * `1 - baseline`): e.g. 0.05 turns a 56% repurchase rate into 61% in the treatment arm.
   */
  effect: number;
  /**
   * Share taken off every treated customer's outcome-window spend (in [0, 1), default 0): the
   * cost of a discount offer, which a revenue guardrail should see.
   */
  discount?: number;
  /** Share of customers assigned to treatment (in (0, 1), default 0.5). */
  treatmentShare?: number;
  /**
   * Share of treatment customers who did not buy that go missing from the data (in [0, 1),
   * default 0): a broken split, e.g. a tracking bug that logs treated customers only when they
   * come back. The sample-ratio-mismatch check should catch it.
   */
  lostTreatmentShare?: number;
  /** Seed (an integer from 0 to 2^32 - 1): the same seed gives the same assignment. */
  seed: number;
}

const ACTION = "simulate an experiment";

/**
 * Simulates a randomised retention experiment on real customers, with a known injected effect,
 * so that the analysis can be checked against the truth: every customer who bought on or before
 * `cutoff` (with `minHistoryDays` of history) is assigned to `"control"` or `"treatment"` at
 * random, and their real behaviour in the `horizonDays` after the cutoff is the outcome, except
 * that in the treatment arm the campaign converts non-buyers with probability
 * `effect / (1 - baseline)` (so the expected repurchase rate rises by exactly `effect`); a
 * converted customer spends what a real buyer drawn at random spent. Then, optionally, a
 * `discount` lowers treated customers' spend and `lostTreatmentShare` drops treated non-buyers
 * from the data (a broken split). The output is SIMULATED data: only the control arm is real.
 *
 * Columns: `customer_id`, `group` (`"control"` / `"treatment"`), `pre_spend` (spend in the 90
 * days before the cutoff, the CUPED covariate, as `churnDataset`'s `spend_recent`), `repurchased`
 * (0/1: a purchase in the window), `post_spend` (spend in the window) and `response`
 * (`"control"`, or for treated customers `"responder"` when they bought and `"non-responder"`).
 * The random draws are made in three passes (assignment, conversions, losses) in customer order,
 * so the same seed gives the same assignment whatever `discount` and `lostTreatmentShare` are.
 * Cost: one `churnDataset` plus a group-by, O(n log n).
 *
 * @param tx Cleaned transactions (see `cleanTransactions`) covering the outcome window.
 * @param options `cutoff`, `effect` and `seed` (required); `horizonDays`, `minHistoryDays`,
 *   `discount`, `treatmentShare` and `lostTreatmentShare`.
 * @returns A new DataFrame, one row per customer kept, sorted by `customer_id`.
 * @throws {RangeError} When an option is out of range (naming it), `effect` is not below
 *   `1 - baseline` (the observed repurchase rate), or the data end before the window does.
 * @throws {TypeError} When `cutoff` is not a Date, a column is missing or an option is not a
 *   number.
 *
 * @example A 10-point injected lift on a tiny log
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { simulateExperiment } from "./simulate_experiment.ts";
 *
 * const d = (s: string) => new Date(s + "T00:00:00Z");
 * const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
 * const tx = pl.DataFrame({
 *   customer_id: [...ids, ...ids.slice(0, 20)],
 *   invoice_id: Array.from({ length: 60 }, (_, i) => `i${i}`),
 *   invoice_date: [...ids.map(() => d("2011-01-10")), ...ids.slice(0, 20).map(() => d("2011-02-10"))],
 *   product_id: Array.from({ length: 60 }, () => "p"),
 *   quantity: Array.from({ length: 60 }, () => 1),
 *   unit_price: Array.from({ length: 60 }, () => 10),
 * });
 * const sim = simulateExperiment(tx, {
 *   cutoff: d("2011-02-01"),
 *   horizonDays: 9,
 *   minHistoryDays: 0,
 *   effect: 0.1,
 *   seed: 1,
 * });
 * assert.equal(sim.height, 40);
 * assert.deepEqual(sim.columns, ["customer_id", "group", "pre_spend", "repurchased", "post_spend", "response"]);
 * ```
 */
export function simulateExperiment(tx: DataFrame, options: SimulateExperimentOptions): DataFrame {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Cannot ${ACTION} as options is not an object: got ${String(options)}`);
  }
  const cutoff = requireDate(options.cutoff, "cutoff", ACTION);
  const horizonDays = requireInteger(options.horizonDays ?? 90, "horizonDays", ACTION, 1);
  const minHistoryDays = requireNonNegative(options.minHistoryDays ?? 30, "minHistoryDays", ACTION);
  const effect = requireNonNegative(options.effect, "effect", ACTION);
  const discount = options.discount ?? 0;
  if (discount !== 0) requireProbability(discount, "discount", ACTION);
  const share = requireProbability(options.treatmentShare ?? 0.5, "treatmentShare", ACTION);
  const lost = options.lostTreatmentShare ?? 0;
  if (lost !== 0) requireProbability(lost, "lostTreatmentShare", ACTION);
  const seed = requireInteger(options.seed, "seed", ACTION, 0, MAX_SEED);

  const population = churnDataset(tx, { cutoff, horizonDays, minHistoryDays });
  const cutoffMs = cutoff.getTime();
  const endMs = cutoffMs + horizonDays * DAY_MS;
  const ms = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64);
  const spend = tx
    .filter(
      pl.col("customer_id").isNotNull().and(ms.gt(pl.lit(cutoffMs))).and(
        ms.ltEq(pl.lit(endMs)),
      ),
    )
    .groupBy("customer_id")
    .agg(pl.col("quantity").mul(pl.col("unit_price")).sum().alias("post_spend"));
  const base = population
    .select("customer_id", "spend_recent", "churned")
    .join(spend, { on: "customer_id", how: "left" })
    .sort("customer_id");
  const n = base.height;
  const ids = base.getColumn("customer_id").toArray() as string[];
  const preSpend = Float64Array.from(base.getColumn("spend_recent").toArray() as number[]);
  const churned = base.getColumn("churned").toArray() as number[];
  const postRaw = base.getColumn("post_spend").toArray() as (number | null)[];
  const bought = new Uint8Array(n);
  const post = new Float64Array(n);
  const buyers: number[] = [];
  for (let i = 0; i < n; i++) {
    bought[i] = churned[i] === 0 ? 1 : 0;
    post[i] = bought[i] ? Number(postRaw[i] ?? 0) : 0;
    if (bought[i]) buyers.push(i);
  }
  const baseline = buyers.length / n;
  if (!(effect < 1 - baseline)) {
    throw new RangeError(
      `Cannot ${ACTION} as effect must be below 1 - baseline (${
        (1 - baseline).toFixed(4)
      }, the observed repurchase rate being ${baseline.toFixed(4)}): got ${effect}`,
    );
  }
  const random = createRandom(seed);
  // Pass 1: assignment.
  const treated = new Uint8Array(n);
  for (let i = 0; i < n; i++) treated[i] = random.next() < share ? 1 : 0;
  // Pass 2: the campaign converts treated non-buyers; a convert spends as a random real buyer.
  const convert = effect / (1 - baseline);
  for (let i = 0; i < n; i++) {
    if (treated[i] && !bought[i] && random.next() < convert) {
      bought[i] = 1;
      post[i] = post[buyers[random.int(buyers.length)]];
    }
  }
  for (let i = 0; i < n; i++) if (treated[i]) post[i] *= 1 - discount;
  // Pass 3: losses (a broken split).
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const dropped = treated[i] === 1 && bought[i] === 0 && random.next() < lost;
    if (!dropped) keep.push(i);
  }
  return pl.DataFrame({
    customer_id: keep.map((i) => ids[i]),
    group: keep.map((i) => treated[i] ? "treatment" : "control"),
    pre_spend: keep.map((i) => preSpend[i]),
    repurchased: keep.map((i) => bought[i]),
    post_spend: keep.map((i) => post[i]),
    response: keep.map((i) => treated[i] ? bought[i] ? "responder" : "non-responder" : "control"),
  });
}
