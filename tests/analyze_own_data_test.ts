/**
 * `deno task analyze --transactions ... --prepare-only` on an analyst's own data (issue 14): every
 * bad input is refused with a clear report, a non-zero exit and nothing written (no output folder,
 * no key file); Online Retail II with the shipped mapping is validated, minimised and
 * pseudonymised, with a governance summary, and no raw customer id reaches the written Parquet.
 * The command runs as `deno task analyze` in a temporary working directory, i.e. with the task's
 * own permissions (no --allow-net).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { ROOT } from "../tools/jupyter.ts";
import { DEFAULT_MIN_CELL } from "../tools/analyze_args.ts";
import { DEFAULT_MIN_CELL as LIB_DEFAULT_MIN_CELL } from "../lib/governance/mod.ts";

const ORII = "/work/shared/datasets/online-retail-ii/online_retail_II_2009-2010.parquet";
const MAPPING = join(ROOT, "examples", "online_retail_ii.mapping.json");
const KEY = "0123456789abcdef".repeat(4);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function analyze(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const out = new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--config", join(ROOT, "deno.json"), "analyze", ...args],
    cwd,
    // INIT_CWD: `deno task` keeps an inherited one (this test itself may run under `deno task
    // test`), and the command resolves relative paths against it.
    env: { NO_COLOR: "1", CUSTOMER_LENS_KEY: KEY, INIT_CWD: cwd, ...env },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

const HEADER = "Client,Order,Day,Item,Qty,Price";
const LINES = Array.from(
  { length: 30 },
  (_, i) =>
    `${1000 + (i % 7)},${500 + Math.floor(i / 2)},2024-0${1 + (i % 6)}-1${i % 10},P${i % 5},${
      1 + (i % 3)
    },${(2.5 + i).toFixed(2)}`,
);
const SMALL_MAPPING = {
  customer_id: "Client",
  invoice_id: "Order",
  invoice_date: "Day",
  product_id: "Item",
  quantity: "Qty",
  unit_price: "Price",
};

/** A temporary working directory with a small export, its mapping and helpers. */
function workspace() {
  const dir = Deno.makeTempDirSync({ prefix: "lens-own-" });
  const data = join(dir, "data");
  Deno.mkdirSync(data);
  Deno.writeTextFileSync(join(data, "sales.csv"), [HEADER, ...LINES].join("\n") + "\n");
  const mapping = (m: Record<string, unknown>) => {
    const path = join(dir, `mapping-${crypto.randomUUID()}.json`);
    Deno.writeTextFileSync(path, JSON.stringify(m));
    return path;
  };
  return { dir, data, csv: join(data, "sales.csv"), mapping, keyFile: join(dir, "keys", "key") };
}

function assertRefused(run: Run, message: RegExp, out: string, keyFile?: string) {
  assert.equal(run.code, 1, `exit code; stderr:\n${run.stderr}`);
  assert.match(run.stderr, /Validation failed; nothing was written/);
  assert.match(run.stderr, message);
  assert.ok(!exists(out), `nothing written to ${out}`);
  if (keyFile !== undefined) assert.ok(!exists(keyFile), "no key file created");
}

Deno.test("the analyze task has no network permission", () => {
  const tasks = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))).tasks;
  assert.doesNotMatch(tasks.analyze, /allow-net|\s-A\b|allow-all/);
});

Deno.test("own data: each bad input is refused before anything is written", () => {
  const w = workspace();
  const out = join(w.dir, "report");
  const noKey = { CUSTOMER_LENS_KEY: "", CUSTOMER_LENS_KEY_FILE: w.keyFile };
  const base = ["--transactions", w.csv, "--as-of", "2024-07-01", "--out", out];
  const cases: [string[], RegExp, Record<string, string>?][] = [
    [
      ["--columns", w.mapping({ ...SMALL_MAPPING, product_id: "StockCode" })],
      /mapped column is missing: "StockCode" \(product_id\) \(the file has "Client"/,
    ],
    [
      ["--columns", w.mapping({ ...SMALL_MAPPING, invoice_id: "Client" })],
      /mapped twice: "Client" \(customer_id and invoice_id\)/,
    ],
    [
      ["--columns", w.mapping({ ...SMALL_MAPPING, customer_id: undefined })],
      /names no customer column/,
    ],
    [["--columns", w.mapping(SMALL_MAPPING), "--as-of", "2024-02-30"], /--as-of is not a date/],
    [
      ["--columns", join(w.dir, "missing.json")],
      /column mapping as the file does not exist/,
    ],
    [["--columns", w.mapping(SMALL_MAPPING), "--min-cell", "1"], /--min-cell is not a whole/],
    [["--columns", w.mapping(SMALL_MAPPING), "--only", "01,42"], /--only names parts/],
  ];
  for (const [extra, message, env] of cases) {
    assertRefused(analyze(w.dir, [...base, ...extra], env ?? noKey), message, out, w.keyFile);
  }
  // the analysis date is required
  assertRefused(
    analyze(w.dir, ["--transactions", w.csv, "--out", out], noKey),
    /--as-of is missing/,
    out,
    w.keyFile,
  );
  // an empty file
  const empty = join(w.dir, "empty.csv");
  Deno.writeTextFileSync(empty, "");
  assertRefused(
    analyze(w.dir, ["--transactions", empty, "--as-of", "2024-07-01", "--out", out], noKey),
    /the file is empty/,
    out,
    w.keyFile,
  );
  // a folder whose files disagree on columns
  Deno.writeTextFileSync(
    join(w.data, "more.csv"),
    "Client,Order,Date,Item,Qty,Price\n1,2,2024-01-01,P,1,2\n",
  );
  assertRefused(
    analyze(w.dir, [
      "--transactions",
      w.data,
      "--columns",
      w.mapping(SMALL_MAPPING),
      "--as-of",
      "2024-07-01",
      "--out",
      out,
    ], noKey),
    /disagree on columns: sales.csv lacks "Date" and has "Day" compared with more.csv/,
    out,
    w.keyFile,
  );
  Deno.removeSync(join(w.data, "more.csv"));
  // an output folder inside the input folder (a folder of files is one dataset), and the reverse
  const inner = join(w.data, "report");
  const folderArgs = ["--transactions", w.data, "--as-of", "2024-07-01"];
  assertRefused(
    analyze(w.dir, [...folderArgs, "--out", inner, "--columns", w.mapping(SMALL_MAPPING)], noKey),
    /output folder is inside the input folder/,
    inner,
    w.keyFile,
  );
  const outer = analyze(w.dir, [
    ...folderArgs,
    "--out",
    w.dir,
    "--columns",
    w.mapping(SMALL_MAPPING),
  ], noKey);
  assert.equal(outer.code, 1);
  assert.match(outer.stderr, /the input lies inside the output folder/);
  assert.ok(exists(w.csv));
  // an output folder that holds other files
  const foreign = join(w.dir, "documents");
  Deno.mkdirSync(foreign);
  Deno.writeTextFileSync(join(foreign, "thesis.txt"), "keep me");
  const refused = analyze(w.dir, [
    ...base.slice(0, 4),
    "--out",
    foreign,
    "--columns",
    w.mapping(SMALL_MAPPING),
  ], noKey);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /not a Customer Lens report/);
  assert.equal(Deno.readTextFileSync(join(foreign, "thesis.txt")), "keep me");
  // unreadable, short and in-repository key files
  const mapping = w.mapping(SMALL_MAPPING);
  const folderKey = join(w.dir, "folder-key");
  Deno.mkdirSync(folderKey);
  const shortKey = join(w.dir, "short-key");
  Deno.writeTextFileSync(shortKey, "abcd\n");
  const repoKey = join(ROOT, ".scratch", `never-a-key-${crypto.randomUUID()}`);
  for (
    const [file, message] of [
      [folderKey, /key file is a directory/],
      [shortKey, /too short: 2 bytes/],
      [repoKey, /inside a repository/],
    ] as const
  ) {
    assertRefused(
      analyze(w.dir, [...base, "--columns", mapping], {
        CUSTOMER_LENS_KEY: "",
        CUSTOMER_LENS_KEY_FILE: file,
      }),
      message,
      out,
    );
  }
  assert.ok(!exists(repoKey), "no key written into the repository");
  // a column of e-mail addresses under an innocuous header, neither mapped nor dropped
  const notes = join(w.dir, "notes.csv");
  Deno.writeTextFileSync(
    notes,
    [
      `${HEADER},notes`,
      ...LINES.map((l, i) => `${l},${i % 2 === 0 ? `client${i}@example.com` : "called"}`),
    ].join("\n") + "\n",
  );
  const notesArgs = ["--transactions", notes, "--as-of", "2024-07-01", "--out", out];
  assertRefused(
    analyze(w.dir, [...notesArgs, "--columns", mapping], noKey),
    /column "notes" looks like personal data \(email: 15 of 30 sampled values, e\.g\. c\*\*\*@e\*\*\*\.com\)/,
    out,
    w.keyFile,
  );
  const dropped = analyze(w.dir, [
    ...notesArgs,
    "--columns",
    w.mapping({ ...SMALL_MAPPING, drop: ["notes"] }),
    "--prepare-only",
  ], noKey);
  assert.equal(dropped.code, 0, dropped.stderr);
  assert.match(dropped.stdout, /"notes" \(email, 15 of 30 sampled; dropped/);
  assert.match(dropped.stdout, /Columns not read \(data minimisation\): "notes"/);
  assert.match(dropped.stderr, /Pseudonymisation key: created .*keys\/key/);
  assert.equal(Deno.statSync(w.keyFile).mode! & 0o777, 0o600);
  const written = pl.readParquet(join(out, "work", "transactions.parquet"));
  assert.ok(!written.columns.includes("notes"));
  Deno.removeSync(w.dir, { recursive: true });
});

Deno.test("own data: --no-pseudonymize keeps raw ids and says so loudly", () => {
  const w = workspace();
  const out = join(w.dir, "report");
  const run = analyze(w.dir, [
    "--transactions",
    w.csv,
    "--columns",
    w.mapping(SMALL_MAPPING),
    "--as-of",
    "2024-07-01",
    "--out",
    out,
    "--no-pseudonymize",
    "--prepare-only",
  ], { CUSTOMER_LENS_KEY: "", CUSTOMER_LENS_KEY_FILE: w.keyFile });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /WARNING: pseudonymisation is OFF/);
  assert.match(run.stdout, /Pseudonymisation: OFF/);
  assert.ok(!exists(w.keyFile), "no key needed, none created");
  const written = pl.readParquet(join(out, "work", "transactions.parquet"));
  assert.deepEqual(written.getColumn("customer_id").unique().sort().toArray(), [
    "1000",
    "1001",
    "1002",
    "1003",
    "1004",
    "1005",
    "1006",
  ]);
  // a second run replaces its own report folder
  const again = analyze(w.dir, [
    "--transactions",
    w.csv,
    "--columns",
    w.mapping(SMALL_MAPPING),
    "--as-of",
    "2024-07-01",
    "--out",
    out,
    "--prepare-only",
  ]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Pseudonymisation: on/);
  Deno.removeSync(w.dir, { recursive: true });
});

Deno.test("own data: Online Retail II with the example mapping, erasure and governance summary", () => {
  const dir = Deno.makeTempDirSync({ prefix: "lens-orii-" });
  const out = join(dir, "report");
  const keyFile = join(dir, "keys", "key");
  // 13085 is the first customer of the file; written as "13085.0" as a float column would
  Deno.writeTextFileSync(join(dir, "forget.txt"), "# erasure requests\n13085.0\n12346\n99999999\n");
  const run = analyze(dir, [
    "--transactions",
    ORII,
    "--columns",
    MAPPING,
    "--as-of",
    "2010-12-10",
    "--out",
    "report",
    "--forget",
    "forget.txt",
    "--prepare-only",
  ], { CUSTOMER_LENS_KEY: "", CUSTOMER_LENS_KEY_FILE: keyFile });
  assert.equal(run.code, 0, run.stderr);
  const raw = pl.readParquet(ORII, { columns: ["Customer ID"] });
  const ids = raw.getColumn("Customer ID");
  const erased = ids.toArray().filter((v) => v === 13085 || v === 12346).length;
  assert.ok(erased > 0);
  // the governance summary
  for (
    const line of [
      "- Analysis date: 2010-12-10",
      "sha256 e92bcbbce1b7a1041ad79462879d4774bf050c7b8fee9f4eef89f09fb6330664",
      "- Rows read: 525,461",
      `- Rows dropped by erasure (--forget): ${erased.toLocaleString("en-US")}`,
      `- Rows kept: ${(525_461 - erased).toLocaleString("en-US")}`,
      '- Columns used: customer_id <- "Customer ID", invoice_id <- "Invoice"',
      "- Personal data found by content: none",
      "- Pseudonymisation: on (HMAC-SHA256",
      "- Erasure: 3 ids requested, 2 found, 1 not found",
      "- Small-cell threshold: 10",
      "nodejs-polars 0.25.2",
      "runs with all permissions",
    ]
  ) assert.ok(run.stdout.includes(line), `summary lacks: ${line}\n${run.stdout}`);
  assert.match(run.stderr, /Prepared the data only \(no notebooks run\)/);
  const summary = JSON.parse(Deno.readTextFileSync(join(out, "governance.json")));
  assert.equal(summary.rowsRead, 525_461);
  assert.equal(summary.inputFiles[0].rows, 525_461);
  // the prepared data: only mapped columns, pseudonyms only
  const written = pl.readParquet(join(out, "work", "transactions.parquet"));
  assert.deepEqual(written.columns, [
    "customer_id",
    "invoice_id",
    "invoice_date",
    "product_id",
    "description",
    "quantity",
    "unit_price",
    "country",
  ]);
  assert.equal(written.height, 525_461 - erased);
  const pseudonyms = written.getColumn("customer_id");
  assert.equal(pseudonyms.nullCount(), 107_927);
  assert.equal(pseudonyms.nUnique(), 4_383 - 2 + 1); // two erased, plus null
  assert.ok(pseudonyms.dropNulls().toArray().every((p) => /^[0-9a-f]{16}$/.test(String(p))));
  const rawIds = new Set(
    ids.dropNulls().toArray().map((v) => String(v)).concat(
      ids.dropNulls().toArray().map((v) => `${v}.0`),
    ),
  );
  const leaked = pseudonyms.unique().toArray().filter((v) => v !== null && rawIds.has(String(v)));
  assert.deepEqual(leaked, [], "raw customer ids in customer_id");
  // The other text columns are the input's own (stock codes such as 16014 coincide with customer
  // ids as numbers, and are products): no customer id column was copied anywhere else.
  const input = pl.readParquet(ORII, { columns: ["Invoice", "StockCode", "Country"] });
  for (
    const [column, source] of [["invoice_id", "Invoice"], ["product_id", "StockCode"], [
      "country",
      "Country",
    ]]
  ) {
    const allowed = new Set(input.getColumn(source).unique().toArray().map(String));
    const foreign = written.getColumn(column).unique().toArray()
      .filter((v) => v !== null && !allowed.has(String(v)));
    assert.deepEqual(foreign, [], `${column} holds values not in the input's ${source}`);
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("own data: the same keys in customer-lens.json in the working directory", () => {
  const w = workspace();
  Deno.writeTextFileSync(
    join(w.dir, "customer-lens.json"),
    JSON.stringify({
      transactions: "data/sales.csv",
      "as-of": "2024-07-01",
      columns: w.mapping(SMALL_MAPPING),
      out: "lens",
      only: ["01", "03"],
      "min-cell": 5,
      "retention-months": 3,
      "prepare-only": true,
    }),
  );
  const run = analyze(w.dir, []);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /- Parts: 01, 03/);
  assert.match(run.stdout, /- Small-cell threshold: 5/);
  assert.match(run.stdout, /- Retention window: 3 months \(transactions before 2024-04-01 dropped/);
  assert.ok(exists(join(w.dir, "lens", "work", "transactions.parquet")));
  // a flag wins over the file; a bad key in the file is refused
  const flagged = analyze(w.dir, ["--as-of", "2024-13-01"]);
  assert.equal(flagged.code, 1);
  assert.match(flagged.stderr, /--as-of is not a date YYYY-MM-DD: "2024-13-01"/);
  Deno.writeTextFileSync(join(w.dir, "customer-lens.json"), JSON.stringify({ asof: "2024-07-01" }));
  const bad = analyze(w.dir, []);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /customer-lens.json as it has unknown keys: asof/);
  assert.equal(DEFAULT_MIN_CELL, LIB_DEFAULT_MIN_CELL);
  Deno.removeSync(w.dir, { recursive: true });
});
