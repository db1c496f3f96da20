/**
 * A small RFC 4180 CSV reader in plain TypeScript, so the explorer can read the CSV files
 * `deno task analyze` exports without Polars (a native addon, which would need `--allow-ffi` and
 * so end the permission sandbox the server runs in).
 *
 * @module
 */

/**
 * Parses CSV text into a header and rows of strings. Quoted fields may hold commas, doubled quotes
 * and line breaks; `\r\n` and `\n` both end a record; a final empty line is ignored.
 *
 * @param text The whole file.
 * @returns The header and the rows (each as long as the header).
 * @throws {RangeError} When a row has a different number of fields than the header, or a quoted
 * field is not closed, naming the line.
 */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  const n = text.length;
  const delimiter = /[,\r\n]/g;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let record: string[] = [];
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      // Quoted: up to the next quote not doubled; doubled quotes stand for one.
      let j = i + 1;
      field = "";
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) {
          const line = text.slice(0, i).split("\n").length;
          throw new RangeError(
            `Cannot read CSV as a quoted field opened on line ${line} is never closed`,
          );
        }
        if (text[k + 1] === '"') {
          field += text.slice(j, k + 1);
          j = k + 2;
        } else {
          field += text.slice(j, k);
          i = k + 1;
          break;
        }
      }
    } else {
      delimiter.lastIndex = i;
      const k = delimiter.exec(text)?.index ?? n;
      field = text.slice(i, k);
      i = k;
    }
    record.push(field);
    const c = text[i];
    if (c === ",") {
      i++;
      if (i === n) record.push("");
    } else if (c === "\r" || c === "\n" || i >= n) {
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      records.push(record);
      record = [];
    } else {
      const line = text.slice(0, i).split("\n").length;
      throw new RangeError(
        `Cannot read CSV as a quoted field on line ${line} is followed by text, not a comma`,
      );
    }
  }
  if (records.length === 0) return { header: [], rows: [] };
  const header = records[0];
  const rows = records.slice(1).filter((r) => !(r.length === 1 && r[0] === ""));
  rows.forEach((r, index) => {
    if (r.length !== header.length) {
      throw new RangeError(
        `Cannot read CSV as row ${index + 1} has ${r.length} fields, the header ${header.length}`,
      );
    }
  });
  return { header, rows };
}

/**
 * Formats one CSV field: quoted when it holds a comma, quote or line break. A text that starts
 * with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so that a spreadsheet does
 * not run it as a formula (CSV injection); numbers are written as they are.
 *
 * @param value The value.
 * @returns The field's text.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
