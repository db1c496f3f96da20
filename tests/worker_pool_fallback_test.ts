/**
 * A worker that cannot start is not an error (issue 17, "Bad input"): run in a process that may
 * not read the library's files, a parallel job falls back to the calling thread, warns once, and
 * gives the same numbers.
 */
import assert from "node:assert/strict";
import { chunkSum } from "../lib/core/_worker_pool_test_kernels.ts";
import { root } from "./_helpers.ts";

Deno.test("runParallel falls back to one thread, with a warning, when workers cannot start", async () => {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
  })
    .output();
  const denoDir = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir as string;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-env",
      "--allow-ffi",
      `--allow-read=${denoDir}`,
      "--allow-sys=cpus,networkInterfaces,hostname,osRelease",
      "tests/fixtures/pool/fallback_main.ts",
    ],
    cwd: root("."),
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  const result = JSON.parse(new TextDecoder().decode(stdout));
  assert.deepEqual(result.tasksByThread, [10]);
  const x = new Float64Array(1000).map((_, i) => i);
  const out = new Float64Array(10);
  for (let t = 0; t < 10; t++) chunkSum(t, { x, out }, { chunk: 100, repeat: 1 });
  assert.deepEqual(result.out, [...out]);
  assert.match(
    err,
    /^Customer Lens: running on 1 thread\(s\) instead of 3, as a worker thread could not start: Requires read access to ".*_worker\.ts"/m,
  );
  assert.equal(err.match(/Customer Lens: running on/g)?.length, 1);
});
