import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";

/** The import map of the project's deno.json, the single place package versions are pinned. */
const DENO_JSON = new URL("../../deno.json", import.meta.url);

/**
 * The software a notebook ran with, for its closing "reproduce this" table: Deno, V8, TypeScript,
 * the operating system, and each pinned npm package of `deno.json`.
 *
 * @returns A DataFrame with columns `component` and `version`.
 *
 * @example List the pinned packages
 * ```ts
 * import { environmentTable } from "./environment.ts";
 * import assert from "node:assert/strict";
 *
 * const env = environmentTable();
 * assert.ok(env.getColumn("component").toArray().includes("nodejs-polars"));
 * ```
 */
export function environmentTable(): DataFrame {
  const config = JSON.parse(Deno.readTextFileSync(DENO_JSON)) as {
    imports: Record<string, string>;
  };
  const rows: [string, string][] = [
    ["deno", Deno.version.deno],
    ["v8", Deno.version.v8],
    ["typescript", Deno.version.typescript],
    ["os", `${Deno.build.os} ${Deno.build.arch}`],
  ];
  for (const [name, specifier] of Object.entries(config.imports).sort()) {
    const version = specifier.match(/@([^@/]+)$/)?.[1] ?? specifier;
    rows.push([name, version]);
  }
  return pl.DataFrame({ component: rows.map((r) => r[0]), version: rows.map((r) => r[1]) });
}
