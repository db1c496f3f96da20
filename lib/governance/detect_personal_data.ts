/**
 * Finding columns that hold personal data by their content, whatever their headers say.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { requireFrame, requireInteger } from "../core/errors.ts";
import { FIRST_NAMES } from "./first_names.ts";

/** The kinds of personal data {@linkcode detectPersonalData} recognises. */
export type PersonalDataKind = "email" | "phone" | "card_number" | "street_address" | "name";

/** Options for {@linkcode detectPersonalData}. */
export interface DetectPersonalDataOptions {
  /** Rows looked at, evenly spaced over the table (default 10,000; at least 1). */
  sample?: number;
  /** Columns to look at (default: every text and integer column). */
  columns?: readonly string[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE_CHARS = /^\+?[0-9 ().-]+$/;
const US_PHONE = /^\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}$/;
const CARD_SHAPE = /^\d(?:[ -]?\d){12,18}$/;
const STREET_SUFFIX =
  "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|boulevard|blvd|court|ct|place|pl|" +
  "terrace|crescent|square|sq|gardens|grove|hill|park|row|strasse|straße|rue|calle|via|weg";
const STREET = new RegExp(
  `^\\d{1,5}[a-z]?,?\\s+(?:[A-Za-zÀ-ÿ'.-]+\\s+){0,3}(?:${STREET_SUFFIX})\\.?(?:$|,)`,
  "i",
);
const NAME =
  /^([A-Z][a-zà-ÿ'-]+)(?: [A-Z]\.?| [A-Z][a-zà-ÿ'-]+)? ((?:Mc|Mac|O'|D')?[A-Z][a-zà-ÿ'-]+(?:-[A-Z][a-zà-ÿ'-]+)?)$/;

/** The share of sampled values that must match before a column is flagged, by kind. */
const MIN_SHARE: Record<PersonalDataKind, number> = {
  email: 0.005,
  phone: 0.005,
  card_number: 0.005,
  street_address: 0.005,
  name: 0.2,
};

/** The kind a single value looks like, or undefined. Exported for tests. */
export function personalDataKind(value: string): PersonalDataKind | undefined {
  const text = value.trim();
  if (text.length < 5) return undefined;
  if (EMAIL.test(text)) return "email";
  if (CARD_SHAPE.test(text) && luhn(text.replace(/[ -]/g, ""))) return "card_number";
  if (PHONE_CHARS.test(text)) {
    const digits = text.replace(/\D/g, "").length;
    if (
      digits >= 9 && digits <= 15 &&
      (/^(\+|00|0|\()/.test(text) || US_PHONE.test(text)) && !/^\d+$/.test(text.slice(1))
    ) return "phone";
    if (/^0\d{9,10}$/.test(text)) return "phone";
  }
  if (STREET.test(text)) return "street_address";
  const name = text.match(NAME);
  if (name && FIRST_NAMES.has(name[1].toLowerCase())) return "name";
  return undefined;
}

/** The Luhn (mod 10) check every payment card number passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A value with its identifying characters hidden, for the report. */
function mask(value: string, kind: PersonalDataKind): string {
  const text = value.trim();
  const word = (w: string) => w.length === 0 ? w : w[0] + "***";
  switch (kind) {
    case "email": {
      const found = text.match(EMAIL)![0];
      const [local, domain] = found.split("@");
      const tld = domain.slice(domain.lastIndexOf("."));
      return `${word(local)}@${word(domain)}${tld}`;
    }
    case "card_number": {
      let seen = 0;
      const total = text.replace(/\D/g, "").length;
      return text.replace(/\d/g, (d) => (++seen > total - 4 ? d : "*"));
    }
    case "phone": {
      let seen = 0;
      const total = text.replace(/\D/g, "").length;
      return text.replace(/\d/g, (d) => (++seen > total - 2 ? d : "*"));
    }
    case "street_address":
      return text.replace(/\d/g, "*").split(/\s+/).map((w, i, all) =>
        i === all.length - 1 || /^\*+/.test(w) ? w : word(w)
      ).join(" ");
    case "name":
      return text.split(/\s+/).map(word).join(" ");
  }
}

/**
 * Looks for personal data by content: on an evenly spaced sample of rows, each text value (and
 * each integer, for card numbers) is matched against e-mail addresses, payment card numbers
 * (13-19 digits passing the Luhn check), phone numbers (9-15 digits written with `+`, `00`, a
 * leading `0`, brackets or the US `555-123-4567` grouping), street addresses (a house number, up
 * to three words and a street word such as Street, Road, Lane, Strasse, Rue, ending the value or
 * followed by a comma) and personal names (the whole value "Given Family" or "Given M. Family",
 * capitalised, the given name among ~400 common ones). A column is flagged when at least 0.5% of
 * its sampled values are of one kind (names: 20%, as a capitalised "Rose Garden" is a product as
 * often as a person) and at least two values are.
 *
 * Limits: names in upper case (`JOHN SMITH`) or inside free text, and addresses without a house
 * number, are not recognised; numbers stored as floats are not looked at. Headers play no part.
 *
 * Cost: O(sample x columns) regular-expression tests.
 *
 * @param df The table to look at; not modified.
 * @param options The sample size and the columns to look at.
 * @returns One row per flagged column: `column`, `kind`, `matches` (values of that kind in the
 * sample), `sampled` (non-missing values looked at) and `example` (a masked match).
 * @throws {TypeError} When `df` is not a DataFrame or a column is missing.
 * @throws {RangeError} When `sample` is not a whole number of at least 1.
 *
 * @example Find e-mail addresses under an innocuous header
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { detectPersonalData } from "./detect_personal_data.ts";
 *
 * const df = pl.DataFrame({
 *   notes: ["ann.lee@example.com", "b.smith@example.org", "call back"],
 *   item: ["RED MUG", "BLUE MUG", "TEA SET"],
 * });
 * const found = detectPersonalData(df);
 * assert.deepEqual(found.getColumn("column").toArray(), ["notes"]);
 * assert.equal(found.getColumn("kind").get(0), "email");
 * assert.equal(found.getColumn("example").get(0), "a***@e***.com");
 * ```
 */
export function detectPersonalData(
  df: DataFrame,
  options: DetectPersonalDataOptions = {},
): DataFrame {
  const action = "detect personal data";
  requireFrame(df, "df", action);
  const sample = requireInteger(options.sample ?? 10_000, "sample", action, 1);
  const columns = options.columns ?? df.columns;
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot ${action} as ${missing.length} columns are missing: ${
        missing.join(", ")
      } (available: ${df.columns.join(", ")})`,
    );
  }
  const stride = Math.max(1, Math.ceil(df.height / sample));
  const rows = stride === 1 ? df : df.withRowIndex("__row").filter(
    pl.col("__row").modulo(stride).eq(0),
  );
  const out = { column: [] as string[], kind: [] as string[], matches: [] as number[] };
  const sampled: number[] = [];
  const examples: string[] = [];
  for (const column of columns) {
    const variant = df.getColumn(column).dtype.variant;
    const isText = variant === "String" || variant === "Utf8";
    const isInt = /^U?Int/.test(variant);
    if (!isText && !isInt) continue;
    const values = rows.getColumn(column).toArray().filter((v) => v !== null && v !== undefined)
      .map(String);
    const counts = new Map<PersonalDataKind, { n: number; example: string }>();
    let cardShaped = 0;
    for (const value of values) {
      if (CARD_SHAPE.test(value.trim())) cardShaped++;
      const kind = personalDataKind(value);
      if (kind === undefined || (isInt && kind !== "card_number")) continue;
      const entry = counts.get(kind);
      if (entry) entry.n++;
      else counts.set(kind, { n: 1, example: value });
    }
    let best: [PersonalDataKind, { n: number; example: string }] | undefined;
    for (const [kind, entry] of counts) {
      if (entry.n < 2 || entry.n < MIN_SHARE[kind] * values.length) continue;
      // Random 13-19 digit ids pass Luhn one time in ten: card numbers all do.
      if (kind === "card_number" && entry.n < 0.9 * cardShaped) continue;
      if (best === undefined || entry.n > best[1].n) best = [kind, entry];
    }
    if (best === undefined) continue;
    out.column.push(column);
    out.kind.push(best[0]);
    out.matches.push(best[1].n);
    sampled.push(values.length);
    examples.push(mask(best[1].example, best[0]));
  }
  return pl.DataFrame({
    column: pl.Series("column", out.column, pl.Utf8),
    kind: pl.Series("kind", out.kind, pl.Utf8),
    matches: pl.Series("matches", out.matches, pl.Int64),
    sampled: pl.Series("sampled", sampled, pl.Int64),
    example: pl.Series("example", examples, pl.Utf8),
  });
}
