/**
 * Tests of logRankTest.
 *
 * Reference values: tests/reference/survival_reference.py (numpy / scipy.stats.chi2.sf, the
 * O - E / hypergeometric-variance formula written out independently), asserted to 1e-10; and
 * Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", 3rd ed. (2012), ch. 2: log-rank
 * statistic 16.79 (chi-square, 1 df) for the Freireich data, asserted to its printed precision.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { logRankTest } from "./log_rank_test.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { FREIREICH, PLANS, survivalFrame } from "./_test_fixtures.ts";

const options = { duration: "duration", event: "event", group: "group" };

Deno.test("logRankTest() gives 16.79 on the Freireich data, as the textbook and numpy", () => {
  const test = logRankTest(survivalFrame(FREIREICH), options);
  assert.equal(Number(test.statistic.toFixed(2)), 16.79);
  assertClose(test.statistic, 16.792940989216536, 1e-10, "statistic");
  assertClose(test.pValue, 4.1688091093345355e-05, 1e-10, "pValue");
  assert.equal(test.degreesOfFreedom, 1);
  assert.equal(test.n, 42);
  assert.equal(test.confidenceInterval, null);
  assert.equal(test.effect, null);
  assert.deepEqual(test.groups.getColumn("group").toArray(), ["6-MP", "placebo"]);
  assert.deepEqual(test.groups.getColumn("n").toArray(), [21, 21]);
  assert.deepEqual(test.groups.getColumn("observed").toArray(), [9, 21]);
  assertClose(
    test.groups.getColumn("expected").toArray(),
    [19.25050094803113, 10.74949905196887],
    1e-10,
    "expected",
  );
});

Deno.test("logRankTest() matches numpy with three groups (2 df) and with two", () => {
  const three = logRankTest(survivalFrame(PLANS), options);
  assertClose(
    [three.statistic, three.pValue],
    [5.274668725418653, 0.07155174657616069],
    1e-10,
    "3",
  );
  assert.equal(three.degreesOfFreedom, 2);
  assert.equal(three.n, 25);
  assert.deepEqual(three.groups.getColumn("observed").toArray(), [6, 5, 2]);
  assertClose(
    three.groups.getColumn("expected").toArray(),
    [3.1937484084542906, 4.542880061115355, 5.263371530430354],
    1e-10,
    "expected",
  );
  const two = logRankTest(survivalFrame(PLANS, ["basic", "pro"]), options);
  assertClose([two.statistic, two.pValue], [3.9483323457520765, 0.04691784210354509], 1e-10, "2");
});

Deno.test("logRankTest() does not depend on group order or labels' type", () => {
  const df = survivalFrame(FREIREICH);
  const coded = df.withColumns(
    pl.when(pl.col("group").eq(pl.lit("6-MP"))).then(pl.lit(2)).otherwise(pl.lit(1)).alias(
      "group",
    ),
  );
  const before = coded.toRecords();
  const a = logRankTest(df, options);
  const b = logRankTest(coded, options);
  assertClose([b.statistic], [a.statistic], 1e-12, "statistic");
  assert.deepEqual(b.groups.getColumn("group").toArray(), ["1", "2"]);
  assert.deepEqual(coded.toRecords(), before);
});

Deno.test("logRankTest() reports bad input", () => {
  const df = survivalFrame(FREIREICH, ["6-MP"]);
  assert.throws(() => logRankTest(df, options), {
    name: "RangeError",
    message:
      'Cannot run the log-rank test as it needs at least 2 groups: column "group" has 1 ("6-MP")',
  });
  assert.throws(
    // @ts-expect-error: group is required
    () => logRankTest(df, { duration: "duration", event: "event" }),
    {
      name: "TypeError",
      message: "Cannot run the log-rank test as option group must name a column: got undefined",
    },
  );
  const censored = pl.DataFrame({ d: [1, 2], e: [0, 0], g: ["a", "b"] });
  assert.throws(() => logRankTest(censored, { duration: "d", event: "e", group: "g" }), {
    name: "RangeError",
    message: "Cannot run the log-rank test as no row has an event: all 2 rows are censored",
  });
  // Group "a" leaves before the only event: no information to compare.
  const disjoint = pl.DataFrame({ d: [1, 5, 6], e: [0, 1, 0], g: ["a", "b", "b"] });
  assert.throws(
    () => logRankTest(disjoint, { duration: "d", event: "e", group: "g" }),
    /^RangeError: Cannot run the log-rank test as the variance matrix is singular/,
  );
  assert.throws(
    () =>
      logRankTest(pl.DataFrame({ d: [-1], e: [1], g: ["a"] }), {
        duration: "d",
        event: "e",
        group: "g",
      }),
    RangeError,
  );
});
