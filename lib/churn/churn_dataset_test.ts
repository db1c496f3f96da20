import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { churnDataset } from "./churn_dataset.ts";
import { churnFeatures } from "./churn_features.ts";

const d = (s: string) => new Date(s + "T00:00:00Z");

function small() {
  return pl.DataFrame({
    customer_id: ["a", "a", "a", "a", "b", "b", "c", null],
    invoice_id: ["1", "1", "2", "3", "4", "5", "6", "7"],
    invoice_date: pl.Series("invoice_date", [
      d("2011-01-01"),
      d("2011-01-01"),
      d("2011-01-11"),
      d("2011-01-31"),
      d("2010-12-01"),
      d("2011-02-20"),
      d("2011-02-05"),
      d("2011-02-06"),
    ]),
    product_id: ["p", "q", "p", "r", "p", "p", "p", "p"],
    quantity: [1, 2, 1, 3, 10, 1, 1, 1],
    unit_price: [10, 5, 20, 2, 1, 4, 7, 9],
    country: ["UK", "UK", "FR", "FR", "DE", "DE", "UK", "UK"],
  });
}

Deno.test("churnDataset computes every feature and the label by hand", () => {
  const t = churnDataset(small(), {
    cutoff: d("2011-02-01"),
    horizonDays: 19,
    trendWindowDays: 30,
  });
  const rows = Object.fromEntries(t.toRecords().map((r) => [r.customer_id, r]));
  assert.deepEqual(Object.keys(rows), ["a", "b"]); // c first buys after the cutoff
  const a = rows.a;
  assert.equal(a.recency_days, 1);
  assert.equal(a.frequency, 3);
  assert.equal(a.monetary, 10 + 10 + 20 + 6);
  assert.equal(a.tenure_days, 31);
  assert.equal(a.purchase_days, 3);
  assert.equal(a.mean_interval_days, 15); // gaps 10 and 20
  assert.ok(Math.abs(Number(a.std_interval_days) - Math.sqrt(50)) < 1e-12); // sample sd of 10, 20
  assert.equal(a.single_purchase, 0);
  assert.equal(a.overdue_ratio, 1 / 15);
  // Recent window (Jan 2, Feb 1]: Jan 11 and Jan 31; the window before, (Dec 3, Jan 2]: Jan 1.
  assert.equal(a.spend_recent, 26);
  assert.equal(a.spend_before, 20);
  assert.equal(a.spend_trend, 6 / 46);
  assert.equal(a.distinct_products, 3);
  assert.equal(a.country, "FR"); // two FR lines, two UK lines: ties go alphabetically
  assert.equal(a.churned, 1); // no purchase in (Feb 1, Feb 20]
  const b = rows.b;
  assert.equal(b.single_purchase, 1);
  assert.equal(b.mean_interval_days, 0);
  assert.equal(b.overdue_ratio, 0);
  assert.equal(b.spend_before, 0); // Dec 1 is more than 60 days before the cutoff
  assert.equal(b.spend_trend, 0);
  assert.equal(b.churned, 0); // bought on Feb 20
});

Deno.test("churnDataset features do not change when transactions after the cutoff are removed", () => {
  // The leakage test of the issue, on the small log (the whole Online Retail version is in
  // tests/datasets/churn_test.ts): every feature is the same with and without the future.
  const tx = small();
  const cutoff = d("2011-02-01");
  const full = churnDataset(tx, { cutoff, horizonDays: 19 });
  const pastOnly = tx.filter(
    pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).ltEq(cutoff.getTime()),
  );
  const fromPast = churnFeatures(pastOnly, { cutoff });
  assert.deepEqual(full.drop("churned").toRecords(), fromPast.toRecords());
  // A future that looks very different changes labels only.
  const inflated = tx.withColumns(
    pl.when(pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).gt(cutoff.getTime()))
      .then(pl.col("quantity").mul(100)).otherwise(pl.col("quantity")).alias("quantity"),
  );
  assert.deepEqual(
    churnFeatures(inflated, { cutoff }).toRecords(),
    churnFeatures(pastOnly, { cutoff }).toRecords(),
  );
});

Deno.test("churnDataset filters short histories and gives clear errors", () => {
  const tx = small();
  const all = churnDataset(tx, { cutoff: d("2011-02-01"), horizonDays: 19 });
  const seasoned = churnDataset(tx, {
    cutoff: d("2011-02-01"),
    horizonDays: 19,
    minHistoryDays: 40,
  });
  assert.equal(all.height, 2);
  assert.deepEqual(seasoned.getColumn("customer_id").toArray(), ["b"]);
  assert.throws(
    () => churnDataset(tx, { cutoff: d("2011-02-01"), horizonDays: 60 }),
    (e: unknown) => e instanceof RangeError && /data end before the label window/.test(e.message),
  );
  assert.throws(() => churnDataset(tx, { cutoff: d("2011-02-01"), horizonDays: 0 }), {
    name: "RangeError",
    message: "Cannot build churn dataset as horizonDays must be an integer >= 1: got 0",
  });
  assert.throws(() => churnDataset(tx, { cutoff: new Date("x"), horizonDays: 19 }), {
    name: "RangeError",
    message: "Cannot build churn dataset as cutoff is an invalid Date",
  });
  assert.throws(
    // @ts-expect-error: cutoff left out on purpose
    () => churnDataset(tx, { horizonDays: 19 }),
    {
      name: "TypeError",
      message:
        'Cannot build churn dataset as cutoff must be a Date, e.g. new Date("2011-12-10"): got undefined',
    },
  );
  assert.throws(
    () => churnDataset(tx, { cutoff: d("2011-02-01"), horizonDays: 19, minHistoryDays: -1 }),
    /minHistoryDays must be a finite number >= 0: got -1$/,
  );
  assert.throws(
    () => churnFeatures(tx, { cutoff: d("2011-02-01"), trendWindowDays: 0.5 }),
    /^RangeError: Cannot compute churn features as trendWindowDays must be an integer >= 1: got 0.5$/,
  );
  assert.throws(
    () => churnDataset(tx, { cutoff: d("2010-01-01"), horizonDays: 19 }),
    /no customer bought on or before the cutoff/,
  );
  assert.throws(
    () => churnDataset(tx.drop("product_id"), { cutoff: d("2011-02-01"), horizonDays: 19 }),
    TypeError,
  );
});

Deno.test("churnFeatures leaves out customers with less than minHistoryDays of history", () => {
  // On 2011-02-10: a first bought on 2011-01-01 (40 days), b on 2010-12-01 (71), c on 2011-02-05 (5).
  const cutoff = d("2011-02-10");
  const all = churnFeatures(small(), { cutoff });
  assert.deepEqual(all.getColumn("customer_id").toArray(), ["a", "b", "c"]);
  assert.deepEqual(all.getColumn("tenure_days").toArray(), [40, 71, 5]);
  const seasoned = churnFeatures(small(), { cutoff, minHistoryDays: 30 });
  assert.deepEqual(seasoned.getColumn("customer_id").toArray(), ["a", "b"]);
  assert.deepEqual(
    churnFeatures(small(), { cutoff, minHistoryDays: 40 }).getColumn("customer_id").toArray(),
    ["a", "b"],
  );
  assert.throws(() => churnFeatures(small(), { cutoff, minHistoryDays: -1 }), {
    name: "RangeError",
    message: /minHistoryDays/,
  });
});
