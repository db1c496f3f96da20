import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { interactionMatrix } from "./interaction_matrix.ts";

const lines = () =>
  pl.DataFrame({
    customer_id: ["c2", "c1", "c1", "c1", null, "c2", "c3", "c2"],
    product_id: ["tea", "mug", "tea", "mug", "tea", "jam", "jam", null],
    quantity: [3, 2, 1, 5, 9, -1, 0, 4],
  });

Deno.test("interactionMatrix() builds sorted CSR arrays for each weight", () => {
  // Usable rows: c2 tea 3, c1 mug 2, c1 tea 1, c1 mug 5. Dropped: the null customer, the null
  // item, c2's return of jam (-1) and c3's zero quantity (so c3 and jam do not appear).
  const binary = interactionMatrix(lines());
  assert.deepEqual(binary.customers, ["c1", "c2"]);
  assert.deepEqual(binary.items, ["mug", "tea"]);
  assert.deepEqual([...binary.rowPtr], [0, 2, 3]);
  assert.deepEqual([...binary.colIdx], [0, 1, 1]);
  assert.deepEqual([...binary.values], [1, 1, 1]);
  assert.equal(binary.weight, "binary");
  assert.deepEqual([...interactionMatrix(lines(), { weight: "count" }).values], [2, 1, 1]);
  assert.deepEqual([...interactionMatrix(lines(), { weight: "quantity" }).values], [7, 1, 3]);
});

Deno.test("interactionMatrix() looks ids up and lists a customer's items", () => {
  const m = interactionMatrix(lines());
  assert.equal(m.customerIndex("c2"), 1);
  assert.equal(m.customerIndex("c3"), -1);
  assert.equal(m.itemIndex("tea"), 1);
  assert.equal(m.itemIndex("jam"), -1);
  assert.deepEqual(m.itemsOf("c1"), ["mug", "tea"]);
  assert.deepEqual(m.itemsOf("nobody"), []);
  assert.ok(Object.isFrozen(m));
});

Deno.test("interactionMatrix() keeps every row without a quantity column and casts ids to text", () => {
  const tx = pl.DataFrame([
    pl.Series("cust", [17850, 17850, 12583], pl.Int64),
    pl.Series("sku", [1, 2, 1], pl.Int32),
  ]);
  const m = interactionMatrix(tx, { customer: "cust", item: "sku" });
  assert.deepEqual(m.customers, ["12583", "17850"]);
  assert.deepEqual(m.items, ["1", "2"]);
  assert.deepEqual(m.itemsOf("17850"), ["1", "2"]);
  assert.throws(
    () => interactionMatrix(tx, { customer: "cust", item: "sku", weight: "quantity" }),
    (e: Error) => e instanceof TypeError && /column "quantity" is missing/.test(e.message),
  );
});

Deno.test("interactionMatrix() does not modify its input", () => {
  const tx = lines();
  const before = tx.toRecords();
  interactionMatrix(tx, { weight: "quantity" });
  assert.deepEqual(tx.toRecords(), before);
});

Deno.test("interactionMatrix() rejects bad arguments", () => {
  assert.throws(
    () => interactionMatrix(lines(), { item: "sku" }),
    (e: Error) =>
      e instanceof TypeError &&
      /Cannot build an interaction matrix as column "sku"/.test(e.message),
  );
  assert.throws(
    // @ts-expect-error: an unknown weight
    () => interactionMatrix(lines(), { weight: "rating" }),
    (e: Error) =>
      e instanceof RangeError &&
      /weight must be one of "binary", "count", "quantity": got "rating"/.test(e.message),
  );
  assert.throws(
    () => interactionMatrix(lines(), { item: "customer_id" }),
    RangeError,
  );
  assert.throws(
    () => interactionMatrix(lines().filter(pl.col("quantity").lt(1))),
    (e: Error) =>
      e instanceof RangeError &&
      /no row has a customer, an item and a positive quantity: 0 of 2 rows usable/.test(e.message),
  );
  assert.throws(
    () =>
      interactionMatrix(pl.DataFrame({ customer_id: ["a"], product_id: ["x"], quantity: ["1"] })),
    (e: Error) => e instanceof TypeError && /"quantity" is not numeric/.test(e.message),
  );
  // @ts-expect-error: not a frame
  assert.throws(() => interactionMatrix([{ customer_id: "a" }]), TypeError);
});
