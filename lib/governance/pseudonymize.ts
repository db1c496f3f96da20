/**
 * Keyed pseudonyms for customer ids (HMAC-SHA256 through WebCrypto).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import { attachNotes, requireColumns, requireFrame, requireInteger } from "../core/errors.ts";
import { normalizedId } from "../io/normalize_id.ts";

/** Default pseudonym length in hex characters (64 bits). */
export const PSEUDONYM_HEX_LENGTH = 16;

/** Shortest key accepted, in bytes (128 bits). */
export const MIN_KEY_BYTES = 16;

/** Options for {@linkcode pseudonymize}. */
export interface PseudonymizeOptions {
  /** The id column to replace (default `"customer_id"`). */
  column?: string;
  /** The secret key, at least {@linkcode MIN_KEY_BYTES} bytes (see {@linkcode loadKey}). */
  key: Uint8Array;
  /**
   * Hex characters kept of the 64-character HMAC (default 16, i.e. 64 bits; 8 to 64). With n
   * distinct customers the chance that any two share a pseudonym is about n^2 / 2^(4 * length + 1):
   * for 16 characters, 2.7e-8 at a million customers and 2.7e-4 at 100 million.
   */
  length?: number;
}

/**
 * Replaces customer ids by keyed pseudonyms: the lower-case hex HMAC-SHA256 (RFC 2104, computed
 * with WebCrypto `crypto.subtle`) of the normalised id text under a secret key, cut to `length`
 * hex characters. Ids are normalised first ({@linkcode normalizedId}): `17850`, `17850.0` and
 * `" 17850.0 "` get the same pseudonym. Missing ids (null, NaN, `"NA"` and the other missing
 * tokens) stay missing, never one pooled pseudonym; their count is attached as the data note
 * `missing_ids_kept_missing` (read it with {@linkcode dataNotes}).
 *
 * A keyed HMAC, not a plain or salted hash: customer ids are few and guessable (five digits here),
 * so anyone holding a hash and the salt can hash every candidate id and look the answer up; without
 * the key that dictionary attack is impossible. The same key gives the same pseudonyms on every run,
 * so the data owner (and only they) can map a contact list back to customers.
 *
 * Cost: one HMAC per distinct id, then a join (O(n)).
 *
 * @param df The transactions (or any table with the id column); not modified.
 * @param options The column, the key and the pseudonym length.
 * @returns A promise of a new DataFrame, the id column replaced by its pseudonyms (Utf8).
 * @throws {TypeError} When `df` is not a DataFrame or the column is missing.
 * @throws {RangeError} When the key is shorter than 16 bytes, `length` is not a whole number from
 * 8 to 64, or two distinct ids get one pseudonym (collision: raise `length`).
 *
 * @example Pseudonymise ids that differ only in how they were written
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { pseudonymize } from "./pseudonymize.ts";
 * import { dataNotes } from "../core/errors.ts";
 *
 * const key = new TextEncoder().encode("an example key of 32 characters!");
 * const df = pl.DataFrame({ customer_id: [17850, null, 17850] }).withColumns(
 *   pl.col("customer_id").cast(pl.Float64),
 * );
 * const out = await pseudonymize(df, { column: "customer_id", key });
 * const ids = out.getColumn("customer_id").toArray();
 * assert.equal(ids[0], ids[2]);
 * assert.equal(String(ids[0]).length, 16);
 * assert.equal(ids[1], null);
 * assert.equal(dataNotes(out)[0].rows, 1);
 * ```
 */
export async function pseudonymize(
  df: DataFrame,
  options: PseudonymizeOptions,
): Promise<DataFrame> {
  const action = "pseudonymize ids";
  requireFrame(df, "df", action);
  const column = options.column ?? "customer_id";
  requireColumns(df, [column], action);
  const length = requireInteger(options.length ?? PSEUDONYM_HEX_LENGTH, "length", action, 8, 64);
  const hmac = await importKey(options.key, action);
  const ids = df.select(normalizedId(df, column).alias("__id"));
  const distinct = ids.getColumn("__id").unique().toArray().filter((v): v is string => v !== null);
  const encoder = new TextEncoder();
  const pseudonyms = await Promise.all(
    distinct.map(async (id) =>
      toHex(new Uint8Array(await crypto.subtle.sign("HMAC", hmac, encoder.encode(id))))
        .slice(0, length)
    ),
  );
  const seen = new Map<string, string>();
  for (let i = 0; i < distinct.length; i++) {
    const other = seen.get(pseudonyms[i]);
    if (other !== undefined) {
      throw new RangeError(
        `Cannot ${action} as two ids share pseudonym ${
          pseudonyms[i]
        } at length ${length}: raise length`,
      );
    }
    seen.set(pseudonyms[i], distinct[i]);
  }
  const lookup = pl.DataFrame({
    __id: pl.Series("__id", distinct, pl.Utf8),
    __pseudonym: pl.Series("__pseudonym", pseudonyms, pl.Utf8),
  });
  const mapped = ids.withRowIndex("__row").join(lookup, { on: "__id", how: "left" })
    .sort("__row").getColumn("__pseudonym").alias(column);
  const missing = ids.getColumn("__id").nullCount();
  return attachNotes(
    df.withColumns(mapped),
    missing > 0 ? [{ rule: "missing_ids_kept_missing", column, rows: missing, examples: [] }] : [],
  );
}

/** Imports a raw key for HMAC-SHA256 signing, checking its length. */
async function importKey(key: Uint8Array, action: string): Promise<CryptoKey> {
  if (!(key instanceof Uint8Array)) {
    throw new TypeError(`Cannot ${action} as the key is not a Uint8Array: ${typeof key}`);
  }
  if (key.length < MIN_KEY_BYTES) {
    throw new RangeError(
      `Cannot ${action} as the key is too short: ${key.length} bytes (at least ${MIN_KEY_BYTES})`,
    );
  }
  return await crypto.subtle.importKey(
    "raw",
    new Uint8Array(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
}

/** Bytes as lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
