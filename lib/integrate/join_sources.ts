import pl from "nodejs-polars";
import type { DataFrame, Expr } from "../core/frame.ts";
import { formatExamples, MAX_EXAMPLES, requireColumns, requireOneOf } from "../core/errors.ts";
import { dtypeName } from "../core/dtypes.ts";

/** One named source for {@linkcode joinSources}: its rows, its key and what its columns mean. */
export interface JoinSource {
  /** The source's rows, one per customer (or several, see `duplicates`). */
  data: DataFrame;
  /** The source's key column. Default: the `key` option of {@linkcode joinSources}. */
  key?: string;
  /** Columns to take, besides the key. Default: all. Columns left out are reported as dropped. */
  columns?: readonly string[];
  /** What each column means, for the feature dictionary (a column without one gets `""`). */
  meanings?: Readonly<Record<string, string>>;
}

/** Options for {@linkcode joinSources}. */
export interface JoinSourcesOptions {
  /** The name of the key column in the result, and each source's key unless it names its own. */
  key: string;
  /**
   * Which customers the table holds: `"inner"` those in every source, `"left"` those in the first
   * source, `"outer"` those in any source (columns of the sources a customer is not in are
   * missing). Required: the choice decides who is in the analysis, so it is never implicit.
   */
  how: "inner" | "left" | "outer";
  /**
   * What to do when a source has the same key on several rows: `"error"` (default) throws,
   * `"first"` keeps the first row of each key and reports the others as a `duplicate_keys`
   * finding.
   */
  duplicates?: "error" | "first";
  /** Add a boolean `in_<source>` column per source (whether the customer is in it). Default false. */
  indicators?: boolean;
}

/** What {@linkcode joinSources} returns: the table, what happened on the way, and its dictionary. */
export interface JoinedSources {
  /** One row per customer: the key, then each source's columns in source order. */
  readonly table: DataFrame;
  /**
   * One row per finding: `rule` (`missing_keys`, `duplicate_keys`, `key_type_cast`,
   * `only_in_source`, `not_in_result`, `conflicting_values`, `column_dropped`), `source`,
   * `column`, `rows` (customers or rows affected) and `examples` (keys, or a reason).
   */
  readonly findings: DataFrame;
  /** One row per column of `table`: `name`, `source`, `type` (dtype) and `meaning`. */
  readonly dictionary: DataFrame;
}

interface Finding {
  rule: string;
  source: string;
  column: string;
  rows: number;
  examples: string;
}

const ORDER = "__join_order";

/**
 * Builds one table per customer from several named sources joined on explicit keys, and reports
 * what the join did, so that nobody has to trust it blindly:
 *
 * - `missing_keys`: rows of a source without a key (dropped before the join);
 * - `duplicate_keys`: keys on more than one row of a source (an error unless `duplicates: "first"`);
 * - `key_type_cast`: sources whose keys have different types are all compared as text
 *   (whole-number floats such as `17850.0` as `"17850"`);
 * - `only_in_source`: customers found in that source and no other (count and example keys);
 * - `not_in_result`: customers of a source that `how` leaves out of the table;
 * - `conflicting_values`: a column that several sources share (same name, other than the key) is
 *   kept once, filled from the first source that has a value; customers whose sources disagree
 *   (both values present and different; compared exactly) are counted with examples;
 * - `column_dropped`: columns not taken (`columns`) and the later copies of shared columns.
 *
 * Rows keep the first source's order, then new customers in source order. The feature dictionary
 * lists every output column with the source it came from, its dtype and the meaning given in
 * `meanings`; keep it beside the table (it is what the table's columns mean).
 *
 * Cost: one left join per source on the key, O(total rows) in Polars, plus one pass per shared
 * column.
 *
 * @param sources Named sources, in priority order (at least one).
 * @param options The result's `key` name, `how` to combine, `duplicates` and `indicators`.
 * @returns The joined table, the findings and the feature dictionary.
 * @throws {TypeError} When a source is not a frame, or its key or a listed column is missing.
 * @throws {RangeError} When there is no source, `how` or `duplicates` is not one of its values,
 * a source has duplicate keys and `duplicates` is `"error"`, or two sources would produce the
 * same output column name (an `in_<source>` indicator clashing with a column).
 *
 * @example Join demographics and web behaviour and see who is missing
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { joinSources } from "./join_sources.ts";
 *
 * const crm = pl.DataFrame({ id: [1, 2, 3], age: [34, 51, 28] });
 * const web = pl.DataFrame({ customer: [2, 3, 4], visits: [5, 0, 9] });
 * const { table, findings, dictionary } = joinSources(
 *   { crm: { data: crm, key: "id", meanings: { age: "age in years" } }, web: { data: web, key: "customer" } },
 *   { key: "customer_id", how: "outer" },
 * );
 * assert.deepEqual(table.getColumn("customer_id").toArray(), [1, 2, 3, 4]);
 * assert.deepEqual(findings.getColumn("rule").toArray(), ["only_in_source", "only_in_source"]);
 * assert.equal(dictionary.getColumn("meaning").toArray()[1], "age in years");
 * ```
 */
export function joinSources(
  sources: Readonly<Record<string, JoinSource | DataFrame>>,
  options: JoinSourcesOptions,
): JoinedSources {
  const action = "join sources";
  const names = Object.keys(sources ?? {});
  if (names.length === 0) {
    throw new RangeError(`Cannot ${action} as there is no source: got ${names.length} sources`);
  }
  const key = options?.key;
  if (typeof key !== "string" || key === "") {
    throw new TypeError(`Cannot ${action} as key must name the key column: got ${String(key)}`);
  }
  const how = requireOneOf(options.how, ["inner", "left", "outer"] as const, "how", action);
  const duplicates = requireOneOf(
    options.duplicates ?? "error",
    ["error", "first"] as const,
    "duplicates",
    action,
  );
  const findings: Finding[] = [];
  const specs = names.map((name) => normaliseSource(name, sources[name], key, action, findings));

  // Keys of different types are compared as text (e.g. 17850 and "17850").
  const keyTypes = new Set(specs.map((s) => dtypeName(s.frame.getColumn(key).dtype)));
  if (keyTypes.size > 1) {
    for (const s of specs) {
      findings.push({
        rule: "key_type_cast",
        source: s.name,
        column: key,
        rows: s.frame.height,
        examples: `${dtypeName(s.frame.getColumn(key).dtype)} compared as text`,
      });
      s.frame = s.frame.withColumns(keyAsText(s.frame, key).alias(key));
    }
  }

  for (const s of specs) {
    const dupKeys = s.frame.filter(pl.col(key).isDuplicated()).select(key).unique({
      maintainOrder: true,
    });
    if (dupKeys.height === 0) continue;
    const extra = s.frame.height - s.frame.select(key).unique().height;
    const examples = dupKeys.head(MAX_EXAMPLES).getColumn(key).toArray();
    if (duplicates === "error") {
      throw new RangeError(
        `Cannot ${action} as source "${s.name}" has duplicate keys in "${s.key}": ${dupKeys.height} keys on more than one row (${extra} extra rows), e.g. ${
          formatExamples(examples, dupKeys.height)
        }`,
      );
    }
    findings.push({
      rule: "duplicate_keys",
      source: s.name,
      column: key,
      rows: extra,
      examples: `${formatExamples(examples, dupKeys.height)} (first row kept)`,
    });
    s.frame = s.frame.unique({ subset: [key], keep: "first", maintainOrder: true });
  }

  // The universe of keys: the first source's order, then new keys in source order.
  const membership = specs.map((s, i) =>
    s.frame.select(pl.col(key), pl.lit(true).alias(`__in_${i}`))
  );
  let keys = pl.concat(specs.map((s) => s.frame.select(key)), { how: "vertical" })
    .unique({ maintainOrder: true });
  keys = keys.withColumn(
    pl.Series(ORDER, Int32Array.from({ length: keys.height }, (_, i) => i), pl.Int32),
  );
  for (const m of membership) keys = keys.join(m, { on: key, how: "left" });
  const inCols = specs.map((_, i) => `__in_${i}`);
  keys = keys.withColumns(...inCols.map((c) => pl.col(c).fillNull(false).alias(c)))
    .sort(ORDER);
  const count = inCols.map((c) => pl.col(c).cast(pl.Int32)).reduce((a, b) => a.add(b));

  if (specs.length > 1) {
    specs.forEach((s, i) => {
      const only = keys.filter(pl.col(inCols[i]).and(count.eq(1)));
      if (only.height > 0) {
        findings.push({
          rule: "only_in_source",
          source: s.name,
          column: key,
          rows: only.height,
          examples: formatExamples(only.head(MAX_EXAMPLES).getColumn(key).toArray(), only.height),
        });
      }
    });
  }
  const keep: Expr = how === "outer"
    ? pl.lit(true)
    : how === "left"
    ? pl.col(inCols[0])
    : inCols.map((c) => pl.col(c)).reduce((a, b) => a.and(b));
  specs.forEach((s, i) => {
    const out = keys.filter(pl.col(inCols[i]).and(keep.not()));
    if (out.height > 0) {
      findings.push({
        rule: "not_in_result",
        source: s.name,
        column: key,
        rows: out.height,
        examples: formatExamples(out.head(MAX_EXAMPLES).getColumn(key).toArray(), out.height),
      });
    }
  });
  let table = keys.filter(keep);

  // Columns: the first source holding a name owns it; later copies fill its gaps.
  const owner = new Map<string, number>();
  const dictionary: { name: string; source: string; meaning: string }[] = [
    { name: key, source: specs.map((s) => s.name).join(", "), meaning: "customer key" },
  ];
  specs.forEach((s, i) => {
    const renames: Expr[] = [pl.col(key)];
    for (const column of s.frame.columns) {
      if (column === key) continue;
      if (!owner.has(column)) {
        owner.set(column, i);
        renames.push(pl.col(column));
        dictionary.push({ name: column, source: s.name, meaning: s.meanings[column] ?? "" });
      } else {
        renames.push(pl.col(column).alias(`${column}__${i}`));
      }
    }
    table = table.join(s.frame.select(...renames), { on: key, how: "left" });
  });
  specs.forEach((s, i) => {
    for (const column of s.frame.columns) {
      if (column === key || owner.get(column) === i) continue;
      const first = specs[owner.get(column)!].name;
      const copy = `${column}__${i}`;
      const a = pl.col(column);
      const b = pl.col(copy);
      const sameType =
        dtypeName(table.getColumn(column).dtype) === dtypeName(table.getColumn(copy).dtype);
      const differ = sameType ? a.neq(b) : a.cast(pl.Utf8).neq(b.cast(pl.Utf8));
      const conflicts = table.filter(a.isNotNull().and(b.isNotNull()).and(differ));
      if (conflicts.height > 0) {
        findings.push({
          rule: "conflicting_values",
          source: s.name,
          column,
          rows: conflicts.height,
          examples: formatExamples(
            conflicts.head(MAX_EXAMPLES).getColumn(key).toArray(),
            conflicts.height,
          ) + ` (value from "${first}" kept)`,
        });
      }
      const fill = sameType ? b : b.cast(table.getColumn(column).dtype, false);
      table = table.withColumns(pl.when(a.isNull()).then(fill).otherwise(a).alias(column)).drop(
        copy,
      );
      findings.push({
        rule: "column_dropped",
        source: s.name,
        column,
        rows: 0,
        examples: `shared with "${first}": used only to fill its missing values`,
      });
    }
  });

  table = table.sort(ORDER);
  const indicators = options.indicators === true
    ? specs.map((s, i) => pl.col(inCols[i]).alias(`in_${s.name}`))
    : [];
  const indicatorNames = specs.map((s) => `in_${s.name}`);
  if (indicators.length > 0) {
    const clash = indicatorNames.filter((n) => n === key || owner.has(n));
    if (clash.length > 0) {
      throw new RangeError(
        `Cannot ${action} as an indicator column would replace a data column: ${
          formatExamples(clash)
        }`,
      );
    }
  }
  table = table.select(
    pl.col(key),
    ...[...owner.keys()].map((c) => pl.col(c)),
    ...indicators,
  );
  if (indicators.length > 0) {
    specs.forEach((s) =>
      dictionary.push({
        name: `in_${s.name}`,
        source: s.name,
        meaning: `whether the customer is in source "${s.name}"`,
      })
    );
  }
  return Object.freeze({
    table,
    findings: findingsFrame(findings),
    dictionary: pl.DataFrame([
      pl.Series("name", dictionary.map((d) => d.name), pl.Utf8),
      pl.Series("source", dictionary.map((d) => d.source), pl.Utf8),
      pl.Series("type", dictionary.map((d) => dtypeName(table.getColumn(d.name).dtype)), pl.Utf8),
      pl.Series("meaning", dictionary.map((d) => d.meaning), pl.Utf8),
    ]),
  });
}

interface Spec {
  name: string;
  key: string;
  frame: DataFrame;
  meanings: Readonly<Record<string, string>>;
}

function isFrame(value: unknown): value is DataFrame {
  return value !== null && typeof value === "object" &&
    Array.isArray((value as DataFrame).columns) &&
    typeof (value as DataFrame).height === "number";
}

/** Checks one source, takes its columns, renames its key and drops rows without a key. */
function normaliseSource(
  name: string,
  source: JoinSource | DataFrame | undefined,
  key: string,
  action: string,
  findings: Finding[],
): Spec {
  const spec: JoinSource | undefined = isFrame(source)
    ? { data: source }
    : source as JoinSource | undefined;
  if (!spec || !isFrame(spec.data)) {
    throw new TypeError(
      `Cannot ${action} as source "${name}" is not a DataFrame or { data, key }: got ${
        source === null ? "null" : typeof source
      }`,
    );
  }
  const sourceKey = spec.key ?? key;
  if (!spec.data.columns.includes(sourceKey)) {
    throw new TypeError(
      `Cannot ${action} as source "${name}" has no key column "${sourceKey}": available columns are ${
        spec.data.columns.join(", ")
      }`,
    );
  }
  const columns = spec.columns ?? spec.data.columns.filter((c) => c !== sourceKey);
  requireColumns(spec.data, columns, `${action} (source "${name}")`);
  const taken = columns.filter((c) => c !== sourceKey);
  if (sourceKey !== key && taken.includes(key)) {
    throw new RangeError(
      `Cannot ${action} as source "${name}" has a column named like the result key: "${key}" (its key is "${sourceKey}")`,
    );
  }
  for (const column of spec.data.columns) {
    if (column !== sourceKey && !taken.includes(column)) {
      findings.push({
        rule: "column_dropped",
        source: name,
        column,
        rows: 0,
        examples: "not in the source's columns",
      });
    }
  }
  let frame = spec.data.select(pl.col(sourceKey).alias(key), ...taken.map((c) => pl.col(c)));
  const missing = frame.getColumn(key).nullCount();
  if (missing > 0) {
    const rows: number[] = [];
    const values = frame.getColumn(key).toArray();
    for (let i = 0; i < values.length && rows.length < MAX_EXAMPLES; i++) {
      if (values[i] === null) rows.push(i + 1);
    }
    findings.push({
      rule: "missing_keys",
      source: name,
      column: sourceKey,
      rows: missing,
      examples: `rows ${formatExamples(rows, missing)} (dropped)`,
    });
    frame = frame.filter(pl.col(key).isNotNull());
  }
  return { name, key: sourceKey, frame, meanings: spec.meanings ?? {} };
}

/** A key as text; whole-number floats (`17850.0`) as integers first, so they read `17850`. */
function keyAsText(frame: DataFrame, key: string): Expr {
  const variant = frame.getColumn(key).dtype.variant;
  const col = pl.col(key);
  if (variant === "Float64" || variant === "Float32") {
    const whole = frame.filter(col.isNotNull().and(col.floor().neq(col))).height === 0;
    if (whole) return col.cast(pl.Int64).cast(pl.Utf8);
  }
  return col.cast(pl.Utf8).str.strip();
}

function findingsFrame(findings: readonly Finding[]): DataFrame {
  return pl.DataFrame([
    pl.Series("rule", findings.map((f) => f.rule), pl.Utf8),
    pl.Series("source", findings.map((f) => f.source), pl.Utf8),
    pl.Series("column", findings.map((f) => f.column), pl.Utf8),
    pl.Series("rows", findings.map((f) => f.rows), pl.Int64),
    pl.Series("examples", findings.map((f) => f.examples), pl.Utf8),
  ]);
}
