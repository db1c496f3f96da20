/**
 * Runs every case of the bad-input corpus (cases.ts): each must give its expected error (class
 * and message parts) or exactly its expected result.
 */
import assert from "node:assert/strict";
import { CASES } from "./cases.ts";

Deno.test("the bad-input corpus has at least 60 cases with unique names", () => {
  assert.ok(CASES.length >= 60, `only ${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
});

for (const c of CASES) {
  Deno.test(`bad input: ${c.name}`, () => {
    const tmp = Deno.makeTempDirSync({ prefix: "bad_input_" });
    try {
      if ("error" in c.expect) {
        const expected = c.expect;
        assert.throws(() => c.run(tmp), (error: unknown) => {
          assert.ok(error instanceof Error, `not an Error: ${String(error)}`);
          assert.equal(error.name, expected.error, error.message);
          assert.match(error.message, /^Cannot /, "house style");
          for (const part of expected.message) {
            assert.ok(error.message.includes(part), `"${part}" not in: ${error.message}`);
          }
          return true;
        });
      } else {
        assert.deepEqual(c.run(tmp), c.expect.result);
      }
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  });
}
