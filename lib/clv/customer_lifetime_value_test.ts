import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { assertClose, root } from "../../tests/_helpers.ts";
import { bgNbdKernel } from "./_kernels.ts";
import { simulateSpend, simulateSummary } from "./_test_simulate.ts";
import { clvSummary } from "./clv_summary.ts";
import { customerLifetimeValue, customerLifetimeValueByGroup } from "./customer_lifetime_value.ts";
import { fitBgNbd } from "./fit_bg_nbd.ts";
import { fitGammaGamma } from "./fit_gamma_gamma.ts";
import { fitParetoNbd } from "./fit_pareto_nbd.ts";
import { observeParallelRuns } from "../core/worker_pool.ts";

const reference = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/clv_value_reference.json")),
);
const cdnow = pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv"));
const columns = { frequency: "x", recency: "t_x", monetary: "zbar", customerId: "ID" };
const bg = fitBgNbd(cdnow, columns);
const gg = fitGammaGamma(cdnow, columns);
function throwsWith(fn: () => unknown, type: ErrorConstructor, text: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
    assert.ok((e as Error).message.includes(text), `"${(e as Error).message}" lacks "${text}"`);
    return true;
  });
}

const base = {
  purchaseModel: bg,
  spendModel: gg,
  horizon: reference.horizonWeeks,
  timeUnit: "weeks" as const,
  discountRate: reference.discountRate,
  seed: 7,
};

Deno.test("customerLifetimeValue: lifetimes' algorithm on CDNOW (tests/reference/clv_value_reference.py)", () => {
  // Reference: lifetimes 0.11's customer_lifetime_value re-implemented with scipy at scipy's
  // maximum-likelihood parameters; ours are fitted by our optimiser (same maximum, about 1e-6
  // apart), so values agree to 1e-4 relative.
  const clv = customerLifetimeValue(cdnow, { ...base, draws: 0 });
  const values = clv.getColumn("clv").toArray() as number[];
  reference.first.forEach((v: number, i: number) => assertClose(values[i], v, 1e-4));
  assertClose(values.reduce((s, v) => s + v, 0), reference.total, 1e-4);
  const spend = clv.getColumn("expected_spend").toArray() as number[];
  reference.expectedSpend.forEach((v: number, i: number) => assertClose(spend[i], v, 1e-4));
  // draws: 0 gives no interval columns; the id column is carried.
  if (clv.columns.includes("clv_p10")) throw new Error("draws: 0 must not add intervals");
  if (clv.columns[0] !== "ID") throw new Error(`id column not carried: ${clv.columns}`);
});

Deno.test("customerLifetimeValue: intervals bracket the point value and are seeded", () => {
  const a = customerLifetimeValue(cdnow.head(200), { ...base, draws: 100 });
  const b = customerLifetimeValue(cdnow.head(200), { ...base, draws: 100 });
  const p10 = a.getColumn("clv_p10").toArray() as number[];
  const p90 = a.getColumn("clv_p90").toArray() as number[];
  const point = a.getColumn("clv").toArray() as number[];
  const inside = point.filter((v, i) => p10[i] <= v && v <= p90[i]).length;
  if (inside < 190) throw new Error(`only ${inside} of 200 point values inside p10-p90`);
  if (!a.getColumn("clv_p50").equals(b.getColumn("clv_p50"))) throw new Error("not seeded");
});

Deno.test("customerLifetimeValue: the p10-p90 band covers the true value for about 80% of customers", () => {
  // Simulated from known BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, v) parameters near
  // CDNOW's; 24 data sets of 1,500 customers. The "true" value of each customer is their CLV at
  // the true parameters given their history; the band comes from the fit to their data set.
  const trueBg = [0.25, 4, 0.8, 2.5] as const;
  const trueGg = [6, 4, 15] as const;
  const horizon = 26;
  let covered = 0, total = 0;
  for (let rep = 0; rep < 24; rep++) {
    const summary = simulateSpend(
      simulateSummary("bgnbd", trueBg, 1_500, 100 + rep),
      trueGg,
      500 + rep,
    );
    const result = customerLifetimeValue(summary, {
      purchaseModel: fitBgNbd(summary),
      spendModel: fitGammaGamma(summary, { maxCorrelation: 1 }),
      horizon,
      discountPeriod: horizon,
      timeUnit: "weeks",
      discountRate: 0,
      seed: rep,
      draws: 200,
    });
    const kernel = bgNbdKernel(trueBg);
    const [p, q, v] = trueGg;
    const x = summary.getColumn("frequency").toArray() as number[];
    const tx = summary.getColumn("recency").toArray() as number[];
    const T = summary.getColumn("T").toArray() as number[];
    const m = summary.getColumn("monetary_value").toArray() as number[];
    const low = result.getColumn("clv_p10").toArray() as number[];
    const high = result.getColumn("clv_p90").toArray() as number[];
    for (let i = 0; i < x.length; i++) {
      const spend = x[i] === 0 ? (p * v) / (q - 1) : (p * (v + x[i] * m[i])) / (p * x[i] + q - 1);
      const truth = spend * kernel.conditional(x[i], tx[i], T[i], horizon);
      if (low[i] <= truth && truth <= high[i]) covered++;
      total++;
    }
  }
  const coverage = covered / total;
  if (!(coverage > 0.7 && coverage < 0.9)) {
    throw new Error(`p10-p90 coverage ${coverage.toFixed(3)} is not about 0.8`);
  }
});

Deno.test("customerLifetimeValue: works with Pareto/NBD", () => {
  const summary = pl.readCSV(root("data/cdnow_customers_summary_with_transactions.csv"));
  const pareto = fitParetoNbd(summary, columns);
  const clv = customerLifetimeValue(summary, { ...base, purchaseModel: pareto, draws: 0 });
  const values = clv.getColumn("clv").toArray() as number[];
  if (!values.every((v) => Number.isFinite(v) && v >= 0)) throw new Error("bad values");
});

Deno.test("customerLifetimeValue: refuses bad options, naming the value", () => {
  const run = (o: Record<string, unknown>) => () =>
    customerLifetimeValue(cdnow, { ...base, draws: 0, ...o } as never);
  throwsWith(run({ horizon: NaN }), RangeError, "horizon");
  throwsWith(run({ horizon: -1 }), RangeError, "horizon");
  throwsWith(run({ discountRate: Infinity }), RangeError, "discountRate");
  throwsWith(run({ discountRate: undefined }), TypeError, "discountRate");
  throwsWith(run({ timeUnit: "months" }), RangeError, "timeUnit");
  throwsWith(run({ margin: 2 }), RangeError, "margin");
  throwsWith(run({ draws: 5 }), RangeError, "draws is 5");
  throwsWith(run({ seed: 1.5 }), RangeError, "seed");
  throwsWith(run({ purchaseModel: {} }), TypeError, "purchaseModel");
  throwsWith(run({ spendModel: bg }), TypeError, "spendModel");
  throwsWith(() => customerLifetimeValue(cdnow, undefined as never), TypeError, "options");
});

Deno.test("customerLifetimeValue: refuses a time unit the summary was not built with", () => {
  const tx = pl.DataFrame({
    customer_id: ["a", "a", "a", "b", "b", "c"],
    invoice_date: [
      "2024-01-01",
      "2024-01-20",
      "2024-03-01",
      "2024-01-05",
      "2024-02-01",
      "2024-02-10",
    ]
      .map((d) => new Date(d)),
    amount: [10, 20, 30, 5, 15, 8],
  });
  const summary = clvSummary(tx, {
    asOf: new Date("2024-04-01"),
    timeUnit: "days",
    monetary: "amount",
  });
  const purchaseModel = fitBgNbd(summary, { maxIter: 50 });
  const spendModel = fitGammaGamma(summary, { maxIter: 50 });
  const options = { purchaseModel, spendModel, horizon: 52, discountRate: 0, seed: 1, draws: 0 };
  throwsWith(
    () => customerLifetimeValue(summary, { ...options, timeUnit: "weeks" }),
    RangeError,
    `timeUnit is "weeks" but the summary was built in "days"`,
  );
  // A copy has lost the tag; the model still knows its unit.
  throwsWith(
    () => customerLifetimeValue(summary.clone(), { ...options, timeUnit: "weeks" }),
    RangeError,
    `purchase model was fitted on a summary in "days"`,
  );
});

Deno.test("customerLifetimeValueByGroup: totals are the customers' sums, with bands from the same draws", () => {
  const grouped = cdnow.withColumns(
    pl.when(pl.col("x").gt(2)).then(pl.lit("frequent")).otherwise(pl.lit("rare")).alias("band"),
  );
  const options = { ...base, draws: 60, group: "band" };
  const byGroup = customerLifetimeValueByGroup(grouped, options);
  const each = customerLifetimeValue(grouped, { ...base, draws: 0 }).withColumns(
    grouped.getColumn("band"),
  );
  for (const row of byGroup.toRecords()) {
    const values = each.filter(pl.col("band").eq(pl.lit(row.band as string)))
      .getColumn("clv").toArray() as number[];
    assertClose(row.clv_total as number, values.reduce((s, v) => s + v, 0), 1e-12);
    assert.equal(row.customers, values.length);
    assert.ok((row.clv_total_p10 as number) < (row.clv_total_p90 as number));
  }
  const shares = byGroup.getColumn("share").toArray() as number[];
  assertClose(shares[0] + shares[1], 1, 1e-12);
  throwsWith(
    () => customerLifetimeValueByGroup(grouped, { ...options, draws: 0 }),
    RangeError,
    "draws is 0",
  );
  throwsWith(
    () => customerLifetimeValueByGroup(grouped, { ...options, group: "nope" }),
    TypeError,
    "nope",
  );
  const withNull = grouped.withColumns(
    pl.when(pl.col("ID").eq(1)).then(pl.lit(null)).otherwise(pl.col("band")).alias("band"),
  );
  throwsWith(
    () => customerLifetimeValueByGroup(withNull, options),
    RangeError,
    "1 missing value",
  );
});

Deno.test("customerLifetimeValue and ByGroup: the same bits at 1, 2 and 3 threads, and more than one thread ran", () => {
  const sample = cdnow.head(1200);
  const options = { ...base, draws: 80 };
  const one = customerLifetimeValue(sample, { ...options, threads: 1 }).toRecords();
  const grouped = sample.withColumns(
    pl.when(pl.col("x").gt(2)).then(pl.lit("frequent")).otherwise(pl.lit("rare")).alias("band"),
  );
  const byGroup = (threads: number) =>
    customerLifetimeValueByGroup(grouped, { ...options, group: "band", threads }).toRecords();
  const oneGroup = byGroup(1);
  for (const threads of [2, 3]) {
    const { result, runs } = observeParallelRuns(() =>
      customerLifetimeValue(sample, { ...options, threads })
    );
    assert.deepStrictEqual(result.toRecords(), one);
    assert.ok(
      runs.some((run) => run.tasksByThread.filter((n) => n > 0).length > 1),
      `only one thread ran: ${JSON.stringify(runs.map((run) => run.tasksByThread))}`,
    );
    assert.deepStrictEqual(byGroup(threads), oneGroup);
  }
});

Deno.test("customerLifetimeValue: checks threads before any work", () => {
  for (const threads of [0, -1, 1.5, 65]) {
    // A horizon that would fail its own check: threads is checked first.
    assert.throws(
      () => customerLifetimeValue(cdnow, { ...base, horizon: -1, threads }),
      {
        name: "RangeError",
        message:
          `Cannot compute customer lifetime value as threads must be an integer from 1 to 64: got ${threads}`,
      },
    );
  }
  assert.throws(
    () => customerLifetimeValue(cdnow, { ...base, threads: "2" as never }),
    {
      name: "TypeError",
      message: 'Cannot compute customer lifetime value as threads is not a number: got "2"',
    },
  );
});
