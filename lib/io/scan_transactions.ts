/**
 * A lazy scan of a transaction log too big to read at once: one file, a glob or a folder of
 * (hive-partitioned) CSV or Parquet files, as a Polars LazyFrame with the canonical columns.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join, relative, resolve } from "node:path";
import type { DataFrame, Expr, LazyFrame } from "../core/frame.ts";
import { formatExamples, MAX_EXAMPLES } from "../core/errors.ts";
import { exactDatetime } from "./_exact_datetime.ts";
import {
  MAX_TRANSACTION_NUMBER,
  MISSING_VALUE_TOKENS,
  REQUIRED_TRANSACTION_COLUMNS,
  TRANSACTION_COLUMNS,
  type TransactionColumn,
} from "./read_transactions.ts";

/** Options for {@linkcode scanTransactions}. */
export interface ScanTransactionsOptions {
  /**
   * Maps canonical names to the files' own column names (as for `readTransactions`). Hive
   * partition keys (`country=United Kingdom/` folders) count as columns too.
   */
  columns?: Partial<Record<TransactionColumn, string>>;
  /**
   * Strings read as missing (after trimming), in text columns; default
   * {@linkcode MISSING_VALUE_TOKENS} (in quantity and price without `NaN`, a non-finite number).
   */
  nullValues?: string[];
  /** CSV field separator; by default `,` (`\t` for `.tsv`), or `;`/tab/`|` seen in the header. */
  delimiter?: string;
  /**
   * Whether to run the validation pass (default true): one aggregate pass over the columns used,
   * counting values that do not convert, non-finite numbers and bad dates, and refusing the scan
   * with examples (file, row, value) when there are any. With `false` the scan is returned at
   * once, and bad values are null in it.
   */
  validate?: boolean;
}

const ACTION = "scan transactions";
const DATA_FILE = /\.(parquet|csv|tsv)$/i;
const GLOB_CHARS = /[*?[]/;
const DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S";

/** One input file and what the scan learned of it. */
interface Part {
  path: string;
  /** Hive partition values from the folders (`key=value`), in path order. */
  partitions: [string, string | null][];
  /** Column names and dtypes (CSV: every column is text). */
  schema: Map<string, string>;
  /** CSV separator. */
  sep?: string;
}

/**
 * Scans a transaction log lazily: one CSV or Parquet file, a glob (`data/tx_*.parquet`,
 * `lake/**\/*.csv`) or a folder, searched recursively, of files of one format, e.g. a
 * hive-partitioned data set (`year=2011/month=01/part-0.parquet`, partition values read as text
 * columns). Returns a Polars LazyFrame with the canonical columns of `readTransactions`
 * (`customer_id`, `invoice_id`, `invoice_date`, `product_id`, `description`, `quantity`,
 * `unit_price`, `country` when present), which `computeRfm` and `clvSummary` take as it is.
 *
 * Differences from `readTransactions`: `invoice_date` is Datetime in milliseconds; text dates may
 * be `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (space or `T`), without UTC
 * offsets (read a file with offsets with `readTransactions`); zoned Parquet timestamps are taken in
 * UTC; `quantity` is Int64 only when every file stores it as an integer, else Float64; only
 * UTF-8 CSV files.
 *
 * Before returning, the files are checked one by one, from their headers or Parquet footers
 * only: a glob or folder matching no file, a file that is not readable Parquet (naming it among
 * the others), mixed formats, a required column missing from one file, partition folders that
 * differ between files, and a column whose kind (text, number, date) differs between files are
 * refused naming the files. Integer and float widths may differ: they are unified. Then, unless
 * `validate: false`, one aggregate pass counts bad values with expressions (ids that are not
 * whole numbers, dates that do not parse, numbers that do not parse, NaN, infinities and
 * magnitudes >= 1e15); only the counts (one row) and, when there are bad values, the first
 * examples are collected. No column is copied as text: CSV columns are scanned as text and
 * converted in the same expressions.
 *
 * What streams: the scan itself and everything built on it until a `collect`; nothing is read
 * until then. The validation pass reads the columns used once. Collect with `collectSync()` (the
 * default engine; nodejs-polars 0.25 offers the streaming engine only through
 * `collectSync({ engine: "streaming" })`, which blocks the notebook kernel like any synchronous
 * call, and peaked higher than the default for RFM over Parquet: bench/README, "Reading").
 *
 * @param pathOrGlob A file, a folder or a glob (`*`, `**`, `?`, `[...]`).
 * @param options Column mapping, missing tokens, CSV separator and the validation switch.
 * @returns A LazyFrame with the canonical columns.
 * @throws {Deno.errors.NotFound} When the path does not exist, or the glob or folder matches no
 * CSV or Parquet file.
 * @throws {TypeError} When the files mix formats, a required column is missing from a file, the
 * partition folders or a column's kind differ between files, or a value does not convert
 * (naming the column, the count and the first files, rows and values).
 * @throws {RangeError} When a file is not readable Parquet, is empty or cannot be parsed (naming
 * it), or a quantity or price is non-finite or overflowing.
 *
 * @example Scan two monthly files and compute RFM
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { scanTransactions } from "./scan_transactions.ts";
 * import { computeRfm } from "../rfm/compute_rfm.ts";
 *
 * const dir = await Deno.makeTempDir();
 * const header = "customer_id,invoice_id,invoice_date,product_id,quantity,unit_price\n";
 * await Deno.mkdir(join(dir, "month=01"));
 * await Deno.mkdir(join(dir, "month=02"));
 * await Deno.writeTextFile(join(dir, "month=01", "part.csv"), header + "a,1,2011-01-03,P,2,5\n");
 * await Deno.writeTextFile(join(dir, "month=02", "part.csv"), header + "a,2,2011-02-01,P,1,4\n");
 * const tx = scanTransactions(dir);
 * const rfm = computeRfm(tx, { asOf: new Date("2011-03-01") });
 * assert.deepEqual(rfm.getColumn("frequency").toArray(), [2]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function scanTransactions(
  pathOrGlob: string,
  options: ScanTransactionsOptions = {},
): LazyFrame {
  if (typeof pathOrGlob !== "string" || pathOrGlob === "") {
    throw new TypeError(
      `Cannot ${ACTION} as the path must be a non-empty string: got ${JSON.stringify(pathOrGlob)}`,
    );
  }
  const { files, base } = listFiles(pathOrGlob);
  const parquet = files[0].toLowerCase().endsWith(".parquet");
  const other = files.find((f) => f.toLowerCase().endsWith(".parquet") !== parquet);
  if (other !== undefined) {
    throw new TypeError(
      `Cannot ${ACTION} as ${pathOrGlob} mixes Parquet and CSV files: ${files[0]} and ${other} ` +
        `(scan one format at a time)`,
    );
  }
  const tokens = options.nullValues ?? [...MISSING_VALUE_TOKENS];
  const numberTokens = options.nullValues ?? MISSING_VALUE_TOKENS.filter((t) => t !== "NaN");
  const parts = files.map((path) => inspect(path, base, parquet, options.delimiter));
  checkPartitions(parts);
  const mapping = resolveMapping(parts, options.columns ?? {});
  checkKinds(parts, mapping);
  const wholeQuantity = parts.every((p) => isInteger(p.schema.get(mapping.quantity!)!));
  const frames = parts.map((part, i) =>
    canonical(scanPart(part, mapping, parquet), part, mapping, {
      tokens,
      numberTokens,
      wholeQuantity,
      index: i,
    })
  );
  const all = frames.length === 1 ? frames[0] : pl.concat(frames, { how: "vertical" });
  if (options.validate !== false) validate(all, frames, parts, mapping);
  return all.drop(validationColumns());
}

function listFiles(pathOrGlob: string): { files: string[]; base: string } {
  if (GLOB_CHARS.test(pathOrGlob)) {
    const segments = pathOrGlob.split("/");
    const first = segments.findIndex((s) => GLOB_CHARS.test(s));
    const base = segments.slice(0, first).join("/") || (pathOrGlob.startsWith("/") ? "/" : ".");
    const pattern = globRegExp(segments.slice(first).join("/"));
    const files = exists(base)
      ? walk(base).filter((f) => pattern.test(slashed(relative(base, f))) && DATA_FILE.test(f))
      : [];
    if (files.length === 0) {
      throw new Deno.errors.NotFound(
        `Cannot ${ACTION} as no CSV or Parquet file matches ${pathOrGlob}`,
      );
    }
    return { files: files.sort(), base };
  }
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(pathOrGlob);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot ${ACTION} as the path does not exist: ${pathOrGlob}`);
    }
    throw error;
  }
  if (!info.isDirectory) {
    if (!DATA_FILE.test(pathOrGlob)) {
      throw new TypeError(
        `Cannot ${ACTION} as the file type is not supported: ${pathOrGlob} (use .csv, .tsv or .parquet)`,
      );
    }
    return { files: [pathOrGlob], base: resolve(pathOrGlob, "..") };
  }
  const files = walk(pathOrGlob).filter((f) => DATA_FILE.test(f)).sort();
  if (files.length === 0) {
    throw new Deno.errors.NotFound(
      `Cannot ${ACTION} as the folder holds no CSV or Parquet file: ${pathOrGlob}`,
    );
  }
  return { files, base: pathOrGlob };
}

/** A relative path with `/` separators (Windows gives `\\`). */
function slashed(path: string): string {
  return path.replaceAll("\\", "/");
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file under a folder, recursively (hidden entries and `_`-prefixed ones skipped). */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...walk(path));
    else if (entry.isFile) out.push(path);
  }
  return out;
}

/** A glob as a regular expression over `/`-separated relative paths. */
function globRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
      source += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else if (ch === "[") {
      const end = glob.indexOf("]", i);
      if (end < 0) source += "\\[";
      else {
        source += `[${glob.slice(i + 1, end).replace(/^!/, "^")}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function inspect(path: string, base: string, parquet: boolean, delimiter?: string): Part {
  const partitions = slashed(relative(base, path)).split("/").slice(0, -1)
    .map((segment) => /^([^=]+)=(.*)$/.exec(segment))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, key, value]) =>
      [
        key,
        value === "__HIVE_DEFAULT_PARTITION__" ? null : decodeURIComponent(value),
      ] as [string, string | null]
    );
  if (parquet) {
    let head: DataFrame;
    try {
      head = pl.scanParquet(path).head(0).collectSync();
    } catch (error) {
      throw new RangeError(
        `Cannot ${ACTION} as ${path} is not a readable Parquet file (truncated or not Parquet): ${
          String(error instanceof Error ? error.message : error).split("\n")[0]
        }`,
      );
    }
    return {
      path,
      partitions,
      schema: new Map(head.columns.map((c) => [c, head.getColumn(c).dtype.variant])),
    };
  }
  const file = Deno.openSync(path);
  let head: string;
  try {
    const buffer = new Uint8Array(65_536);
    const bytes = file.readSync(buffer) ?? 0;
    head = new TextDecoder().decode(buffer.subarray(0, bytes));
  } finally {
    file.close();
  }
  const line = head.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, "");
  if (line.trim() === "") {
    throw new RangeError(`Cannot ${ACTION} as ${path} is empty (no header line)`);
  }
  const fallback = path.toLowerCase().endsWith(".tsv") ? "\t" : ",";
  const sep = delimiter ??
    (line.includes(fallback) ? fallback : [";", "\t", "|"].find((c) => line.includes(c)) ??
      fallback);
  const names = line.split(sep).map((n) => n.replace(/^\s*"(.*)"\s*$/, "$1").trim());
  return { path, partitions, schema: new Map(names.map((n) => [n, "String"])), sep };
}

function checkPartitions(parts: Part[]): void {
  const keys = (p: Part) => p.partitions.map(([k]) => k).join("/");
  const first = parts[0];
  const other = parts.find((p) => keys(p) !== keys(first));
  if (other !== undefined) {
    const show = (p: Part) => (keys(p) === "" ? "no partition folders" : keys(p));
    throw new TypeError(
      `Cannot ${ACTION} as the partition folders differ between files: ${first.path} has ${
        show(first)
      }, ${other.path} has ${show(other)}`,
    );
  }
}

function resolveMapping(
  parts: Part[],
  given: Partial<Record<TransactionColumn, string>>,
): Partial<Record<TransactionColumn, string>> {
  for (const key of Object.keys(given)) {
    if (!(TRANSACTION_COLUMNS as readonly string[]).includes(key)) {
      throw new TypeError(
        `Cannot ${ACTION} as "${key}" is not a canonical column: use one of ${
          TRANSACTION_COLUMNS.join(", ")
        }`,
      );
    }
  }
  const has = (p: Part, c: string) => p.schema.has(c) || p.partitions.some(([k]) => k === c);
  const mapping: Partial<Record<TransactionColumn, string>> = {};
  for (const canonical of TRANSACTION_COLUMNS) {
    const source = given[canonical] ?? canonical;
    const missing = parts.find((p) => !has(p, source));
    if (missing === undefined) {
      mapping[canonical] = source;
    } else if (
      REQUIRED_TRANSACTION_COLUMNS.includes(canonical) || given[canonical] ||
      parts.some((p) => has(p, source))
    ) {
      const named = source === canonical ? `"${canonical}"` : `"${source}" (for ${canonical})`;
      throw new TypeError(
        `Cannot ${ACTION} as column ${named} is missing in ${missing.path}: available columns are ${
          [...missing.schema.keys(), ...missing.partitions.map(([k]) => k)].join(", ")
        }`,
      );
    }
  }
  return mapping;
}

type Kind = "text" | "integer" | "float" | "temporal" | "other";

function kindOf(dtype: string): Kind {
  if (dtype === "String" || dtype === "Utf8") return "text";
  if (isInteger(dtype)) return "integer";
  if (dtype.startsWith("Float")) return "float";
  if (dtype === "Datetime" || dtype === "Date") return "temporal";
  return "other";
}

function isInteger(dtype: string): boolean {
  return /^U?Int/.test(dtype);
}

/** Refuses a used column whose kind differs between files (integer and float widths unify). */
function checkKinds(parts: Part[], mapping: Partial<Record<TransactionColumn, string>>): void {
  for (const source of new Set(Object.values(mapping))) {
    const kindIn = (p: Part) =>
      p.schema.has(source) ? kindOf(p.schema.get(source)!) : "text" as Kind;
    const numeric = (k: Kind) => k === "integer" || k === "float";
    const first = kindIn(parts[0]);
    const other = parts.find((p) => {
      const k = kindIn(p);
      return k !== first && !(numeric(k) && numeric(first));
    });
    if (other !== undefined) {
      throw new TypeError(
        `Cannot ${ACTION} as column "${source}" has different types in different files: ${
          parts[0].schema.get(source) ?? "String (partition)"
        } in ${parts[0].path}, ${
          other.schema.get(source) ?? "String (partition)"
        } in ${other.path}`,
      );
    }
  }
}

function scanPart(
  part: Part,
  mapping: Partial<Record<TransactionColumn, string>>,
  parquet: boolean,
): LazyFrame {
  const sources = [...new Set(Object.values(mapping))];
  const inFile = sources.filter((c) => part.schema.has(c));
  let lf = parquet ? pl.scanParquet(part.path) : pl.scanCSV(part.path, {
    sep: part.sep,
    inferSchemaLength: 0,
    nullValues: [""],
    truncateRaggedLines: false,
  });
  if (!parquet) {
    // Header names are trimmed and unquoted, as readTransactions does.
    const raw = lf.columns;
    const names = [...part.schema.keys()];
    if (raw.length === names.length && raw.some((c, i) => c !== names[i])) {
      lf = lf.rename(Object.fromEntries(raw.map((c, i) => [c, names[i]])));
    }
  }
  return lf.withRowIndex("__row").select(
    pl.col("__row"),
    ...inFile.map((c) => pl.col(c)),
    ...sources.filter((c) => !part.schema.has(c)).map((c) => {
      const value = part.partitions.find(([k]) => k === c)![1];
      return pl.lit(value).cast(pl.Utf8).alias(c);
    }),
  );
}

interface Conversion {
  tokens: readonly string[];
  numberTokens: readonly string[];
  wholeQuantity: boolean;
  index: number;
}

/** The validation columns added next to the canonical ones (dropped before returning). */
function validationColumns(): string[] {
  return [
    "__file",
    "__row",
    ...REQUIRED_TRANSACTION_COLUMNS.flatMap((c) => [`__bad_${c}`, `__src_${c}`]),
    "__nonfinite_quantity",
    "__nonfinite_unit_price",
  ];
}

/**
 * The canonical columns of one file, plus, per required column, the source value as text and a
 * flag for a value that did not convert (kept for the validation pass, dropped after).
 */
function canonical(
  lf: LazyFrame,
  part: Part,
  mapping: Partial<Record<TransactionColumn, string>>,
  c: Conversion,
): LazyFrame {
  const kindOfSource = (source: string): Kind =>
    part.schema.has(source) ? kindOf(part.schema.get(source)!) : "text";
  const missing = (e: Expr, list: readonly string[]) =>
    list.length === 0 ? e.isNull() : e.isNull().or(e.str.strip().isIn([...list]));
  const exprs: Expr[] = [];
  const checks: Expr[] = [];
  for (const name of TRANSACTION_COLUMNS) {
    const source = mapping[name];
    if (source === undefined) {
      if (name === "description") exprs.push(pl.lit(null).cast(pl.Utf8).alias(name));
      continue;
    }
    const col = pl.col(source);
    const kind = kindOfSource(source);
    const number = name === "quantity" || name === "unit_price";
    const list = number ? c.numberTokens : c.tokens;
    let value: Expr;
    if (name === "invoice_date") {
      if (kind === "temporal") value = col.cast(pl.Datetime("ms"));
      else if (kind === "text") {
        const text = col.str.strip();
        const length = text.str.lengths();
        const normalised = pl.when(length.eq(10)).then(
          pl.concatString([text, pl.lit("00:00:00")], " "),
        ).when(length.eq(16)).then(pl.concatString([text, pl.lit("00")], ":"))
          .otherwise(text).str.replace("T", " ", true);
        value = exactDatetime(normalised, DATETIME_FORMAT).cast(pl.Datetime("ms"));
        value = pl.when(missing(col, list)).then(pl.lit(null).cast(pl.Datetime("ms")))
          .otherwise(value);
      } else value = pl.lit(null).cast(pl.Datetime("ms"));
    } else if (number) {
      if (kind === "integer" || kind === "float") value = col.cast(pl.Float64);
      else if (kind === "text") {
        value = pl.when(missing(col, list)).then(pl.lit(null).cast(pl.Float64))
          .otherwise(col.str.strip().cast(pl.Float64, false));
      } else value = pl.lit(null).cast(pl.Float64);
      if (name === "quantity" && c.wholeQuantity) value = value.cast(pl.Int64);
    } else if (name.endsWith("_id")) {
      if (kind === "float") {
        value = pl.when(col.isNan().not().and(col.eq(col.floor())).and(col.abs().lt(2 ** 53)))
          .then(col.cast(pl.Int64).cast(pl.Utf8)).otherwise(pl.lit(null).cast(pl.Utf8));
      } else if (kind === "integer") value = col.cast(pl.Utf8);
      else if (kind === "text") {
        value = pl.when(missing(col, list)).then(pl.lit(null).cast(pl.Utf8))
          .otherwise(col.str.strip().str.replace("^([0-9]+)\\.0+$", "$1"));
      } else value = pl.lit(null).cast(pl.Utf8);
    } else {
      value = kind === "text"
        ? pl.when(missing(col, list)).then(pl.lit(null).cast(pl.Utf8)).otherwise(col)
        : col.cast(pl.Utf8);
    }
    exprs.push(value.alias(name));
    if (number) {
      const v = value.cast(pl.Float64);
      checks.push(
        v.isNan().or(v.abs().gtEq(MAX_TRANSACTION_NUMBER)).fillNull(false).alias(
          `__nonfinite_${name}`,
        ),
      );
    }
    if ((REQUIRED_TRANSACTION_COLUMNS as readonly string[]).includes(name)) {
      const absent = kind === "text" ? missing(col, list) : col.isNull();
      // A typed Parquet column that converts without a possible failure (integer ids to text,
      // dates to Datetime, numbers to Float64) has no bad value: a constant, so the validation
      // pass does not turn every id into text (at 20M lines of integer ids that cast cost
      // ~1 s of the ~5 s pass; bench/README, "Scale").
      // (Integer quantities are kept: Int64 -> Float64 -> Int64 overflows to null at 2^63.)
      const cannotFail = kind === "temporal" || (kind === "integer" && name.endsWith("_id")) ||
        (name === "unit_price" && (kind === "integer" || kind === "float"));
      checks.push(
        (cannotFail ? pl.lit(false) : absent.not().and(value.isNull()).fillNull(false)).alias(
          `__bad_${name}`,
        ),
        col.cast(pl.Utf8).alias(`__src_${name}`),
      );
    }
  }
  return lf.select(
    pl.col("__row"),
    ...exprs,
    ...checks,
    pl.lit(c.index).cast(pl.Int32).alias("__file"),
  );
}

function validate(
  all: LazyFrame,
  frames: LazyFrame[],
  parts: Part[],
  mapping: Partial<Record<TransactionColumn, string>>,
): void {
  const checked = REQUIRED_TRANSACTION_COLUMNS;
  const countsOf = (lf: LazyFrame) =>
    lf.select(
      ...checked.map((c) => pl.col(`__bad_${c}`).sum().alias(c)),
      pl.col("__nonfinite_quantity").sum().alias("__nonfinite_quantity"),
      pl.col("__nonfinite_unit_price").sum().alias("__nonfinite_unit_price"),
      pl.len().alias("__rows"),
    ).collectSync().toRecords()[0];
  let counts: Record<string, unknown>;
  try {
    counts = countsOf(all);
  } catch (error) {
    // A file the reader cannot parse (not UTF-8, a line with more fields than the header, ...):
    // find and name it, file by file.
    parts.forEach((part, i) => {
      try {
        countsOf(frames[i]);
      } catch (inner) {
        throw new RangeError(
          `Cannot ${ACTION} as ${part.path} cannot be read (${
            parts.length > 1 ? `file ${i + 1} of ${parts.length}` : "the only file"
          }): ${String(inner instanceof Error ? inner.message : inner).split("\n")[0]}`,
        );
      }
    });
    throw error;
  }
  if (Number(counts.__rows) === 0) {
    throw new RangeError(
      `Cannot ${ACTION} as the files hold no rows: ${parts.map((p) => p.path).join(", ")}`,
    );
  }
  const report = (
    mask: string,
    count: number,
    column: string,
    kind: string,
    error: "Type" | "Range",
  ) => {
    const bad = all.filter(pl.col(mask)).head(MAX_EXAMPLES)
      .select("__file", "__row", `__src_${column}`).collectSync();
    const files = bad.getColumn("__file").toArray() as number[];
    const rows = bad.getColumn("__row").toArray() as number[];
    const values = bad.getColumn(`__src_${column}`).toArray();
    const where = rows.map((r, i) => `${parts[Number(files[i])].path} row ${Number(r) + 1}`);
    const source = mapping[column as TransactionColumn]!;
    const named = source === column ? `"${column}"` : `"${source}" (${column})`;
    const message = `Cannot ${ACTION} as column ${named} has ${count} ${
      count === 1 ? "row" : "rows"
    } with ${kind}: ${where.join(", ")} ${where.length === 1 ? "holds" : "hold"} ${
      formatExamples(values, count)
    }`;
    throw error === "Type" ? new TypeError(message) : new RangeError(message);
  };
  for (const c of checked) {
    const count = Number(counts[c]);
    if (count === 0) continue;
    const kind = c === "invoice_date"
      ? "dates that cannot be parsed (expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])"
      : c.endsWith("_id")
      ? "ids that are not whole numbers or text"
      : "values that are not numbers";
    report(`__bad_${c}`, count, c, kind, "Type");
  }
  for (const c of ["quantity", "unit_price"]) {
    const count = Number(counts[`__nonfinite_${c}`]);
    if (count > 0) {
      report(
        `__nonfinite_${c}`,
        count,
        c,
        "non-finite or overflowing numbers (NaN, infinity or magnitude >= 1e15)",
        "Range",
      );
    }
  }
}
