import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sourceDirs = ["app", "components", "lib", "public"];
const sourceFiles = [
  "next.config.ts",
  "proxy.ts",
  "instrumentation-client.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    // Tests are not part of the build: editing one must not trigger a rebuild.
    if (child === "node_modules" || child.startsWith(".") || /\.(test|spec)\.tsx?$/.test(child)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why the production build must be (re)made, or undefined when it is current. */
export function buildStaleness(root: string): string | undefined {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const changed = [...sourceDirs, ...sourceFiles].find((entry) => newestMtime(path.join(root, entry)) > builtAt);
  return changed ? `${changed} changed since the last build` : undefined;
}

/**
 * `npm start` on a fresh clone or after a change builds first, so the two README commands are
 * all a newcomer needs. Deployments that build ahead of time skip this (the build is current).
 */
export function ensureBuild(root: string): void {
  const reason = buildStaleness(root);
  if (!reason) return;
  console.log(`Building Switchboard (${reason}); this takes a minute or two the first time...`);
  const next = path.join(root, "node_modules", ".bin", "next");
  const result = spawnSync(next, ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0)
    throw new Error(`The production build failed (exit code ${result.status ?? result.signal}). See the output above.`);
}
