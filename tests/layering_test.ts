/**
 * The library's layer order, enforced. Each module of `lib/` may import only from modules in a
 * lower layer (and from its own files); nothing in `lib/` imports tools, tests or notebooks; no
 * two files import each other in a circle. The order is written down in `lib/mod.ts` and the
 * README's layout section: change all three together.
 *
 * Test files (`*_test.ts`, `_test_*.ts`) are exempt from the order (a test may use any fixture),
 * since nothing imports them.
 */
import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { ROOT } from "./_helpers.ts";

/**
 * Layers, lowest first. Modules in one layer may not import each other; an analysis module may
 * import one listed before it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["stats"],
  ["io"],
  ["governance"],
  ["quality"],
  ["integrate"],
  ["eda", "prep"],
  ["rfm"],
  ["segmentation"],
  ["survival"],
  ["evaluate"],
  ["churn"],
  ["basket"],
  ["recommend"],
  ["clv"],
  ["kpi"],
  ["sql"],
  ["experiment"],
  ["forecast"],
  ["charts"],
  ["display"],
  ["util"],
];

const LIB = join(ROOT, "lib");

function layerOf(module: string): number {
  const index = LAYERS.findIndex((layer) => layer.includes(module));
  return index;
}

function isTestFile(path: string): boolean {
  const name = path.split("/").pop() ?? "";
  return name.endsWith("_test.ts") || name.startsWith("_test_") || name === "_test_utils.ts";
}

function libFiles(dir = LIB): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...libFiles(path));
    else if (entry.isFile && entry.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** Drops comments (doc examples import things too, but are not the file's imports). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** The specifiers a file imports or re-exports, static and dynamic. */
export function importsOf(text: string): string[] {
  const code = stripComments(text);
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/gm,
    /^\s*import\s+["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) specifiers.push(match[1]);
  }
  return specifiers;
}

interface Edge {
  from: string;
  to: string;
}

function localEdges(files: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    for (const specifier of importsOf(Deno.readTextFileSync(file))) {
      if (!specifier.startsWith(".")) continue;
      edges.push({ from: file, to: normalize(join(dirname(file), specifier)) });
    }
  }
  return edges;
}

function moduleOf(path: string): string {
  const rel = relative(LIB, path);
  return rel.includes("/") ? rel.split("/")[0] : "";
}

Deno.test("importsOf finds static, multi-line, re-export and dynamic imports, not doc examples", () => {
  const text = [
    "/**",
    ' * import { x } from "../charts/mod.ts";',
    " */",
    'import pl from "nodejs-polars";',
    "import {",
    "  a,",
    "  b,",
    '} from "../core/errors.ts";',
    'export * from "./y.ts";',
    'const m = await import("../io/mod.ts");',
  ].join("\n");
  assert.deepEqual(importsOf(text).sort(), [
    "../core/errors.ts",
    "../io/mod.ts",
    "./y.ts",
    "nodejs-polars",
  ]);
});

Deno.test("every lib/ module is placed in a layer", () => {
  const modules = new Set(libFiles().map(moduleOf).filter((m) => m !== ""));
  const unplaced = [...modules].filter((m) => layerOf(m) < 0);
  assert.deepEqual(unplaced, [], `add these modules to LAYERS (and lib/mod.ts, README)`);
});

Deno.test("no lib/ module imports from a higher layer or a sibling in its layer", () => {
  const violations: string[] = [];
  for (const { from, to } of localEdges(libFiles().filter((f) => !isTestFile(f)))) {
    const source = moduleOf(from);
    const target = moduleOf(to);
    if (relative(LIB, to).startsWith("..")) {
      violations.push(`${relative(ROOT, from)} imports ${relative(ROOT, to)}, outside lib/`);
      continue;
    }
    if (source === "" || source === target) continue; // lib/mod.ts sits on top of everything
    if (target === "") {
      violations.push(`${relative(ROOT, from)} imports lib/mod.ts`);
    } else if (layerOf(target) >= layerOf(source)) {
      violations.push(
        `${relative(ROOT, from)} (${source}, layer ${layerOf(source)}) imports ${
          relative(ROOT, to)
        } (${target}, layer ${layerOf(target)})`,
      );
    }
  }
  assert.deepEqual(violations, [], `upward or sideways imports:\n${violations.join("\n")}`);
});

Deno.test("no import circles among lib/ files", () => {
  const files = libFiles();
  const graph = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const { from, to } of localEdges(files)) graph.get(from)?.push(to);
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, stack: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      const cycle = stack.slice(stack.indexOf(file)).concat(file);
      cycles.push(cycle.map((f) => relative(LIB, f)).join(" -> "));
      return;
    }
    state.set(file, "visiting");
    for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
    state.set(file, "done");
  };
  for (const file of files) visit(file, []);
  assert.deepEqual(cycles, [], `import circles:\n${cycles.join("\n")}`);
});

Deno.test("lib/mod.ts states the same layer order as this test", () => {
  const doc = Deno.readTextFileSync(join(LIB, "mod.ts"));
  const stated = doc.match(/Layers, lowest first: ([^.]+)\./);
  assert.ok(stated, "lib/mod.ts has no 'Layers, lowest first: ...' sentence");
  const expected = LAYERS.map((layer) => layer.join(" and ")).join(", ");
  assert.equal(stated[1].replace(/\s*\*\s*/g, " ").replace(/`/g, "").trim(), expected);
});
