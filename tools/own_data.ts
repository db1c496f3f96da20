/**
 * `deno task analyze --transactions PATH --as-of DATE ...`: the analyst's-own-data half of the
 * analyze command (issue 14), given the options `tools/analyze_args.ts` parsed. Validates
 * everything before anything is written (the data, the mapping, personal data, the output folder,
 * the key), then applies the governance rules (erasure, retention, pseudonymisation, data
 * minimisation) and writes the validated dataset as Parquet with a governance summary. Running the
 * notebooks on it is not wired yet.
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
  smallCells: { threshold: number; suppressed: string };
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
  // Rows dated after the analysis day (the as-of date is the last day included).
  const dayAfter = new Date(Date.parse(`${options.asOf}T00:00:00Z`) + 86_400_000);
  const after = data.filter(pl.col("invoice_date").gtEq(pl.lit(dayAfter))).height;
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
    rowsAfterAnalysisDate: after,
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
    smallCells: {
      threshold: options.minCell,
      suppressed: "not applied yet: no tables are produced until the notebooks run on this data",
    },
    only: options.only ?? null,
    output: parquet,
    software: Object.fromEntries(
      environmentTable().toRecords().map((r) => [String(r.component), String(r.version)]),
    ),
    permissions: PERMISSIONS_NOTE,
  };
  try {
    Deno.mkdirSync(join(staging, "work"), { recursive: true });
    data.writeParquet(join(staging, "work", "transactions.parquet"));
    Deno.writeTextFileSync(join(staging, REPORT_MARKER), "Customer Lens report folder\n");
    Deno.writeTextFileSync(
      join(staging, "governance.json"),
      JSON.stringify(summary, null, 1) + "\n",
    );
    Deno.writeTextFileSync(join(staging, "governance.md"), formatSummary(summary));
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
    return 1;
  }
  if (key?.created) console.error(key.note);
  if (key === undefined) {
    console.error(
      "WARNING: pseudonymisation is OFF (--no-pseudonymize): the prepared data holds the raw customer ids.",
    );
  }
  console.log(formatSummary(summary));
  console.error(
    "Note: running the notebooks on your own data is not wired yet; this run validated, " +
      "minimised and pseudonymised the data only (written to " +
      `${relative(userCwd(), parquet) || parquet}).`,
  );
  return 0;
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
    } without a customer id, ${
      fmtInt(s.rowsAfterAnalysisDate)
    } dated after the analysis date; the analysis decides about them)`,
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
    `- Small-cell threshold: ${s.smallCells.threshold}; suppressed cells: ${s.smallCells.suppressed}`,
    `- Parts: ${s.only === null ? "all" : s.only.join(", ")}`,
    `- Prepared data: ${s.output}`,
    `- Software: ${Object.entries(s.software).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    `- Permissions: ${s.permissions}`,
    "",
  ];
  return lines.join("\n");
}
