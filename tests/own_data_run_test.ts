/**
 * `deno task analyze --transactions ...` runs the notebooks on an analyst's own data (issue 14):
 * parameters injected after the cell tagged `parameters` (papermill's convention), parts that need
 * the bundled teaching sets or a missing column skipped with a note, small customer counts hidden,
 * and a report with a governance section. The last test runs the whole command on Online Retail
 * II with the shipped mapping.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { listNotebooks, ROOT } from "../tools/jupyter.ts";
import {
  declaredParameters,
  INJECTED_TAG,
  type NotebookJson,
  PARAMETERS_TAG,
  prepareNotebook,
  readsTransactionsParameter,
} from "../tools/notebook_params.ts";
import { injectedValues, suppressExports } from "../tools/own_data.ts";
import { SKIPPED_TAG } from "../tools/report.ts";

const ORII = "/work/shared/datasets/online-retail-ii/online_retail_II_2009-2010.parquet";
const MAPPING = join(ROOT, "examples", "online_retail_ii.mapping.json");
const KNOWN_TAGS = [
  PARAMETERS_TAG,
  "teaching-data",
  "bundled-example",
  "needs-products",
  "needs-description",
  "needs-country",
];

const source = (cell: { source: string | string[] }) =>
  Array.isArray(cell.source) ? cell.source.join("") : cell.source;

// Notebooks 01-07 run on own data; a newer notebook is skipped by the runner (with a note) until
// its parameters cell declares TRANSACTIONS.
const OWN_DATA_NOTEBOOKS = listNotebooks().filter((p) => /^0[1-7]_/.test(basename(p)));

Deno.test("notebooks 01-07 have one parameters cell, reassignable, with TRANSACTIONS", () => {
  assert.equal(OWN_DATA_NOTEBOOKS.length, 7);
  for (const path of OWN_DATA_NOTEBOOKS) {
    const nb = JSON.parse(Deno.readTextFileSync(path)) as NotebookJson;
    const name = basename(path);
    const params = nb.cells.filter((c) => c.metadata.tags?.includes(PARAMETERS_TAG));
    assert.equal(params.length, 1, `${name}: one cell tagged parameters`);
    const declared = declaredParameters(source(params[0]));
    assert.ok(declared.length > 0, `${name}: parameters declared`);
    assert.deepEqual(declared.filter((d) => !d.reassignable).map((d) => d.name), [], name);
    assert.ok(declared.some((d) => d.name === "TRANSACTIONS"), `${name}: TRANSACTIONS`);
    assert.match(source(params[0]), /^let TRANSACTIONS: string \| null = null;$/m, name);
    assert.ok(readsTransactionsParameter(nb), name);
    for (const cell of nb.cells) {
      for (const tag of cell.metadata.tags ?? []) {
        assert.ok(KNOWN_TAGS.includes(tag), `${name}: unknown tag ${tag}`);
      }
      if (cell.cell_type === "code" && !cell.metadata.tags?.includes(PARAMETERS_TAG)) {
        assert.doesNotMatch(
          source(cell),
          /loadOnlineRetail\(/,
          `${name}: loads through TRANSACTIONS`,
        );
      }
    }
  }
});

function notebook(cells: [string, string, string[]?][]): NotebookJson {
  return {
    cells: cells.map(([type, text, tags]) => ({
      cell_type: type,
      source: text,
      metadata: tags === undefined ? {} : { tags },
      ...(type === "code" ? { outputs: [], execution_count: null } : {}),
    })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

Deno.test("prepareNotebook injects values after the parameters and drops the parts", () => {
  const nb = notebook([
    ["markdown", "# Title"],
    ["code", 'import { x } from "../lib/mod.ts";'],
    ["code", "let TRANSACTIONS: string | null = null;\nlet SEED = 42;\nlet K = 4;", ["parameters"]],
    ["markdown", "## Part 1: Mall customers", ["teaching-data"]],
    ["code", "const mall = loadMallCustomers();", ["teaching-data"]],
    ["code", "showTable(baskets)", ["needs-products"]],
    ["code", "showTable(rfm)"],
    ["code", "showTable(environmentTable())"],
  ]);
  const copy = structuredClone(nb);
  const result = prepareNotebook(nb, {
    values: { TRANSACTIONS: '"/data/t.parquet"', SEED: "7", NOT_DECLARED: "1" },
    columns: ["customer_id", "invoice_id", "invoice_date", "quantity", "unit_price"],
    note: "Run on your data.",
  });
  assert.deepEqual(nb, copy, "input unchanged");
  assert.deepEqual(result.injected, { TRANSACTIONS: '"/data/t.parquet"', SEED: "7" });
  const cells = result.notebook.cells;
  assert.deepEqual(cells.map((c) => c.metadata.tags?.[0] ?? c.cell_type), [
    "markdown",
    "own-data-note",
    "code",
    "parameters",
    INJECTED_TAG,
    SKIPPED_TAG,
    SKIPPED_TAG,
    "code",
    "code",
  ]);
  assert.match(source(cells[4]), /^TRANSACTIONS = "\/data\/t.parquet";$/m);
  assert.match(source(cells[4]), /^SEED = 7;$/m);
  assert.doesNotMatch(source(cells[4]), /NOT_DECLARED/);
  assert.equal(source(cells[5]), "_Skipped: needs the bundled Mall customers data._");
  assert.equal(
    source(cells[6]),
    "_Skipped: needs a product_id column, which your data does not map._",
  );
  assert.equal(result.analysisCells, 1);
  // with a product column, the basket cell stays
  const withProducts = prepareNotebook(nb, {
    values: {},
    columns: ["customer_id", "product_id"],
  });
  assert.equal(withProducts.analysisCells, 2);
  assert.equal(withProducts.skipped.length, 1);
  assert.ok(!withProducts.notebook.cells.some((c) => c.metadata.tags?.includes(INJECTED_TAG)));
  // a const parameter cannot be overridden
  const constant = notebook([["code", "const SEED = 42;", ["parameters"]]]);
  assert.throws(
    () => prepareNotebook(constant, { values: { SEED: "1" }, columns: [] }),
    /declares it with const/,
  );
  assert.throws(
    () => prepareNotebook(notebook([["code", "let A = 1;"]]), { values: {}, columns: [] }),
    /no cell is tagged `parameters`/,
  );
  // only a notebook whose parameters declare TRANSACTIONS can run on own data
  assert.ok(readsTransactionsParameter(nb));
  assert.ok(!readsTransactionsParameter(constant));
  assert.ok(!readsTransactionsParameter(notebook([["code", "let TRANSACTIONS = null;"]])));
});

Deno.test("the notebooks' dates keep their distance from the analysis date", () => {
  const values = injectedValues("/r/work/t.parquet", "2010-12-10");
  assert.deepEqual(values, {
    TRANSACTIONS: '"/r/work/t.parquet"',
    AS_OF: 'new Date("2010-12-10T00:00:00Z")',
    // bundled: 2011-12-10 and 2011-09-01, 100 days apart
    CUTOFF: 'new Date("2010-09-01T00:00:00Z")',
    EARLY_CUTOFF: 'new Date("2010-06-01T00:00:00Z")',
    RETAIL_CALIBRATION_END: 'new Date("2010-09-10T00:00:00Z")',
  });
});

Deno.test("suppressExports hides small counts in exported aggregates only", () => {
  const dir = Deno.makeTempDirSync({ prefix: "lens-exports-" });
  try {
    Deno.writeTextFileSync(
      join(dir, "segment_summary.csv"),
      "segment,customers,monetary\nA,120,5.5\nB,3,2.5\nC,40,1\n",
    );
    Deno.writeTextFileSync(join(dir, "contacts.csv"), "customer_id,count\nab12,3\ncd34,1\n");
    const done = suppressExports(dir, 10);
    assert.deepEqual(done, [{
      file: "segment_summary.csv",
      columns: ["customers"],
      suppressed: 2,
    }]);
    const summary = pl.readCSV(join(dir, "segment_summary.csv"));
    assert.deepEqual(summary.getColumn("customers").toArray(), [120, null, null]);
    // the hidden groups' other numbers go with them; the rest is written as it was
    assert.deepEqual(summary.getColumn("monetary").toArray(), [5.5, null, null]);
    assert.deepEqual(summary.getColumn("segment").toArray(), ["A", "B", "C"]);
    assert.equal(
      Deno.readTextFileSync(join(dir, "contacts.csv")),
      "customer_id,count\nab12,3\ncd34,1\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// The whole command on Online Retail II (525,461 lines, its own column names): every notebook that
// takes transactions (10 has no TRANSACTIONS parameter yet and is skipped with a note).
const ONLY = Deno.env.get("CUSTOMER_LENS_TEST_ONLY") ?? "01,02,03,04,05,06,07,08";

Deno.test({
  name: `own data: the whole analysis on Online Retail II (parts ${ONLY})`,
  ignore: (() => {
    try {
      Deno.statSync(ORII);
      return false;
    } catch {
      return true;
    }
  })(),
  fn: () => {
    const dir = Deno.makeTempDirSync({ prefix: "lens-orii-run-" });
    const out = join(dir, "report");
    try {
      const run = new Deno.Command(Deno.execPath(), {
        args: [
          "task",
          "--quiet",
          "--config",
          join(ROOT, "deno.json"),
          "analyze",
          "--transactions",
          ORII,
          "--columns",
          MAPPING,
          "--as-of",
          "2010-12-10",
          "--out",
          "report",
          "--only",
          ONLY,
        ],
        cwd: dir,
        // INIT_CWD: `deno task` keeps an inherited one, and relative paths resolve against it.
        env: { NO_COLOR: "1", CUSTOMER_LENS_KEY: "fedcba9876543210".repeat(4), INIT_CWD: dir },
        stdout: "piped",
        stderr: "piped",
      }).outputSync();
      const stderr = new TextDecoder().decode(run.stderr);
      assert.equal(run.code, 0, stderr.split("\n").slice(-40).join("\n"));
      const parts = ONLY.split(",");
      // every applicable notebook executed, without an error, with the values used shown
      const executed = [...Deno.readDirSync(join(out, "notebooks"))].map((e) => e.name).sort();
      assert.deepEqual(executed.map((n) => n.slice(0, 2)), parts);
      const notes: string[] = [];
      for (const file of executed) {
        const nb = JSON.parse(Deno.readTextFileSync(join(out, "notebooks", file))) as NotebookJson;
        const outputs = nb.cells.flatMap((c) => (c.outputs ?? []) as { output_type: string }[]);
        assert.equal(outputs.filter((o) => o.output_type === "error").length, 0, file);
        for (const cell of nb.cells) {
          if (cell.cell_type === "code" && source(cell).trim() !== "") {
            assert.notEqual(cell.execution_count, null, `${file}: a cell did not run`);
          }
        }
        const injected = nb.cells.find((c) => c.metadata.tags?.includes(INJECTED_TAG));
        assert.ok(injected, `${file}: injected parameters`);
        // the analysis date, or (notebook 01, which has no AS_OF) its churn cutoff 100 days before
        assert.match(
          source(injected),
          /AS_OF = new Date\("2010-12-10T00:00:00Z"\)|CUTOFF = new Date\("2010-09-01T00:00:00Z"\)/,
        );
        assert.ok((injected.outputs ?? []).length > 0, `${file}: the values used are shown`);
        notes.push(
          ...nb.cells.filter((c) => c.metadata.tags?.includes(SKIPPED_TAG)).map(source),
        );
        assert.ok(Deno.statSync(join(out, file.replace(/\.ipynb$/, ".html"))).isFile);
      }
      // the teaching parts are skipped with a note
      const expected: Record<string, string> = {
        "01": "Mall customers",
        "02": "Mall customers",
        "03": "Telco",
        "06": "CDNOW",
      };
      for (const part of parts) {
        if (expected[part] === undefined) continue;
        assert.ok(
          notes.includes(`_Skipped: needs the bundled ${expected[part]} data._`),
          `part ${part}: ${notes.join(" / ")}`,
        );
      }
      // the report, with its governance section
      const index = Deno.readTextFileSync(join(out, "index.html"));
      assert.match(index, /<section id="governance">/);
      for (
        const text of [
          "sha256 e92bcbbce1b7a1041ad79462879d4774bf050c7b8fee9f4eef89f09fb6330664",
          "Rows read: 525,461",
          "Columns used: customer_id &lt;- &quot;Customer ID&quot;",
          "Pseudonymisation: on (HMAC-SHA256",
          "Small-cell threshold: 10; suppressed cells:",
          "Erasure: none requested",
          "Analysis date: 2010-12-10",
          "nodejs-polars 0.25.2",
          "runs with all permissions",
        ]
      ) assert.ok(index.includes(text), `index.html lacks: ${text}`);
      const summary = JSON.parse(Deno.readTextFileSync(join(out, "governance.json")));
      assert.equal(summary.smallCells.threshold, 10);
      assert.ok(Number.isInteger(summary.smallCells.suppressed));
      assert.ok(summary.smallCells.reportTables > 0, "tables counting customers were checked");
      // no raw customer id in any export; pseudonyms only
      const raw = pl.readParquet(ORII, { columns: ["Customer ID"] }).getColumn("Customer ID")
        .dropNulls().unique().toArray().map((v) => String(v));
      const rawIds = new Set([...raw, ...raw.map((v) => `${v}.0`)]);
      const exports = [...Deno.readDirSync(join(out, "exports"))].map((e) => e.name)
        .filter((f) => f.endsWith(".csv"));
      assert.ok(exports.length > 0, "the notebooks exported files");
      let customerLevel = 0;
      for (const file of exports) {
        const table = pl.readCSV(join(out, "exports", file), { inferSchemaLength: 0 });
        if (table.columns.includes("customer_id")) {
          customerLevel++;
          const ids = table.getColumn("customer_id").dropNulls().toArray() as string[];
          assert.deepEqual(ids.filter((id) => !/^[0-9a-f]{16}$/.test(id)), [], file);
          assert.deepEqual(ids.filter((id) => rawIds.has(id)), [], `${file}: raw ids`);
        }
        // no exported customer count under the threshold (hidden counts are empty)
        for (
          const column of table.columns.filter((c) =>
            /^(customers|count|size|n|.*_customers)$/.test(c)
          )
        ) {
          if (table.columns.includes("customer_id")) continue;
          const small = (table.getColumn(column).toArray() as (string | null)[])
            .filter((v) => v !== null && /^\d+$/.test(v) && Number(v) > 0 && Number(v) < 10);
          assert.deepEqual(small, [], `${file}: ${column} has counts under 10`);
          // a hidden group's other numbers (its share, its means) are hidden with it
          const counts = table.getColumn(column).toArray() as (string | null)[];
          for (const other of table.columns) {
            const values = table.getColumn(other).toArray() as (string | null)[];
            if (!values.every((v) => v === null || Number.isFinite(Number(v)))) continue;
            const leaked = values.filter((v, i) => counts[i] === null && v !== null);
            assert.deepEqual(leaked, [], `${file}: ${other} shown for a hidden ${column}`);
          }
        }
      }
      assert.ok(customerLevel > 0, "customer-level exports were checked");
      if (parts.includes("02")) {
        // an exported aggregate: the RFM segment summary went through the small-cell check
        assert.ok(exports.includes("rfm_segment_summary.csv"));
        assert.ok(
          summary.smallCells.exports.some((e: { file: string }) =>
            e.file === "rfm_segment_summary.csv"
          ),
        );
      }
      // nothing left behind: no staging folder, no prepared notebook beside the committed ones
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["report"]);
      assert.deepEqual(
        [...Deno.readDirSync(join(ROOT, "notebooks"))].map((e) => e.name)
          .filter((n) => n.startsWith(".analyze-")),
        [],
      );
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
