/**
 * Small-cell suppression for published tables of customer counts.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "../core/frame.ts";
import {
  formatExamples,
  requireColumns,
  requireFrame,
  requireInteger,
  requireNumericColumns,
} from "../core/errors.ts";

/** Default suppression threshold: counts from 1 to 9 are hidden. */
export const DEFAULT_MIN_CELL = 10;

/** Options for {@linkcode suppressSmallCells}. */
export interface SuppressSmallCellsOptions {
  /** The count columns: one (a one-way table) or several (a cross tabulation, one per column). */
  countColumns: readonly string[];
  /** Counts from 1 to `threshold - 1` are hidden (default 10; at least 2). */
  threshold?: number;
  /**
   * Whether the table's totals are published beside it (default true): the total of each count
   * column (when the table has two rows or more) and of each row (when it has two count columns or
   * more). Secondary suppression then hides further cells so no hidden one can be worked out from
   * them. False: only primary suppression.
   */
  totals?: boolean;
}

/** What {@linkcode suppressSmallCells} returns. */
export interface SuppressionResult {
  /**
   * The table with hidden counts set to null and a column `suppressed_cells` (Int32): how many
   * counts of the row are hidden.
   */
  readonly table: DataFrame;
  /** Cells hidden in all. */
  readonly suppressed: number;
  /** Cells hidden as small (primary suppression). */
  readonly primary: number;
  /** Cells hidden to protect them (secondary suppression). */
  readonly secondary: number;
  /**
   * The totals that may be published with the table (from the unsuppressed counts):
   * `columns` per count column (null for a one-row table, where they would be the cells),
   * `rows` per row (null for a single count column), and the grand `total` (null for a one-cell
   * table).
   */
  readonly margins: {
    readonly columns: Readonly<Record<string, number>> | null;
    readonly rows: readonly number[] | null;
    readonly total: number | null;
  };
}

/**
 * Suppresses small cells in a table of counts (statistical disclosure control). Primary
 * suppression hides every count from 1 to `threshold - 1` (zeros stay: an empty cell discloses
 * no one). When totals are published, secondary suppression then hides further cells until no
 * hidden count can be worked out from the published ones and the totals, neither by subtraction
 * nor by solving the linear equations the totals give: a hidden cell is recoverable exactly when
 * its unit vector lies in the row space of the totals' equations over the hidden cells, which is
 * checked by Gaussian elimination after each addition. For a one-way table with a total that means
 * hiding the next smallest count with the small one; for a cross tabulation, at least two hidden
 * cells in every row and column that has one, and no hidden cell that links two otherwise separate
 * groups of hidden cells (the case the "two per row and column" rule of thumb misses). Secondary
 * cells are chosen greedily: the smallest non-zero count sharing a row or column with a
 * recoverable cell (a hidden zero could be pinned by the knowledge that counts are not negative).
 *
 * Cost: O(s^2 (r + c)) per added cell for s hidden cells in an r x c table; tables of a few
 * hundred cells take milliseconds.
 *
 * @param table The table: label columns and count columns (whole, non-negative numbers, no
 * missing values); not modified.
 * @param options The count columns, the threshold and whether totals are published.
 * @returns The suppressed table, the counts of hidden cells and the totals safe to publish.
 * @throws {TypeError} When `table` is not a DataFrame, a count column is missing or not numeric.
 * @throws {RangeError} When a count is negative, fractional or missing, or `threshold` is not a
 * whole number of at least 2.
 *
 * @example A one-way table with a total: the small cell and the next smallest are hidden
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { suppressSmallCells } from "./suppress_small_cells.ts";
 *
 * const table = pl.DataFrame({ segment: ["a", "b", "c", "d"], customers: [120, 4, 35, 60] });
 * const out = suppressSmallCells(table, { countColumns: ["customers"] });
 * assert.deepEqual(out.table.getColumn("customers").toArray(), [120, null, null, 60]);
 * assert.deepEqual([out.primary, out.secondary], [1, 1]);
 * assert.equal(out.margins.columns?.customers, 219);
 * ```
 */
export function suppressSmallCells(
  table: DataFrame,
  options: SuppressSmallCellsOptions,
): SuppressionResult {
  const action = "suppress small cells";
  requireFrame(table, "table", action);
  const columns = [...options.countColumns];
  if (columns.length === 0) {
    throw new RangeError(`Cannot ${action} as countColumns is empty: name the count columns`);
  }
  requireColumns(table, columns, action);
  requireNumericColumns(table, columns, action);
  const threshold = requireInteger(options.threshold ?? DEFAULT_MIN_CELL, "threshold", action, 2);
  const totals = options.totals ?? true;
  const nRows = table.height;
  const nCols = columns.length;
  const values: number[][] = Array.from({ length: nRows }, () => new Array(nCols).fill(0));
  for (let c = 0; c < nCols; c++) {
    const col = table.getColumn(columns[c]).toArray();
    const bad: unknown[] = [];
    for (let r = 0; r < nRows; r++) {
      const v = col[r] === null ? NaN : Number(col[r]);
      if (!Number.isInteger(v) || v < 0) bad.push(col[r]);
      values[r][c] = v;
    }
    if (bad.length > 0) {
      throw new RangeError(
        `Cannot ${action} as column "${columns[c]}" has ${bad.length} ${
          bad.length === 1 ? "count" : "counts"
        } that are not whole non-negative numbers: ${formatExamples(bad)}`,
      );
    }
  }
  const hidden: boolean[][] = values.map((row) => row.map((v) => v > 0 && v < threshold));
  const primary = hidden.flat().filter(Boolean).length;
  const columnTotals = totals && nRows >= 2;
  const rowTotals = totals && nCols >= 2;
  let secondary = 0;
  if (columnTotals || rowTotals) {
    while (true) {
      const cell = recoverableCell(hidden, columnTotals, rowTotals);
      if (cell === undefined) break;
      const next = protector(values, hidden, cell, columnTotals, rowTotals);
      if (next === undefined) break; // every cell hidden: nothing is recoverable then
      hidden[next[0]][next[1]] = true;
      secondary++;
    }
  }
  const suppressedTable = table.withColumns(
    ...columns.map((name, c) =>
      pl.Series(
        name,
        values.map((row, r) => (hidden[r][c] ? null : row[c])),
        table.getColumn(name).dtype,
      )
    ),
    pl.Series("suppressed_cells", hidden.map((row) => row.filter(Boolean).length), pl.Int32),
  );
  const grand = values.flat().reduce((a, b) => a + b, 0);
  return {
    table: suppressedTable,
    suppressed: primary + secondary,
    primary,
    secondary,
    margins: {
      columns: nRows >= 2
        ? Object.fromEntries(columns.map((name, c) => [name, sum(values.map((row) => row[c]))]))
        : null,
      rows: nCols >= 2 ? values.map(sum) : null,
      total: nRows * nCols > 1 ? grand : null,
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The first hidden cell whose value the published totals determine, if any: Gaussian elimination
 * of the totals' equations restricted to the hidden cells (the published cells move to the right-hand
 * side); a hidden cell is determined when it is a pivot variable whose row has no free variable.
 *
 * @param hidden Which cells are hidden.
 * @param columnTotals Whether column totals are published.
 * @param rowTotals Whether row totals are published.
 * @returns `[row, column]` of a recoverable hidden cell, or undefined.
 */
function recoverableCell(
  hidden: readonly (readonly boolean[])[],
  columnTotals: boolean,
  rowTotals: boolean,
): [number, number] | undefined {
  const cells: [number, number][] = [];
  hidden.forEach((row, r) => row.forEach((h, c) => h && cells.push([r, c])));
  if (cells.length === 0) return undefined;
  const equations: number[][] = [];
  const nRows = hidden.length;
  const nCols = hidden[0]?.length ?? 0;
  if (rowTotals) {
    for (let r = 0; r < nRows; r++) equations.push(cells.map(([cr]) => (cr === r ? 1 : 0)));
  }
  if (columnTotals) {
    for (let c = 0; c < nCols; c++) equations.push(cells.map(([, cc]) => (cc === c ? 1 : 0)));
  }
  const m = equations.filter((e) => e.some((v) => v !== 0));
  const n = cells.length;
  const pivotOf: number[] = []; // pivotOf[rowIndex] = column of its pivot
  let row = 0;
  for (let col = 0; col < n && row < m.length; col++) {
    let best = row;
    for (let i = row + 1; i < m.length; i++) {
      if (Math.abs(m[i][col]) > Math.abs(m[best][col])) best = i;
    }
    if (Math.abs(m[best][col]) < 1e-9) continue;
    [m[row], m[best]] = [m[best], m[row]];
    const p = m[row][col];
    for (let j = 0; j < n; j++) m[row][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === row || Math.abs(m[i][col]) < 1e-12) continue;
      const f = m[i][col];
      for (let j = 0; j < n; j++) m[i][j] -= f * m[row][j];
    }
    pivotOf.push(col);
    row++;
  }
  const pivots = new Set(pivotOf);
  for (let i = 0; i < pivotOf.length; i++) {
    let determined = true;
    for (let j = 0; j < n; j++) {
      if (!pivots.has(j) && Math.abs(m[i][j]) > 1e-9) {
        determined = false;
        break;
      }
    }
    if (determined) return cells[pivotOf[i]];
  }
  return undefined;
}

/** The cell to hide next to protect `cell`: the smallest non-zero count sharing a published line. */
function protector(
  values: readonly number[][],
  hidden: readonly boolean[][],
  cell: [number, number],
  columnTotals: boolean,
  rowTotals: boolean,
): [number, number] | undefined {
  const [r0, c0] = cell;
  const candidates: [number, number][] = [];
  values.forEach((row, r) =>
    row.forEach((_, c) => {
      if (hidden[r][c]) return;
      const shares = (rowTotals && r === r0) || (columnTotals && c === c0);
      if (shares) candidates.push([r, c]);
    })
  );
  if (candidates.length === 0) {
    values.forEach((row, r) => row.forEach((_, c) => !hidden[r][c] && candidates.push([r, c])));
  }
  if (candidates.length === 0) return undefined;
  const rank = ([r, c]: [number, number]) => values[r][c] === 0 ? Infinity : values[r][c];
  candidates.sort((a, b) => rank(a) - rank(b) || values[a[0]][a[1]] - values[b[0]][b[1]]);
  return candidates[0];
}
