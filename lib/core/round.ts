/**
 * Rounding float columns to significant digits: exports and displays lose the float noise of
 * sums and ratios (`0.9909999999999999`, `78054.99999999999`) without losing meaningful digits.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame } from "./frame.ts";
import { requireInteger } from "./errors.ts";

/**
 * Rounds the float columns of a frame to `digits` significant digits, for exports: removes the
 * float noise of sums and ratios (`78054.99999999999` becomes `78055`) while keeping every
 * meaningful digit. Integer, text and date columns are unchanged.
 *
 * @param df The frame; not modified.
 * @param digits Significant digits to keep (default 12).
 * @returns A new frame.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { roundFloats } from "./round.ts";
 *
 * const df = roundFloats(pl.DataFrame({ x: [0.9909999999999999, 3.1e-12], n: [1, 2] }));
 * assert.deepEqual(df.getColumn("x").toArray(), [0.991, 3.1e-12]);
 * ```
 */
export function roundFloats(df: DataFrame, digits = 12): DataFrame {
  requireInteger(digits, "digits", "round floats", 1, 17);
  const floats = df.columns.filter((c) => /^Float/.test(df.getColumn(c).dtype.variant));
  if (floats.length === 0) return df;
  return df.withColumns(
    ...floats.map((c) =>
      pl.Series(
        c,
        (df.getColumn(c).toArray() as (number | null)[]).map((v) =>
          v === null || !Number.isFinite(v) ? v : Number(v.toPrecision(digits))
        ),
        pl.Float64,
      )
    ),
  );
}
