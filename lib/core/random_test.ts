import assert from "node:assert/strict";
import { createRandom } from "./random.ts";

Deno.test("createRandom is reproducible, seed-dependent and roughly uniform", () => {
  const a = createRandom(7);
  const b = createRandom(7);
  const c = createRandom(8);
  const xs = Array.from({ length: 10_000 }, () => a.next());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b.next()));
  assert.notEqual(xs[0], c.next());
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  const counts = new Array(10).fill(0);
  const r = createRandom(1);
  for (let i = 0; i < 10_000; i++) counts[r.int(10)]++;
  assert.ok(counts.every((n) => n > 900 && n < 1100), `counts ${counts}`);
});

Deno.test("createRandom refuses seeds it would truncate onto another seed's stream", () => {
  assert.throws(() => createRandom(Number.NaN), /must be an integer from 0 to 4294967295: got NaN/);
  assert.throws(
    () => createRandom(1.2),
    /^RangeError: Cannot create a random generator as the seed/,
  );
  assert.throws(() => createRandom(-1), RangeError);
  assert.throws(() => createRandom(2 ** 32), RangeError);
  assert.throws(() => createRandom("7" as unknown as number), TypeError);
});

Deno.test("createRandom gives distinct streams for distinct seeds, including the extremes", () => {
  const firsts = new Set<number>();
  for (const seed of [0, 1, 2, 41, 42, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
    firsts.add(createRandom(seed).next());
  }
  assert.equal(firsts.size, 8);
});
