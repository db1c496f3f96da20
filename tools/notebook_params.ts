/**
 * Preparing a notebook for a run on an analyst's own data, papermill's way: the code cell tagged
 * `parameters` declares every input with `let` (so a later cell may reassign it: the kernel runs
 * all cells in one scope, and `deno check` of the joined cells refuses a second `const`), and a
 * cell tagged `injected-parameters` is inserted right after it with the values of this run, so the
 * executed copy shows what was used. Parts that cannot run on the data are dropped, each run of
 * dropped cells replaced by a one-line note:
 *
 * - `teaching-data`: needs a bundled teaching set (Mall, Telco, CDNOW);
 * - `bundled-example`: quotes something specific to the bundled Online Retail (an invoice, a
 *   country, hard-coded counts);
 * - `needs-products`, `needs-description`, `needs-country`: needs that column, dropped when the
 *   data has none.
 *
 * @module
 */
import { SKIPPED_TAG } from "./report.ts";

/** A notebook's JSON (nbformat 4), as far as this module reads it. */
export interface NotebookJson {
  cells: CellJson[];
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}

/** A cell's JSON. */
export interface CellJson {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** The tag of the parameters cell (papermill's convention). */
export const PARAMETERS_TAG = "parameters";
/** The tag of the cell the runner inserts after it. */
export const INJECTED_TAG = "injected-parameters";

/** Tags naming a column the cell needs, and that column. */
export const COLUMN_TAGS: Readonly<Record<string, string>> = {
  "needs-products": "product_id",
  "needs-description": "description",
  "needs-country": "country",
};

/** Tags always dropped on own data. */
export const OWN_DATA_DROPPED = ["teaching-data", "bundled-example"] as const;

const text = (source: string | string[]) => Array.isArray(source) ? source.join("") : source;
const lines = (source: string) => source.split(/(?<=\n)/);

/** The names the parameters cell declares with `let` (or `const`, which cannot be overridden). */
export function declaredParameters(source: string): { name: string; reassignable: boolean }[] {
  return [...source.matchAll(/^(let|const|var)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => ({
    name: m[2],
    reassignable: m[1] !== "const",
  }));
}

/**
 * Whether a notebook can run on own data: a cell tagged `parameters` declares `TRANSACTIONS`
 * with `let` (else the notebook would analyse the bundled data whatever the runner injects).
 */
export function readsTransactionsParameter(notebook: NotebookJson): boolean {
  const cell = notebook.cells.find((c) => c.metadata.tags?.includes(PARAMETERS_TAG));
  if (cell === undefined) return false;
  return declaredParameters(text(cell.source)).some((d) =>
    d.name === "TRANSACTIONS" && d.reassignable
  );
}

/** What {@linkcode prepareNotebook} did. */
export interface PreparedNotebook {
  notebook: NotebookJson;
  /** The parameters injected (name to TypeScript expression). */
  injected: Record<string, string>;
  /** One line per run of dropped cells. */
  skipped: string[];
  /** Code cells left that analyse data (not imports, parameters or the environment table). */
  analysisCells: number;
}

function noteFor(tag: string, cells: CellJson[]): string {
  if (tag === "teaching-data") {
    const all = cells.map((c) => text(c.source)).join("\n");
    const set = /telco/i.test(all)
      ? "Telco"
      : /cdnow/i.test(all)
      ? "CDNOW"
      : /mall/i.test(all)
      ? "Mall customers"
      : "teaching";
    return `Skipped: needs the bundled ${set} data`;
  }
  if (tag === "bundled-example") {
    return "Skipped: an example specific to the bundled Online Retail data";
  }
  const column = COLUMN_TAGS[tag];
  return `Skipped: needs a ${column} column, which your data does not map`;
}

/**
 * Prepares a notebook for an own-data run: injects the parameter values after the cell tagged
 * `parameters` and drops the parts tagged for data the run does not have.
 *
 * @param notebook The notebook JSON; not modified.
 * @param options `values`: parameter name to a TypeScript expression (only names the parameters
 * cell declares are injected); `columns`: the canonical columns the data has; `note`: a markdown
 * note put after the title.
 * @returns The prepared notebook and what was injected and skipped.
 * @throws {Error} When the notebook has no cell tagged `parameters`, or a value targets a name
 * declared with `const`.
 */
export function prepareNotebook(
  notebook: NotebookJson,
  options: { values: Record<string, string>; columns: readonly string[]; note?: string },
): PreparedNotebook {
  const nb = structuredClone(notebook);
  const index = nb.cells.findIndex((c) => c.metadata.tags?.includes(PARAMETERS_TAG));
  if (index < 0) {
    throw new Error("Cannot prepare the notebook as no cell is tagged `parameters`");
  }
  const declared = declaredParameters(text(nb.cells[index].source));
  const injected: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.values)) {
    const found = declared.find((d) => d.name === name);
    if (found === undefined) continue;
    if (!found.reassignable) {
      throw new Error(
        `Cannot inject parameter ${name} as the parameters cell declares it with const`,
      );
    }
    injected[name] = value;
  }
  const names = Object.keys(injected);
  const injectedCell: CellJson = {
    id: "injected-parameters",
    cell_type: "code",
    execution_count: null,
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source: lines(
      "// Injected by deno task analyze: the values of this run, overriding the parameters above.\n" +
        (names.includes("TRANSACTIONS")
          ? "// TRANSACTIONS: the report's work/transactions.parquet, read from its staging folder.\n"
          : "") +
        names.map((n) => `${n} = ${injected[n]};\n`).join("") +
        `({ ${names.join(", ")} })`,
    ),
  };
  const dropped = new Set<string>(OWN_DATA_DROPPED);
  for (const [tag, column] of Object.entries(COLUMN_TAGS)) {
    if (!options.columns.includes(column)) dropped.add(tag);
  }
  const cells: CellJson[] = [];
  const skipped: string[] = [];
  let run: { tag: string; cells: CellJson[] } | undefined;
  const flush = () => {
    if (run === undefined) return;
    const note = noteFor(run.tag, run.cells);
    skipped.push(note);
    cells.push({
      id: `skipped-part-${skipped.length}`,
      cell_type: "markdown",
      metadata: { tags: [SKIPPED_TAG] },
      source: [`_${note}._`],
    });
    run = undefined;
  };
  nb.cells.forEach((cell, i) => {
    const tag = (cell.metadata.tags ?? []).find((t) => dropped.has(t));
    if (tag !== undefined) {
      if (run !== undefined && run.tag !== tag) flush();
      run ??= { tag, cells: [] };
      run.cells.push(cell);
      return;
    }
    flush();
    cells.push(cell);
    if (i === index && names.length > 0) cells.push(injectedCell);
  });
  flush();
  if (options.note !== undefined) {
    const title = cells.findIndex((c) => c.cell_type === "markdown");
    cells.splice(title + 1, 0, {
      id: "own-data-note",
      cell_type: "markdown",
      metadata: { tags: ["own-data-note"] },
      source: lines(options.note),
    });
  }
  nb.cells = cells;
  nb.metadata = { ...nb.metadata, customer_lens: { parameters: injected, skipped } };
  const analysisCells = cells.filter((c) => {
    if (c.cell_type !== "code") return false;
    const tags = c.metadata.tags ?? [];
    if (tags.includes(PARAMETERS_TAG) || tags.includes(INJECTED_TAG)) return false;
    const source = text(c.source).trim();
    return source !== "" && !source.startsWith("import ") &&
      !/^showTable\(environmentTable\(\)\);?$/.test(source);
  }).length;
  return { notebook: nb, injected, skipped, analysisCells };
}
