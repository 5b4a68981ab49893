import { readFileSync } from "node:fs";
import path from "node:path";

// Puts Switchboard's own runtime source into one module: whole files, or the named top-level
// declarations of files that also hold zod schemas or database code, or one marked section; each
// with its import lines and `export` keywords removed. Node's own modules stay imported. It
// refuses, rather than emit a file that cannot run, when a copied file imports a module or a
// name that the export does not contain.

/** What is taken from one source file, in the order the export lists them. */
export type Piece =
  | { path: string; take: "all" }
  | { path: string; take: "names"; names: readonly string[] }
  | { path: string; take: "section"; marker: string }
  /** Text written for the export itself, standing in for code it cannot carry. */
  | { path: string; take: "text"; text: string };

type Import = { statement: string; module: string; bindings: string[] };

const importStatement = /^import\s+(?:([\s\S]*?)\s+from\s+)?["']([^"']+)["'];?[ \t]*$/gm;
const declaration =
  /^(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?\s*|const\s+|let\s+|var\s+|class\s+|type\s+|interface\s+|enum\s+)([A-Za-z_$][\w$]*)/;
const exportKeyword =
  /^export\s+(?=(?:async\s+|declare\s+|abstract\s+)?(?:function|const|let|var|class|type|interface|enum)\b)/gm;
const statementStart = /^[A-Za-z_$@]/;
const commentLine = /^(?:\/\/|\/\*|\s\*|\*\/)/;

/** The local names an import binds: `a`, `b` of `{ a, type c as b }`, a default, a namespace. */
function bindingsOf(clause: string): string[] {
  const withoutType = clause.replace(/^type\s+/, "");
  const names: string[] = [];
  const braces = /\{([\s\S]*)\}/.exec(withoutType);
  for (const spec of braces?.[1]?.split(",") ?? []) {
    const parts = spec
      .trim()
      .replace(/^type\s+/, "")
      .split(/\s+as\s+/);
    const local = parts[parts.length - 1]?.trim();
    if (local) names.push(local);
  }
  const outside = withoutType
    .replace(/\{[\s\S]*\}/, "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const part of outside) names.push(part.replace(/^\*\s+as\s+/, ""));
  return names;
}

function importsOf(source: string): Import[] {
  return [...source.matchAll(importStatement)].map((m) => ({
    statement: m[0].trim(),
    module: m[2] ?? "",
    bindings: m[1] ? bindingsOf(m[1]) : [],
  }));
}

const withoutImports = (source: string) => source.replace(importStatement, "");

function withoutExports(source: string, file: string): string {
  const text = source.replace(exportKeyword, "");
  const left = /^export\b.*$/m.exec(text);
  if (left) throw new Error(`The code export cannot copy "${left[0].slice(0, 60)}" from ${file}.`);
  return text;
}

/** A module specifier of a copied file as the repository path it names. */
function resolveModule(specifier: string, from: string): string | undefined {
  if (specifier.startsWith("@/")) return `${specifier.slice(2)}.ts`;
  if (specifier.startsWith(".")) return `${path.posix.join(path.posix.dirname(from), specifier)}.ts`;
  return undefined;
}

/** The top-level statements of a file, each with the comment lines right above it. */
export function topLevelDeclarations(source: string): Map<string, string> {
  const lines = source.split("\n");
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (statementStart.test(line)) starts.push(i);
  });
  const withComments = starts.map((start) => {
    let first = start;
    while (first > 0 && commentLine.test(lines[first - 1] ?? "")) first--;
    return first;
  });
  const found = new Map<string, string>();
  starts.forEach((start, k) => {
    const name = declaration.exec(lines[start] ?? "")?.[1];
    const end = withComments[k + 1] ?? lines.length;
    if (name) found.set(name, lines.slice(withComments[k], end).join("\n").trimEnd());
  });
  return found;
}

function sectionOf(source: string, marker: string, file: string): string {
  const at = source.indexOf(`${marker}\n`);
  if (at < 0) throw new Error(`The code export looks for the section "${marker}" in ${file}, which no longer has it.`);
  const rest = source.slice(at + marker.length + 1);
  const next = /^\/\/ ---- /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** The source the export copies, read from `root` (the repository). */
export function assemble(pieces: readonly Piece[], root: string): { imports: string[]; code: string } {
  const read = (file: string) => {
    try {
      return readFileSync(path.join(root, file), "utf8").replace(/\r\n/g, "\n");
    } catch (error) {
      throw new Error(
        `The code export reads Switchboard's runtime from ${path.join(root, file)}; start Switchboard from its repository folder. (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  };
  const nodeImports = new Set<string>();
  const declared = new Set<string>();
  const needed: Array<{ file: string; module: string; name: string }> = [];
  const parts: string[] = [];

  for (const piece of pieces) {
    if (piece.take === "text") {
      for (const name of topLevelDeclarations(piece.text).keys()) declared.add(name);
      parts.push(`// ---- ${piece.path} ----\n${piece.text.trim()}`);
      continue;
    }
    const source = read(piece.path);
    const imports = importsOf(source);
    // A named declaration brings no imports: what it needs is copied too, or the typecheck test fails.
    if (piece.take !== "names") for (const i of imports) if (i.module.startsWith("node:")) nodeImports.add(i.statement);
    let code: string;
    if (piece.take === "all") {
      for (const i of imports) {
        if (i.module.startsWith("node:")) continue;
        const target = resolveModule(i.module, piece.path);
        if (!target || !pieces.some((p) => p.path === target))
          throw new Error(`${piece.path} imports ${i.module}, which the code export does not contain.`);
        for (const name of i.bindings) needed.push({ file: piece.path, module: i.module, name });
      }
      code = withoutImports(source);
    } else if (piece.take === "section") {
      code = sectionOf(source, piece.marker, piece.path);
    } else {
      const all = topLevelDeclarations(source);
      code = piece.names
        .map((name) => {
          const text = all.get(name);
          if (!text) throw new Error(`The code export copies ${name} from ${piece.path}, which no longer declares it.`);
          return text;
        })
        .join("\n\n");
    }
    code = withoutExports(code, piece.path).trim();
    for (const name of topLevelDeclarations(code).keys()) declared.add(name);
    parts.push(`// ---- ${piece.path} ----\n${code}`);
  }

  const missing = needed.find((n) => !declared.has(n.name));
  if (missing)
    throw new Error(
      `${missing.file} imports ${missing.name} from ${missing.module}, which the code export does not contain.`,
    );
  return { imports: [...nodeImports], code: parts.join("\n\n") };
}
