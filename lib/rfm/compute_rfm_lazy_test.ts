/** computeRfm over a LazyFrame gives the DataFrame results, notes and errors. */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { dataNotes } from "../core/errors.ts";
import type { DataFrame } from "../core/frame.ts";
import { computeRfm } from "./compute_rfm.ts";

const AS_OF = new Date("2011-02-01");

function tx(): DataFrame {
  return pl.DataFrame({
    customer_id: ["b", "a", "a", "b", null, "NA"],
    invoice_id: ["1", "2", "3", "4", "5", "6"],
    invoice_date: [
      new Date("2011-01-01T10:00:00Z"),
      new Date("2011-01-20T09:00:00Z"),
      new Date("2011-01-30T18:00:00Z"),
      new Date("2011-02-05T12:00:00Z"),
      new Date("2011-01-05T12:00:00Z"),
      new Date("2011-01-05T12:00:00Z"),
    ],
    quantity: [2, 1, 3, 10, 1, 1],
    unit_price: [5, 4, 2, 1, 1, 1],
  });
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return "no error";
}

Deno.test("computeRfm on a LazyFrame equals the DataFrame result, notes included", () => {
  const eager = computeRfm(tx(), { asOf: AS_OF });
  const lazy = computeRfm(tx().lazy(), { asOf: AS_OF });
  assert.deepEqual(lazy.toRecords(), eager.toRecords());
  assert.deepEqual(lazy.dtypes.map(String), eager.dtypes.map(String));
  assert.deepEqual(dataNotes(lazy), dataNotes(eager));
  assert.equal(dataNotes(lazy).length, 2);
});

Deno.test("computeRfm on a LazyFrame gives the DataFrame errors", () => {
  const cases: [string, (df: DataFrame) => DataFrame][] = [
    ["empty", (df) => df.head(0)],
    ["missing column", (df) => df.drop("unit_price")],
    ["no customers", (df) => df.withColumns(pl.lit(null).cast(pl.Utf8).alias("customer_id"))],
    [
      "bad rows",
      (df) => df.withColumns(pl.lit(null).cast(pl.Utf8).alias("invoice_id")),
    ],
    [
      "implausible date",
      (df) => df.withColumns(pl.lit(new Date("0201-01-01T00:00:00Z")).alias("invoice_date")),
    ],
    ["nothing before asOf", (df) => df.filter(pl.col("invoice_id").eq(pl.lit("4")))],
  ];
  for (const [name, change] of cases) {
    const df = change(tx());
    const eager = message(() => computeRfm(df, { asOf: AS_OF }));
    assert.match(eager, /^(Type|Range)Error: Cannot compute RFM as /, name);
    assert.equal(message(() => computeRfm(df.lazy(), { asOf: AS_OF })), eager, name);
  }
});
