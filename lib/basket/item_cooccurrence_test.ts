import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { itemCooccurrence } from "./item_cooccurrence.ts";
import { heatmap } from "../charts/heatmap.ts";

// Five baskets with an item: b1 {A, B, C} (A twice), b2 {A, B}, b3 {A, C}, b4 {B, D}, b5 {E}.
// A row without a basket and basket b6 whose only item is missing are left out, so there are 5
// baskets. Frequencies: A 3, B 3, C 2, D 1, E 1 (ties broken by label).
const lines = () =>
  pl.DataFrame({
    invoice_id: ["b1", "b1", "b1", "b1", "b2", "b2", "b3", "b3", "b4", "b4", "b5", null, "b6"],
    product_id: ["A", "B", "C", "A", "A", "B", "A", "C", "B", "D", "E", "A", null],
  });

const records = (df: pl.DataFrame) =>
  df.toRecords().map((r) => [r.item_a, r.item_b, r.value] as const);

Deno.test("itemCooccurrence() counts baskets per pair of the top items, diagonal = frequency", () => {
  const counts = itemCooccurrence(lines(), { topN: 3 });
  assert.deepEqual(counts.columns, ["item_a", "item_b", "value"]);
  assert.equal(counts.getColumn("value").dtype.variant, "Int64");
  assert.deepEqual(records(counts), [
    ["A", "A", 3],
    ["A", "B", 2],
    ["A", "C", 2],
    ["B", "A", 2],
    ["B", "B", 3],
    ["B", "C", 1],
    ["C", "A", 2],
    ["C", "B", 1],
    ["C", "C", 2],
  ]);
});

Deno.test("itemCooccurrence() support and lift use all baskets; lift diagonal is null", () => {
  const support = itemCooccurrence(lines(), { topN: 2, measure: "support" });
  assert.deepEqual(records(support), [
    ["A", "A", 3 / 5],
    ["A", "B", 2 / 5],
    ["B", "A", 2 / 5],
    ["B", "B", 3 / 5],
  ]);
  const lift = itemCooccurrence(lines(), { topN: 3, measure: "lift" });
  assert.equal(lift.getColumn("value").dtype.variant, "Float64");
  // lift = n_ab * baskets / (n_a * n_b)
  assert.deepEqual(records(lift), [
    ["A", "A", null],
    ["A", "B", (2 * 5) / (3 * 3)],
    ["A", "C", (2 * 5) / (3 * 2)],
    ["B", "A", (2 * 5) / (3 * 3)],
    ["B", "B", null],
    ["B", "C", (1 * 5) / (3 * 2)],
    ["C", "A", (2 * 5) / (3 * 2)],
    ["C", "B", (1 * 5) / (3 * 2)],
    ["C", "C", null],
  ]);
});

Deno.test("itemCooccurrence() lists pairs never bought together, and stops at the item count", () => {
  const counts = itemCooccurrence(lines(), { topN: 50 });
  assert.equal(counts.height, 25);
  const items = [...new Set(counts.getColumn("item_a").toArray())];
  assert.deepEqual(items, ["A", "B", "C", "D", "E"]);
  const value = (a: string, b: string) =>
    counts.filter(pl.col("item_a").eq(pl.lit(a)).and(pl.col("item_b").eq(pl.lit(b))))
      .getColumn("value").toArray()[0];
  assert.equal(value("D", "E"), 0);
  assert.equal(value("B", "D"), 1);
  assert.equal(value("E", "E"), 1);
  const lift = itemCooccurrence(lines(), { topN: 50, measure: "lift" });
  assert.equal(lift.getColumn("value").nullCount(), 5);
});

Deno.test("itemCooccurrence() is deterministic, order-independent and leaves its input alone", () => {
  const df = lines();
  const before = df.toRecords();
  const first = itemCooccurrence(df, { topN: 4, measure: "lift" });
  assert.deepEqual(df.toRecords(), before);
  for (const seed of [1, 2, 3]) {
    const shuffled = df.sample(df.height, undefined, false, seed);
    assert.deepEqual(
      itemCooccurrence(shuffled, { topN: 4, measure: "lift" }).toRecords(),
      first.toRecords(),
    );
  }
});

Deno.test("itemCooccurrence() takes other column names and numeric items", () => {
  const df = pl.DataFrame([
    pl.Series("basket", [1, 1, 2], pl.Int64),
    pl.Series("sku", [10, 20, 10], pl.Int64),
  ]);
  const counts = itemCooccurrence(df, { transaction: "basket", item: "sku" });
  assert.deepEqual(records(counts), [
    ["10", "10", 2],
    ["10", "20", 1],
    ["20", "10", 1],
    ["20", "20", 1],
  ]);
});

Deno.test("itemCooccurrence() output draws as a heatmap", () => {
  const chart = heatmap(itemCooccurrence(lines(), { measure: "lift" }), {
    x: "item_a",
    y: "item_b",
    fill: "value",
  });
  const cells = chart.svg.slice(chart.svg.indexOf('aria-label="cell"'));
  assert.equal(cells.slice(0, cells.indexOf("</g>")).match(/<rect /g)?.length, 20); // 25 - 5
});

Deno.test("itemCooccurrence() reports bad arguments", () => {
  assert.throws(() => itemCooccurrence(lines(), { item: "sku" }), {
    name: "TypeError",
    message:
      'Cannot compute item co-occurrence as column "sku" is missing: available columns are invoice_id, product_id',
  });
  assert.throws(() => itemCooccurrence(lines(), { topN: 0 }), {
    name: "RangeError",
    message: "Cannot compute item co-occurrence as topN must be an integer >= 1: got 0",
  });
  assert.throws(
    // @ts-expect-error: an unknown measure
    () => itemCooccurrence(lines(), { measure: "jaccard" }),
    {
      name: "RangeError",
      message:
        'Cannot compute item co-occurrence as measure must be one of "count", "support", "lift": got "jaccard"',
    },
  );
  assert.throws(() => itemCooccurrence(lines(), { transaction: "product_id" }), RangeError);
  assert.throws(() => itemCooccurrence(lines().head(0)), {
    name: "RangeError",
    message: "Cannot compute item co-occurrence as the frame is empty: 0 rows",
  });
  assert.throws(
    () => itemCooccurrence(pl.DataFrame({ invoice_id: ["1"], product_id: [null] })),
    RangeError,
  );
});
