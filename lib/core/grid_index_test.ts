import assert from "node:assert/strict";
import { buildGridIndex, createGridIndex, type GridMatrix, openGridIndex } from "./grid_index.ts";
import { createRandom } from "./random.ts";

/** Rows of `d` features: clumps, uniform background, far outliers and exact duplicates. */
function matrix(n: number, d: number, seed: number): GridMatrix {
  const random = createRandom(seed);
  const centres = Array.from({ length: 5 }, () => Array.from({ length: d }, () => random.next()));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let v: number;
      if (i % 41 === 0) v = 50 * random.next(); // far outliers
      else if (i % 9 === 0) v = 0.25; // duplicates
      else if (i % 3 === 0) v = random.next();
      else v = centres[i % 5][j] + (random.next() - 0.5) * 0.1;
      data[i * d + j] = v;
    }
  }
  return { data, n, d };
}

function squared(m: GridMatrix, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < m.d; j++) {
    const diff = m.data[a * m.d + j] - m.data[b * m.d + j];
    s += diff * diff;
  }
  return s;
}

const SHAPES: [n: number, d: number][] = [[40, 2], [300, 1], [400, 2], [500, 3], [300, 5]];

Deno.test("withinRadius() finds exactly the rows brute force finds", () => {
  for (const [n, d] of SHAPES) {
    const m = matrix(n, d, n + d);
    for (const radius of [0.02, 0.1, 0.4]) {
      const index = createGridIndex(m, { cellSize: radius * (1 + 1e-6) });
      const out = new Int32Array(n);
      for (let row = 0; row < n; row++) {
        const count = index.withinRadius(row, radius, n, out);
        const expected = [];
        for (let other = 0; other < n; other++) {
          if (squared(m, row, other) <= radius * radius) expected.push(other);
        }
        const actual = [...out.subarray(0, count)].sort((a, b) => a - b);
        assert.deepEqual(actual, expected, `n=${n} d=${d} radius=${radius} row=${row}`);
        // The count stops at the limit.
        assert.equal(index.withinRadius(row, radius, 2, null), Math.min(2, expected.length));
      }
    }
  }
});

Deno.test("withinRadius() is exact at distance == radius and with cells narrower than it", () => {
  const m: GridMatrix = {
    data: new Float64Array(Array.from({ length: 100 }, (_, i) => [i * 0.5, 0]).flat()),
    n: 100,
    d: 2,
  };
  const index = createGridIndex(m, { cellSize: 0.2 });
  const out = new Int32Array(100);
  const count = index.withinRadius(10, 1, 100, out);
  assert.deepEqual([...out.subarray(0, count)].sort((a, b) => a - b), [8, 9, 10, 11, 12]);
});

Deno.test("kthNearestSquared() equals brute force for every k", () => {
  for (const [n, d] of SHAPES) {
    const m = matrix(n, d, 7 * n + d);
    for (const k of [1, 3, 10, n - 1]) {
      const index = createGridIndex(m, { rowsPerCell: k + 1 });
      for (let row = 0; row < n; row++) {
        const distances = [];
        for (let other = 0; other < n; other++) {
          if (other !== row) distances.push(squared(m, row, other));
        }
        distances.sort((a, b) => a - b);
        assert.equal(index.kthNearestSquared(row, k), distances[k - 1], `n=${n} d=${d} k=${k}`);
      }
    }
  }
});

Deno.test("createGridIndex() grids only varying features and falls back to one cell", () => {
  const n = 100;
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) data[i * 2 + 1] = i; // feature 0 constant
  const index = createGridIndex({ data, n, d: 2 }, { cellSize: 1 });
  assert.deepEqual([...index.dimensions], [1]);
  const constant = createGridIndex({ data: new Float64Array(n), n, d: 1 }, { cellSize: 1 });
  assert.equal(constant.occupiedCells, 1);
  assert.equal(constant.cellSize, Infinity);
  assert.equal(constant.kthNearestSquared(0, 5), 0);
  const small = createGridIndex({ data: new Float64Array([0, 5, 9]), n: 3, d: 1 }, {
    cellSize: 1,
  });
  assert.equal(small.occupiedCells, 1);
  assert.equal(small.kthNearestSquared(2, 2), 81);
});

Deno.test("createGridIndex() widens cells when the range needs more than 2^20 per feature", () => {
  const n = 200;
  const data = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) data[i] = i / n;
  data[n - 1] = 1e12;
  const index = createGridIndex({ data, n, d: 1 }, { cellSize: 0.01 });
  assert.ok(index.cellSize >= 1e12 / 2 ** 20);
  assert.equal(index.kthNearestSquared(n - 1, 1), (1e12 - (n - 2) / n) ** 2);
});

Deno.test("createGridIndex() rejects a missing, doubled or bad cell size", () => {
  const m: GridMatrix = { data: new Float64Array([0, 1]), n: 2, d: 1 };
  assert.throws(() => createGridIndex(m, {}), /exactly one of cellSize and rowsPerCell/);
  assert.throws(
    () => createGridIndex(m, { cellSize: 1, rowsPerCell: 2 }),
    /exactly one of cellSize and rowsPerCell must be given: got 2/,
  );
  for (const bad of [0, -1, NaN, Infinity]) {
    assert.throws(
      () => createGridIndex(m, { cellSize: bad }),
      (e) =>
        e instanceof RangeError &&
        e.message === `Cannot build a grid index as cellSize must be a finite number > 0: ${bad}`,
    );
  }
});

Deno.test("buildGridIndex() in shared memory, opened elsewhere, answers as createGridIndex()", () => {
  for (const [n, d] of [[500, 3], [400, 2]] as const) {
    const m = matrix(n, d, 7 * n + d);
    const direct = createGridIndex(m, { cellSize: 0.1 * (1 + 1e-6) });
    const parts = buildGridIndex(m, { cellSize: 0.1 * (1 + 1e-6), shared: true, radius: 0.1 });
    assert.ok(parts.arrays.sorted.buffer instanceof SharedArrayBuffer);
    assert.ok(parts.arrays.adjacentCells.buffer instanceof SharedArrayBuffer);
    assert.ok(parts.layout.adjacentReach >= 1);
    const opened = openGridIndex(parts);
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let row = 0; row < n; row++) {
      const count = direct.withinRadius(row, 0.1, n, a);
      assert.equal(opened.withinRadius(row, 0.1, n, b), count);
      assert.deepEqual([...b.subarray(0, count)], [...a.subarray(0, count)]);
      assert.equal(opened.kthNearestSquared(row, 3), direct.kthNearestSquared(row, 3));
    }
  }
  // A sparse grid (more cells than 4n + 1024) looks cells up by binary search.
  const sparse = buildGridIndex({ data: new Float64Array([0, 0, 1e6, 1e6, 5, 5]), n: 3, d: 2 }, {
    cellSize: 1,
  });
  assert.equal(sparse.layout.g, 0); // below 64 rows: one cell
  const wide = matrix(200, 3, 99);
  for (let i = 0; i < 200; i += 10) wide.data[i * 3] = 1e4 * i;
  const wideParts = buildGridIndex(wide, { cellSize: 0.05 });
  assert.equal(wideParts.arrays.table.length, 0);
  assert.equal(wideParts.arrays.cellIds.length, wideParts.layout.occupied);
  const wideIndex = openGridIndex(wideParts);
  const out = new Int32Array(200);
  for (let row = 0; row < 200; row++) {
    const count = wideIndex.withinRadius(row, 0.05, 200, out);
    const expected = [];
    for (let other = 0; other < 200; other++) {
      if (squared(wide, row, other) <= 0.05 * 0.05) expected.push(other);
    }
    assert.deepEqual([...out.subarray(0, count)].sort((x, y) => x - y), expected);
  }
});
