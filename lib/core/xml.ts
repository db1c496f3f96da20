/**
 * XML escaping for text and attribute values written into SVG and HTML.
 *
 * @module
 */

/**
 * Escapes `&`, `<`, `>` and `"` so text is safe in XML/HTML content and double-quoted attributes
 * (the only quoting the library writes).
 *
 * @param text Any text.
 * @returns The escaped text.
 *
 * @example A product description with markup in it
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeXml } from "./xml.ts";
 *
 * assert.equal(escapeXml(`<b>"A&B"</b>`), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
