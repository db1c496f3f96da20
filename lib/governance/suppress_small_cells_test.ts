import pl from "nodejs-polars";
import assert from "node:assert/strict";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { createRandom } from "../core/random.ts";
import { type SuppressionResult, suppressSmallCells } from "./suppress_small_cells.ts";

/**
 * An attacker holding the published table and its totals. Returns the hidden cells it can work
 * out exactly, by (1) repeated subtraction: a row or column total with one hidden cell left gives
 * it; and (2) linear algebra: a hidden cell is fixed by the totals exactly when every vector of
 * the null space of the totals' equations (over the hidden cells) is zero at it (null space from
 * the eigenvectors of A'A with eigenvalue ~0, computed with ml-matrix, independent of the code
 * under test).
 */
function attack(result: SuppressionResult, columns: string[], truth: number[][]): string[] {
  const published = columns.map((c) => result.table.getColumn(c).toArray() as (number | null)[]);
  const nRows = truth.length;
  const nCols = columns.length;
  const value = (r: number, c: number) => published[c][r];
  const known = new Map<string, number>();
  const { rows, columns: colTotals } = result.margins;
  // (1) subtraction, repeated until nothing new is found
  let progress = true;
  while (progress) {
    progress = false;
    const lines: [number, number][][] = [];
    if (rows) { for (let r = 0; r < nRows; r++) lines.push(columns.map((_, c) => [r, c])); }
    if (colTotals) { for (let c = 0; c < nCols; c++) lines.push(truth.map((_, r) => [r, c])); }
    lines.forEach((line, i) => {
      const total = rows && i < nRows ? rows[i] : colTotals![columns[rows ? i - nRows : i]];
      const unknown = line.filter(([r, c]) => value(r, c) === null && !known.has(`${r},${c}`));
      if (unknown.length !== 1) return;
      const rest = line.filter(([r, c]) => !(r === unknown[0][0] && c === unknown[0][1]))
        .reduce((s, [r, c]) => s + (value(r, c) ?? known.get(`${r},${c}`)!), 0);
      known.set(`${unknown[0][0]},${unknown[0][1]}`, total - rest);
      progress = true;
    });
  }
  // (2) linear algebra over the hidden cells
  const cells: [number, number][] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) if (value(r, c) === null) cells.push([r, c]);
  }
  if (cells.length > 0) {
    const eq: number[][] = [];
    if (rows) { for (let r = 0; r < nRows; r++) eq.push(cells.map(([cr]) => +(cr === r))); }
    if (colTotals) { for (let c = 0; c < nCols; c++) eq.push(cells.map(([, cc]) => +(cc === c))); }
    const a = new Matrix(eq);
    const ata = a.transpose().mmul(a);
    const eig = new EigenvalueDecomposition(ata, { assumeSymmetric: true });
    const vectors = eig.eigenvectorMatrix;
    const nullCols = eig.realEigenvalues.map((v, i) => [v, i] as const)
      .filter(([v]) => Math.abs(v) < 1e-9).map(([, i]) => i);
    cells.forEach(([r, c], i) => {
      if (nullCols.every((j) => Math.abs(vectors.get(i, j)) < 1e-9)) known.set(`${r},${c}`, NaN);
    });
  }
  return [...known.keys()].filter((k) => {
    const [r, c] = k.split(",").map(Number);
    return value(r, c) === null;
  });
}

Deno.test("one-way table: a lone small cell is protected by the next smallest", () => {
  const table = pl.DataFrame({ segment: ["a", "b", "c", "d"], n: [120, 4, 35, 60] });
  const out = suppressSmallCells(table, { countColumns: ["n"] });
  assert.deepEqual(out.table.getColumn("n").toArray(), [120, null, null, 60]);
  assert.deepEqual(out.table.getColumn("suppressed_cells").toArray(), [0, 1, 1, 0]);
  assert.deepEqual([out.suppressed, out.primary, out.secondary], [2, 1, 1]);
  assert.deepEqual(attack(out, ["n"], [[120], [4], [35], [60]]), []);
  // without totals, only the small cell goes; zeros are never hidden
  const bare = suppressSmallCells(
    pl.DataFrame({ n: [120, 4, 0, 60] }),
    { countColumns: ["n"], totals: false },
  );
  assert.deepEqual(bare.table.getColumn("n").toArray(), [120, null, 0, 60]);
  assert.deepEqual(table.getColumn("n").toArray(), [120, 4, 35, 60], "input unchanged");
});

Deno.test("two small cells in a one-way table need no secondary", () => {
  const out = suppressSmallCells(pl.DataFrame({ n: [3, 5, 40] }), { countColumns: ["n"] });
  assert.equal(out.secondary, 0);
  assert.deepEqual(attack(out, ["n"], [[3], [5], [40]]), []);
});

Deno.test("cross tab: the 'two per row and column' rule is not enough, elimination is", () => {
  // Two 2x2 blocks of small cells joined by one more small cell: every row and column has two
  // hidden cells, yet the joining cell follows from the totals (it is a bridge).
  const truth = [
    [3, 4, 50, 60, 70],
    [5, 6, 55, 65, 75],
    [80, 85, 7, 8, 90],
    [95, 99, 2, 9, 100],
    [110, 120, 130, 140, 150],
  ];
  const columns = ["a", "b", "c", "d", "e"];
  const table = pl.DataFrame(
    Object.fromEntries(columns.map((name, c) => [name, truth.map((row) => row[c])])),
  );
  const primaryOnly = suppressSmallCells(table, { countColumns: columns, totals: false });
  assert.deepEqual(attack(primaryOnly, columns, truth), [], "blocks alone are safe");
  const bridged = truth.map((row) => [...row]);
  bridged[0][2] = 1; // the bridge between the two blocks
  const bridgedTable = pl.DataFrame(
    Object.fromEntries(columns.map((name, c) => [name, bridged.map((row) => row[c])])),
  );
  const naive = suppressSmallCells(bridgedTable, { countColumns: columns, totals: false });
  assert.deepEqual(attack(naive, columns, bridged), ["0,2"], "the attacker recovers the bridge");
  const safe = suppressSmallCells(bridgedTable, { countColumns: columns });
  assert.deepEqual(attack(safe, columns, bridged), []);
  assert.ok(safe.secondary >= 1);
});

Deno.test("random cross tabs: every small cell hidden and none recoverable from the totals", () => {
  let secondary = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const rng = createRandom(seed);
    const nRows = 2 + rng.int(6);
    const nCols = 1 + rng.int(5);
    const truth = Array.from(
      { length: nRows },
      () => Array.from({ length: nCols }, () => (rng.next() < 0.3 ? rng.int(12) : rng.int(300))),
    );
    const columns = Array.from({ length: nCols }, (_, c) => `c${c}`);
    const table = pl.DataFrame({
      label: truth.map((_, r) => `r${r}`),
      ...Object.fromEntries(columns.map((name, c) => [name, truth.map((row) => row[c])])),
    });
    const out = suppressSmallCells(table, { countColumns: columns });
    secondary += out.secondary;
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < nCols; c++) {
        const shown = out.table.getColumn(columns[c]).get(r);
        if (truth[r][c] > 0 && truth[r][c] < 10) assert.equal(shown, null, `seed ${seed}`);
        if (shown !== null) assert.equal(shown, truth[r][c]);
      }
    }
    assert.deepEqual(attack(out, columns, truth), [], `seed ${seed}`);
  }
  assert.ok(secondary > 20, `secondary suppressions exercised: ${secondary}`);
});

Deno.test("suppressSmallCells refuses bad counts and thresholds", () => {
  assert.throws(
    () => suppressSmallCells(pl.DataFrame({ n: [1, -2, 3.5] }), { countColumns: ["n"] }),
    (e: Error) => e instanceof RangeError && /2 counts/.test(e.message),
  );
  assert.throws(
    () => suppressSmallCells(pl.DataFrame({ n: [1] }), { countColumns: ["n"], threshold: 1 }),
    RangeError,
  );
  assert.throws(
    () => suppressSmallCells(pl.DataFrame({ n: [1] }), { countColumns: ["m"] }),
    TypeError,
  );
});
