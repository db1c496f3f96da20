/**
 * `deno task analyze --transactions PATH --as-of DATE ...`: the analyst's-own-data half of the
 * analyze command (issue 14), given the options `tools/analyze_args.ts` parsed. Validates
 * everything before anything is written (the data, the mapping, personal data, the output folder,
 * the key), then applies the governance rules (erasure, retention, pseudonymisation, data
 * minimisation), writes the validated dataset as Parquet, runs every applicable notebook on it
 * (parameters injected, parts needing other data skipped: see `tools/notebook_params.ts`), hides
 * small customer counts, and writes the report with its governance section: whole or not at all.
 *
 * @module
 */
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import pl from "nodejs-polars";
import type { DataFrame } from "../lib/core/frame.ts";
import {
  applyMapping,
  type ColumnMapping,
  mappedColumns,
  readMapping,
  readTransactionFiles,
  type TransactionFile,
} from "../lib/io/column_mapping.ts";
import { TRANSACTION_COLUMNS } from "../lib/io/read_transactions.ts";
import {
  detectPersonalData,
  forgetCustomers,
  type LoadedKey,
  loadKey,
  PSEUDONYM_HEX_LENGTH,
  pseudonymize,
  retainRecent,
} from "../lib/governance/mod.ts";
import { environmentTable } from "../lib/util/environment.ts";
import { type OwnDataOptions, userCwd } from "./analyze_args.ts";
import { executeNotebooks, listNotebooks, NOTEBOOK_DIR, pythonPath } from "./jupyter.ts";
import {
  type NotebookJson,
  prepareNotebook,
  readsTransactionsParameter,
} from "./notebook_params.ts";
import { escapeHtml, exportsList, inline, notebookSection, reportPage } from "./report.ts";
import {
  COUNT_COLUMN_PATTERN,
  MIN_CELL_ENV,
  suppressCountColumns,
  SUPPRESSION_LOG_ENV,
} from "../lib/display/small_cells.ts";
import { exportCsv } from "../lib/io/export_csv.ts";

/** The marker file that makes a folder a Customer Lens report (safe to replace). */
export const REPORT_MARKER = ".customer-lens-report";

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The canonical names present in a file, as a mapping (when no mapping file is given). */
function identityMapping(columns: readonly string[]): ColumnMapping {
  const keys = [...TRANSACTION_COLUMNS, "amount"].filter((c) => columns.includes(c));
  return readMapping(Object.fromEntries(keys.map((k) => [k, k])));
}

async function sha256(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Everything the governance summary reports. */
export interface GovernanceSummary {
  analysisDate: string;
  inputFiles: { path: string; bytes: number; sha256: string; rows: number }[];
  rowsRead: number;
  rowsDropped: { rule: string; rows: number }[];
  rowsKept: number;
  rowsWithoutCustomerId: number;
  rowsAfterAnalysisDate: number;
  columnsUsed: Record<string, string>;
  columnsNotRead: string[];
  personalDataFound: {
    column: string;
    kind: string;
    matches: number;
    sampled: number;
    treatment: string;
  }[];
  pseudonymisation: { on: boolean; method?: string; key?: string };
  erasure: { requested: number; found: number; notFound: number; rows: number } | null;
  retention: { months: number; cutoff: string; rows: number } | null;
  smallCells: {
    threshold: number;
    suppressed: number;
    reportTables: number;
    exports: { file: string; columns: string[]; suppressed: number }[];
  };
  notebooks: { name: string; status: "executed" | "skipped"; skipped: string[] }[];
  only: string[] | null;
  output: string;
  software: Record<string, string>;
  permissions: string;
}

const PERMISSIONS_NOTE =
  "The notebooks run in Deno's Jupyter kernel, which has no permission flags: it runs with all " +
  "permissions (files, network, subprocesses). `deno task analyze` itself runs without network " +
  "access (no --allow-net).";

/**
 * Validates an own-data run and, when everything passes, writes the prepared dataset and the
 * governance summary. Nothing is written (not even the key file) when validation fails.
 *
 * @param options The parsed options.
 * @returns The process exit code.
 */
export async function runOwnData(options: OwnDataOptions): Promise<number> {
  const errors: string[] = [];
  const fail = () => {
    console.error("Validation failed; nothing was written:");
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  };
  // 1. Paths
  let inputInfo: Deno.FileInfo | undefined;
  try {
    inputInfo = Deno.statSync(options.transactions);
  } catch {
    errors.push(`Cannot read the transactions as the path does not exist: ${options.transactions}`);
  }
  // A folder of files is one dataset: a report inside it would be read as input next time. (A
  // single file's folder is no such dataset: a report beside the file is fine.)
  const inputDir = inputInfo?.isDirectory ? options.transactions : undefined;
  if (inputInfo !== undefined) {
    if (inputDir !== undefined && inside(options.out, inputDir)) {
      errors.push(
        `Cannot write the report as the output folder is inside the input folder: ${options.out} (input ${inputDir}); choose a folder elsewhere`,
      );
    } else if (inside(options.transactions, options.out)) {
      errors.push(
        `Cannot write the report as the input lies inside the output folder, which is replaced: ${options.transactions} (output ${options.out})`,
      );
    }
  }
  try {
    const entries = [...Deno.readDirSync(options.out)].map((e) => e.name);
    if (entries.length > 0 && !entries.includes(REPORT_MARKER)) {
      errors.push(
        `Cannot write the report as the output folder exists, is not empty and is not a Customer Lens report: ${options.out} (choose a new or empty folder)`,
      );
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      errors.push(`Cannot write the report as the output folder is not readable: ${options.out}`);
    }
  }
  if (options.notebooks !== false) {
    try {
      pythonPath();
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  // 2. Mapping
  let mapping: ColumnMapping | undefined;
  if (options.columns !== undefined) {
    try {
      mapping = readMapping(Deno.readTextFileSync(options.columns));
    } catch (error) {
      errors.push(
        error instanceof Deno.errors.NotFound
          ? `Cannot read the column mapping as the file does not exist: ${options.columns}`
          : `${(error as Error).message} (${options.columns})`,
      );
    }
  }
  // 3. Erasure list
  let forgetIds: string[] | undefined;
  if (options.forget !== undefined) {
    try {
      forgetIds = Deno.readTextFileSync(options.forget).split(/\r?\n/).map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"));
      if (forgetIds.length === 0) {
        errors.push(`Cannot read the erasure list as it holds no ids: ${options.forget}`);
      }
    } catch {
      errors.push(`Cannot read the erasure list as the file is not readable: ${options.forget}`);
    }
  }
  if (errors.length > 0) return fail();
  // 4. The data: read, check for personal data, map
  let data: DataFrame;
  let files: readonly TransactionFile[];
  let allColumns: string[];
  const personal: GovernanceSummary["personalDataFound"] = [];
  try {
    const read = readTransactionFiles(options.transactions, { delimiter: mapping?.delimiter });
    files = read.files;
    allColumns = read.data.columns;
    mapping ??= identityMapping(allColumns);
    const used = Object.values(mappedColumns(mapping));
    const dropped = mapping.drop ?? [];
    const unknownDrop = dropped.filter((d) => !allColumns.includes(d));
    if (unknownDrop.length > 0) {
      errors.push(
        `Cannot apply the column mapping as "drop" names columns the file does not have: ${
          unknownDrop.join(", ")
        }`,
      );
    }
    const found = detectPersonalData(read.data).toRecords();
    for (const row of found) {
      const column = String(row.column);
      const treatment = column === mapping.customer_id
        ? "mapped as customer_id: pseudonymised"
        : used.includes(column)
        ? "mapped: read into the analysis"
        : dropped.includes(column)
        ? "dropped (listed in the mapping's drop)"
        : "refused";
      personal.push({
        column,
        kind: String(row.kind),
        matches: Number(row.matches),
        sampled: Number(row.sampled),
        treatment,
      });
      if (treatment === "refused") {
        errors.push(
          `Cannot use the data as column "${column}" looks like personal data (${row.kind}: ${row.matches} of ${row.sampled} sampled values, e.g. ${row.example}): map it, or list it in the mapping's "drop" to leave it out`,
        );
      }
    }
    // applyMapping keeps only the mapped columns (data minimisation).
    data = applyMapping(read.data, mapping);
  } catch (error) {
    errors.push((error as Error).message);
    return fail();
  }
  if (errors.length > 0) return fail();
  if (data.getColumn("customer_id").nullCount() === data.height) {
    errors.push(
      `Cannot use the data as column "${mapping.customer_id}" (customer_id) holds no id in any of ${data.height} rows`,
    );
    return fail();
  }
  // 5. The key, last: creating it is the first write.
  let key: LoadedKey | undefined;
  if (options.pseudonymize) {
    try {
      key = loadKey();
    } catch (error) {
      errors.push((error as Error).message);
      return fail();
    }
  }
  // 6. Governance rules, in order: erasure, retention, pseudonymisation.
  const rowsRead = data.height;
  const rowsDropped: GovernanceSummary["rowsDropped"] = [];
  let erasure: GovernanceSummary["erasure"] = null;
  if (forgetIds !== undefined) {
    const result = forgetCustomers(data, { ids: forgetIds });
    data = result.data;
    erasure = {
      requested: forgetIds.length,
      found: result.idsFound,
      notFound: result.idsNotFound,
      rows: result.rowsDropped,
    };
    rowsDropped.push({ rule: "erasure (--forget)", rows: result.rowsDropped });
  }
  let retention: GovernanceSummary["retention"] = null;
  if (options.retentionMonths !== undefined) {
    const result = retainRecent(data, {
      months: options.retentionMonths,
      asOf: `${options.asOf}T00:00:00Z`,
    });
    data = result.data;
    retention = {
      months: options.retentionMonths,
      cutoff: result.cutoff.toISOString().slice(0, 10),
      rows: result.rowsDropped,
    };
    rowsDropped.push({
      rule: `retention (older than ${options.retentionMonths} months)`,
      rows: result.rowsDropped,
    });
  }
  if (key !== undefined) data = await pseudonymize(data, { key: key.key });
  // Rows dated on or after the analysis date: the notebooks measure everything up to midnight at
  // its start (as the bundled data's AS_OF is the day after its last invoice).
  const asOfMidnight = new Date(`${options.asOf}T00:00:00Z`);
  const afterRows = data.filter(pl.col("invoice_date").gtEq(pl.lit(asOfMidnight))).height;
  if (afterRows > 0) {
    data = data.filter(pl.col("invoice_date").lt(pl.lit(asOfMidnight)));
  }
  rowsDropped.push({ rule: "date (on or after the analysis date)", rows: afterRows });
  if (data.height === 0) {
    console.error(
      `Validation failed; nothing was written:\n  - Cannot run the analysis as no transaction is dated before the analysis date ${options.asOf}`,
    );
    return 1;
  }
  // 7. Write: staging folder, then swap.
  const staging = join(dirname(options.out), `.${basename(options.out)}.staging-${Deno.pid}`);
  const parquet = join(options.out, "work", "transactions.parquet");
  const summary: GovernanceSummary = {
    analysisDate: options.asOf,
    inputFiles: await Promise.all(files.map(async (f) => ({
      path: f.path,
      bytes: Deno.statSync(f.path).size,
      sha256: await sha256(f.path),
      rows: f.rows,
    }))),
    rowsRead,
    rowsDropped,
    rowsKept: data.height,
    rowsWithoutCustomerId: data.getColumn("customer_id").nullCount(),
    rowsAfterAnalysisDate: afterRows,
    columnsUsed: mappedColumns(mapping),
    columnsNotRead: allColumns.filter((c) => !Object.values(mappedColumns(mapping!)).includes(c)),
    personalDataFound: personal,
    pseudonymisation: key === undefined ? { on: false } : {
      on: true,
      method: `HMAC-SHA256 of the normalised id, first ${PSEUDONYM_HEX_LENGTH} hex characters`,
      key: key.source === "env" ? `environment variable ${key.location}` : key.location,
    },
    erasure,
    retention,
    smallCells: { threshold: options.minCell, suppressed: 0, reportTables: 0, exports: [] },
    only: options.only ?? null,
    notebooks: [],
    output: parquet,
    software: Object.fromEntries(
      environmentTable().toRecords().map((r) => [String(r.component), String(r.version)]),
    ),
    permissions: PERMISSIONS_NOTE,
  };
  const prepared: string[] = [];
  // Said before the notebooks run: the key is kept even when a notebook fails.
  if (key?.created) console.error(key.note);
  try {
    Deno.mkdirSync(join(staging, "work"), { recursive: true });
    data.writeParquet(join(staging, "work", "transactions.parquet"));
    Deno.writeTextFileSync(join(staging, REPORT_MARKER), "Customer Lens report folder\n");
    if (options.notebooks !== false) {
      runNotebooks(options, staging, data.columns, summary, prepared);
    }
    Deno.writeTextFileSync(
      join(staging, "governance.json"),
      JSON.stringify(summary, null, 1) + "\n",
    );
    Deno.writeTextFileSync(join(staging, "governance.md"), formatSummary(summary));
    if (options.notebooks !== false) {
      Deno.writeTextFileSync(join(staging, "index.html"), ownReportHtml(summary, staging));
    }
    try {
      Deno.removeSync(options.out, { recursive: true });
    } catch {
      // first run
    }
    Deno.mkdirSync(dirname(options.out), { recursive: true });
    Deno.renameSync(staging, options.out);
  } catch (error) {
    try {
      Deno.removeSync(staging, { recursive: true });
    } catch {
      // nothing to remove
    }
    console.error(`Cannot write the report: ${(error as Error).message}`);
    console.error(`The report was not written; ${options.out} is unchanged.`);
    return 1;
  } finally {
    for (const path of prepared) {
      try {
        Deno.removeSync(path);
      } catch {
        // already gone
      }
    }
  }
  if (key === undefined) {
    console.error(
      "WARNING: pseudonymisation is OFF (--no-pseudonymize): the prepared data and every export hold the raw customer ids.",
    );
  }
  console.log(formatSummary(summary));
  if (options.notebooks === false) {
    console.error(
      "Prepared the data only (no notebooks run); written to " +
        `${relative(userCwd(), parquet) || parquet}.`,
    );
  } else {
    console.log(`Report written: ${join(options.out, "index.html")}`);
  }
  return 0;
}

/** Bundled dates of the notebooks' parameters, kept at the same distance from the analysis date. */
const BUNDLED_AS_OF = Date.parse("2011-12-10T00:00:00Z");
const BUNDLED_DATES: Readonly<Record<string, string>> = {
  CUTOFF: "2011-09-01",
  EARLY_CUTOFF: "2011-06-01",
  RETAIL_CALIBRATION_END: "2011-09-10",
};

/**
 * The parameter values of an own-data run, as TypeScript expressions: the prepared data, the
 * analysis date, and the notebooks' other dates (the churn cutoff, the early cutoff, the CLV
 * calibration end) at the same distance before the analysis date as in the bundled run.
 */
export function injectedValues(transactions: string, asOf: string): Record<string, string> {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const date = (ms: number) => `new Date("${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z")`;
  const values: Record<string, string> = {
    TRANSACTIONS: JSON.stringify(transactions),
    AS_OF: date(asOfMs),
  };
  for (const [name, bundled] of Object.entries(BUNDLED_DATES)) {
    values[name] = date(asOfMs - (BUNDLED_AS_OF - Date.parse(`${bundled}T00:00:00Z`)));
  }
  return values;
}

/** Prepares, executes and post-processes the notebooks into the staging folder. */
function runNotebooks(
  options: OwnDataOptions,
  staging: string,
  columns: readonly string[],
  summary: GovernanceSummary,
  prepared: string[],
): void {
  pythonPath();
  const parquet = join(staging, "work", "transactions.parquet");
  const values = injectedValues(parquet, options.asOf);
  const note = [
    `**Run on your data** by \`deno task analyze\` (analysis date ${options.asOf}; customer ids ${
      summary.pseudonymisation.on ? "pseudonymised" : "NOT pseudonymised"
    }; counts of fewer than ${options.minCell} customers hidden in tables and exports).`,
    "The prose between the cells was written for the bundled Online Retail data: read the",
    "numbers in the outputs, not in the text. Parts that need data yours does not have are",
    "skipped with a one-line note; the cell after the parameters shows the values used.",
  ].join("\n");
  const notebooks = listNotebooks().filter((path) =>
    options.only === undefined || options.only.includes(basename(path).slice(0, 2))
  );
  const pairs: [string, string][] = [];
  for (const path of notebooks) {
    const name = basename(path, ".ipynb");
    const json = JSON.parse(Deno.readTextFileSync(path)) as NotebookJson;
    if (!readsTransactionsParameter(json)) {
      // Without a TRANSACTIONS parameter it would analyse the bundled data: never run it here.
      summary.notebooks.push({
        name,
        status: "skipped",
        skipped: ["Skipped: not parameterised for your own data yet (no TRANSACTIONS parameter)"],
      });
      continue;
    }
    const result = prepareNotebook(json, {
      values,
      columns,
      note,
    });
    if (result.analysisCells === 0) {
      summary.notebooks.push({ name, status: "skipped", skipped: result.skipped });
      continue;
    }
    // Beside the committed notebooks: the kernel runs in the notebook's folder, where
    // `../lib/mod.ts` resolves.
    const input = join(NOTEBOOK_DIR, `.analyze-${Deno.pid}-${name}.ipynb`);
    Deno.writeTextFileSync(input, JSON.stringify(result.notebook, null, 1) + "\n");
    prepared.push(input);
    pairs.push([input, join(staging, "notebooks", `${name}.ipynb`)]);
    summary.notebooks.push({ name, status: "executed", skipped: result.skipped });
  }
  if (pairs.length === 0) {
    throw new Error("no notebook part applies to this data");
  }
  Deno.mkdirSync(join(staging, "notebooks"), { recursive: true });
  Deno.mkdirSync(join(staging, "thumbs"), { recursive: true });
  const log = join(staging, "work", "suppressed.jsonl");
  Deno.env.set("CUSTOMER_LENS_OUT", join(staging, "exports"));
  Deno.env.set(MIN_CELL_ENV, String(options.minCell));
  Deno.env.set(SUPPRESSION_LOG_ENV, log);
  const started = performance.now();
  console.error(`Executing ${pairs.length} notebooks on your data, two at a time...`);
  const failed = executeNotebooks(pairs, { progress: true, jobs: 2, htmlDir: staging });
  if (failed.length > 0) {
    throw new Error(
      `a cell failed in ${
        failed.map((f) => basename(f).replace(/^\.analyze-\d+-/, "")).join(", ")
      } (see the messages above)`,
    );
  }
  console.error(
    `Notebooks executed and rendered in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  let reportCells = 0;
  let reportTables = 0;
  try {
    for (const line of Deno.readTextFileSync(log).split("\n").filter((l) => l !== "")) {
      const entry = JSON.parse(line);
      reportTables++;
      reportCells += entry.primary + entry.secondary;
    }
  } catch {
    // no table counted customers
  }
  const exports = suppressExports(join(staging, "exports"), options.minCell);
  summary.smallCells = {
    threshold: options.minCell,
    suppressed: reportCells + exports.reduce((s, e) => s + e.suppressed, 0),
    reportTables,
    exports,
  };
}

/**
 * Hides small customer counts in the exported aggregates (tables without a customer_id column
 * whose count columns are named like customers/count/size/*_customers), rewriting each file whole.
 */
export function suppressExports(
  dir: string,
  threshold: number,
): { file: string; columns: string[]; suppressed: number }[] {
  const done: { file: string; columns: string[]; suppressed: number }[] = [];
  let files: string[];
  try {
    files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((f) => f.endsWith(".csv"))
      .filter((f) => !f.startsWith(".")).sort();
  } catch {
    return done;
  }
  for (const file of files) {
    // Read as text (so the file is rewritten as it was), and typed: counts as whole numbers,
    // other numeric-looking columns as floats (a hidden group's share and means are hidden too).
    const text = pl.readCSV(join(dir, file), { inferSchemaLength: 0 });
    const values = (c: string) => text.getColumn(c).toArray() as (string | null)[];
    const typed = text.withColumns(
      ...text.columns.flatMap((c) => {
        const all = values(c);
        if (COUNT_COLUMN_PATTERN.test(c) && all.every((v) => v !== null && /^\d+$/.test(v))) {
          return [pl.col(c).cast(pl.Int64)];
        }
        const numeric = all.every((v) =>
          v === null || (v.trim() !== "" && Number.isFinite(Number(v)))
        );
        return numeric && all.some((v) => v !== null) ? [pl.col(c).cast(pl.Float64)] : [];
      }),
    );
    const result = suppressCountColumns(typed, { threshold });
    if (result.columns.length === 0) continue;
    const hidden = text.withColumns(
      ...Object.entries(result.hidden).map(([c, rows]) =>
        pl.Series(c, values(c).map((v, i) => (rows.includes(i) ? null : v)), pl.Utf8)
      ),
    );
    exportCsv(hidden, { file, dir });
    done.push({
      file,
      columns: [...result.columns],
      suppressed: result.primary + result.secondary,
    });
  }
  return done;
}

/** The report page of an own-data run, with the governance section. */
function ownReportHtml(s: GovernanceSummary, staging: string): string {
  const sections: string[] = [];
  for (const nb of s.notebooks) {
    if (nb.status !== "executed") continue;
    const executed = join(staging, "notebooks", `${nb.name}.ipynb`);
    sections.push(
      notebookSection(executed, executed, join(staging, "thumbs"), { bullets: false }),
    );
  }
  const skipped = s.notebooks.filter((n) => n.status === "skipped");
  return reportPage(
    `<p>The notebooks executed on your data (${
      s.inputFiles.map((f) => escapeHtml(basename(f.path))).join(", ")
    }), analysis date ${s.analysisDate}, generated ${new Date().toISOString().slice(0, 10)}.</p>
<p>Each notebook's first charts; follow a title for the whole notebook. The prose inside the
notebooks was written for the bundled Online Retail data: read the numbers in the outputs.</p>
${sections.join("\n")}
${
      skipped.length > 0
        ? `<h2>Parts not run</h2>\n<ul>\n${
          skipped.map((n) =>
            `<li>${escapeHtml(n.name)}: ${escapeHtml([...new Set(n.skipped)].join("; "))}</li>`
          ).join("\n")
        }\n</ul>`
        : ""
    }
${exportsList(staging)}
<section id="governance">
${governanceHtml(s)}
</section>`,
  );
}

/** The governance summary as HTML (the Markdown of {@linkcode formatSummary}, converted). */
function governanceHtml(s: GovernanceSummary): string {
  const items: { text: string; children: string[] }[] = [];
  for (const line of formatSummary(s).split("\n").slice(1)) {
    if (line.trim() === "") continue;
    if (line.startsWith("  - ") && items.length > 0) {
      items[items.length - 1].children.push(line.slice(4));
    } else {
      items.push({ text: line.replace(/^- /, ""), children: [] });
    }
  }
  return [
    "<h2>Governance</h2>",
    "<ul>",
    ...items.map((item) =>
      `<li>${inline(item.text)}${
        item.children.length === 0
          ? ""
          : `<ul>${item.children.map((c) => `<li>${inline(c)}</li>`).join("")}</ul>`
      }</li>`
    ),
    "</ul>",
  ].join("\n");
}

const fmtInt = (n: number) => n.toLocaleString("en-US");

/** The governance summary as Markdown. */
export function formatSummary(s: GovernanceSummary): string {
  const lines = [
    "## Governance",
    "",
    `- Analysis date: ${s.analysisDate}`,
    "- Input files:",
    ...s.inputFiles.map((f) =>
      `  - ${f.path} (${fmtInt(f.bytes)} bytes, ${fmtInt(f.rows)} rows, sha256 ${f.sha256})`
    ),
    `- Rows read: ${fmtInt(s.rowsRead)}`,
    ...s.rowsDropped.map((d) => `- Rows dropped by ${d.rule}: ${fmtInt(d.rows)}`),
    `- Rows kept: ${fmtInt(s.rowsKept)} (of which ${
      fmtInt(s.rowsWithoutCustomerId)
    } without a customer id: the notebooks' cleaning decides about them)`,
    `- Columns used: ${Object.entries(s.columnsUsed).map(([k, v]) => `${k} <- "${v}"`).join(", ")}`,
    `- Columns not read (data minimisation): ${
      s.columnsNotRead.length === 0 ? "none" : s.columnsNotRead.map((c) => `"${c}"`).join(", ")
    }`,
    `- Personal data found by content: ${
      s.personalDataFound.length === 0
        ? "none"
        : s.personalDataFound.map((p) =>
          `"${p.column}" (${p.kind}, ${p.matches} of ${p.sampled} sampled; ${p.treatment})`
        ).join("; ")
    }`,
    s.pseudonymisation.on
      ? `- Pseudonymisation: on (${s.pseudonymisation.method}; key from ${s.pseudonymisation.key})`
      : "- Pseudonymisation: OFF (--no-pseudonymize): raw customer ids are kept",
    s.erasure === null
      ? "- Erasure: none requested"
      : `- Erasure: ${s.erasure.requested} ids requested, ${s.erasure.found} found, ${s.erasure.notFound} not found; ${
        fmtInt(s.erasure.rows)
      } rows removed`,
    s.retention === null
      ? "- Retention window: none"
      : `- Retention window: ${s.retention.months} months (transactions before ${s.retention.cutoff} dropped: ${
        fmtInt(s.retention.rows)
      } rows)`,
    `- Small-cell threshold: ${s.smallCells.threshold}; suppressed cells: ${
      fmtInt(s.smallCells.suppressed)
    } (${s.smallCells.reportTables} report tables counting customers checked; exports: ${
      s.smallCells.exports.length === 0
        ? "no exported aggregate counts customers"
        : s.smallCells.exports.map((e) => `${e.file} ${e.suppressed}`).join(", ")
    })`,
    ...s.notebooks.map((n) =>
      `- Notebook ${n.name}: ${n.status}${
        n.skipped.length > 0 ? ` (${[...new Set(n.skipped)].join("; ")})` : ""
      }`
    ),
    `- Parts: ${s.only === null ? "all" : s.only.join(", ")}`,
    `- Prepared data: ${s.output}`,
    `- Software: ${Object.entries(s.software).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    `- Permissions: ${s.permissions}`,
    "",
  ];
  return lines.join("\n");
}
