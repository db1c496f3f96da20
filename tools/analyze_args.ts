/**
 * The command line of `deno task analyze` (and the same keys in `customer-lens.json`), parsed and
 * checked without loading Polars, so the bundled run keeps its narrow start-up.
 *
 * @module
 */
import { isAbsolute, join, resolve } from "node:path";
import { NOTEBOOK_DIR } from "./jupyter.ts";

/** The small-cell threshold by default (the same as lib/governance's DEFAULT_MIN_CELL). */
export const DEFAULT_MIN_CELL = 10;

/** The configuration file read from the working directory. */
export const CONFIG_FILE = "customer-lens.json";

/** The options of an own-data run, resolved to absolute paths. */
export interface OwnDataOptions {
  transactions: string;
  asOf: string;
  columns?: string;
  out: string;
  only?: string[];
  pseudonymize: boolean;
  forget?: string;
  retentionMonths?: number;
  minCell: number;
  /** False with --prepare-only: validate and prepare the data, run no notebook. */
  notebooks?: boolean;
}

/** The result of parsing: the bundled run, an own-data run, or errors. */
export type ParsedArgs =
  | { mode: "bundled" }
  | { mode: "own"; options: OwnDataOptions }
  | { mode: "error"; errors: string[] };

const VALUE_FLAGS = [
  "transactions",
  "as-of",
  "columns",
  "out",
  "only",
  "forget",
  "retention-months",
  "min-cell",
] as const;

/** The usage text. */
export const USAGE = `Usage:
  deno task analyze                       run every notebook on the bundled data (report in out/)
  deno task analyze --transactions PATH --as-of YYYY-MM-DD [options]
                                          run every applicable notebook on your own data
Options:
  --transactions PATH     a .csv, .tsv or .parquet file, or a folder of them (one dataset)
  --as-of YYYY-MM-DD      the analysis date (required: never silently the last date)
  --columns MAPPING.json  column mapping, e.g. examples/online_retail_ii.mapping.json
  --out DIR               output folder (default customer-lens-report/ in the working directory)
  --only 01,03            only these notebook parts
  --no-pseudonymize       keep the raw customer ids (not recommended)
  --forget FILE           customer ids to erase, one per line
  --retention-months N    drop transactions older than N months before the analysis date
  --min-cell N            small-cell threshold for published counts (default ${DEFAULT_MIN_CELL})
  --prepare-only          validate and prepare the data (work/transactions.parquet), run no notebook
The same keys (without "--") may be given in ${CONFIG_FILE} in the working directory; flags win.`;

/**
 * Parses the command line and `customer-lens.json` (in `cwd`). Relative paths are resolved
 * against `cwd`.
 *
 * @param args The command-line arguments.
 * @param cwd The working directory the user ran the command in.
 * @returns The mode and options, or every problem found.
 */
export function parseArgs(args: readonly string[], cwd: string): ParsedArgs {
  const errors: string[] = [];
  const given: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      errors.push(`Cannot parse the command line as an argument is not an option: "${arg}"`);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === "no-pseudonymize" || name === "prepare-only") {
      given[name] = true;
    } else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) {
        errors.push(`Cannot parse the command line as --${name} has no value`);
        if (inline === undefined && value !== undefined) i--;
        continue;
      }
      given[name] = value;
    } else {
      errors.push(
        `Cannot parse the command line as the option is unknown: --${name} (see --help)`,
      );
    }
  }
  const configPath = join(cwd, CONFIG_FILE);
  let config: Record<string, unknown> = {};
  let hasConfig = false;
  try {
    const text = Deno.readTextFileSync(configPath);
    hasConfig = true;
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new TypeError("not a JSON object");
    }
    config = parsed;
  } catch (error) {
    if (hasConfig) {
      errors.push(
        `Cannot read ${configPath} as it is not a JSON object: ${(error as Error).message}`,
      );
    }
  }
  const allowed = [...VALUE_FLAGS, "no-pseudonymize", "pseudonymize", "prepare-only"];
  const unknownKeys = Object.keys(config).filter((k) => !allowed.includes(k));
  if (unknownKeys.length > 0) {
    errors.push(
      `Cannot read ${configPath} as it has unknown keys: ${unknownKeys.join(", ")} (allowed: ${
        allowed.join(", ")
      })`,
    );
  }
  const pick = (name: string): string | undefined => {
    if (typeof given[name] === "string") return given[name] as string;
    const value = config[name];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.join(",");
    return String(value);
  };
  const transactions = pick("transactions");
  if (transactions === undefined) {
    const used = Object.keys(given);
    if (used.length > 0) {
      errors.push(
        `Cannot run the analysis as --transactions is missing while ${
          used.map((u) => `--${u}`).join(", ")
        } ${used.length === 1 ? "was" : "were"} given (these options apply to your own data)`,
      );
    }
    return errors.length > 0 ? { mode: "error", errors } : { mode: "bundled" };
  }
  const at = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const asOf = pick("as-of");
  if (asOf === undefined) {
    errors.push(
      "Cannot run the analysis as --as-of is missing: give the analysis date (YYYY-MM-DD); it is never taken silently from the data",
    );
  } else if (!validDate(asOf)) {
    errors.push(`Cannot run the analysis as --as-of is not a date YYYY-MM-DD: "${asOf}"`);
  }
  const integer = (name: string, min: number, max: number): number | undefined => {
    const value = pick(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      errors.push(
        `Cannot run the analysis as --${name} is not a whole number from ${min} to ${max}: "${value}"`,
      );
      return undefined;
    }
    return n;
  };
  const retentionMonths = integer("retention-months", 1, 1200);
  const minCell = integer("min-cell", 2, 1_000_000) ?? DEFAULT_MIN_CELL;
  const onlyText = pick("only");
  let only: string[] | undefined;
  if (onlyText !== undefined) {
    only = onlyText.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const parts = availableParts();
    const bad = only.filter((p) => !parts.includes(p));
    if (only.length === 0 || bad.length > 0) {
      errors.push(
        `Cannot run the analysis as --only names parts that do not exist: "${onlyText}" (parts: ${
          parts.join(", ")
        })`,
      );
    }
  }
  const noPseudo = given["no-pseudonymize"] === true || config["no-pseudonymize"] === true ||
    config["pseudonymize"] === false;
  if (errors.length > 0) return { mode: "error", errors };
  const columns = pick("columns");
  const forget = pick("forget");
  return {
    mode: "own",
    options: {
      transactions: at(transactions),
      asOf: asOf!,
      columns: columns === undefined ? undefined : at(columns),
      out: at(pick("out") ?? "customer-lens-report"),
      only,
      pseudonymize: !noPseudo,
      forget: forget === undefined ? undefined : at(forget),
      retentionMonths,
      minCell,
      notebooks: !(given["prepare-only"] === true || config["prepare-only"] === true),
    },
  };
}

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The two-digit notebook parts (`01`, `02`, ...). */
function availableParts(): string[] {
  return [...Deno.readDirSync(NOTEBOOK_DIR)].map((e) => e.name)
    .filter((n) => /^\d{2}_.*\.ipynb$/.test(n)).map((n) => n.slice(0, 2)).sort();
}

/** The working directory the user ran the command in (`deno task` runs in the project folder). */
export function userCwd(): string {
  return Deno.env.get("INIT_CWD") ?? Deno.cwd();
}
