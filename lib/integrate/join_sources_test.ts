import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { joinSources } from "./join_sources.ts";

const crm = pl.DataFrame({
  id: [1, 2, 3, 4],
  age: [34, 51, 28, 45],
  country: ["UK", "FR", "UK", "DE"],
});
const web = pl.DataFrame({
  customer_id: [3, 2, 5],
  visits: [9, 5, 1],
  country: ["UK", "BE", "NL"],
});
const orders = pl.DataFrame({ customer_id: ["1", "2", "3"], spend: [10.5, 20, 30] });

function rows(findings: ReturnType<typeof joinSources>["findings"]) {
  return findings.toRecords().map((r) => `${r.rule}|${r.source}|${r.column}|${r.rows}`);
}

Deno.test("joinSources: outer join keeps everyone, in the first source's order, and reports", () => {
  const { table, findings, dictionary } = joinSources(
    { crm: { data: crm, key: "id", meanings: { age: "age in years" } }, web: { data: web } },
    { key: "customer_id", how: "outer", indicators: true },
  );
  assert.deepEqual(table.columns, [
    "customer_id",
    "age",
    "country",
    "visits",
    "in_crm",
    "in_web",
  ]);
  assert.deepEqual(table.getColumn("customer_id").toArray(), [1, 2, 3, 4, 5]);
  assert.deepEqual(table.getColumn("visits").toArray(), [null, 5, 9, null, 1]);
  // country: crm wins; web fills customer 5; customer 2 conflicts (FR vs BE).
  assert.deepEqual(table.getColumn("country").toArray(), ["UK", "FR", "UK", "DE", "NL"]);
  assert.deepEqual(table.getColumn("in_web").toArray(), [false, true, true, false, true]);
  assert.deepEqual(rows(findings), [
    "only_in_source|crm|customer_id|2",
    "only_in_source|web|customer_id|1",
    "conflicting_values|web|country|1",
    "column_dropped|web|country|0",
  ]);
  assert.match(String(findings.getColumn("examples").toArray()[2]), /^2 \(value from "crm" kept\)/);
  assert.deepEqual(dictionary.getColumn("name").toArray(), table.columns);
  assert.deepEqual(dictionary.getColumn("source").toArray().slice(0, 4), [
    "crm, web",
    "crm",
    "crm",
    "web",
  ]);
  assert.deepEqual(dictionary.getColumn("type").toArray().slice(0, 2), ["Float64", "Float64"]);
  assert.equal(dictionary.getColumn("meaning").toArray()[1], "age in years");
});

Deno.test("joinSources: inner and left joins report the customers they leave out", () => {
  const inner = joinSources({ crm: { data: crm, key: "id" }, web }, {
    key: "customer_id",
    how: "inner",
  });
  assert.deepEqual(inner.table.getColumn("customer_id").toArray(), [2, 3]);
  const left = joinSources({ crm: { data: crm, key: "id" }, web }, {
    key: "customer_id",
    how: "left",
  });
  assert.deepEqual(left.table.getColumn("customer_id").toArray(), [1, 2, 3, 4]);
  const out = left.findings.filter(pl.col("rule").eq(pl.lit("not_in_result")));
  assert.deepEqual(out.getColumn("source").toArray(), ["web"]);
  assert.deepEqual(out.getColumn("examples").toArray(), ["5"]);
  const innerOut = inner.findings.filter(pl.col("rule").eq(pl.lit("not_in_result")));
  assert.deepEqual(innerOut.getColumn("rows").toArray(), [2, 1]);
});

Deno.test("joinSources: keys of different types are compared as text, and say so", () => {
  const { table, findings } = joinSources({ crm: { data: crm, key: "id" }, orders }, {
    key: "customer_id",
    how: "inner",
  });
  assert.deepEqual(table.getColumn("customer_id").toArray(), ["1", "2", "3"]);
  assert.deepEqual(table.getColumn("spend").toArray(), [10.5, 20, 30]);
  assert.equal(findings.filter(pl.col("rule").eq(pl.lit("key_type_cast"))).height, 2);
});

Deno.test("joinSources: selected columns, missing keys and inputs are left untouched", () => {
  const withNull = pl.DataFrame({ customer_id: [1, null, 2], visits: [1, 2, 3], junk: [0, 0, 0] });
  const { table, findings } = joinSources(
    {
      crm: { data: crm, key: "id", columns: ["age"] },
      web: { data: withNull, columns: ["visits"] },
    },
    { key: "customer_id", how: "left" },
  );
  assert.deepEqual(table.columns, ["customer_id", "age", "visits"]);
  assert.deepEqual(table.getColumn("visits").toArray(), [1, 3, null, null]);
  assert.deepEqual(rows(findings).filter((r) => !r.startsWith("only") && !r.startsWith("not")), [
    "column_dropped|crm|country|0",
    "column_dropped|web|junk|0",
    "missing_keys|web|customer_id|1",
  ]);
  assert.deepEqual(crm.columns, ["id", "age", "country"]);
  assert.equal(withNull.height, 3);
});

Deno.test("joinSources: duplicate keys are an error naming them, or kept first on request", () => {
  const dup = pl.DataFrame({ customer_id: [7, 8, 7, 7], visits: [1, 2, 3, 4] });
  assert.throws(
    () => joinSources({ dup }, { key: "customer_id", how: "outer" }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message ===
        'Cannot join sources as source "dup" has duplicate keys in "customer_id": 1 keys on more than one row (2 extra rows), e.g. 7',
  );
  const { table, findings } = joinSources({ dup }, {
    key: "customer_id",
    how: "outer",
    duplicates: "first",
  });
  assert.deepEqual(table.getColumn("visits").toArray(), [1, 2]);
  assert.deepEqual(rows(findings), ["duplicate_keys|dup|customer_id|2"]);
});

Deno.test("joinSources: bad input gives clear errors", () => {
  assert.throws(
    () => joinSources({ crm }, { key: "customer_id", how: "outer" }),
    (e: unknown) =>
      e instanceof TypeError &&
      e.message ===
        'Cannot join sources as source "crm" has no key column "customer_id": available columns are id, age, country',
  );
  assert.throws(
    () =>
      joinSources({ crm: { data: crm, key: "id", columns: ["nope"] } }, {
        key: "id",
        how: "outer",
      }),
    /Cannot join sources \(source "crm"\) as column "nope" is missing/,
  );
  assert.throws(() => joinSources({}, { key: "id", how: "outer" }), RangeError);
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => joinSources({ crm: { data: crm, key: "id" } }, { key: "id", how: "full" as any }),
    /how must be one of "inner", "left", "outer": got "full"/,
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => joinSources({ crm: [1, 2] as any }, { key: "id", how: "outer" }),
    /source "crm" is not a DataFrame/,
  );
});
