import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pseudonymize } from "./pseudonymize.ts";
import { loadKey } from "./load_key.ts";
import { dataNotes } from "../core/errors.ts";

const ROOT = new URL("../../", import.meta.url);
const reference = JSON.parse(
  Deno.readTextFileSync(new URL("tests/fixtures/pseudonymize_reference.json", ROOT)),
) as { cases: { key: string; id: string; hmac_sha256: string }[] };

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

Deno.test("pseudonyms match Python's hmac/hashlib reference values", async () => {
  // Reference: tests/reference/pseudonymize_reference.py (Python hmac.new(key, id, sha256)).
  for (const c of reference.cases) {
    const df = pl.DataFrame({ customer_id: [c.id] });
    const full = await pseudonymize(df, { key: fromHex(c.key), length: 64 });
    assert.equal(full.getColumn("customer_id").get(0), c.hmac_sha256, c.id);
    const short = await pseudonymize(df, { key: fromHex(c.key) });
    assert.equal(short.getColumn("customer_id").get(0), c.hmac_sha256.slice(0, 16));
  }
});

Deno.test("17850, 17850.0 and '17850.0' get one pseudonym; missing stays missing", async () => {
  const key = fromHex(reference.cases[0].key);
  const floats = pl.DataFrame({ id: pl.Series("id", [17850, null, NaN], pl.Float64) });
  const texts = pl.DataFrame({ id: ["17850", " 17850.0 ", "NA"] });
  const ints = pl.DataFrame({ id: pl.Series("id", [17850], pl.Int64) });
  const a = (await pseudonymize(floats, { column: "id", key })).getColumn("id").toArray();
  const b = (await pseudonymize(texts, { column: "id", key })).getColumn("id").toArray();
  const c = (await pseudonymize(ints, { column: "id", key })).getColumn("id").toArray();
  const expected = reference.cases.find((r) =>
    r.id === "17850" && r.key === reference.cases[0].key
  )!
    .hmac_sha256.slice(0, 16);
  assert.deepEqual(a, [expected, null, null]);
  assert.deepEqual(b, [expected, expected, null]);
  const notes = dataNotes(await pseudonymize(floats, { column: "id", key }));
  assert.deepEqual(notes.map((n) => [n.rule, n.rows]), [["missing_ids_kept_missing", 2]]);
  assert.deepEqual(c, [expected]);
  assert.deepEqual(floats.getColumn("id").toArray().slice(0, 2), [17850, null], "input unchanged");
});

Deno.test("another key gives other pseudonyms; rows keep their order and other columns", async () => {
  const df = pl.DataFrame({ customer_id: ["b", "a", "b", "c"], x: [1, 2, 3, 4] });
  const one = await pseudonymize(df, { key: new Uint8Array(16).fill(1) });
  const two = await pseudonymize(df, { key: new Uint8Array(16).fill(2) });
  const p1 = one.getColumn("customer_id").toArray();
  assert.equal(p1[0], p1[2]);
  assert.notEqual(p1[0], p1[1]);
  assert.deepEqual(one.getColumn("x").toArray(), [1, 2, 3, 4]);
  assert.notDeepEqual(p1, two.getColumn("customer_id").toArray());
});

Deno.test("pseudonymize refuses a short key, a bad length and a missing column", async () => {
  const df = pl.DataFrame({ customer_id: ["1"] });
  await assert.rejects(
    () => pseudonymize(df, { key: new Uint8Array(8) }),
    (e: Error) => e instanceof RangeError && /too short: 8 bytes/.test(e.message),
  );
  await assert.rejects(() => pseudonymize(df, { key: new Uint8Array(16), length: 4 }), RangeError);
  await assert.rejects(
    () => pseudonymize(df, { column: "nope", key: new Uint8Array(16) }),
    TypeError,
  );
});

Deno.test("loadKey creates a key file (mode 0600) on first use, then reuses it", () => {
  const dir = Deno.makeTempDirSync();
  const file = join(dir, "sub", "key");
  const first = loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file });
  assert.equal(first.created, true);
  assert.equal(first.key.length, 32);
  assert.match(first.note, /created .*key/);
  assert.equal(Deno.statSync(file).mode! & 0o777, 0o600);
  const second = loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file });
  assert.equal(second.created, false);
  assert.deepEqual(second.key, first.key);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("loadKey refuses a key inside a repository, unreadable, too short or not hex", () => {
  const inRepo = join(new URL(".", ROOT).pathname, ".scratch", "never-a-key");
  assert.throws(
    () => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: inRepo }),
    (e: Error) => e instanceof RangeError && /inside a repository/.test(e.message),
  );
  const dir = Deno.makeTempDirSync();
  const git = join(dir, "project");
  Deno.mkdirSync(join(git, ".git"), { recursive: true });
  assert.throws(
    () => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: join(git, "key") }),
    /inside a repository/,
  );
  const short = join(dir, "short");
  Deno.writeTextFileSync(short, "0011223344\n");
  assert.throws(
    () => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: short }),
    (e: Error) => e instanceof RangeError && /too short: 5 bytes/.test(e.message),
  );
  const text = join(dir, "text");
  Deno.writeTextFileSync(text, "correct horse battery staple");
  assert.throws(() => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: text }), /hex digits/);
  const folder = join(dir, "folder");
  Deno.mkdirSync(folder);
  assert.throws(
    () => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: folder }),
    Deno.errors.PermissionDenied,
  );
  const locked = join(dir, "locked");
  Deno.writeTextFileSync(locked, "00".repeat(32));
  Deno.chmodSync(locked, 0o000);
  let readable = true;
  try {
    Deno.readTextFileSync(locked);
  } catch {
    readable = false;
  }
  if (!readable) { // root reads any file: then only the folder case above runs
    assert.throws(
      () => loadKey({ env: "CUSTOMER_LENS_TEST_UNSET", file: locked }),
      (e: Error) => e instanceof Deno.errors.PermissionDenied && /not readable/.test(e.message),
    );
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("loadKey prefers the environment variable", () => {
  Deno.env.set("CUSTOMER_LENS_TEST_KEY", "ab".repeat(16));
  const loaded = loadKey({ env: "CUSTOMER_LENS_TEST_KEY", file: "/nonexistent/key" });
  assert.equal(loaded.source, "env");
  assert.deepEqual([...loaded.key], new Array(16).fill(0xab));
  Deno.env.set("CUSTOMER_LENS_TEST_KEY", "ab");
  assert.throws(() => loadKey({ env: "CUSTOMER_LENS_TEST_KEY" }), /too short/);
  Deno.env.delete("CUSTOMER_LENS_TEST_KEY");
});
