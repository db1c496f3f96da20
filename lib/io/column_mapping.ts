/**
 * A column mapping for an analyst's own transaction export: reading and checking the mapping
 * file, reading a file or a folder of files, and turning the file's columns into the canonical
 * transaction columns.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Buffer } from "node:buffer";
import { basename, join } from "node:path";
import type { DataFrame, Expr } from "../core/frame.ts";
import { formatExamples, MAX_EXAMPLES } from "../core/errors.ts";
import { isNumericColumn } from "../core/dtypes.ts";
import { MISSING_VALUE_TOKENS, TRANSACTION_COLUMNS } from "./read_transactions.ts";
import { normalizedId } from "./normalize_id.ts";

/**
 * A column mapping: canonical names to the file's own column names, plus reading options.
 * `customer_id` and `invoice_date` are required, and one of `unit_price` or `amount`.
 */
export interface ColumnMapping {
  /** The customer id column (pseudonymised before any analysis). */
  readonly customer_id: string;
  /** The invoice (order) id column. Without it, each line is one order. */
  readonly invoice_id?: string;
  /** The date or date-time of the line. */
  readonly invoice_date: string;
  /** The product id column. Without it, no basket or recommendation analysis. */
  readonly product_id?: string;
  /** The product description column. */
  readonly description?: string;
  /** Units on the line. Required with `unit_price`; optional with `amount` (then 1). */
  readonly quantity?: string;
  /** Price of one unit. */
  readonly unit_price?: string;
  /** Line total instead of a unit price: `unit_price = amount / quantity` (or `amount`). */
  readonly amount?: string;
  /** The customer's country. */
  readonly country?: string;
  /**
   * strftime format of text (or whole-number) dates, e.g. `"%Y%m%d"` for `19970101` or
   * `"%d/%m/%Y %H:%M"`. Default: ISO `YYYY-MM-DD[ HH:MM[:SS]]` (space or `T`).
   */
  readonly date_format?: string;
  /** CSV field separator, one character (default: `,`, tab for `.tsv`, or `;` when detected). */
  readonly delimiter?: string;
  /** Columns of the file acknowledged as not used (e.g. ones holding personal data). */
  readonly drop?: readonly string[];
}

/** The keys naming columns, in canonical order. */
const COLUMN_KEYS = [
  "customer_id",
  "invoice_id",
  "invoice_date",
  "product_id",
  "description",
  "quantity",
  "unit_price",
  "amount",
  "country",
] as const;

/** Every key a mapping may hold. */
export const MAPPING_KEYS: readonly string[] = [...COLUMN_KEYS, "date_format", "delimiter", "drop"];

/** File extensions read as data (a folder's other files are ignored). */
const DATA_EXTENSIONS = [".csv", ".tsv", ".txt", ".parquet"];

/**
 * Reads and checks a column mapping (the JSON text of a mapping file, or the parsed object),
 * before any data is read.
 *
 * @param json The JSON text or the object.
 * @returns The checked mapping.
 * @throws {TypeError} When the text is not JSON, not an object, a value is not a non-empty string,
 * or `customer_id` or `invoice_date` is missing.
 * @throws {RangeError} When a key is unknown, two canonical names map to one column, both or
 * neither of `unit_price` and `amount` are given, `unit_price` comes without `quantity`,
 * `date_format` has no `%` directive, or `delimiter` is not one character.
 *
 * @example Read the mapping of a file with its own column names
 * ```ts
 * import assert from "node:assert/strict";
 * import { readMapping } from "./column_mapping.ts";
 *
 * const mapping = readMapping('{"customer_id": "Client", "invoice_date": "Day", "amount": "Total"}');
 * assert.equal(mapping.amount, "Total");
 * assert.throws(() => readMapping('{"invoice_date": "Day", "amount": "Total"}'), TypeError);
 * ```
 */
export function readMapping(json: string | unknown): ColumnMapping {
  const action = "read the column mapping";
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new TypeError(`Cannot ${action} as it is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`Cannot ${action} as it is not a JSON object: ${JSON.stringify(value)}`);
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !MAPPING_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new RangeError(
      `Cannot ${action} as ${unknown.length === 1 ? "a key is" : "keys are"} unknown: ${
        formatExamples(unknown)
      } (allowed: ${MAPPING_KEYS.join(", ")})`,
    );
  }
  for (const key of [...COLUMN_KEYS, "date_format", "delimiter"]) {
    const v = record[key];
    if (v !== undefined && (typeof v !== "string" || v === "")) {
      throw new TypeError(
        `Cannot ${action} as "${key}" is not a non-empty string: ${JSON.stringify(v)}`,
      );
    }
  }
  for (const key of ["customer_id", "invoice_date"]) {
    if (record[key] === undefined) {
      throw new TypeError(
        `Cannot ${action} as it names no ${
          key === "customer_id" ? "customer column" : "date column"
        }: add "${key}": "<the file's column>"`,
      );
    }
  }
  const sources = new Map<string, string[]>();
  for (const key of COLUMN_KEYS) {
    const source = record[key] as string | undefined;
    if (source !== undefined) sources.set(source, [...(sources.get(source) ?? []), key]);
  }
  const shared = [...sources].filter(([, keys]) => keys.length > 1);
  if (shared.length > 0) {
    throw new RangeError(
      `Cannot ${action} as ${shared.length === 1 ? "a column is" : "columns are"} mapped twice: ${
        shared.map(([source, keys]) => `"${source}" (${keys.join(" and ")})`).join(", ")
      }`,
    );
  }
  if (record.unit_price !== undefined && record.amount !== undefined) {
    throw new RangeError(
      `Cannot ${action} as it maps both unit_price and amount: "${record.unit_price}" and "${record.amount}" (keep one)`,
    );
  }
  if (record.unit_price === undefined && record.amount === undefined) {
    throw new RangeError(
      `Cannot ${action} as it names neither unit_price nor amount: spend cannot be computed`,
    );
  }
  if (record.unit_price !== undefined && record.quantity === undefined) {
    throw new RangeError(
      `Cannot ${action} as it maps unit_price without quantity: "${record.unit_price}" (map quantity, or map the line total as amount)`,
    );
  }
  const format = record.date_format as string | undefined;
  if (format !== undefined && !/%[A-Za-z]/.test(format)) {
    throw new RangeError(
      `Cannot ${action} as date_format has no strftime directive such as %Y: "${format}"`,
    );
  }
  const delimiter = record.delimiter as string | undefined;
  if (delimiter !== undefined && [...delimiter].length !== 1) {
    throw new RangeError(
      `Cannot ${action} as delimiter is not one character: ${JSON.stringify(delimiter)}`,
    );
  }
  const drop = record.drop;
  if (
    drop !== undefined &&
    (!Array.isArray(drop) || drop.some((d) => typeof d !== "string" || d === ""))
  ) {
    throw new TypeError(
      `Cannot ${action} as "drop" is not a list of column names: ${JSON.stringify(drop)}`,
    );
  }
  const dropped = ((drop ?? []) as string[]).filter((d) => sources.has(d));
  if (dropped.length > 0) {
    throw new RangeError(
      `Cannot ${action} as "drop" lists mapped columns: ${formatExamples(dropped)}`,
    );
  }
  return Object.freeze({ ...record }) as unknown as ColumnMapping;
}

/**
 * The file columns a mapping reads, canonical name to source (the reading options left out).
 *
 * @param mapping A mapping from {@linkcode readMapping}.
 * @returns Canonical names to the file's column names.
 *
 * @example List the columns a mapping reads
 * ```ts
 * import assert from "node:assert/strict";
 * import { mappedColumns, readMapping } from "./column_mapping.ts";
 *
 * const mapping = readMapping({ customer_id: "C", invoice_date: "D", amount: "A", delimiter: ";" });
 * assert.deepEqual(mappedColumns(mapping), { customer_id: "C", invoice_date: "D", amount: "A" });
 * ```
 */
export function mappedColumns(mapping: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of COLUMN_KEYS) {
    const source = mapping[key];
    if (source !== undefined) out[key] = source;
  }
  return out;
}

/** One file read by {@linkcode readTransactionFiles}. */
export interface TransactionFile {
  /** Its path. */
  readonly path: string;
  /** Rows read. */
  readonly rows: number;
}

/** What {@linkcode readTransactionFiles} returns. */
export interface TransactionFiles {
  /** Every row of every file, with the files' own columns (CSV as text). */
  readonly data: DataFrame;
  /** The files read, in order. */
  readonly files: readonly TransactionFile[];
}

/** Options for {@linkcode readTransactionFiles}. */
export interface ReadTransactionFilesOptions {
  /** CSV field separator (see {@linkcode ColumnMapping.delimiter}). */
  delimiter?: string;
  /** Read only these columns (data minimisation); all must exist in every file. */
  columns?: readonly string[];
}

/**
 * Reads a transaction export as it is: one CSV, TSV or Parquet file, or a folder of them (one
 * dataset; files sorted by name, hidden files and other extensions ignored), every file with the
 * same columns. CSV values are read as text (the mapping decides types), with
 * {@linkcode MISSING_VALUE_TOKENS} read as missing; the header is trimmed.
 *
 * @param path A `.csv`, `.tsv`, `.txt` or `.parquet` file, or a folder of them.
 * @param options The CSV separator and the columns to read.
 * @returns The rows of all files and the list of files.
 * @throws {Deno.errors.NotFound} When the path does not exist.
 * @throws {RangeError} When a file is empty (no bytes or no rows), the folder holds no data file,
 * a file type is not supported, or the files of a folder disagree on their columns (naming the
 * file and the columns).
 * @throws {TypeError} When a column asked for is missing (naming the file and listing its columns).
 *
 * @example Read a folder of two monthly CSV exports as one dataset
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { readTransactionFiles } from "./column_mapping.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(join(dir, "jan.csv"), "client,day,total\n7,2024-01-03,9.5\n");
 * await Deno.writeTextFile(join(dir, "feb.csv"), "client,day,total\n8,2024-02-01,3\n");
 * const { data, files } = readTransactionFiles(dir);
 * assert.equal(data.height, 2);
 * assert.deepEqual(files.map((f) => f.rows), [1, 1]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readTransactionFiles(
  path: string,
  options: ReadTransactionFilesOptions = {},
): TransactionFiles {
  const action = "read the transactions";
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(`Cannot ${action} as the path does not exist: ${path}`);
    }
    throw error;
  }
  let paths: string[];
  if (info.isDirectory) {
    paths = [...Deno.readDirSync(path)]
      .filter((e) => e.isFile && !e.name.startsWith("."))
      .map((e) => e.name)
      .filter((name) => DATA_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
      .sort()
      .map((name) => join(path, name));
    if (paths.length === 0) {
      throw new RangeError(
        `Cannot ${action} as the folder holds no .csv, .tsv, .txt or .parquet file: ${path}`,
      );
    }
  } else {
    paths = [path];
  }
  const frames: DataFrame[] = [];
  const files: TransactionFile[] = [];
  let first: { path: string; columns: string[] } | undefined;
  for (const file of paths) {
    const all = readOne(file, options.delimiter);
    if (all.height === 0) {
      throw new RangeError(`Cannot ${action} as the file has no rows: ${file}`);
    }
    if (first === undefined) {
      first = { path: file, columns: all.columns };
    } else {
      const missing = first.columns.filter((c) => !all.columns.includes(c));
      const extra = all.columns.filter((c) => !first!.columns.includes(c));
      if (missing.length > 0 || extra.length > 0) {
        throw new RangeError(
          `Cannot ${action} as the files of the folder disagree on columns: ${basename(file)} ${
            missing.length > 0 ? `lacks ${formatExamples(missing)}` : ""
          }${missing.length > 0 && extra.length > 0 ? " and " : ""}${
            extra.length > 0 ? `has ${formatExamples(extra)}` : ""
          } compared with ${basename(first.path)}`,
        );
      }
    }
    const wanted = options.columns ?? first.columns;
    const absent = wanted.filter((c) => !all.columns.includes(c));
    if (absent.length > 0) {
      throw new TypeError(
        `Cannot ${action} as ${
          absent.length === 1 ? "a mapped column is" : "mapped columns are"
        } missing from ${basename(file)}: ${formatExamples(absent)} (the file has ${
          all.columns.map((c) => `"${c}"`).join(", ")
        })`,
      );
    }
    frames.push(all.select(...wanted));
    files.push({ path: file, rows: all.height });
  }
  return { data: concatFrames(frames), files };
}

/** Stacks frames whose columns agree; a column whose types differ between files becomes text. */
function concatFrames(frames: DataFrame[]): DataFrame {
  if (frames.length === 1) return frames[0];
  const columns = frames[0].columns;
  const mixed = columns.filter((c) =>
    frames.some((f) => !f.getColumn(c).dtype.equals(frames[0].getColumn(c).dtype))
  );
  const aligned = frames.map((f) =>
    f.select(...columns.map((c) => mixed.includes(c) ? pl.col(c).cast(pl.Utf8) : pl.col(c)))
  );
  return pl.concat(aligned, { how: "vertical" });
}

function readOne(file: string, delimiter: string | undefined): DataFrame {
  const action = "read the transactions";
  const lower = file.toLowerCase();
  if (lower.endsWith(".parquet")) {
    if (Deno.statSync(file).size === 0) {
      throw new RangeError(`Cannot ${action} as the file is empty: ${file}`);
    }
    try {
      return pl.readParquet(file);
    } catch (error) {
      throw new RangeError(
        `Cannot ${action} as the file is not a readable Parquet file: ${file} (${
          String(error).split("\n")[0]
        })`,
      );
    }
  }
  if (!DATA_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    throw new RangeError(
      `Cannot ${action} as the file type is not supported: ${file} (use .csv, .tsv, .txt or .parquet)`,
    );
  }
  const bytes = Deno.readFileSync(file);
  const text = new TextDecoder().decode(bytes.subarray(0, 65_536));
  if (text.trim() === "") throw new RangeError(`Cannot ${action} as the file is empty: ${file}`);
  const header = text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, "");
  const fallback = lower.endsWith(".tsv") ? "\t" : ",";
  const sep = delimiter ??
    (header.includes(fallback)
      ? fallback
      : [";", "\t", "|"].find((c) => header.includes(c)) ?? fallback);
  let df: DataFrame;
  try {
    df = pl.readCSV(Buffer.from(bytes), {
      inferSchemaLength: 0,
      sep,
      nullValues: [...MISSING_VALUE_TOKENS],
    });
  } catch (error) {
    throw new RangeError(
      `Cannot ${action} as the file is not readable CSV: ${file} (${String(error).split("\n")[0]})`,
    );
  }
  const names = df.columns.map((c) => c.replace(/^\uFEFF/, "").trim());
  if (names.some((n, i) => n !== df.columns[i])) {
    df = df.rename(Object.fromEntries(df.columns.map((c, i) => [c, names[i]])));
  }
  return df;
}

/**
 * Turns a table with the file's own columns into the canonical transaction columns a mapping
 * describes (the same types as {@linkcode readTransactions}; only mapped columns are kept, the rest
 * are dropped: data minimisation):
 * - `customer_id`, `invoice_id`, `product_id`: id text (`17850.0` and `17850` agree; missing
 *   tokens become null);
 * - without `invoice_id`, each line is one order: `invoice_id` is `line-1`, `line-2`, ...;
 * - `invoice_date`: Datetime (ms) from a typed date, or text (or whole numbers such as
 *   `19970101`) parsed with `date_format` (default ISO `YYYY-MM-DD[ HH:MM[:SS]]`);
 * - `quantity`: Int64 when all whole, else Float64; 1 when only `amount` is mapped;
 * - `unit_price`: Float64; from `amount / quantity` when `amount` is mapped (null where quantity
 *   is 0);
 * - `description`, `country`: text.
 *
 * @param df The table as read (e.g. by {@linkcode readTransactionFiles}); not modified.
 * @param mapping A mapping from {@linkcode readMapping}.
 * @returns A new DataFrame of canonical columns, in the order of {@linkcode TRANSACTION_COLUMNS}.
 * @throws {TypeError} When a mapped column is missing (listing the table's columns), a date does
 * not parse with the format, or a number is not numeric (naming the column, the count of bad rows
 * and examples).
 *
 * @example Line totals and compact dates, no invoice column
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { applyMapping, readMapping } from "./column_mapping.ts";
 *
 * const raw = pl.DataFrame({ id: ["00042", "7"], day: ["19970101", "19970218"], total: ["9.5", "3"] });
 * const mapping = readMapping({
 *   customer_id: "id",
 *   invoice_date: "day",
 *   amount: "total",
 *   date_format: "%Y%m%d",
 * });
 * const tx = applyMapping(raw, mapping);
 * assert.deepEqual(tx.columns, ["customer_id", "invoice_id", "invoice_date", "quantity", "unit_price"]);
 * assert.deepEqual(tx.getColumn("invoice_id").toArray(), ["line-1", "line-2"]);
 * assert.equal(tx.getColumn("unit_price").get(0), 9.5);
 * ```
 */
export function applyMapping(df: DataFrame, mapping: ColumnMapping): DataFrame {
  const action = "apply the column mapping";
  const sources = mappedColumns(mapping);
  const missing = Object.entries(sources).filter(([, s]) => !df.columns.includes(s));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot ${action} as ${
        missing.length === 1 ? "a mapped column is" : "mapped columns are"
      } missing: ${missing.map(([k, s]) => `"${s}" (${k})`).join(", ")} (the file has ${
        df.columns.map((c) => `"${c}"`).join(", ")
      })`,
    );
  }
  const exprs: Record<string, Expr> = {};
  exprs.customer_id = normalizedId(df, sources.customer_id).alias("customer_id");
  exprs.invoice_id = sources.invoice_id
    ? normalizedId(df, sources.invoice_id).alias("invoice_id")
    : pl.lit("line-").add(pl.col("__row").add(1).cast(pl.Int64).cast(pl.Utf8)).alias("invoice_id");
  if (sources.product_id) {
    exprs.product_id = normalizedId(df, sources.product_id).alias("product_id");
  }
  for (const key of ["description", "country"] as const) {
    if (sources[key]) exprs[key] = pl.col(sources[key]).cast(pl.Utf8).alias(key);
  }
  const numbers: Record<string, Expr> = {};
  for (const key of ["quantity", "unit_price", "amount"] as const) {
    if (sources[key]) numbers[key] = numberExpr(df, sources[key]).alias(`__${key}`);
  }
  let out = df.withRowIndex("__row").select(
    pl.col("__row"),
    ...Object.values(exprs),
    dateExpr(df, sources.invoice_date, mapping.date_format).alias("invoice_date"),
    ...Object.values(numbers),
  );
  // Bad values: a source value present but no result.
  checkConverted(df, out, sources.invoice_date, "invoice_date", mapping.date_format);
  for (const key of Object.keys(numbers)) checkConverted(df, out, sources[key], `__${key}`);
  const q = sources.quantity ? pl.col("__quantity") : pl.lit(1);
  const price = sources.amount
    ? pl.when(q.eq(0)).then(pl.lit(null).cast(pl.Float64))
      .otherwise(pl.col("__amount").div(q.cast(pl.Float64)))
    : pl.col("__unit_price");
  out = out.withColumns(q.alias("quantity"), price.cast(pl.Float64).alias("unit_price"));
  const fractional = out.select(pl.col("quantity").neq(pl.col("quantity").floor()).sum().alias("f"))
    .toRecords()[0].f;
  out = out.withColumns(
    Number(fractional ?? 0) > 0
      ? pl.col("quantity").cast(pl.Float64)
      : pl.col("quantity").cast(pl.Int64),
  );
  const order = TRANSACTION_COLUMNS.filter((c) => out.columns.includes(c));
  return out.select(...order);
}

function numberExpr(df: DataFrame, source: string): Expr {
  if (isNumericColumn(df, source)) return pl.col(source).cast(pl.Float64);
  return pl.col(source).cast(pl.Utf8).str.strip().cast(pl.Float64, false);
}

function dateExpr(df: DataFrame, source: string, format: string | undefined): Expr {
  const variant = df.getColumn(source).dtype.variant;
  if (variant === "Datetime" || variant === "Date") return pl.col(source).cast(pl.Datetime("ms"));
  const text = pl.col(source).cast(pl.Utf8).str.strip();
  if (format !== undefined) return text.str.strptime(pl.Datetime("ms"), format);
  // ISO shapes, normalised to one format (one strptime pass; see readTransactions).
  const iso = text.str.replace("T", " ");
  const full = pl.when(iso.str.lengths().eq(10)).then(iso.add(pl.lit(" 00:00:00")))
    .when(iso.str.lengths().eq(16)).then(iso.add(pl.lit(":00")))
    .otherwise(iso);
  return full.str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S");
}

function checkConverted(
  source: DataFrame,
  converted: DataFrame,
  sourceColumn: string,
  column: string,
  format?: string,
): void {
  const both = source.select(pl.col(sourceColumn)).withRowIndex("__row")
    .withColumns(converted.getColumn(column).alias("__converted"));
  const bad = both.filter(pl.col(sourceColumn).isNotNull().and(pl.col("__converted").isNull()));
  const count = bad.height;
  if (count === 0) return;
  const rows = bad.getColumn("__row").head(MAX_EXAMPLES).toArray().map((r) => Number(r) + 1);
  const values = bad.getColumn(sourceColumn).head(MAX_EXAMPLES).toArray();
  const canonical = column.replace(/^__/, "");
  const kind = canonical === "invoice_date"
    ? `dates that do not parse with ${
      format === undefined ? "YYYY-MM-DD[ HH:MM[:SS]] (set date_format)" : `"${format}"`
    }`
    : "values that are not numbers";
  throw new TypeError(
    `Cannot apply the column mapping as column "${sourceColumn}" (${canonical}) has ${count} ${
      count === 1 ? "row" : "rows"
    } with ${kind}: ${rows.length === 1 ? "row" : "rows"} ${rows.join(", ")} ${
      rows.length === 1 ? "holds" : "hold"
    } ${formatExamples(values, count)}`,
  );
}
