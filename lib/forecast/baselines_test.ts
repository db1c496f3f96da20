import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose } from "../../tests/_helpers.ts";
import { standardNormalQuantile } from "../stats/normal.ts";
import { driftForecast, naiveForecast, seasonalNaiveForecast } from "./baselines.ts";

const weekly = (values: number[]) =>
  pl.DataFrame({
    date: pl.Series("date", values.map((_, i) => new Date(Date.UTC(2011, 0, 3 + 7 * i)))).cast(
      pl.Date,
    ),
    value: values,
  });
const z80 = standardNormalQuantile(0.9);

Deno.test("naiveForecast: last value, sigma * sqrt(h), next weekly dates", () => {
  const f = naiveForecast(weekly([10, 13, 11, 14]), { horizon: 3, levels: [80] });
  assert.deepEqual(f.columns, ["date", "horizon", "forecast", "lower_80", "upper_80"]);
  assert.deepEqual(
    (f.getColumn("date").toArray() as unknown as Date[]).map((d) => d.toISOString().slice(0, 10)),
    [
      "2011-01-31",
      "2011-02-07",
      "2011-02-14",
    ],
  );
  const sigma = Math.sqrt((9 + 4 + 9) / 3); // residuals 3, -2, 3
  for (let h = 1; h <= 3; h++) {
    assertClose(f.getColumn("upper_80").get(h - 1), 14 + z80 * sigma * Math.sqrt(h));
  }
});

Deno.test("seasonalNaiveForecast: last season repeated, sigma * sqrt(k + 1)", () => {
  const f = seasonalNaiveForecast(weekly([1, 5, 3, 2, 7, 4]), {
    seasonalPeriods: 3,
    horizon: 4,
    levels: [80],
  });
  assert.deepEqual(f.getColumn("forecast").toArray(), [2, 7, 4, 2]);
  const sigma = Math.sqrt((1 + 4 + 1) / 3); // residuals 1, 2, 1
  const width = (f.getColumn("upper_80").toArray() as number[]).map((u, i) => u - [2, 7, 4, 2][i]);
  assertClose(width, [1, 1, 1, Math.SQRT2].map((k) => z80 * sigma * k));
  assert.throws(
    () => seasonalNaiveForecast(weekly([1, 2, 3]), { seasonalPeriods: 3, horizon: 1 }),
    {
      name: "RangeError",
      message: /not longer than one season: 3 rows, seasonalPeriods 3 needs at least 4/,
    },
  );
});

Deno.test("driftForecast: the first-to-last line, sigma * sqrt(h (1 + h / (n - 1)))", () => {
  const y = [10, 12, 15, 16, 22];
  const f = driftForecast(weekly(y), { horizon: 2, levels: [80] });
  assert.deepEqual(f.getColumn("forecast").toArray(), [25, 28]);
  const residuals = [2, 3, 1, 6].map((d) => d - 3);
  const sigma = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / 3);
  for (const h of [1, 2]) {
    assertClose(
      f.getColumn("upper_80").get(h - 1) - (22 + 3 * h),
      z80 * sigma * Math.sqrt(h * (1 + h / 4)),
    );
  }
});

Deno.test("baselines refuse a horizon that is not a positive integer, and bad levels", () => {
  for (const horizon of [0, -1, 2.5]) {
    assert.throws(() => naiveForecast(weekly([1, 2, 3]), { horizon }), {
      name: "RangeError",
      message: new RegExp(`horizon must be an integer >= 1: got ${horizon}`),
    });
  }
  assert.throws(
    () => naiveForecast(weekly([1, 2, 3]), { horizon: 1, levels: [0.95] }),
    /percentage from 1 to below 100 \(e\.g\. 80, 95, not 0\.95\): got 0\.95/,
  );
  assert.throws(
    () => naiveForecast(weekly([1, 2, 3]), { horizon: 1, value: "revenue" }),
    TypeError,
  );
});
