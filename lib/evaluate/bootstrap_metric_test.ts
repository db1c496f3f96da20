import assert from "node:assert/strict";
import { bootstrapMetric } from "./bootstrap_metric.ts";
import { cases } from "./_test_fixtures.ts";
import { assertClose, root } from "../../tests/_helpers.ts";
import { createRandom } from "../core/random.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";
import { rocAuc } from "./roc_auc.ts";
import { averagePrecision } from "./average_precision.ts";

// Reference: tests/reference/bootstrap_reference.py writes tests/fixtures/bootstrap_reference.json
// with scipy 1.10's stats.bootstrap(paired=True, method="percentile", n_resamples=20000) intervals
// of sklearn's roc_auc_score and average_precision_score. Different generators: compared within
// Monte Carlo error.
const reference = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/bootstrap_reference.json")),
) as {
  cases: {
    name: string;
    [metric: string]: unknown;
  }[];
};

type Interval = { estimate: number; lower: number; upper: number; standard_error: number };

Deno.test("bootstrapMetric() matches scipy's percentile bootstrap within Monte Carlo error", () => {
  assert.equal(reference.cases.length, 2);
  for (const ref of reference.cases) {
    const c = cases.find((c) => c.name === ref.name)!;
    for (const metric of ["roc_auc", "average_precision"] as const) {
      const expected = ref[metric] as Interval;
      const ci = bootstrapMetric(c.y, c.scores, {
        metric,
        seed: 7,
        resamples: 20000,
        stratified: false,
      });
      const label = `${ref.name} ${metric}`;
      assertClose(ci.estimate, expected.estimate, 1e-12, label);
      assertClose(ci.lower, expected.lower, 0.01, `${label} lower`);
      assertClose(ci.upper, expected.upper, 0.01, `${label} upper`);
      assertClose(ci.standardError, expected.standard_error, 0.005, `${label} SE`);
      // Stratified resampling keeps the base rate fixed: a similar AUC interval, and an average
      // precision interval no wider than the unstratified one.
      const strat = bootstrapMetric(c.y, c.scores, {
        metric,
        seed: 7,
        resamples: 5000,
        stratified: true,
      });
      if (metric === "roc_auc") {
        assertClose(strat.lower, expected.lower, 0.02, `${label} stratified lower`);
        assertClose(strat.upper, expected.upper, 0.02, `${label} stratified upper`);
      } else {
        assert.ok(strat.upper - strat.lower <= ci.upper - ci.lower + 0.005, label);
      }
    }
  }
});

Deno.test("bootstrapMetric() is seeded, keeps class counts when stratified, and pairs differences", () => {
  const c = cases.find((c) => c.name === "continuous_500")!;
  const a = bootstrapMetric(c.y, c.scores, { seed: 3, resamples: 300 });
  assert.deepEqual(bootstrapMetric(c.y, c.scores, { seed: 3, resamples: 300 }), a);
  assert.notEqual(bootstrapMetric(c.y, c.scores, { seed: 4, resamples: 300 }).lower, a.lower);
  assert.equal(a.level, 0.95);
  assert.equal(a.resamples, 300);
  assert.equal(a.difference, null);
  // The share of positives is the same in every stratified resample: a zero-width interval.
  const share = (y: ArrayLike<number>) => Array.from(y).reduce((s, v) => s + v, 0) / y.length;
  const fixed = bootstrapMetric(c.y, c.scores, {
    metric: share,
    seed: 1,
    resamples: 200,
    stratified: true,
  });
  assert.equal(fixed.lower, fixed.estimate);
  assert.equal(fixed.upper, fixed.estimate);
  assert.equal(fixed.standardError, 0);
  // Unstratified, it varies as a binomial share: SE close to sqrt(p(1 - p) / n).
  const free = bootstrapMetric(c.y, c.scores, { metric: share, seed: 1, resamples: 4000 });
  const p = free.estimate;
  assertClose(free.standardError, Math.sqrt(p * (1 - p) / c.y.length), 0.002);
  // A model compared with itself differs by exactly 0 on every resample.
  const self = bootstrapMetric(c.y, c.scores, { seed: 2, resamples: 200, compareTo: c.scores });
  assert.deepEqual(
    [self.difference!.estimate, self.difference!.lower, self.difference!.upper],
    [0, 0, 0],
  );
  // Compared with reversed scores (AUC 1 - x), the difference is 2 AUC - 1 on every resample.
  const reversed = Array.from(c.scores, (s) => -s);
  const vs = bootstrapMetric(c.y, c.scores, { seed: 2, resamples: 200, compareTo: reversed });
  assertClose(vs.difference!.lower, 2 * vs.lower - 1, 1e-12);
  assertClose(vs.difference!.upper, 2 * vs.upper - 1, 1e-12);
  // A higher level gives a wider interval on the same resamples.
  const wide = bootstrapMetric(c.y, c.scores, { seed: 3, resamples: 300, level: 0.99 });
  assert.ok(wide.lower <= a.lower && wide.upper >= a.upper);
});

Deno.test("bootstrapMetric() refuses bad options with house-style errors", () => {
  const y = [1, 0, 1, 0];
  const s = [0.9, 0.2, 0.6, 0.4];
  assert.throws(
    // @ts-expect-error: seed is required
    () => bootstrapMetric(y, s, {}),
    { name: "TypeError", message: /Cannot bootstrap metric as seed is missing/ },
  );
  assert.throws(() => bootstrapMetric(y, s, { seed: 1, resamples: 10 }), {
    name: "RangeError",
    message: /resamples must be an integer >= 100: got 10/,
  });
  assert.throws(() => bootstrapMetric(y, s, { seed: 1, level: 1 }), {
    name: "RangeError",
    message: /level must be in \(0, 1\): got 1/,
  });
  assert.throws(() => bootstrapMetric([1, 1], [0.2, 0.3], { seed: 1 }), {
    name: "RangeError",
    message: /only one class is present/,
  });
  assert.throws(
    // @ts-expect-error: not a metric name
    () => bootstrapMetric(y, s, { seed: 1, metric: "auc" }),
    { name: "TypeError", message: /metric must be "roc_auc", "average_precision" or a function/ },
  );
  assert.throws(() => bootstrapMetric(y, s, { seed: 1, compareTo: [0.1] }), {
    name: "RangeError",
    message: /differ in length/,
  });
});

/** 40,000 rows with tied, rounded scores, a weak signal, and a second model. */
function bigCase() {
  const random = createRandom(11);
  const n = 40_000;
  const y = new Array<number>(n);
  const scores = new Array<number>(n);
  const other = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    y[i] = random.next() < 0.3 ? 1 : 0;
    scores[i] = Math.round((random.next() + 0.4 * y[i]) * 200) / 200;
    other[i] = Math.round((random.next() + 0.2 * y[i]) * 50) / 50;
  }
  return { y, scores, other };
}

Deno.test("bootstrapMetric(): the counted AUC and AP equal the metric of the resampled rows, to the bit", () => {
  const c = cases.find((c) => c.name === "continuous_500")!;
  const tied = Array.from(c.scores, (s) => Math.round(s * 10) / 10);
  for (const stratified of [false, true]) {
    for (
      const [name, fn] of [["roc_auc", rocAuc], ["average_precision", averagePrecision]] as const
    ) {
      const options = { seed: 5, resamples: 130, stratified, compareTo: tied };
      const counted = bootstrapMetric(c.y, c.scores, { ...options, metric: name });
      const direct = bootstrapMetric(c.y, c.scores, {
        ...options,
        metric: (y, s) => fn(y, s),
      });
      assert.deepStrictEqual(counted, direct, `${name}, stratified ${stratified}`);
    }
  }
});

Deno.test("bootstrapMetric() gives the same bits at 1, 2 and 3 threads, and more than one thread ran", () => {
  const { y, scores, other } = bigCase();
  for (const metric of ["roc_auc", "average_precision"] as const) {
    const options = { seed: 8, resamples: 400, metric, compareTo: other };
    const one = bootstrapMetric(y, scores, { ...options, threads: 1 });
    for (const threads of [2, 3]) {
      const { result, runs } = observeParallelRuns(() =>
        bootstrapMetric(y, scores, { ...options, threads })
      );
      assert.deepStrictEqual(result, one);
      assert.ok(
        runs.some((run) => run.tasksByThread.filter((n) => n > 0).length > 1),
        `only one thread ran: ${JSON.stringify(runs.map((run) => run.tasksByThread))}`,
      );
    }
  }
});

Deno.test("bootstrapMetric() checks threads before any work", () => {
  for (const threads of [0, -1, 1.5, 65]) {
    // Labels that would fail their own check: threads is checked first.
    assert.throws(() => bootstrapMetric([2], [0.5], { seed: 1, threads }), {
      name: "RangeError",
      message: `Cannot bootstrap metric as threads must be an integer from 1 to 64: got ${threads}`,
    });
  }
  assert.throws(
    // @ts-expect-error: a string
    () => bootstrapMetric([1, 0], [0.5, 0.4], { seed: 1, threads: "2" }),
    { name: "TypeError", message: 'Cannot bootstrap metric as threads is not a number: got "2"' },
  );
});
