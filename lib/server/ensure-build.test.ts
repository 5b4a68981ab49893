import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { buildStaleness } from "@/lib/server/ensure-build";

let root: string;
const built = new Date("2026-01-10T12:00:00Z");
const before = new Date("2026-01-10T11:00:00Z");
const after = new Date("2026-01-10T13:00:00Z");

function write(relative: string, mtime: Date) {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "x");
  utimesSync(file, mtime, mtime);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "sb-build-"));
  write("app/page.tsx", before);
  write("lib/deep/nested/module.ts", before);
  write("components/button.tsx", before);
  write("package.json", before);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("buildStaleness", () => {
  it("asks for a build when there is none", () => {
    expect(buildStaleness(root)).toBe("no production build yet");
  });

  it("is satisfied when the build is newer than every source", () => {
    write(".next/BUILD_ID", built);
    expect(buildStaleness(root)).toBeUndefined();
  });

  it("names a source directory with a file changed after the build, however deep", () => {
    write(".next/BUILD_ID", built);
    utimesSync(path.join(root, "lib/deep/nested/module.ts"), after, after);
    expect(buildStaleness(root)).toBe("lib changed since the last build");
  });

  it("names a changed top-level file", () => {
    write(".next/BUILD_ID", built);
    utimesSync(path.join(root, "package.json"), after, after);
    expect(buildStaleness(root)).toBe("package.json changed since the last build");
  });

  it("notices a file added after the build", () => {
    write(".next/BUILD_ID", built);
    write("public/logo.svg", after);
    expect(buildStaleness(root)).toBe("public changed since the last build");
  });

  it("ignores node_modules and hidden entries inside source directories", () => {
    write(".next/BUILD_ID", built);
    write("lib/node_modules/dep/index.js", after);
    write("app/.cache/state.json", after);
    expect(buildStaleness(root)).toBeUndefined();
  });

  it("ignores test files: editing a test needs no rebuild", () => {
    write(".next/BUILD_ID", built);
    write("lib/deep/nested/module.test.ts", after);
    write("components/button.spec.tsx", after);
    expect(buildStaleness(root)).toBeUndefined();
    utimesSync(path.join(root, "components/button.tsx"), after, after);
    expect(buildStaleness(root)).toBe("components changed since the last build");
  });
});
