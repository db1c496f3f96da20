/**
 * Display helpers for notebooks: tables rounded for reading, full precision kept in the data.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { showTable } from "./mod.ts";
 *
 * assert.equal(showTable(pl.DataFrame({ share: [0.25] })).rows[0][0], "25.0%");
 * ```
 *
 * @module
 */
export * from "./show_table.ts";
export * from "./show_summary.ts";
export {
  COUNT_COLUMN_PATTERN,
  type CountSuppression,
  MIN_CELL_ENV,
  smallCellThreshold,
  suppressCountColumns,
  SUPPRESSION_LOG_ENV,
} from "./small_cells.ts";
