import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { simulateExperiment } from "./simulate_experiment.ts";
import { experimentArms } from "./experiment_arms.ts";
import { twoProportionTest } from "./two_proportion_test.ts";

const d = (s: string) => new Date(s + "T00:00:00Z");

/** 2,000 customers buying on 2011-01-10; the first 800 buy again on 2011-02-10 for 30. */
function log(): ReturnType<typeof pl.DataFrame> {
  const ids = Array.from({ length: 2000 }, (_, i) => `c${String(i).padStart(4, "0")}`);
  const again = ids.slice(0, 800);
  const rows = ids.length + again.length;
  return pl.DataFrame({
    customer_id: [...ids, ...again],
    invoice_id: Array.from({ length: rows }, (_, i) => `i${i}`),
    invoice_date: [...ids.map(() => d("2011-01-10")), ...again.map(() => d("2011-02-10"))],
    product_id: Array.from({ length: rows }, () => "p"),
    quantity: Array.from({ length: rows }, () => 1),
    unit_price: [...ids.map((_, i) => 5 + (i % 7)), ...again.map(() => 30)],
  });
}
const OPTIONS = { cutoff: d("2011-02-01"), horizonDays: 9, minHistoryDays: 0, seed: 3 };

Deno.test("simulateExperiment: control is real, treatment gets the injected lift", () => {
  const tx = log();
  const sim = simulateExperiment(tx, { ...OPTIONS, effect: 0.1 });
  assert.equal(sim.height, 2000);
  const arms = experimentArms(sim, { metric: "repurchased" });
  // Real repurchase rate: 800 / 2000 = 0.4 in both arms before the campaign.
  const test = twoProportionTest(arms);
  assert.ok(Math.abs(arms.control.successes / arms.control.trials - 0.4) < 0.05);
  // The interval covers the injected 0.1 and excludes 0.
  assert.ok(test.confidenceInterval[0] < 0.1 && test.confidenceInterval[1] > 0.1, `${test.effect}`);
  assert.ok(test.confidenceInterval[0] > 0);
  // Converts spend what a real buyer spent (30); non-buyers spend 0; pre_spend is real.
  const spend = experimentArms(sim, { metric: "post_spend" });
  for (const v of spend.treatment.values) assert.ok(v === 0 || v === 30);
  const pre = sim.getColumn("pre_spend").toArray() as number[];
  assert.ok(pre.every((v) => v >= 5 && v <= 11));
  // Responders are exactly the treated buyers.
  const responders = sim.filter(pl.col("response").eq(pl.lit("responder"))).height;
  assert.equal(responders, arms.treatment.successes);
});

Deno.test("simulateExperiment: same seed, same assignment; losses and discount act on treatment", () => {
  const tx = log();
  const a = simulateExperiment(tx, { ...OPTIONS, effect: 0 });
  const b = simulateExperiment(tx, {
    ...OPTIONS,
    effect: 0,
    lostTreatmentShare: 0.5,
    discount: 0.2,
  });
  const groupsA = new Map(
    (a.toRecords() as { customer_id: string; group: string }[]).map((
      r,
    ) => [r.customer_id, r.group]),
  );
  for (const r of b.toRecords() as { customer_id: string; group: string; post_spend: number }[]) {
    assert.equal(r.group, groupsA.get(r.customer_id));
    if (r.group === "treatment") assert.ok(r.post_spend === 0 || r.post_spend === 24);
  }
  const lostA = experimentArms(a, { metric: "repurchased" });
  const lostB = experimentArms(b, { metric: "repurchased" });
  assert.equal(lostB.control.trials, lostA.control.trials);
  // About half of the ~600 treated non-buyers are gone.
  const gone = lostA.treatment.trials - lostB.treatment.trials;
  assert.ok(gone > 220 && gone < 380, `${gone} lost`);
  assert.equal(lostB.treatment.successes, lostA.treatment.successes);
});

Deno.test("simulateExperiment refuses bad options, naming the value", () => {
  const tx = log();
  assert.throws(
    () => simulateExperiment(tx, { ...OPTIONS, effect: 0.7 }),
    (e: Error) => e instanceof RangeError && /effect must be below 1 - baseline/.test(e.message),
  );
  assert.throws(() => simulateExperiment(tx, { ...OPTIONS, effect: -0.1 }), RangeError);
  assert.throws(() => simulateExperiment(tx, { ...OPTIONS, effect: 0.1, discount: 1 }), RangeError);
  assert.throws(
    () => simulateExperiment(tx, { ...OPTIONS, effect: 0.1, treatmentShare: 0 }),
    RangeError,
  );
  assert.throws(() => simulateExperiment(tx, { ...OPTIONS, effect: 0.1, seed: 1.5 }), RangeError);
  assert.throws(
    () => simulateExperiment(tx, { ...OPTIONS, effect: 0.1, cutoff: "x" as unknown as Date }),
    TypeError,
  );
});

Deno.test("experimentArms: covariates, custom labels and errors", () => {
  const df = pl.DataFrame({
    arm: ["a", "b", "b", "c"],
    y: [1, 2, 3, 4],
    x: [10, 20, 30, 40],
  });
  const arms = experimentArms(df, {
    metric: "y",
    covariate: "x",
    group: "arm",
    control: "a",
    treatment: "b",
  });
  assert.deepEqual(Array.from(arms.treatment.covariate), [20, 30]);
  assert.equal(arms.treatment.successes, 5);
  assert.equal(arms.control.metric, arms.control.values);
  assert.equal(arms.values.treatment, arms.treatment.values);
  assert.throws(() => experimentArms(df, { metric: "y", group: "arm" }), RangeError);
  assert.throws(() => experimentArms(df, { metric: "z", group: "arm" }), TypeError);
  assert.throws(() => experimentArms(df, { metric: "arm", group: "arm" }), TypeError);
});
