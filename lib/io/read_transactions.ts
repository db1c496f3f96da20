/**
 * Reading a transaction log (one row per invoice line) into the canonical columns every other
 * function in `lib/` expects.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Expr, Series } from "../core/frame.ts";
import { Buffer } from "node:buffer";
import { attachNotes, type DataNote, formatExamples, MAX_EXAMPLES } from "../core/errors.ts";
import { isNumericColumn } from "../core/dtypes.ts";
import { exactDatetime } from "./_exact_datetime.ts";

/** The canonical transaction columns, in output order. */
export const TRANSACTION_COLUMNS = [
  "customer_id",
  "invoice_id",
  "invoice_date",
  "product_id",
  "description",
  "quantity",
  "unit_price",
  "country",
] as const;

/** One canonical transaction column name. */
export type TransactionColumn = typeof TRANSACTION_COLUMNS[number];

/** Columns that must be present (after mapping) for a file to be read. */
export const REQUIRED_TRANSACTION_COLUMNS: readonly TransactionColumn[] = [
  "customer_id",
  "invoice_id",
  "invoice_date",
  "product_id",
  "quantity",
  "unit_price",
];

/**
 * Strings read as missing by default, in every text column (ids, dates, description, country):
 * the markers spreadsheets, pandas, R and databases write for "no value". In `quantity` and
 * `unit_price` the same tokens are missing too, except `NaN`, which there is a non-finite number
 * and an error (see {@linkcode readTransactions}).
 */
export const MISSING_VALUE_TOKENS: readonly string[] = [
  "",
  "NA",
  "N/A",
  "NULL",
  "null",
  "NaN",
  "None",
  "-",
];

/** Quantities and prices at or beyond this magnitude are refused as overflowing (1e15). */
export const MAX_TRANSACTION_NUMBER = 1e15;

/** Text encodings {@linkcode readTransactions} can decode. */
export type TransactionEncoding = "utf-8" | "latin-1" | "windows-1252";

/** Options for {@linkcode readTransactions}. */
export interface ReadTransactionsOptions {
  /**
   * Maps canonical names to the file's own column names, e.g.
   * `{ invoice_id: "InvoiceNo", product_id: "StockCode" }`. Canonical names not listed are looked
   * up under their own name.
   */
  columns?: Partial<Record<TransactionColumn, string>>;
  /**
   * Strings read as missing (compared after trimming spaces), in CSV and Parquet text columns.
   * Defaults to {@linkcode MISSING_VALUE_TOKENS}; pass `[""]` to keep `"NA"` and the like as
   * values.
   */
  nullValues?: string[];
  /**
   * The analysis time zone (IANA name, default `"UTC"`). Date-times carrying an offset (CSV text
   * such as `2010-12-01T23:30:00-05:00` or `...Z`) and time-zone-aware Parquet timestamps are
   * converted to the wall-clock time of this zone; date-times without an offset are taken as
   * already in it.
   */
  timeZone?: string;
  /**
   * Text encoding of a CSV file (default `"utf-8"`). `"latin-1"` and `"windows-1252"` are both
   * decoded as Windows-1252 (a superset of Latin-1's printable characters), in memory.
   */
  encoding?: TransactionEncoding;
  /**
   * Field separator of a CSV file. By default `","` (`"\t"` for `.tsv`), and a file whose header
   * line holds no comma but a `;` (or a tab) is read with that separator instead.
   */
  delimiter?: string;
}

/**
 * Accepted date shapes, by length: `YYYY-MM-DD` (10), `YYYY-MM-DD HH:MM` (16) and
 * `YYYY-MM-DD HH:MM:SS` (19), with a space or `T` between date and time. Each is normalised to the
 * 19-character form and parsed with one format: parsing with several formats in turn is slow
 * (a failing strptime over 541,909 rows took 1.1 s) and a bare `%Y-%m-%d` silently accepts the
 * date prefix of a date-time, dropping its time (both measured on nodejs-polars 0.25.2).
 */
const DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S";

/**
 * Reads a transaction log from CSV or Parquet into canonical snake_case columns.
 *
 * Output columns, in order: `customer_id` (Utf8, nullable), `invoice_id` (Utf8), `invoice_date`
 * (Datetime, milliseconds, no time zone: wall-clock time in `timeZone`), `product_id` (Utf8),
 * `description` (Utf8, nullable; all null when the file has none), `quantity` (Int64 when every
 * value is whole, else Float64), `unit_price` (Float64) and `country` (Utf8, only when present).
 * Ids stored as numbers become strings without a trailing `.0` (`17850.0` becomes `"17850"`).
 * Dates may be ISO dates (`2011-01-02`), date-times (`2011-01-02 08:26:00`, `2011-01-02T08:26`) or
 * already typed in Parquet. Missing values stay missing: judging them is the job of
 * {@linkcode checkTransactions}. Other columns of the file are dropped. The file is never modified.
 *
 * Policies for awkward input (README, "What happens with bad data"):
 * - **Missing tokens**: {@linkcode MISSING_VALUE_TOKENS} (`NA`, `N/A`, `NULL`, `null`, `NaN`,
 *   `None`, `-`, empty) are missing in every text column of CSV and Parquet files, so they never
 *   become a customer or product; change with `nullValues`.
 * - **Non-finite numbers**: `NaN`, infinities and magnitudes >= 1e15 in `quantity` or `unit_price`
 *   are refused (RangeError naming the column, the count, rows and values).
 * - **Time zones**: date-times with a UTC offset (`+01:00`, `-0500`, `Z`) and zoned Parquet
 *   timestamps are converted to wall-clock time in `timeZone` (default UTC), the same for both
 *   formats; date-times without an offset are taken as already in that zone. Offsets that differ
 *   between rows are allowed and reported by {@linkcode checkTransactions} as
 *   `mixed_time_zone_offsets` (see {@linkcode dataNotes}).
 * - **Encodings**: UTF-8 (with or without BOM) by default; `encoding: "windows-1252"` (or
 *   `"latin-1"`) decodes the file in memory. A file that is not valid UTF-8 is refused naming the
 *   file, the first bad line and the option.
 * - **Delimiters**: `.csv`, `.txt` (comma) and `.tsv` (tab), in any letter case. Without a
 *   `delimiter` option, a header line with no such separator but a `;` (or tab, or `|`) is read
 *   with that one: semicolon-delimited exports read as they are. Header names are trimmed.
 * - **Structure**: a header naming a column twice is refused (TypeError naming it); a line with
 *   more fields than the header is refused (RangeError naming the line); blank lines are ignored.
 *
 * Cost: a clean UTF-8 `.csv` / `.tsv` file is read once by Polars' multi-threaded reader with the
 * target types (dates parsed with one exact format, once per distinct value), then checked with a
 * few column-wide expressions; only when that read fails or a check finds something unusual is
 * the file read again, every column as text, to find and report the offending rows (or to
 * handle padded ids, tokens, other date shapes, offsets). Parquet files and other encodings or
 * extensions take that careful path directly (a non-UTF-8 encoding, or a `.txt` / upper-case
 * extension, reads the file into memory first). bench/README, "Reading", has the times.
 *
 * @param path Path of a `.csv`, `.tsv`, `.txt` or `.parquet` file.
 * @param options Column mapping, missing tokens, time zone, encoding and delimiter.
 * @returns A new DataFrame with the canonical columns.
 * @throws {Deno.errors.NotFound} When the file does not exist.
 * @throws {RangeError} When the file is empty (no rows), its extension is not supported, it is
 * not valid UTF-8 (and no `encoding` was given), a line has more fields than the header, a
 * Parquet file is truncated or not Parquet, `timeZone` is unknown, or a quantity or price is
 * non-finite or overflowing.
 * @throws {TypeError} When the path is a directory, a header names a column twice, a required
 * column is missing (naming it and listing the available columns), a date cannot be parsed, a
 * number is not numeric, or a numeric id is not whole (each naming the column, the count of bad
 * rows, and the first row numbers and values; rows are numbered from 1, header excluded).
 *
 * @example Read a small CSV with the file's own column names
 * ```ts
 * import { readTransactions } from "./read_transactions.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(
 *   path,
 *   "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n" +
 *     "536365,85123A,6,2010-12-01 08:26:00,2.55,17850\n",
 * );
 * const tx = readTransactions(path, {
 *   columns: {
 *     invoice_id: "InvoiceNo",
 *     product_id: "StockCode",
 *     quantity: "Quantity",
 *     invoice_date: "InvoiceDate",
 *     unit_price: "UnitPrice",
 *     customer_id: "CustomerID",
 *   },
 * });
 * assert.deepEqual(tx.columns.slice(0, 3), ["customer_id", "invoice_id", "invoice_date"]);
 * assert.equal(tx.getColumn("customer_id").get(0), "17850");
 * await Deno.remove(path);
 * ```
 */
export function readTransactions(path: string, options: ReadTransactionsOptions = {}): DataFrame {
  resolveTimeZone(options.timeZone ?? "UTC"); // an unknown zone is refused on either path
  const tokens = options.nullValues ?? [...MISSING_VALUE_TOKENS];
  // In quantity and price, "NaN" is a non-finite number (an error below), not a missing marker.
  const numberTokens = options.nullValues ?? MISSING_VALUE_TOKENS.filter((t) => t !== "NaN");
  const fast = readCleanCsv(path, options, tokens, numberTokens);
  if (fast !== undefined) return fast;
  return readTransactionsChecked(path, options);
}

/**
 * The careful reader behind {@linkcode readTransactions}: reads every column as text, learns the
 * shapes of the values, converts, and reports the first bad values with row numbers. Used when
 * the fast path ({@linkcode readCleanCsv}) finds anything unusual, and for Parquet files.
 */
function readTransactionsChecked(
  path: string,
  options: ReadTransactionsOptions = {},
): DataFrame {
  const timeZone = resolveTimeZone(options.timeZone ?? "UTC");
  const tokens = options.nullValues ?? [...MISSING_VALUE_TOKENS];
  const numberTokens = options.nullValues ?? MISSING_VALUE_TOKENS.filter((t) => t !== "NaN");
  const raw = readRaw(path, numberTokens, options);
  const mapping = resolveMapping(raw, options.columns ?? {}, path);
  if (raw.height === 0) {
    throw new RangeError(`Cannot read transactions as the file has no rows: ${path}`);
  }
  const shapes = inspectShapes(raw, mapping, tokens);
  // Token handling costs a trim of every string: only in columns that hold a token.
  const tk = (source: string | undefined, list: readonly string[]) =>
    source !== undefined && shapes.tokenColumns.has(source) ? list : [];
  const zoned = zonedDates(raw, mapping.invoice_date!, shapes, timeZone);
  const exprs: Expr[] = [
    idExpr(raw, mapping.customer_id!, "customer_id", shapes, tk(mapping.customer_id, tokens)),
    idExpr(raw, mapping.invoice_id!, "invoice_id", shapes, tk(mapping.invoice_id, tokens)),
    // Text dates are parsed below, once per distinct value; this is a placeholder in position.
    isText(raw, mapping.invoice_date!) || zoned
      ? pl.lit(null).cast(pl.Datetime("ms")).alias("invoice_date")
      : dateExpr(raw, mapping.invoice_date!),
    idExpr(raw, mapping.product_id!, "product_id", shapes, tk(mapping.product_id, tokens)),
    mapping.description
      ? textExpr(raw, mapping.description, tk(mapping.description, tokens)).alias("description")
      : pl.lit(null).cast(pl.Utf8).alias("description"),
    numberExpr(raw, mapping.quantity!, "quantity", tk(mapping.quantity, numberTokens)),
    numberExpr(raw, mapping.unit_price!, "unit_price", tk(mapping.unit_price, numberTokens)),
  ];
  if (mapping.country) {
    exprs.push(textExpr(raw, mapping.country, tk(mapping.country, tokens)).alias("country"));
  }
  // A converted column is null exactly where its source was null (or a missing token), unless a
  // value failed to convert: keep the sources' null masks to count the bad values in one pass.
  const checked = VALIDATED.map((c) => [c, mapping[c]!] as const);
  let typed = raw.select(
    ...exprs,
    ...checked.map(([c, source]) =>
      missingMask(
        raw,
        source,
        tk(source, c === "quantity" || c === "unit_price" ? numberTokens : tokens),
      ).alias(`__null_${c}`)
    ),
  );
  if (zoned) {
    typed = typed.withColumns(zoned.dates);
  } else if (isText(raw, mapping.invoice_date!)) {
    typed = typed.withColumns(
      parseTextDates(raw, mapping.invoice_date!, shapes, tk(mapping.invoice_date, tokens)),
    );
  }
  const q = pl.col("quantity");
  const nonFinite = (c: string) =>
    pl.col(c).isNan().or(pl.col(c).abs().gtEq(MAX_TRANSACTION_NUMBER)).fillNull(false);
  const counts = typed.select(
    ...checked.map(([c]) => pl.col(c).isNull().and(pl.col(`__null_${c}`).not()).sum().alias(c)),
    q.neq(q.floor()).sum().alias("__fractional"),
    nonFinite("quantity").sum().alias("__nonfinite_quantity"),
    nonFinite("unit_price").sum().alias("__nonfinite_unit_price"),
  ).toRecords()[0];
  for (const [c, source] of checked) {
    if (Number(counts[c]) > 0) reportBadValues(raw, typed, source, c);
  }
  for (const c of ["quantity", "unit_price"] as const) {
    if (Number(counts[`__nonfinite_${c}`]) > 0) {
      reportNonFinite(raw, typed, mapping[c]!, c, nonFinite(c));
    }
  }
  const clean = typed.drop(checked.map(([c]) => `__null_${c}`));
  // Quantities are counts: keep them as integers when every value is whole.
  const result = Number(counts.__fractional ?? 0) > 0 ? clean : clean.withColumns(q.cast(pl.Int64));
  return attachNotes(result, zoned?.notes ?? []);
}

/** Canonical columns whose conversion can fail (the required ones), in the order errors are reported. */
const VALIDATED = REQUIRED_TRANSACTION_COLUMNS;

/** What one pass over the text columns learns, to pick the cheapest correct conversion. */
interface Shapes {
  /** Text id columns holding values like "17850.0" (written from a float column). */
  floatIds: Set<string>;
  /** Date lengths present besides 19 (`YYYY-MM-DD HH:MM:SS`): 10 and/or 16. */
  dateOnly: boolean;
  minutes: boolean;
  /** Whether any date uses `T` between date and time. */
  isoT: boolean;
  /** Whether some date has another length (surrounding spaces, or a bad value): trim first. */
  otherLengths: boolean;
  /** Whether some text date-time ends in a UTC offset (`Z`, `+01:00`, `-0500`). */
  offsets: boolean;
  /** Source text columns holding a missing-value token (after trimming). */
  tokenColumns: Set<string>;
}

/** A time followed by a UTC offset at the end of a text date-time. */
const OFFSET_PATTERN =
  "[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)? ?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$";

function inspectShapes(
  raw: DataFrame,
  mapping: Partial<Record<TransactionColumn, string>>,
  tokens: readonly string[],
): Shapes {
  const checks: Expr[] = [];
  // A token as written, or padded with spaces. Trimming every value to compare it cost ~0.2 s a
  // column on Online Retail's 541,909 rows; exact lookups cost ~10 ms, and only the padded values
  // (few) are trimmed.
  const sources = [...new Set(Object.values(mapping))].filter((c) => isText(raw, c));
  if (tokens.length > 0) {
    sources.forEach((c, i) => {
      const col = pl.col(c);
      checks.push(
        col.isIn([...tokens]).any().alias(`__token${i}`),
        col.str.startsWith(" ").or(col.str.endsWith(" ")).any().alias(`__padded${i}`),
      );
    });
  }
  const ids = (["customer_id", "invoice_id", "product_id"] as const).filter((c) =>
    isText(raw, mapping[c]!)
  );
  // Values are checked as written (not trimmed): trimming 2M strings to look at them cost more
  // than the rest of this pass.
  for (const c of ids) checks.push(pl.col(mapping[c]!).str.endsWith(".0").any().alias(c));
  const date = mapping.invoice_date!;
  const dateIsText = isText(raw, date);
  if (dateIsText) {
    checks.push(
      pl.col(date).str.contains("T", true).any().alias("__t"),
    );
  }
  const found = checks.length > 0 ? raw.select(...checks).toRecords()[0] : {};
  const padded = sources.filter((_, i) => found[`__token${i}`] !== true && found[`__padded${i}`]);
  if (padded.length > 0) {
    const again = raw.select(
      ...padded.map((c) => {
        const col = pl.col(c);
        return col.filter(col.str.startsWith(" ").or(col.str.endsWith(" "))).str.strip()
          .isIn([...tokens]).any().alias(c);
      }),
    ).toRecords()[0];
    sources.forEach((c, i) => {
      if (again[c] === true) found[`__token${i}`] = true;
    });
  }
  const lengths = dateIsText
    ? new Set(
      raw.select(pl.col(date).str.lengths().unique().alias("n")).getColumn("n").toArray()
        .filter((n) => n !== null).map(Number),
    )
    : new Set<number>();
  return {
    floatIds: new Set(ids.filter((c) => found[c] === true)),
    dateOnly: lengths.has(10),
    minutes: lengths.has(16),
    isoT: found.__t === true,
    otherLengths: [...lengths].some((n) => n !== 10 && n !== 16 && n !== 19),
    // Looked for among the distinct values (23,260 in Online Retail's 541,909 rows).
    offsets: dateIsText &&
      raw.select(pl.col(date).unique()).select(
          pl.col(date).str.strip().str.contains(OFFSET_PATTERN).any().alias("o"),
        ).toRecords()[0].o === true,
    tokenColumns: new Set(sources.filter((_, i) => found[`__token${i}`] === true)),
  };
}

function isText(df: DataFrame, column: string): boolean {
  const variant = df.getColumn(column).dtype.variant;
  return variant === "String" || variant === "Utf8";
}

function readRaw(
  path: string,
  numberTokens: readonly string[],
  options: ReadTransactionsOptions,
): DataFrame {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot read transactions as the file does not exist: ${path}`,
      );
    }
    throw error;
  }
  if (info.isDirectory) {
    throw new TypeError(
      `Cannot read transactions as the path is a directory, not a file: ${path} (pass the path of a .csv, .tsv, .txt or .parquet file)`,
    );
  }
  const lower = path.toLowerCase();
  if (lower.endsWith(".parquet")) {
    try {
      return pl.readParquet(path);
    } catch (error) {
      throw new RangeError(
        `Cannot read transactions as the file is not a readable Parquet file (truncated or not Parquet): ${path} (${
          firstLine(error)
        })`,
      );
    }
  }
  if (lower.endsWith(".csv") || lower.endsWith(".txt") || lower.endsWith(".tsv")) {
    if (info.size === 0) {
      throw new RangeError(`Cannot read transactions as the file is empty: ${path}`);
    }
    return readCsvFile(path, numberTokens, options);
  }
  throw new RangeError(
    `Cannot read transactions as the file type is not supported: ${path} (use .csv, .tsv, .txt or .parquet)`,
  );
}

const ENCODINGS: readonly TransactionEncoding[] = ["utf-8", "latin-1", "windows-1252"];

function readCsvFile(
  path: string,
  numberTokens: readonly string[],
  options: ReadTransactionsOptions,
): DataFrame {
  const encoding = options.encoding ?? "utf-8";
  if (!ENCODINGS.includes(encoding)) {
    throw new RangeError(
      `Cannot read transactions as encoding "${encoding}" is not supported: use one of ${
        ENCODINGS.join(", ")
      }`,
    );
  }
  // Polars reads UTF-8 only, and takes a string as a path only when it ends in lower-case .csv or
  // .tsv (anything else is parsed as CSV text): other files are handed over as bytes.
  let body: string | Buffer = path;
  let head: string;
  if (encoding !== "utf-8") {
    const text = new TextDecoder("windows-1252").decode(Deno.readFileSync(path));
    body = Buffer.from(text, "utf-8");
    head = text.slice(0, 65_536);
  } else {
    head = readHead(path);
    if (!/\.(csv|tsv)$/.test(path)) body = Buffer.from(Deno.readFileSync(path));
  }
  const headerLine = head.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, "");
  const sep = options.delimiter ??
    detectSeparator(headerLine, path.toLowerCase().endsWith(".tsv") ? "\t" : ",");
  const header = headerLine.split(sep).map((name) => name.replace(/^\s*"(.*)"\s*$/, "$1"));
  const names = header.map((name) => name.trim());
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (repeated.length > 0) {
    throw new TypeError(
      `Cannot read transactions as the header of ${path} names ${repeated.length} ${
        repeated.length === 1 ? "column" : "columns"
      } more than once: ${formatExamples(repeated)} (rename or remove the duplicates)`,
    );
  }
  // Columns are read as text (inferSchemaLength 0) so that validation, not the CSV reader's
  // type inference, decides what is a bad value and can report it. Quantity and price are
  // first tried as numbers by the (parallel) reader, which saves a cast of every value; if any
  // value does not parse, the file is read again all as text and the bad rows are reported.
  let readOptions = {
    inferSchemaLength: 0,
    sep,
    nullValues: [...numberTokens],
    truncateRaggedLines: false,
  };
  const given = options.columns ?? {};
  const numeric = [given.quantity ?? "quantity", given.unit_price ?? "unit_price"]
    .map((c) => header[names.indexOf(c)]).filter((c) => c !== undefined);
  let raw: DataFrame | undefined;
  if (numeric.length > 0) {
    try {
      raw = pl.readCSV(body, {
        ...readOptions,
        dtypes: Object.fromEntries(numeric.map((c) => [c, pl.Float64])),
      });
    } catch (error) {
      // a value is not a number: fall through to the all-text read, which reports it
      if (rethrowStructural(error, path, sep, names.length, encoding)) {
        readOptions = { ...readOptions, truncateRaggedLines: true };
      }
    }
  }
  if (raw === undefined) {
    try {
      raw = pl.readCSV(body, readOptions);
    } catch (error) {
      if (!rethrowStructural(error, path, sep, names.length, encoding)) throw error;
      raw = pl.readCSV(body, { ...readOptions, truncateRaggedLines: true });
    }
  }
  if (raw.columns.length === names.length && raw.columns.some((c, i) => c !== names[i])) {
    raw = raw.rename(Object.fromEntries(raw.columns.map((c, i) => [c, names[i]])));
  }
  // Blank lines (Polars reads them as rows of nulls) are not data. Such a row is null in the
  // first column: without nulls there, there is nothing to drop (a null count costs nothing).
  if (raw.width === 0 || raw.getColumn(raw.columns[0]).nullCount() === 0) return raw;
  return raw.filter(pl.anyHorizontal(raw.columns.map((c) => pl.col(c).isNotNull())));
}

/**
 * The separator to use when none is given: the default, unless the header line holds none of it
 * but a `;` or a tab (a semicolon-delimited export from a European-locale spreadsheet).
 */
function detectSeparator(headerLine: string, fallback: string): string {
  if (headerLine.includes(fallback)) return fallback;
  for (const candidate of [";", "\t", "|"]) if (headerLine.includes(candidate)) return candidate;
  return fallback;
}

/** Turns a Polars reading error about the file's structure into a house-style one. */
function rethrowStructural(
  error: unknown,
  path: string,
  sep: string,
  fields: number,
  encoding: TransactionEncoding,
): "empty extra fields" | undefined {
  const message = String(error);
  if (/utf-?8/i.test(message)) {
    const text = new TextDecoder().decode(Deno.readFileSync(path));
    const lines = text.split("\n");
    const bad = lines.map((line, i) => [i + 1, line] as const).filter(([, line]) =>
      line.includes("\uFFFD")
    );
    if (bad.length === 0) return undefined; // another error that happens to mention UTF-8
    const [line, content] = bad[0];
    throw new RangeError(
      `Cannot read transactions as ${path} is not valid UTF-8: ${bad.length} ${
        bad.length === 1 ? "line holds" : "lines hold"
      } bytes that are not UTF-8, first line ${line}: ${
        JSON.stringify(content.slice(Math.max(0, content.indexOf("\uFFFD") - 40)).slice(0, 80))
      } (a file saved as Latin-1 or Windows-1252, e.g. by Excel, reads with { encoding: "windows-1252" })`,
    );
  }
  if (/more fields/i.test(message)) {
    // Only empty extra fields (a trailing separator): nothing is lost by dropping them.
    const label = encoding === "utf-8" ? "utf-8" : "windows-1252";
    const text = new TextDecoder(label).decode(Deno.readFileSync(path));
    const bad = fieldCounts(text, sep).filter(([, count]) => count > fields);
    if (bad.length === 0) return "empty extra fields";
    const lines = bad.slice(0, MAX_EXAMPLES).map(([line, count]) =>
      `line ${line} (${count} fields)`
    );
    const example = text.split("\n")[bad[0][0] - 1].replace(/\r$/, "");
    throw new RangeError(
      `Cannot read transactions as ${path} has ${bad.length} ${
        bad.length === 1 ? "line" : "lines"
      } with more fields than the header's ${fields}: ${lines.join(", ")}${
        bad.length > lines.length ? ` and ${bad.length - lines.length} more` : ""
      }, e.g. ${JSON.stringify(example.slice(-80))} (quote values that contain "${
        sep === "\t" ? "\\t" : sep
      }")`,
    );
  }
  return undefined;
}

/**
 * [line number (1-based, header = 1), fields up to the last non-empty one] of each record,
 * honouring double quotes: a trailing empty field (`a,b,`) drops nothing and is not counted.
 */
function fieldCounts(text: string, sep: string): [number, number][] {
  const out: [number, number][] = [];
  let line = 1;
  let start = 1;
  let fields = 1;
  let used = 0;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === sep) fields++;
    else if (ch === "\n" && !quoted) {
      if (!empty) out.push([start, used]);
      fields = 1;
      used = 0;
      empty = true;
      start = line + 1;
    } else if (ch !== "\r" && ch !== " " && ch !== "\n") {
      empty = false;
      used = fields;
    }
    if (ch === "\n") line++;
  }
  if (!empty) out.push([start, used]);
  return out;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0];
}

/**
 * The first 64 KiB of a file as text, to read its header line (asking Polars for one row took
 * ~0.3 s on a 2M-row file: it maps the whole file).
 */
function readHead(path: string): string {
  const file = Deno.openSync(path);
  try {
    const buffer = new Uint8Array(65_536);
    const bytes = file.readSync(buffer) ?? 0;
    return new TextDecoder().decode(buffer.subarray(0, bytes));
  } finally {
    file.close();
  }
}

function resolveTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new RangeError(
      `Cannot read transactions as timeZone "${timeZone}" is not a known time zone: use an IANA name such as "UTC" or "Europe/London"`,
    );
  }
}

function resolveMapping(
  raw: DataFrame,
  given: Partial<Record<TransactionColumn, string>>,
  path: string,
): Partial<Record<TransactionColumn, string>> {
  const available = new Set(raw.columns);
  const mapping: Partial<Record<TransactionColumn, string>> = {};
  for (const key of Object.keys(given)) {
    if (!(TRANSACTION_COLUMNS as readonly string[]).includes(key)) {
      throw new TypeError(
        `Cannot read transactions as "${key}" is not a canonical column: use one of ${
          TRANSACTION_COLUMNS.join(", ")
        }`,
      );
    }
  }
  for (const canonical of TRANSACTION_COLUMNS) {
    const source = given[canonical] ?? canonical;
    if (available.has(source)) {
      mapping[canonical] = source;
    } else if (REQUIRED_TRANSACTION_COLUMNS.includes(canonical) || given[canonical]) {
      const named = source === canonical ? `"${canonical}"` : `"${source}" (for ${canonical})`;
      throw new TypeError(
        `Cannot read transactions as column ${named} is missing in ${path}: available columns are ${
          raw.columns.join(", ")
        }`,
      );
    }
  }
  return mapping;
}

/** A text column with the missing-value tokens (compared after trimming) made null. */
function textExpr(df: DataFrame, source: string, tokens: readonly string[]): Expr {
  const col = pl.col(source);
  if (!isText(df, source) || tokens.length === 0) return col.cast(pl.Utf8);
  return pl.when(col.str.strip().isIn([...tokens])).then(pl.lit(null).cast(pl.Utf8)).otherwise(
    col,
  );
}

/** Where a source value counts as missing: null, or (in a text column) a missing-value token. */
function missingMask(df: DataFrame, source: string, tokens: readonly string[]): Expr {
  const col = pl.col(source);
  if (!isText(df, source) || tokens.length === 0) return col.isNull();
  return col.isNull().or(col.str.strip().isIn([...tokens]));
}

function idExpr(
  df: DataFrame,
  source: string,
  name: string,
  shapes: Shapes,
  tokens: readonly string[],
): Expr {
  const col = pl.col(source);
  if (!isNumericColumn(df, source)) {
    // Text ids written from a float column ("17850.0") lose the ".0", as numeric ids do below.
    const stripped = col.cast(pl.Utf8).str.strip();
    const text = tokens.length === 0
      ? stripped
      : pl.when(stripped.isIn([...tokens])).then(pl.lit(null).cast(pl.Utf8)).otherwise(stripped);
    return (shapes.floatIds.has(name) ? text.str.replace("^([0-9]+)\\.0+$", "$1") : text).alias(
      name,
    );
  }
  const dtype = df.getColumn(source).dtype.variant;
  if (dtype.startsWith("Float")) {
    // Whole floats (17850.0, typical of an id column holding nulls) become "17850"; a fractional
    // or non-finite id becomes null here and is reported as a bad value (NaN as a missing one).
    return pl.when(col.isNan().not().and(col.eq(col.floor())).and(col.abs().lt(2 ** 53)))
      .then(col.cast(pl.Int64).cast(pl.Utf8))
      .otherwise(pl.lit(null).cast(pl.Utf8))
      .alias(name);
  }
  return col.cast(pl.Utf8).alias(name);
}

function dateExpr(df: DataFrame, source: string): Expr {
  const dtype = df.getColumn(source).dtype.variant;
  const col = pl.col(source);
  if (dtype === "Datetime" || dtype === "Date") {
    return col.cast(pl.Datetime("ms")).alias("invoice_date");
  }
  // Numbers are not dates: make every non-null value fail so it is reported.
  return pl.lit(null).cast(pl.Datetime("ms")).alias("invoice_date");
}

/** Text dates brought to the one `YYYY-MM-DD HH:MM:SS` shape parsed with one format. */
function normalisedDateText(source: string, shapes: Shapes): Expr {
  // Trimming 2M dates costs ~0.1 s: only when some value is not 10, 16 or 19 characters long.
  const col = pl.col(source);
  const text = shapes.otherLengths ? col.str.strip() : col;
  let normalised = text;
  if (shapes.dateOnly || shapes.minutes) {
    const length = text.str.lengths();
    const dateOnly = pl.concatString([text, pl.lit("00:00:00")], " ");
    const minutes = pl.concatString([text, pl.lit("00")], ":");
    normalised = shapes.dateOnly && shapes.minutes
      ? pl.when(length.eq(10)).then(dateOnly).when(length.eq(16)).then(minutes).otherwise(text)
      : shapes.dateOnly
      ? pl.when(length.eq(10)).then(dateOnly).otherwise(text)
      : pl.when(length.eq(16)).then(minutes).otherwise(text);
  }
  return shapes.isoT ? normalised.str.replace("T", " ", true) : normalised;
}

/**
 * Dates that carry a time zone, converted to wall-clock time in `timeZone`: a zoned Datetime
 * column, or text date-times of which some end in a UTC offset (parsed in JS once per distinct
 * value; values without an offset are taken as already in `timeZone`). Undefined for naive dates.
 */
function zonedDates(
  raw: DataFrame,
  source: string,
  shapes: Shapes,
  timeZone: string,
): { dates: Series; notes: DataNote[] } | undefined {
  const dtype = raw.getColumn(source).dtype as { variant: string; timeZone?: string | null };
  const isZoned = dtype.variant === "Datetime" && !!dtype.timeZone;
  if (!isZoned && !(isText(raw, source) && shapes.offsets)) return undefined;
  if (isZoned) {
    const ms = raw.select(pl.col(source).cast(pl.Datetime("ms")).cast(pl.Int64).alias("__ms"));
    if (timeZone === "UTC") {
      return {
        dates: ms.select(pl.col("__ms").cast(pl.Datetime("ms")).alias("invoice_date"))
          .getColumn("invoice_date"),
        notes: [],
      };
    }
    const distinct = ms.unique();
    const local = distinct.getColumn("__ms").toArray().map((v) =>
      v === null ? null : wallClock(Number(v), timeZone)
    );
    return { dates: joinBack(ms, "__ms", distinct, local), notes: [] };
  }
  const text = raw.select(pl.col(source).str.strip().alias("__d"));
  const distinct = text.groupBy("__d").agg(pl.col("__d").count().alias("__n"));
  const values = distinct.getColumn("__d").toArray() as (string | null)[];
  const counts = distinct.getColumn("__n").toArray().map(Number);
  const byOffset = new Map<string, number>();
  const local = values.map((value, i) => {
    const parsed = value === null ? null : parseZoned(value, timeZone);
    if (parsed !== null) {
      byOffset.set(parsed.offset, (byOffset.get(parsed.offset) ?? 0) + counts[i]);
    }
    return parsed === null ? null : parsed.ms;
  });
  const notes: DataNote[] = [];
  if (byOffset.size > 1) {
    const ranked = [...byOffset].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const rows = ranked.slice(1).reduce((sum, [, n]) => sum + n, 0);
    notes.push({
      rule: "mixed_time_zone_offsets",
      column: "invoice_date",
      rows,
      examples: ranked.slice(0, MAX_EXAMPLES).map(([offset, n]) =>
        `${offset} (${n} ${n === 1 ? "row" : "rows"})`
      ),
    });
  }
  return { dates: joinBack(text, "__d", distinct.select("__d"), local), notes };
}

/** Puts per-distinct-value results (epoch ms of wall-clock time) back in row order. */
function joinBack(
  rows: DataFrame,
  key: string,
  distinct: DataFrame,
  local: (number | null)[],
): Series {
  const parsed = distinct.select(pl.col(key)).withColumns(
    pl.Series("__local", local, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms")).alias(
      "invoice_date",
    ),
  );
  return rows.select(pl.col(key)).withRowIndex("__i").join(parsed, { on: key, how: "left" })
    .sort("__i").getColumn("invoice_date");
}

const ZONED_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)? ?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * One text date-time as wall-clock epoch milliseconds in `timeZone`, with its offset label
 * (`"+00:00"` for `Z`, `"none"` without one); null when it is not a valid date.
 */
function parseZoned(value: string, timeZone: string): { ms: number; offset: string } | null {
  const m = ZONED_DATE.exec(value);
  if (m === null) return null;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, Math.floor(fraction));
  if (
    date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d ||
    h > 23 || mi > 59 || sec > 59
  ) return null;
  const zone = m[8];
  if (zone === undefined) return { ms: date.getTime(), offset: "none" };
  let minutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const digits = zone.slice(1).replace(":", "");
    minutes = (zone[0] === "-" ? -1 : 1) *
      (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${
    String(abs % 60).padStart(2, "0")
  }`;
  return { ms: wallClock(date.getTime() - minutes * 60_000, timeZone), offset };
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` of a UTC instant, as epoch milliseconds of a naive time. */
function wallClock(utcMs: number, timeZone: string): number {
  if (timeZone === "UTC") return utcMs;
  let format = FORMATTERS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    FORMATTERS.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]),
  );
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  date.setUTCHours(
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    ((utcMs % 1000) + 1000) % 1000,
  );
  return date.getTime();
}

/**
 * Parses a text date column once per distinct value when values repeat (a transaction log has
 * one timestamp per invoice, shared by its lines: 23,260 distinct values in 541,909 Online Retail
 * lines), then puts the results back in row order; parsing every row took twice as long on 2M
 * rows (measured). With mostly distinct values it parses every row directly.
 */
function parseTextDates(
  raw: DataFrame,
  source: string,
  shapes: Shapes,
  tokens: readonly string[],
): Series {
  const parse = (e: Expr) => e.str.strptime(pl.Datetime("ms"), DATETIME_FORMAT);
  const text = raw.select(textExpr(raw, source, tokens).alias(source))
    .select(normalisedDateText(source, shapes).alias("__d"));
  const distinct = text.unique();
  if (distinct.height * 2 > text.height) {
    return text.select(parse(pl.col("__d")).alias("invoice_date")).getColumn("invoice_date");
  }
  const parsed = distinct.withColumns(parse(pl.col("__d")).alias("invoice_date"));
  return text.withRowIndex("__i").join(parsed, { on: "__d", how: "left" }).sort("__i")
    .getColumn("invoice_date");
}

function numberExpr(
  df: DataFrame,
  source: string,
  name: string,
  tokens: readonly string[],
): Expr {
  const col = pl.col(source);
  if (isNumericColumn(df, source)) return col.cast(pl.Float64).alias(name);
  if (df.getColumn(source).dtype.equals(pl.Bool)) return pl.lit(null).cast(pl.Float64).alias(name);
  const text = col.cast(pl.Utf8).str.strip();
  const value = text.cast(pl.Float64, false);
  return (tokens.length === 0
    ? value
    : pl.when(text.isIn([...tokens])).then(pl.lit(null).cast(pl.Float64)).otherwise(value))
    .alias(name);
}

function reportNonFinite(
  source: DataFrame,
  typed: DataFrame,
  sourceColumn: string,
  canonical: string,
  mask: Expr,
): void {
  const bad = typed.withRowIndex("__row").select(pl.col("__row"), mask.alias("__bad"))
    .withColumns(source.getColumn(sourceColumn).alias("__value"))
    .filter(pl.col("__bad"));
  const rows = bad.getColumn("__row").head(MAX_EXAMPLES).toArray().map((r: unknown) =>
    Number(r) + 1
  );
  const values = bad.getColumn("__value").head(MAX_EXAMPLES).toArray();
  const where = sourceColumn === canonical ? `"${canonical}"` : `"${sourceColumn}" (${canonical})`;
  throw new RangeError(
    `Cannot read transactions as column ${where} has ${bad.height} ${
      bad.height === 1 ? "row" : "rows"
    } with non-finite or overflowing numbers (NaN, infinity or magnitude >= 1e15): ${
      rows.length === 1 ? "row" : "rows"
    } ${rows.join(", ")} ${rows.length === 1 ? "holds" : "hold"} ${
      formatExamples(values, bad.height)
    }`,
  );
}

function reportBadValues(
  source: DataFrame,
  typed: DataFrame,
  sourceColumn: string,
  canonical: string,
): void {
  const bad = source.withRowIndex("__row")
    .select(pl.col("__row"), pl.col(sourceColumn).alias("__value"))
    .withColumns(typed.getColumn(canonical).alias("__typed"))
    .filter(pl.col("__value").isNotNull().and(pl.col("__typed").isNull()));
  if (bad.height === 0) return;
  const rows = bad.getColumn("__row").head(MAX_EXAMPLES).toArray().map((r: unknown) =>
    Number(r) + 1
  );
  const values = bad.getColumn("__value").head(MAX_EXAMPLES).toArray();
  const kind = canonical === "invoice_date"
    ? "dates that cannot be parsed (expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])"
    : canonical.endsWith("_id")
    ? "ids that are not whole numbers or text"
    : "values that are not numbers";
  const where = sourceColumn === canonical ? `"${canonical}"` : `"${sourceColumn}" (${canonical})`;
  throw new TypeError(
    `Cannot read transactions as column ${where} has ${bad.height} ${
      bad.height === 1 ? "row" : "rows"
    } with ${kind}: ${rows.length === 1 ? "row" : "rows"} ${rows.join(", ")} ${
      rows.length === 1 ? "holds" : "hold"
    } ${formatExamples(values, bad.height)}`,
  );
}

/**
 * The fast path of {@linkcode readTransactions}: a UTF-8 `.csv` / `.tsv` file read by Polars
 * with the target types (quantity and price as numbers, dates parsed with one exact format, each
 * distinct value once), then one pass of cheap checks on the typed columns. Returns undefined, so
 * that the careful reader runs and gives its messages, as soon as anything is unusual: a parse
 * failure, padded ids, a missing-value token the reader did not map, another date shape
 * (date-only and `YYYY-MM-DD HH:MM:SS` are taken here), a value that did not convert, a
 * non-finite or overflowing number, a blank line, an odd header. On a clean file the checks cost
 * a few tens of milliseconds.
 */
function readCleanCsv(
  path: string,
  options: ReadTransactionsOptions,
  tokens: readonly string[],
  numberTokens: readonly string[],
): DataFrame | undefined {
  if (!/\.(csv|tsv)$/.test(path) || (options.encoding ?? "utf-8") !== "utf-8") return undefined;
  let head: string;
  try {
    if (Deno.statSync(path).isDirectory) return undefined;
    head = readHead(path);
  } catch {
    return undefined;
  }
  if (head.startsWith("\uFEFF")) return undefined;
  const headerLine = head.split(/\r?\n/, 1)[0];
  const sep = options.delimiter ?? detectSeparator(headerLine, path.endsWith(".tsv") ? "\t" : ",");
  const names = headerLine.split(sep);
  // Quoted or padded names, repeats, an unknown mapping key or a missing column: careful path.
  if (names.some((n) => n !== n.trim() || n.includes('"') || n === "")) return undefined;
  if (new Set(names).size !== names.length) return undefined;
  const given = options.columns ?? {};
  if (Object.keys(given).some((k) => !(TRANSACTION_COLUMNS as readonly string[]).includes(k))) {
    return undefined;
  }
  const mapping: Partial<Record<TransactionColumn, string>> = {};
  for (const canonical of TRANSACTION_COLUMNS) {
    const source = given[canonical] ?? canonical;
    if (names.includes(source)) mapping[canonical] = source;
    else if (REQUIRED_TRANSACTION_COLUMNS.includes(canonical) || given[canonical]) return undefined;
  }
  const sources = [...new Set(Object.values(mapping))];
  // One source feeding two canonical columns needs two types: careful path.
  if (sources.length !== Object.values(mapping).length) return undefined;
  const numbers = [mapping.quantity!, mapping.unit_price!];
  let raw: DataFrame;
  try {
    // No null-value list: empty fields are null anyway, and matching every field against the
    // tokens cost the reader 30-70% more on 2M lines (measured); tokens are looked for below.
    raw = pl.readCSV(path, {
      inferSchemaLength: 0,
      sep,
      truncateRaggedLines: false,
      dtypes: Object.fromEntries(numbers.map((c) => [c, pl.Float64])),
    });
  } catch {
    return undefined;
  }
  if (raw.height === 0 || raw.columns.some((c, i) => c !== names[i])) return undefined;
  const text = sources.filter((c) => !numbers.includes(c));
  if (text.some((c) => !isText(raw, c))) return undefined;
  // Any missing-value token (numbers holding one failed to parse above): careful path.
  const listed = [...new Set([...tokens, ...numberTokens])];
  const date = mapping.invoice_date!;
  const ids = [mapping.customer_id!, mapping.invoice_id!, mapping.product_id!];
  const checks: Expr[] = [];
  text.forEach((c, i) => {
    const col = pl.col(c);
    // Ids: the careful path strips any whitespace (then the careful path runs) and drops a ".0"
    // (done below). The date: fixed lengths and an exact parse below rule out padding. Other
    // text: only a padded missing token changes anything, as in inspectShapes.
    if (ids.includes(c)) checks.push(col.str.endsWith(".0").any().alias(`__dot${i}`));
    const odd = ids.includes(c)
      ? col.str.contains("^\\s|\\s$").any()
      : c === date
      ? pl.lit(false)
      : col.filter(col.str.startsWith(" ").or(col.str.endsWith(" "))).str.strip()
        .isIn([...tokens]).any();
    checks.push((listed.length > 0 ? odd.or(col.isIn(listed).any()) : odd).alias(`__odd${i}`));
  });
  const nonFinite = (c: string) =>
    pl.col(c).isNan().or(pl.col(c).abs().gtEq(MAX_TRANSACTION_NUMBER)).any();
  checks.push(
    nonFinite(mapping.quantity!).alias("__nonfinite_q"),
    nonFinite(mapping.unit_price!).alias("__nonfinite_p"),
    pl.col(mapping.quantity!).neq(pl.col(mapping.quantity!).floor()).any().alias("__fractional"),
  );
  const found = raw.select(...checks).toRecords()[0];
  if (text.some((_, i) => found[`__odd${i}`] === true)) return undefined;
  if (found.__nonfinite_q === true || found.__nonfinite_p === true) return undefined;
  // One date shape, taken from the first date (the exact parse below refuses any other: a date
  // with another shape or padding becomes null, and the careful path runs).
  const leading = raw.getColumn(date).head(1000).toArray() as (string | null)[];
  const first = leading.find((v) => v !== null) ??
    raw.getColumn(date).dropNulls().head(1).toArray()[0];
  const length = typeof first === "string" ? first.length : 0;
  if (length !== 19 && length !== 10) return undefined;
  // A blank line is a row of nulls: the careful path drops it.
  const firstNulls = raw.getColumn(raw.columns[0]).nullCount();
  if (
    firstNulls > 0 &&
    raw.select(pl.allHorizontal(raw.columns.map((c) => pl.col(c).isNull())).any().alias("b"))
        .toRecords()[0].b === true
  ) return undefined;
  const parsed = exactDatetime(pl.col(date), length === 19 ? DATETIME_FORMAT : "%Y-%m-%d");
  const q = pl.col(mapping.quantity!).cast(pl.Float64);
  // Ids written from a float column ("17850.0") lose the ".0", as in the careful path.
  const id = (source: string) =>
    found[`__dot${text.indexOf(source)}`] === true
      ? pl.col(source).str.replace("^([0-9]+)\\.0+$", "$1")
      : pl.col(source);
  const exprs: Expr[] = [
    id(mapping.customer_id!).alias("customer_id"),
    id(mapping.invoice_id!).alias("invoice_id"),
    parsed.alias("invoice_date"),
    id(mapping.product_id!).alias("product_id"),
    mapping.description
      ? pl.col(mapping.description).alias("description")
      : pl.lit(null).cast(pl.Utf8).alias("description"),
    (found.__fractional === true ? q : q.cast(pl.Int64)).alias("quantity"),
    pl.col(mapping.unit_price!).cast(pl.Float64).alias("unit_price"),
  ];
  if (mapping.country) exprs.push(pl.col(mapping.country).alias("country"));
  const result = raw.select(...exprs);
  // Every date that is not missing must have parsed.
  if (result.getColumn("invoice_date").nullCount() !== raw.getColumn(date).nullCount()) {
    return undefined;
  }
  return attachNotes(result, []);
}
