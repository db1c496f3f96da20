/**
 * ClickHouse's JSON answer turned into a Polars DataFrame, exactly: 64-bit integers arrive as
 * text, DateTimes as wall-clock text. Private to `sql`.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "../core/frame.ts";
import { formatExamples } from "../core/errors.ts";

/**
 * The Polars type a result column is read as: `"int64"` (Int64), `"float64"` (Float64),
 * `"string"` (Utf8), `"bool"` (Bool, from ClickHouse's 0/1), `"date"` (Date) or `"datetime"`
 * (Datetime in milliseconds, UTC).
 */
export type ClickHouseColumnType = "int64" | "float64" | "string" | "bool" | "date" | "datetime";

/** The column types `queryClickHouse` reads. */
export const CLICKHOUSE_COLUMN_TYPES: readonly ClickHouseColumnType[] = [
  "int64",
  "float64",
  "string",
  "bool",
  "date",
  "datetime",
];

/** ClickHouse's answer in format JSON. */
export interface JsonResult {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
}

const READ = "read the ClickHouse result";

/**
 * The DataFrame of a JSON answer, columns typed from ClickHouse's types or `types`.
 *
 * @param result ClickHouse's answer in format JSON (`meta` and `data`).
 * @param types Column types overriding ClickHouse's.
 * @returns A new DataFrame.
 */
export function resultFrame(
  result: JsonResult,
  types: Record<string, ClickHouseColumnType>,
): DataFrame {
  const names = result.meta.map((m) => m.name);
  const unknown = Object.keys(types).filter((c) => !names.includes(c));
  if (unknown.length > 0) {
    throw new RangeError(
      `Cannot ${READ} as types names ${unknown.length} column(s) the result does not have: ${
        formatExamples(unknown)
      } (result columns: ${names.join(", ")})`,
    );
  }
  return pl.DataFrame(
    result.meta.map((m) =>
      toSeries(m.name, m.type, types[m.name], result.data.map((row) => row[m.name]))
    ),
  );
}

/** `Nullable(T)` and `LowCardinality(T)` unwrapped. */
function baseType(type: string): string {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m ? baseType(m[1]) : type;
}

/** The column type read for a ClickHouse type, or undefined when there is none. */
function defaultType(type: string): ClickHouseColumnType | undefined {
  if (/^U?Int(8|16|32|64|128|256)$/.test(type)) return "int64";
  if (/^(Float(32|64)|Decimal(32|64|128|256)?\(.*\))$/.test(type)) return "float64";
  if (/^(String|FixedString\(\d+\)|UUID|Enum(8|16)?\(.*\)|IPv[46])$/.test(type)) return "string";
  if (type === "Bool") return "bool";
  if (type === "Date" || type === "Date32") return "date";
  if (/^DateTime(64\(\d+(, *'UTC')?\)|\('UTC'\))$/.test(type)) return "datetime";
  return undefined;
}

function toSeries(
  name: string,
  chType: string,
  wanted: ClickHouseColumnType | undefined,
  values: unknown[],
): Series {
  const base = baseType(chType);
  const type = wanted ?? defaultType(base);
  if (type === undefined || (/^DateTime/.test(base) && defaultType(base) !== "datetime")) {
    throw new TypeError(
      `Cannot ${READ} as column "${name}" has type ${chType}, which has no Polars type here${
        /^DateTime/.test(base)
          ? ": a DateTime's text is in the server's time zone, convert it with toDateTime(x, 'UTC')"
          : ": convert it in the query (toString, toFloat64, ...)"
      }`,
    );
  }
  const bad: unknown[] = [];
  let badCount = 0;
  const refuse = (v: unknown) => {
    badCount++;
    if (bad.length < 5) bad.push(v);
    return null;
  };
  let series: Series;
  switch (type) {
    case "int64": {
      const out = values.map((v) => {
        if (v === null || v === undefined) return null;
        const n = toInteger(v);
        return n === undefined ? refuse(v) : n;
      });
      series = pl.Series(name, out, pl.Int64);
      break;
    }
    case "float64": {
      const out = values.map((v) => {
        if (v === null || v === undefined) return null;
        const n = toFloat(v);
        return n === undefined ? refuse(v) : n;
      });
      series = pl.Series(name, out, pl.Float64);
      break;
    }
    case "string":
      series = pl.Series(
        name,
        values.map((v) => (v === null || v === undefined ? null : String(v))),
        pl.Utf8,
      );
      break;
    case "bool": {
      const out = values.map((v) => {
        if (v === null || v === undefined) return null;
        if (v === true || v === 1 || v === "1" || v === "true") return true;
        if (v === false || v === 0 || v === "0" || v === "false") return false;
        return refuse(v);
      });
      series = pl.Series(name, out, pl.Bool);
      break;
    }
    case "date":
    case "datetime": {
      const out = values.map((v) => {
        if (v === null || v === undefined) return null;
        const ms = toMillis(v);
        return ms === undefined ? refuse(v) : ms;
      });
      const ms = pl.Series(name, out, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms"));
      series = type === "date" ? ms.cast(pl.Date) : ms;
      break;
    }
  }
  if (badCount > 0) {
    const what = type === "int64"
      ? "integers a JavaScript number holds exactly (within ±(2^53 - 1))"
      : type === "float64"
      ? "numbers"
      : type === "bool"
      ? "0 or 1"
      : "dates in YYYY-MM-DD[ hh:mm:ss[.fff]] form";
    throw new RangeError(
      `Cannot ${READ} as column "${name}" (${chType}, read as ${type}) has ${badCount} value(s) ` +
        `that are not ${what}: ${formatExamples(bad, badCount)}`,
    );
  }
  return series!;
}

/** An exact safe integer from a JSON number or integer text, else undefined. */
function toInteger(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === "boolean") return +v;
  if (typeof v !== "string" || !/^[-+]?\d+$/.test(v.trim())) return undefined;
  const big = BigInt(v.trim());
  const n = Number(big);
  return Number.isSafeInteger(n) && BigInt(n) === big ? n : undefined;
}

/** A float from a JSON number or numeric text (`nan`, `inf`, `-inf` included), else undefined. */
function toFloat(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const t = v.trim().toLowerCase();
  if (t === "nan" || t === "-nan") return NaN;
  if (t === "inf" || t === "+inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Epoch milliseconds of `YYYY-MM-DD[ hh:mm:ss[.fff...]]` read as UTC, else undefined. */
function toMillis(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?$/.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = ""] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, "0").slice(0, 3)));
  const back = new Date(ms);
  return back.getUTCMonth() === +mo - 1 && back.getUTCDate() === +d ? ms : undefined;
}
