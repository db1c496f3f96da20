/**
 * The pseudonymisation key: from the environment or a key file outside any repository.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MIN_KEY_BYTES } from "./pseudonymize.ts";

/** The project folder, resolved from this file: a key file may not live under it. */
const PROJECT_ROOT = resolve(fileURLToPath(new URL("../../", import.meta.url)));

/** Options for {@linkcode loadKey}. */
export interface LoadKeyOptions {
  /** Environment variable holding the key as hex (default `"CUSTOMER_LENS_KEY"`). */
  env?: string;
  /**
   * Key file (64 hex characters). Default: `CUSTOMER_LENS_KEY_FILE` if set, else
   * `$XDG_CONFIG_HOME/customer-lens/key` or `~/.config/customer-lens/key`.
   */
  file?: string;
  /** Create the key file with 32 random bytes when it does not exist (default true). */
  create?: boolean;
}

/** What {@linkcode loadKey} found. */
export interface LoadedKey {
  /** The key bytes. */
  readonly key: Uint8Array;
  /** Where it came from: the environment variable or the key file. */
  readonly source: "env" | "file";
  /** The environment variable's name or the key file's path. */
  readonly location: string;
  /** Whether the key file was created by this call. */
  readonly created: boolean;
  /** A one-line note for the user (where the key is, and to keep it safe when created). */
  readonly note: string;
}

/** The default key file path (see {@linkcode LoadKeyOptions.file}). */
export function defaultKeyFile(): string {
  const explicit = Deno.env.get("CUSTOMER_LENS_KEY_FILE");
  if (explicit) return resolve(explicit);
  const config = Deno.env.get("XDG_CONFIG_HOME") ||
    join(Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE") ?? ".", ".config");
  return resolve(join(config, "customer-lens", "key"));
}

/**
 * Loads the secret key for {@linkcode pseudonymize}: the hex text of environment variable `env`
 * when set, else the key file, which is created on first use (32 random bytes from
 * `crypto.getRandomValues`, written as hex with mode 0600 in a folder of mode 0700). Keep the key:
 * the same key gives the same pseudonyms on every run, and only its holder can map them back.
 *
 * A key file inside this project, or inside any Git work tree (a folder with `.git` above it), is
 * refused: a key committed next to the data it protects protects nothing.
 *
 * @param options The environment variable, the key file and whether to create it.
 * @returns The key, where it came from and a note to print.
 * @throws {RangeError} When the key is not hex, shorter than 16 bytes, or the key file lies inside
 * a repository.
 * @throws {Deno.errors.PermissionDenied} When the key file cannot be read (naming it).
 * @throws {Deno.errors.NotFound} When the key file does not exist and `create` is false.
 *
 * @example A key from the environment
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadKey } from "./load_key.ts";
 *
 * Deno.env.set("EXAMPLE_LENS_KEY", "00112233445566778899aabbccddeeff");
 * const loaded = loadKey({ env: "EXAMPLE_LENS_KEY" });
 * assert.equal(loaded.source, "env");
 * assert.equal(loaded.key.length, 16);
 * Deno.env.delete("EXAMPLE_LENS_KEY");
 * ```
 */
export function loadKey(options: LoadKeyOptions = {}): LoadedKey {
  const env = options.env ?? "CUSTOMER_LENS_KEY";
  const fromEnv = Deno.env.get(env);
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return {
      key: parseKey(fromEnv, `environment variable ${env}`),
      source: "env",
      location: env,
      created: false,
      note: `Pseudonymisation key: from environment variable ${env}`,
    };
  }
  const file = resolve(options.file ?? defaultKeyFile());
  const repository = repositoryAbove(file);
  if (repository !== undefined) {
    throw new RangeError(
      `Cannot load the pseudonymisation key as the key file lies inside a repository (${repository}): ${file} (keep it outside, e.g. ~/.config/customer-lens/key)`,
    );
  }
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && options.create !== false) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      Deno.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      Deno.writeTextFileSync(file, `${hex(bytes)}\n`, { mode: 0o600, createNew: true });
      Deno.chmodSync(file, 0o600);
      return {
        key: bytes,
        source: "file",
        location: file,
        created: true,
        note:
          `Pseudonymisation key: created ${file} (32 random bytes, mode 0600); keep it, and back it up: the same key gives the same pseudonyms`,
      };
    }
    if (error instanceof Deno.errors.NotFound) {
      throw new Deno.errors.NotFound(
        `Cannot load the pseudonymisation key as the key file does not exist: ${file}`,
      );
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(
        `Cannot load the pseudonymisation key as the key file is not readable: ${file}`,
      );
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new Deno.errors.PermissionDenied(
        `Cannot load the pseudonymisation key as the key file is a directory: ${file}`,
      );
    }
    throw error;
  }
  return {
    key: parseKey(text, `key file ${file}`),
    source: "file",
    location: file,
    created: false,
    note: `Pseudonymisation key: from ${file}`,
  };
}

function parseKey(text: string, where: string): Uint8Array {
  const trimmed = text.trim();
  if (!/^([0-9a-fA-F]{2})+$/.test(trimmed)) {
    throw new RangeError(
      `Cannot load the pseudonymisation key as ${where} does not hold hex digits (an even number of 0-9, a-f): ${trimmed.length} characters`,
    );
  }
  const bytes = new Uint8Array(trimmed.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(trimmed.slice(2 * i, 2 * i + 2), 16);
  if (bytes.length < MIN_KEY_BYTES) {
    throw new RangeError(
      `Cannot load the pseudonymisation key as ${where} is too short: ${bytes.length} bytes (at least ${MIN_KEY_BYTES}, i.e. ${
        2 * MIN_KEY_BYTES
      } hex digits)`,
    );
  }
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The project folder or Git work tree holding `file`, if any. */
function repositoryAbove(file: string): string | undefined {
  if (file === PROJECT_ROOT || file.startsWith(PROJECT_ROOT + "/")) return PROJECT_ROOT;
  let dir = dirname(file);
  while (true) {
    try {
      Deno.statSync(join(dir, ".git"));
      return dir;
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
