/**
 * The bad-input corpus: awkward inputs a new user's data really gives, each with the outcome it
 * must have. Either an error (its class, and substrings of the message that name the file or
 * column, the count of bad rows and an example value) or a handled result whose exact values are
 * asserted. `corpus_test.ts` runs every case. Files live in `files/` (written by `make_files.py`);
 * Parquet files and frames are built in code here.
 *
 * @module
 */
import pl from "nodejs-polars";
import { fileURLToPath } from "node:url";
import type { DataFrame } from "../../lib/core/frame.ts";
import { dataNotes } from "../../lib/core/errors.ts";
import { featureColumns } from "../../lib/core/feature_matrix.ts";
import { exportCsv } from "../../lib/io/export_csv.ts";
import { readTransactions } from "../../lib/io/read_transactions.ts";
import { checkTransactions } from "../../lib/quality/check_transactions.ts";
import { cleanTransactions } from "../../lib/quality/clean_transactions.ts";
import { computeRfm } from "../../lib/rfm/compute_rfm.ts";
import { scoreRfm } from "../../lib/rfm/score_rfm.ts";
import { fitKMeans } from "../../lib/segmentation/fit_kmeans.ts";
import { dbscan } from "../../lib/segmentation/dbscan.ts";
import { silhouetteScore } from "../../lib/segmentation/silhouette_score.ts";
import { fitLogisticRegression } from "../../lib/churn/fit_logistic_regression.ts";
import { fitPopularity } from "../../lib/recommend/fit_popularity.ts";

/** What a case must give: an error, or a result equal (deepEqual) to `result`. */
export type Expected =
  | { error: string; message: readonly string[] }
  | { result: unknown };

/** One corpus case. */
export interface BadInputCase {
  /** Short unique name. */
  name: string;
  /** Runs the case; its return value is compared with `expect.result`. */
  run: (tmp: string) => unknown;
  /** The outcome. */
  expect: Expected;
}

/** The folder of committed bad files. */
export const FILES = fileURLToPath(new URL("./files/", import.meta.url));

const f = (name: string) => FILES + name;

/** A frame as plain values: dates as ISO strings without the zone, per column. */
export function summarise(df: DataFrame, columns?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { height: df.height };
  for (const c of columns ?? df.columns) {
    out[c] = (df.getColumn(c).toArray() as unknown[]).map((v) =>
      v instanceof Date ? v.toISOString().slice(0, 19) : typeof v === "bigint" ? Number(v) : v
    );
  }
  return out;
}

const MAIN = ["customer_id", "invoice_date", "quantity", "unit_price"];
const read = (name: string, options = {}) => summarise(readTransactions(f(name), options), MAIN);
const GOOD = {
  height: 3,
  customer_id: ["17850", "13047", "12583"],
  invoice_date: ["2010-12-01T08:26:00", "2010-12-01T08:34:00", "2010-12-01T08:45:00"],
  quantity: [6, 32, 24],
  unit_price: [2.55, 1.69, 3.75],
};
const GOOD_PLUS_MISSING = {
  height: 4,
  customer_id: ["17850", "13047", "12583", null],
  invoice_date: [...GOOD.invoice_date, "2010-12-01T09:00:00"],
  quantity: [6, 32, 24, 1],
  unit_price: [2.55, 1.69, 3.75, 3.75],
};

/** Findings of checkTransactions as `rule:column` -> [rows, examples]. */
function findings(df: DataFrame, options = {}): Record<string, [number, string]> {
  return Object.fromEntries(
    checkTransactions(df, options).toRecords().map((
      r,
    ) => [`${r.rule}:${r.column}`, [Number(r.rows), String(r.examples)]]),
  );
}

function notes(df: object) {
  return dataNotes(df).map((n) => ({ ...n }));
}

/** A small canonical transaction frame built in code, with overrides per column. */
function tx(columns: Record<string, unknown[]> = {}, n = 4): DataFrame {
  const base: Record<string, unknown[]> = {
    customer_id: ["a", "a", "b", "c"].slice(0, n),
    invoice_id: ["1", "2", "3", "4"].slice(0, n),
    invoice_date: [
      new Date("2011-01-01T10:00:00Z"),
      new Date("2011-01-05T10:00:00Z"),
      new Date("2011-01-06T10:00:00Z"),
      new Date("2011-01-08T10:00:00Z"),
    ].slice(0, n),
    product_id: ["A", "B", "A", "C"].slice(0, n),
    quantity: [1, 2, 3, 4].slice(0, n),
    unit_price: [1, 1, 1, 1].slice(0, n),
  };
  const all = { ...base, ...columns };
  return pl.DataFrame(
    Object.fromEntries(
      Object.entries(all).map(([k, v]) => [
        k,
        k === "invoice_date" ? pl.Series(k, v as Date[]).cast(pl.Datetime("ms")) : v,
      ]),
    ),
  );
}

function writeParquet(tmp: string, name: string, df: DataFrame): string {
  const path = `${tmp}/${name}`;
  df.writeParquet(path);
  return path;
}

const canonicalParquet = (columns: Record<string, unknown>) =>
  pl.DataFrame({
    customer_id: ["17850", "13047"],
    invoice_id: ["1", "2"],
    invoice_date: pl.Series("invoice_date", [
      new Date("2010-12-02T04:30:00Z"),
      new Date("2010-12-02T13:34:00Z"),
    ]).cast(pl.Datetime("ms")),
    product_id: ["A", "B"],
    quantity: [6, 32],
    unit_price: [2.55, 1.69],
    ...columns,
  });

const AS_OF = new Date("2011-01-10T00:00:00Z");

/** Mall-like customers: a numeric id column that must not become a feature. */
function mall(): DataFrame {
  return pl.DataFrame({
    CustomerID: [1001, 1002, 1003, 1004, 1005, 1006],
    customer_id: [9001, 9002, 9003, 9004, 9005, 9006],
    income: [0.0, 0.1, 0.2, 10.0, 10.1, 10.2],
    spend: [0.0, 0.2, 0.1, 10.0, 10.2, 10.1],
  });
}

/** The corpus. */
export const CASES: readonly BadInputCase[] = [
  // ---- Files: the ordinary shapes read identically ----
  { name: "good.csv", run: () => read("good.csv"), expect: { result: GOOD } },
  { name: "good.tsv", run: () => read("good.tsv"), expect: { result: GOOD } },
  { name: "good.txt (comma)", run: () => read("good.txt"), expect: { result: GOOD } },
  { name: "good_upper.CSV", run: () => read("good_upper.CSV"), expect: { result: GOOD } },
  { name: "crlf line ends", run: () => read("crlf.csv"), expect: { result: GOOD } },
  { name: "UTF-8 BOM", run: () => read("utf8_bom.csv"), expect: { result: GOOD } },
  {
    name: "semicolon-delimited detected",
    run: () => read("semicolon.csv"),
    expect: { result: GOOD },
  },
  {
    name: "header names with spaces trimmed",
    run: () => read("header_spaces.csv"),
    expect: { result: GOOD },
  },
  { name: "float ids 17850.0", run: () => read("float_ids.csv"), expect: { result: GOOD } },
  {
    name: "trailing blank lines ignored",
    run: () => read("trailing_blank_lines.csv"),
    expect: {
      result: {
        height: 1,
        customer_id: ["17850"],
        invoice_date: ["2010-12-01T08:26:00"],
        quantity: [6],
        unit_price: [2.55],
      },
    },
  },
  {
    name: "quoted comma in a description",
    run: () => summarise(readTransactions(f("quoted_commas.csv")), ["description"]),
    expect: {
      result: {
        height: 4,
        description: ["WHITE HANGING HEART", "BIRD ORNAMENT", "ALARM CLOCK", "MUG, LARGE"],
      },
    },
  },
  {
    name: "text id 17850.5 kept as written",
    run: () => summarise(readTransactions(f("fractional_id.csv")), ["customer_id"]),
    expect: { result: { height: 4, customer_id: ["17850", "13047", "12583", "17850.5"] } },
  },
  // ---- Missing-value tokens ----
  ...["NA", "N_A", "NULL", "null", "NaN", "None", "-"].map((token): BadInputCase => ({
    name: `missing token ${token} is no customer`,
    run: () => read(`missing_token_${token}.csv`),
    expect: { result: GOOD_PLUS_MISSING },
  })),
  {
    name: "padded token ' NA ' is missing too",
    run: (tmp) => {
      const path = `${tmp}/padded_na.csv`;
      Deno.writeTextFileSync(
        path,
        Deno.readTextFileSync(f("missing_token_NA.csv")).replace("\nNA,", "\n NA ,"),
      );
      return summarise(readTransactions(path), MAIN);
    },
    expect: { result: GOOD_PLUS_MISSING },
  },
  {
    name: "nullValues [''] keeps NA as an id",
    run: () => read("missing_token_NA.csv", { nullValues: [""] }).customer_id,
    expect: { result: ["17850", "13047", "12583", "NA"] },
  },
  {
    name: "missing token: RFM has no customer NA",
    run: () =>
      computeRfm(readTransactions(f("missing_token_NA.csv")), { asOf: AS_OF }).getColumn(
        "customer_id",
      ).toArray(),
    expect: { result: ["12583", "13047", "17850"] },
  },
  // ---- Non-finite and overflowing numbers ----
  {
    name: "NaN quantity",
    run: () => read("nan_quantity.csv"),
    expect: { error: "RangeError", message: ['column "quantity"', "1 row", "row 4", "NaN"] },
  },
  {
    name: "inf price",
    run: () => read("inf_price.csv"),
    expect: { error: "RangeError", message: ['column "unit_price"', "1 row", "row 4", "Infinity"] },
  },
  {
    name: "1e19 quantity",
    run: () => read("huge_quantity.csv"),
    expect: {
      error: "RangeError",
      message: ['column "quantity"', "1 row", "row 4", "10000000000000000000"],
    },
  },
  {
    name: "text quantity",
    run: () => read("text_quantity.csv"),
    expect: { error: "TypeError", message: ['column "quantity"', "1 row", "row 4", '"two"'] },
  },
  {
    name: "NaN quantity in Parquet",
    run: (tmp) =>
      readTransactions(writeParquet(tmp, "nan.parquet", canonicalParquet({ quantity: [6, NaN] }))),
    expect: { error: "RangeError", message: ['column "quantity"', "1 row", "row 2", "NaN"] },
  },
  // ---- Dates ----
  {
    name: "invalid date 2010-13-45",
    run: () => read("bad_date.csv"),
    expect: {
      error: "TypeError",
      message: ['column "invoice_date"', "1 row", "row 4", '"2010-13-45 09:10:00"'],
    },
  },
  {
    name: "US date 12/01/2010",
    run: () => read("us_date.csv"),
    expect: {
      error: "TypeError",
      message: ['column "invoice_date"', "1 row", "row 4", '"12/01/2010 09:10"'],
    },
  },
  {
    name: "typo year 0201 is a finding",
    run: () =>
      findings(readTransactions(f("typo_year_0201.csv")))["implausible_dates:invoice_date"],
    expect: { result: [1, "0201-12-01T09:10:00.000Z"] },
  },
  {
    name: "typo year 2101 is a finding",
    run: () =>
      findings(readTransactions(f("typo_year_2101.csv")))["implausible_dates:invoice_date"],
    expect: { result: [1, "2101-12-01T09:10:00.000Z"] },
  },
  {
    name: "typo year 0201 refused by computeRfm",
    run: () => computeRfm(readTransactions(f("typo_year_0201.csv")), { asOf: AS_OF }),
    expect: {
      error: "RangeError",
      message: ["implausible invoice_date", "1 customer row", "row 4", "0201-12-01"],
    },
  },
  {
    name: "typo year 2101: computeRfm notes the row after asOf",
    run: () => notes(computeRfm(readTransactions(f("typo_year_2101.csv")), { asOf: AS_OF })),
    expect: {
      result: [{
        rule: "rows_after_as_of",
        column: "invoice_date",
        rows: 1,
        examples: ["asOf 2011-01-10 00:00:00", "latest 2101-12-01 09:10:00"],
      }],
    },
  },
  {
    name: "plausibleDates option narrows the window",
    run: () =>
      findings(tx(), {
        plausibleDates: { to: new Date("2011-01-06T00:00:00Z") },
      })["implausible_dates:invoice_date"],
    expect: { result: [2, "2011-01-06T10:00:00.000Z, 2011-01-08T10:00:00.000Z"] },
  },
  // ---- Time zones ----
  {
    name: "offsets converted to UTC",
    run: () => read("offsets_one.csv").invoice_date,
    expect: { result: ["2010-12-02T04:30:00", "2010-12-02T13:34:00"] },
  },
  {
    name: "offsets converted to timeZone America/New_York",
    run: () => read("offsets_one.csv", { timeZone: "America/New_York" }).invoice_date,
    expect: { result: ["2010-12-01T23:30:00", "2010-12-02T08:34:00"] },
  },
  {
    name: "mixed offsets converted",
    run: () => read("offsets_mixed.csv").invoice_date,
    expect: { result: ["2010-12-02T04:30:00", "2010-12-01T07:34:00", "2010-12-01T08:45:00"] },
  },
  {
    name: "mixed offsets reported by checkTransactions",
    run: () =>
      findings(readTransactions(f("offsets_mixed.csv")))["mixed_time_zone_offsets:invoice_date"],
    expect: { result: [2, "-05:00 (1 row), +00:00 (1 row), +01:00 (1 row)"] },
  },
  {
    name: "one offset: no mixed-offset finding",
    run: () =>
      findings(readTransactions(f("offsets_one.csv")))["mixed_time_zone_offsets:invoice_date"],
    expect: { result: undefined },
  },
  {
    name: "zoned Parquet timestamps: same as CSV offsets (UTC)",
    run: (tmp) => {
      const zoned = canonicalParquet({}).withColumns(
        pl.col("invoice_date").dt.replaceTimeZone("UTC").dt.convertTimeZone("America/New_York"),
      );
      return summarise(readTransactions(writeParquet(tmp, "zoned.parquet", zoned)), [
        "invoice_date",
      ]).invoice_date;
    },
    expect: { result: ["2010-12-02T04:30:00", "2010-12-02T13:34:00"] },
  },
  {
    name: "zoned Parquet timestamps: same as CSV offsets (New York)",
    run: (tmp) => {
      const zoned = canonicalParquet({}).withColumns(
        pl.col("invoice_date").dt.replaceTimeZone("UTC").dt.convertTimeZone("Europe/Paris"),
      );
      return summarise(
        readTransactions(writeParquet(tmp, "zoned_ny.parquet", zoned), {
          timeZone: "America/New_York",
        }),
        ["invoice_date"],
      ).invoice_date;
    },
    expect: { result: ["2010-12-01T23:30:00", "2010-12-02T08:34:00"] },
  },
  {
    name: "unknown timeZone",
    run: () => read("good.csv", { timeZone: "Mars/Olympus" }),
    expect: { error: "RangeError", message: ['timeZone "Mars/Olympus"', "IANA"] },
  },
  // ---- Encodings ----
  {
    name: "Latin-1 without the option",
    run: () => read("latin1.csv"),
    expect: {
      error: "RangeError",
      message: ["latin1.csv", "not valid UTF-8", "1 line", "line 5", "CAF", "encoding"],
    },
  },
  {
    name: "Windows-1252 without the option",
    run: () => read("cp1252.csv"),
    expect: {
      error: "RangeError",
      message: ["cp1252.csv", "not valid UTF-8", "1 line", "line 5", "MUG", "windows-1252"],
    },
  },
  {
    name: "Latin-1 with encoding latin-1",
    run: () =>
      summarise(readTransactions(f("latin1.csv"), { encoding: "latin-1" }), [
        "description",
        "country",
      ]),
    expect: {
      result: {
        height: 4,
        description: ["WHITE HANGING HEART", "BIRD ORNAMENT", "ALARM CLOCK", "CAFÉ CRÈME MUG £"],
        country: ["United Kingdom", "United Kingdom", "France", "Côte d'Ivoire"],
      },
    },
  },
  {
    name: "Windows-1252 with encoding windows-1252",
    run: () =>
      readTransactions(f("cp1252.csv"), { encoding: "windows-1252" }).getColumn("description")
        .get(3),
    expect: { result: "MUG \u2018LOVE\u2019 \u20ac" },
  },
  {
    name: "unknown encoding",
    run: () => read("good.csv", { encoding: "utf-16" }),
    expect: { error: "RangeError", message: ['encoding "utf-16"', "windows-1252"] },
  },
  // ---- Structure ----
  {
    name: "duplicate column names",
    run: () => read("duplicate_header.csv"),
    expect: { error: "TypeError", message: ["duplicate_header.csv", "1 column", '"quantity"'] },
  },
  {
    name: "row with an extra field",
    run: () => read("extra_field.csv"),
    expect: { error: "RangeError", message: ["extra_field.csv", "1 line", "line 3", "SURPLUS"] },
  },
  {
    name: "trailing separator (empty extra field) is harmless",
    run: (tmp) => {
      const path = `${tmp}/trailing_comma.csv`;
      const text = Deno.readTextFileSync(f("good.csv")).replace(/\n/g, ",\n").replace(
        /^([^\n]*),\n/,
        "$1\n",
      );
      Deno.writeTextFileSync(path, text);
      return summarise(readTransactions(path), MAIN);
    },
    expect: { result: GOOD },
  },
  {
    name: "blank line in the middle ignored",
    run: (tmp) => {
      const path = `${tmp}/blank_middle.csv`;
      const lines = Deno.readTextFileSync(f("good.csv")).split("\n");
      Deno.writeTextFileSync(path, [...lines.slice(0, 2), "", ...lines.slice(2)].join("\n"));
      return summarise(readTransactions(path), MAIN);
    },
    expect: { result: GOOD },
  },
  {
    name: "missing column",
    run: () => read("missing_column.csv"),
    expect: {
      error: "TypeError",
      message: ['"unit_price" is missing', "missing_column.csv", "quantity"],
    },
  },
  {
    name: "semicolon file with an explicit comma delimiter",
    run: () => read("semicolon.csv", { delimiter: "," }),
    expect: {
      error: "TypeError",
      message: ['"customer_id" is missing', "semicolon.csv", "customer_id;invoice_id"],
    },
  },
  {
    name: "empty file",
    run: () => read("empty.csv"),
    expect: { error: "RangeError", message: ["file is empty", "empty.csv"] },
  },
  {
    name: "header only",
    run: () => read("header_only.csv"),
    expect: { error: "RangeError", message: ["no rows", "header_only.csv"] },
  },
  // ---- Paths and files ----
  {
    name: "a directory",
    run: () => readTransactions(FILES),
    expect: { error: "TypeError", message: ["is a directory", "bad_input/files"] },
  },
  {
    name: "a file that does not exist",
    run: () => readTransactions(f("nope.csv")),
    expect: { error: "NotFound", message: ["does not exist", "nope.csv"] },
  },
  {
    name: "an unsupported extension",
    run: (tmp) => {
      Deno.writeTextFileSync(`${tmp}/book.xlsx`, "x");
      return readTransactions(`${tmp}/book.xlsx`);
    },
    expect: { error: "RangeError", message: ["not supported", "book.xlsx", ".parquet"] },
  },
  {
    name: "a truncated Parquet file",
    run: (tmp) => {
      const path = writeParquet(tmp, "truncated.parquet", canonicalParquet({}));
      const bytes = Deno.readFileSync(path);
      Deno.writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return readTransactions(path);
    },
    expect: { error: "RangeError", message: ["not a readable Parquet file", "truncated.parquet"] },
  },
  // ---- Ids ----
  {
    name: "Parquet Float64 ids become text without .0",
    run: (tmp) =>
      read2(
        writeParquet(tmp, "float_ids.parquet", canonicalParquet({ customer_id: [17850, 13047.0] })),
      ),
    expect: { result: ["17850", "13047"] },
  },
  {
    name: "Parquet NaN id refused, not pooled",
    run: (tmp) =>
      read2(writeParquet(tmp, "nan_id.parquet", canonicalParquet({ customer_id: [17850, NaN] }))),
    expect: { error: "TypeError", message: ['column "customer_id"', "1 row", "row 2", "NaN"] },
  },
  {
    name: "Parquet text token id NULL is missing",
    run: (tmp) =>
      read2(
        writeParquet(tmp, "null_id.parquet", canonicalParquet({ customer_id: ["NULL", "13047"] })),
      ),
    expect: { result: [null, "13047"] },
  },
  {
    name: "computeRfm normalises Float64 ids",
    run: () =>
      computeRfm(tx({ customer_id: [17850.0, 17850.0, 13047.0, 12583.0] }), { asOf: AS_OF })
        .getColumn("customer_id").toArray(),
    expect: { result: ["12583", "13047", "17850"] },
  },
  {
    name: "computeRfm never pools NaN ids",
    run: () => {
      const rfm = computeRfm(tx({ customer_id: [1.0, NaN, NaN, 2.0] }), { asOf: AS_OF });
      return { ids: rfm.getColumn("customer_id").toArray(), notes: notes(rfm) };
    },
    expect: {
      result: {
        ids: ["1", "2"],
        notes: [{
          rule: "rows_without_customer",
          column: "customer_id",
          rows: 2,
          examples: ["NaN"],
        }],
      },
    },
  },
  {
    name: "computeRfm drops text token ids",
    run: () => {
      const rfm = computeRfm(tx({ customer_id: ["a", "NA", "NULL", "b"] }), { asOf: AS_OF });
      return { ids: rfm.getColumn("customer_id").toArray(), notes: notes(rfm) };
    },
    expect: {
      result: {
        ids: ["a", "b"],
        notes: [{
          rule: "rows_without_customer",
          column: "customer_id",
          rows: 2,
          examples: ['"NA"', '"NULL"'],
        }],
      },
    },
  },
  {
    name: "computeRfm with only NaN ids",
    run: () => computeRfm(tx({ customer_id: [NaN, NaN, NaN, NaN] }), { asOf: AS_OF }),
    expect: { error: "RangeError", message: ["no row has a customer id", "all 4 rows"] },
  },
  {
    name: "computeRfm notes rows after asOf",
    run: () => notes(computeRfm(tx(), { asOf: new Date("2011-01-06T00:00:00Z") })),
    expect: {
      result: [{
        rule: "rows_after_as_of",
        column: "invoice_date",
        rows: 2,
        examples: ["asOf 2011-01-06 00:00:00", "latest 2011-01-08 10:00:00"],
      }],
    },
  },
  {
    name: "k-means leaves id columns out by default",
    run: () => fitKMeans(mall(), { k: 2, seed: 1 }).features,
    expect: { result: ["income", "spend"] },
  },
  {
    name: "k-means uses an id column when named",
    run: () => fitKMeans(mall(), { k: 2, seed: 1, features: ["customer_id", "income"] }).features,
    expect: { result: ["customer_id", "income"] },
  },
  {
    name: "featureColumns recognises id names",
    run: () =>
      featureColumns(
        pl.DataFrame({
          id: [1],
          user_id: [1],
          InvoiceNo: [1],
          "Unnamed: 0": [1],
          paid: [1],
          x: [1],
        }),
      ),
    expect: { result: ["paid", "x"] },
  },
  {
    name: "DBSCAN clusters without the ids",
    run: () => Array.from(dbscan(mall(), { eps: 1, minSamples: 2 }).labels),
    expect: { result: [0, 0, 0, 1, 1, 1] },
  },
  {
    name: "silhouette ignores the ids",
    run: () =>
      silhouetteScore(mall(), [0, 0, 0, 1, 1, 1]) ===
        silhouetteScore(mall(), [0, 0, 0, 1, 1, 1], { features: ["income", "spend"] }),
    expect: { result: true },
  },
  // ---- Quality checks on frames built in code ----
  {
    name: "NaN quantity is non-finite, not extreme",
    run: () => {
      const found = findings(tx({ quantity: [1, 2, NaN, 3] }));
      return [found["non_finite_values:quantity"], found["extreme_quantity:quantity"]];
    },
    expect: { result: [[1, "NaN"], undefined] },
  },
  {
    name: "infinite price is non-finite",
    run: () => findings(tx({ unit_price: [1, Infinity, 1, 1] }))["non_finite_values:unit_price"],
    expect: { result: [1, "Infinity"] },
  },
  {
    name: "checkTransactions on a text quantity",
    run: () => checkTransactions(tx({ quantity: ["1", "2", "two", "4"] })),
    expect: {
      error: "TypeError",
      message: ['column "quantity"', "holds text", "1 of 4 rows", '"two"'],
    },
  },
  {
    name: "cleanTransactions drops NaN quantities and infinite prices",
    run: () =>
      cleanTransactions(tx({ quantity: [1, NaN, 3, 4], unit_price: [1, 1, Infinity, 1] })).data
        .getColumn("invoice_id").toArray(),
    expect: { result: ["1", "4"] },
  },
  // ---- Small populations ----
  {
    name: "scoreRfm on one customer: middle scores and notes",
    run: () => {
      const scored = scoreRfm(pl.DataFrame({ recency_days: [3], frequency: [2], monetary: [10] }));
      return [scored.getColumn("rfm_score").toArray(), dataNotes(scored).map((n) => n.column)];
    },
    expect: { result: [["333"], ["recency_days", "frequency", "monetary"]] },
  },
  {
    name: "scoreRfm on two customers",
    run: () => {
      const scored = scoreRfm(
        pl.DataFrame({ recency_days: [3, 30], frequency: [5, 1], monetary: [100, 10] }),
      );
      return [scored.getColumn("rfm_score").toArray(), notes(scored)[0]];
    },
    expect: {
      result: [["555", "333"], {
        rule: "too_few_distinct_values",
        column: "recency_days",
        rows: 2,
        examples: ["2 distinct values for 5 scores"],
      }],
    },
  },
  {
    name: "scoreRfm with all frequencies tied",
    run: () => {
      const scored = scoreRfm(
        pl.DataFrame({
          recency_days: [1, 2, 3, 4, 5, 6],
          frequency: [1, 1, 1, 1, 1, 1],
          monetary: [1, 2, 3, 4, 5, 6],
        }),
      );
      return [scored.getColumn("f_score").toArray(), dataNotes(scored).map((n) => n.column)];
    },
    expect: { result: [[3, 3, 3, 3, 3, 3], ["frequency"]] },
  },
  // ---- Ids given to the recommenders ----
  {
    name: "Float64 customer ids (pandas' 17850.0) are the same customers to a recommender",
    run: () => {
      const tx = pl.DataFrame({
        customer_id: [17850.0, 17850.0, 13047.0, 13047.0, NaN, NaN],
        product_id: ["a", "b", "a", "c", "b", "c"],
        quantity: [1, 1, 1, 1, 1, 1],
      });
      const model = fitPopularity(tx);
      const recs = model.recommend(["17850", "13047"], { n: 1 });
      return {
        ids: recs.getColumn("customer_id").toArray(),
        items: recs.getColumn("product_id").toArray(),
      };
    },
    // NaN ids are no customer (their two lines are dropped), so "c" and "a"/"b" counts come from
    // the two real customers only; each is offered the popular product it has not bought.
    expect: { result: { ids: ["17850", "13047"], items: ["c", "b"] } },
  },
  // ---- Obscure errors from underneath ----
  {
    name: "k-means on values near 1e200",
    run: () => fitKMeans(pl.DataFrame({ x: [1e200, 2e200, 1, 2] }), { k: 2, seed: 1 }),
    expect: { error: "RangeError", message: ['feature "x"', "2 rows", "rows 1, 2", "1e+200"] },
  },
  {
    name: "logistic regression on an unscaled 1e200 feature",
    run: () =>
      fitLogisticRegression(
        pl.DataFrame({ x: [1e200, 2, 3, 4e200], y: [0, 1, 0, 1] }),
        { features: ["x"], target: "y" },
      ),
    expect: { error: "RangeError", message: ['feature "x"', "2 rows", "rows 1, 4", "1e+200"] },
  },
  {
    name: "exportCsv into a folder that cannot be created",
    run: (tmp) => {
      Deno.writeTextFileSync(`${tmp}/not_a_folder`, "");
      return exportCsv(pl.DataFrame({ a: [1] }), { file: "x.csv", dir: `${tmp}/not_a_folder/out` });
    },
    expect: { error: "Error", message: ["cannot be written", "not_a_folder/out"] },
  },
];

function read2(path: string): unknown {
  return readTransactions(path).getColumn("customer_id").toArray();
}
