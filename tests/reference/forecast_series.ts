/**
 * Writes the series the exponential-smoothing reference checks use:
 * `tests/fixtures/forecast_series.csv` (weekly revenue and orders, monthly revenue) from the two
 * bundled years of Online Retail, cleaned with cleanTransactions but keeping lines without a
 * customer (guest sales are revenue), complete periods only, values rounded to pennies.
 *
 * Run: deno run --allow-read --allow-write --allow-env --allow-ffi --allow-sys tests/reference/forecast_series.ts
 *
 * @module
 */
import pl from "nodejs-polars";
import { loadOnlineRetailTwoYears } from "../../lib/io/datasets.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { regularSeries } from "../../lib/forecast/regular_series.ts";

const tx = cleanTransactions(loadOnlineRetailTwoYears(), { dropMissingCustomer: false }).data;
const asOf = new Date("2011-12-10T00:00:00Z");
const rows: string[] = ["series,date,value"];
const add = (name: string, period: "week" | "month", value: "revenue" | "orders") => {
  const s = regularSeries(tx, { period, value, asOf }).filter(pl.col("complete"));
  const dates = s.getColumn("date").toArray() as unknown as Date[];
  const values = s.getColumn("value").toArray() as number[];
  // Rounded to pennies: Polars' parallel sums differ in the last bits from run to run, and the
  // reference fits must see exactly the same numbers each time the fixture is rebuilt.
  dates.forEach((d, i) =>
    rows.push(`${name},${d.toISOString().slice(0, 10)},${Math.round(values[i] * 100) / 100}`)
  );
};
add("weekly_revenue", "week", "revenue");
add("weekly_orders", "week", "orders");
add("monthly_revenue", "month", "revenue");
Deno.writeTextFileSync(
  new URL("../fixtures/forecast_series.csv", import.meta.url),
  rows.join("\n") + "\n",
);
