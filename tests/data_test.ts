/** The bundled data must be byte-for-byte the documented files (sha256 in data/README.md). */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { DATA_DIR } from "../lib/io/datasets.ts";

function documentedChecksums(): Map<string, string> {
  const readme = Deno.readTextFileSync(join(DATA_DIR, "README.md"));
  const sums = new Map<string, string>();
  for (const m of readme.matchAll(/\|\s*`([^`]+)`\s*\|\s*[\d,]+\s*\|\s*`([0-9a-f]{64})`\s*\|/g)) {
    sums.set(m[1], m[2]);
  }
  return sums;
}

Deno.test("every bundled data file is listed in data/README.md with its sha256", async () => {
  const sums = documentedChecksums();
  const files = [...Deno.readDirSync(DATA_DIR)]
    .filter((e) => e.isFile && e.name !== "README.md")
    .map((e) => e.name)
    .sort();
  assert.deepEqual([...sums.keys()].sort(), files);
  for (const [name, expected] of sums) {
    const bytes = await Deno.readFile(join(DATA_DIR, name));
    const actual = createHash("sha256").update(bytes).digest("hex");
    assert.equal(actual, expected, `${name}: sha256 differs from data/README.md`);
  }
});
