import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fitOneHotEncoder } from "./one_hot_encoder.ts";

const contracts = () =>
  pl.DataFrame({
    id: ["a", "b", "c", "d", "e"],
    Contract: ["Two year", "Month-to-month", "One year", "Month-to-month", "Two year"],
    tenure: [60, 2, 14, 5, 40],
    Internet: ["DSL", "Fiber optic", "No", "DSL", "Fiber optic"],
  });

const column = (df: pl.DataFrame, name: string) => df.getColumn(name).toArray();

Deno.test("fitOneHotEncoder sorts categories and replaces each column in place", () => {
  const df = contracts();
  const encoder = fitOneHotEncoder(df, { columns: ["Contract", "Internet"] });
  assert.deepEqual(encoder.options, {
    columns: ["Contract", "Internet"],
    dropFirst: false,
    handleUnknown: "ignore",
  });
  assert.deepEqual(encoder.categories, {
    Contract: ["Month-to-month", "One year", "Two year"],
    Internet: ["DSL", "Fiber optic", "No"],
  });
  assert.deepEqual(encoder.outputColumns, [
    "Contract_month_to_month",
    "Contract_one_year",
    "Contract_two_year",
    "Internet_dsl",
    "Internet_fiber_optic",
    "Internet_no",
  ]);
  assert.deepEqual(encoder.indicators[1], {
    column: "Contract",
    category: "One year",
    name: "Contract_one_year",
  });
  const out = encoder.transform(df);
  assert.deepEqual(out.columns, [
    "id",
    "Contract_month_to_month",
    "Contract_one_year",
    "Contract_two_year",
    "tenure",
    "Internet_dsl",
    "Internet_fiber_optic",
    "Internet_no",
  ]);
  for (const name of encoder.outputColumns) {
    assert.equal(out.getColumn(name).dtype.variant, "Float64");
  }
  assert.deepEqual(column(out, "Contract_month_to_month"), [0, 1, 0, 1, 0]);
  assert.deepEqual(column(out, "Contract_one_year"), [0, 0, 1, 0, 0]);
  assert.deepEqual(column(out, "Contract_two_year"), [1, 0, 0, 0, 1]);
  assert.deepEqual(column(out, "Internet_fiber_optic"), [0, 1, 0, 0, 1]);
  assert.ok(out.getColumn("tenure").equals(df.getColumn("tenure")));
  assert.ok(out.getColumn("id").equals(df.getColumn("id")));
});

Deno.test("fitOneHotEncoder with dropFirst leaves out the first category", () => {
  const encoder = fitOneHotEncoder(contracts(), { columns: ["Contract"], dropFirst: true });
  assert.deepEqual(encoder.categories.Contract, ["Month-to-month", "One year", "Two year"]);
  assert.deepEqual(encoder.outputColumns, ["Contract_one_year", "Contract_two_year"]);
  const out = encoder.transform(contracts());
  assert.deepEqual(out.columns, [
    "id",
    "Contract_one_year",
    "Contract_two_year",
    "tenure",
    "Internet",
  ]);
  // A column with one category encodes to no column at all.
  const single = fitOneHotEncoder(pl.DataFrame({ k: ["x", "x"], v: [1, 2] }), {
    columns: ["k"],
    dropFirst: true,
  });
  assert.deepEqual(single.outputColumns, []);
  assert.deepEqual(single.transform(pl.DataFrame({ k: ["x"], v: [1] })).columns, ["v"]);
});

Deno.test("OneHotEncoder.transform: unseen categories give zeros or a clear error", () => {
  const encoder = fitOneHotEncoder(contracts(), { columns: ["Contract"] });
  const fresh = pl.DataFrame({ Contract: ["One year", "Three year", "Lifetime", "Three year"] });
  const out = encoder.transform(fresh);
  assert.deepEqual(out.rows(), [[0, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  // A null is unseen too when the fitting frame had none.
  const withNull = pl.DataFrame([pl.Series("Contract", ["Two year", null], pl.Utf8)]);
  assert.deepEqual(encoder.transform(withNull).rows(), [[0, 0, 1], [0, 0, 0]]);

  const strict = fitOneHotEncoder(contracts(), { columns: ["Contract"], handleUnknown: "error" });
  assert.throws(
    () => strict.transform(fresh),
    /^RangeError: Cannot transform with OneHotEncoder as column "Contract" has 2 unseen categories in 3 rows: ("Three year", "Lifetime"|"Lifetime", "Three year"); fitted categories are "Month-to-month", "One year", "Two year"$/,
  );
  assert.throws(
    () => strict.transform(withNull),
    /^RangeError: .* "Contract" has 1 unseen category in 1 row: "null \(missing\)"; fitted/,
  );
  assert.deepEqual(strict.transform(contracts().head(2)).columns.length, 6);
});

Deno.test("fitOneHotEncoder treats nulls as their own category, last, named null", () => {
  const df = pl.DataFrame([pl.Series("plan", ["b", null, "a", null], pl.Utf8)]);
  const encoder = fitOneHotEncoder(df, { columns: ["plan"], handleUnknown: "error" });
  assert.deepEqual(encoder.categories.plan, ["a", "b", null]);
  assert.deepEqual(encoder.outputColumns, ["plan_a", "plan_b", "plan_null"]);
  assert.deepEqual(encoder.transform(df).rows(), [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 0, 1]]);
});

Deno.test("fitOneHotEncoder makes safe, unique names", () => {
  const df = pl.DataFrame({
    city: ["Café Zürich", "one-year", "One Year", "", "+", "null", "北京"],
    city_one_year: [1, 2, 3, 4, 5, 6, 7],
  });
  const encoder = fitOneHotEncoder(df, { columns: ["city"] });
  // Sorted by UTF-16 code units: "" < "+" < "Café Zürich" < "One Year" < "null" < "one-year" < "北京".
  assert.deepEqual(encoder.categories.city, [
    "",
    "+",
    "Café Zürich",
    "One Year",
    "null",
    "one-year",
    "北京",
  ]);
  assert.deepEqual(encoder.outputColumns, [
    "city_blank",
    "city_blank_2",
    "city_cafe_zurich",
    "city_one_year_2", // city_one_year is a column of the frame
    "city_null",
    "city_one_year_3",
    "city_北京",
  ]);
  const out = encoder.transform(df);
  assert.deepEqual(out.columns, [...encoder.outputColumns, "city_one_year"]);
  assert.deepEqual(column(out, "city_one_year_3"), [0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(column(out, "city_blank"), [0, 0, 0, 1, 0, 0, 0]);
});

Deno.test("fitOneHotEncoder encodes numbers, booleans and categoricals as text", () => {
  const df = pl.DataFrame([
    pl.Series("code", [10, 2, 1, 2], pl.Int64),
    pl.Series("flag", [true, false, true, true], pl.Bool),
    pl.Series("tier", ["gold", "silver", "gold", "bronze"], pl.Utf8).cast(pl.Categorical),
    pl.Series("float_code", [1, 3, 1, 3], pl.Float64),
  ]);
  const encoder = fitOneHotEncoder(df, { columns: ["code", "flag", "tier", "float_code"] });
  assert.deepEqual(encoder.categories, {
    code: ["1", "2", "10"], // numerically sorted
    flag: ["false", "true"],
    tier: ["bronze", "gold", "silver"],
    float_code: ["1", "3"], // whole-number floats read as integers
  });
  const out = encoder.transform(df);
  assert.deepEqual(column(out, "code_10"), [1, 0, 0, 0]);
  assert.deepEqual(column(out, "flag_true"), [1, 0, 1, 1]);
  assert.deepEqual(column(out, "tier_gold"), [1, 0, 1, 0]);
  assert.deepEqual(column(out, "float_code_3"), [0, 1, 0, 1]);
  // Integer codes fitted on Int64 match the same codes read as floats.
  const asFloat = df.withColumns(pl.col("code").cast(pl.Float64));
  assert.deepEqual(column(encoder.transform(asFloat), "code_2"), [0, 1, 0, 1]);
});

Deno.test("OneHotEncoder is frozen and never modifies its inputs", () => {
  const df = contracts();
  const before = df.clone();
  const columns = ["Contract"];
  const encoder = fitOneHotEncoder(df, { columns });
  columns.push("Internet");
  assert.deepEqual(encoder.columns, ["Contract"]);
  encoder.transform(df);
  assert.ok(df.frameEqual(before));
  for (
    const part of [
      encoder,
      encoder.options,
      encoder.columns,
      encoder.categories,
      encoder.categories.Contract,
      encoder.indicators,
      encoder.indicators[0],
      encoder.outputColumns,
    ]
  ) {
    assert.ok(Object.isFrozen(part));
  }
});

Deno.test("fitOneHotEncoder and transform reject bad columns and options", () => {
  const df = contracts();
  const fit = (options: Record<string, unknown>, frame: pl.DataFrame = df) => () =>
    fitOneHotEncoder(frame, { columns: ["Contract"], ...options });
  assert.throws(
    fit({ columns: ["Plan"] }),
    /^TypeError: Cannot fit OneHotEncoder as column "Plan" is missing: available columns are id, Contract, tenure, Internet$/,
  );
  assert.throws(
    fit({ columns: [] }),
    /^TypeError: Cannot fit OneHotEncoder as no columns were given/,
  );
  assert.throws(
    fit({ columns: ["Contract", "Contract"] }),
    /^TypeError: .* "Contract" is listed twice/,
  );
  assert.throws(
    fit({ handleUnknown: "drop" }),
    /^RangeError: Cannot fit OneHotEncoder as handleUnknown must be one of "ignore", "error": got "drop"$/,
  );
  assert.throws(
    fit({}, df.head(0)),
    /^RangeError: Cannot fit OneHotEncoder as the frame is empty: 0 rows$/,
  );
  assert.throws(
    fit({ columns: ["amount"] }, pl.DataFrame({ amount: [1.5, 2, 2.25, Number.NaN] })),
    /^TypeError: Cannot fit OneHotEncoder as column "amount" is Float64 with 3 non-integer values: 1.5, 2.25, NaN/,
  );
  assert.throws(
    fit({ columns: ["tags"] }, pl.DataFrame({ tags: [["a"], ["b"]] })),
    /^TypeError: Cannot fit OneHotEncoder as column "tags" has an unsupported type: it is List$/,
  );
  const encoder = fitOneHotEncoder(df, { columns: ["Contract"] });
  assert.throws(
    () => encoder.transform(df.drop("Contract")),
    /^TypeError: Cannot transform with OneHotEncoder as column "Contract" is missing/,
  );
  assert.throws(
    () => encoder.transform(df.withColumns(pl.lit(0).alias("Contract_one_year"))),
    /^TypeError: Cannot transform with OneHotEncoder as output column "Contract_one_year" is already a column of the frame/,
  );
});
