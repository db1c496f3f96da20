/**
 * Time constants and the wall-clock formatting every module uses. Transaction times are
 * wall-clock times stored as UTC (naive Datetimes), so formatting reads the UTC fields.
 *
 * @module
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Milliseconds in one week. */
export const WEEK_MS = 7 * DAY_MS;

/**
 * `YYYY-MM-DD HH:MM:SS` of epoch milliseconds read as wall-clock time (UTC fields).
 *
 * @param msSinceEpoch Epoch milliseconds.
 * @returns The formatted time.
 */
export function formatWallClock(msSinceEpoch: number): string {
  return new Date(msSinceEpoch).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * `YYYY-MM-DD` of epoch milliseconds read as a wall-clock date (UTC fields).
 *
 * @param msSinceEpoch Epoch milliseconds.
 * @returns The ISO date.
 */
export function formatDate(msSinceEpoch: number): string {
  return new Date(msSinceEpoch).toISOString().slice(0, 10);
}
