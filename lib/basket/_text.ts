/**
 * Small text helpers shared by the basket functions' reasons and evidence.
 *
 * @module
 */

/** Code-unit text order, for deterministic tie-breaks: -1, 0 or 1. */
export function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `"a"`, `"a and b"`, `"a, b and c"`. */
export function listText(items: readonly string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
