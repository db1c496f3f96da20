import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { assertClose, root } from "../../tests/_helpers.ts";
import { fitCalendarRegression, ukBankHolidays } from "./calendar_regression.ts";

// Reference: tests/reference/calendar_regression_reference.py (statsmodels 0.13.5 OLS and
// get_prediction) on the monthly revenue of tests/fixtures/forecast_series.csv.
const reference = JSON.parse(
  Deno.readTextFileSync(root("tests/fixtures/calendar_regression_reference.json")),
) as Record<string, number[] | string[] | number>;
const monthly = pl.readCSV(root("tests/fixtures/forecast_series.csv"))
  .filter(pl.col("series").eq(pl.lit("monthly_revenue")))
  .select(pl.col("date").str.strptime(pl.Date, "%Y-%m-%d"), pl.col("value").cast(pl.Float64));

Deno.test("fitCalendarRegression matches statsmodels OLS: coefficients, errors, intervals", () => {
  const model = fitCalendarRegression(monthly, { yearly: "dummies", holidays: ukBankHolidays() });
  assert.deepEqual(model.coefficients.getColumn("term").toArray(), reference.terms);
  assertClose(
    model.coefficients.getColumn("estimate").toArray() as number[],
    reference.estimate as number[],
    1e-7,
  );
  assertClose(
    model.coefficients.getColumn("std_error").toArray() as number[],
    reference.std_error as number[],
    1e-7,
  );
  assertClose(model.sse, reference.sse as number, 1e-9);
  const f = model.forecast({ horizon: 6, levels: [95] });
  assertClose(f.getColumn("forecast").toArray() as number[], reference.forecast as number[], 1e-7);
  assertClose(f.getColumn("lower_95").toArray() as number[], reference.lower_95 as number[], 1e-7);
  assertClose(f.getColumn("upper_95").toArray() as number[], reference.upper_95 as number[], 1e-7);
});

Deno.test("ukBankHolidays: 34 England and Wales bank holidays, 2009-2012", () => {
  const days = (ukBankHolidays().getColumn("date").toArray() as unknown as Date[]).map((d) =>
    d.toISOString().slice(0, 10)
  );
  assert.equal(days.length, 34);
  assert.ok(
    days.includes("2010-12-27") && days.includes("2011-04-29") && days.includes("2012-06-05"),
  );
  assert.deepEqual([...days].sort(), days);
});

Deno.test("fitCalendarRegression refuses too few rows and bad options", () => {
  const short = monthly.head(5);
  assert.throws(() => fitCalendarRegression(short, { yearly: "dummies" }), {
    name: "RangeError",
    message: /no more rows than terms: 5 rows, 6 terms/,
  });
  assert.throws(
    () => fitCalendarRegression(monthly, { yearly: "weekly" as "none" }),
    /yearly must be one of/,
  );
  assert.throws(
    () => fitCalendarRegression(monthly, { harmonics: 0 }),
    /harmonics must be an integer from 1 to 26/,
  );
  assert.throws(() => monthlyForecast(0), /horizon must be an integer >= 1: got 0/);
});

function monthlyForecast(horizon: number) {
  return fitCalendarRegression(monthly, { yearly: "none" }).forecast({ horizon });
}
