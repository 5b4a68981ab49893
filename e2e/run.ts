// npm run test:e2e: builds the app when needed, starts it on a fresh embedded database and runs
// the Playwright specs in Chromium. Extra arguments go to `playwright test`.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { ensureBuild } from "@/lib/server/ensure-build";

import { findChromium } from "./browser";

const root = path.resolve(import.meta.dirname, "..");
const chromium = await findChromium();
if (!chromium) {
  console.error(
    [
      "No Chromium found for the end-to-end tests.",
      "Install one of:",
      "  Debian/Ubuntu:  sudo apt-get install -y chromium",
      "  other systems:  npx playwright install chromium",
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    ].join("\n"),
  );
  process.exit(1);
}

ensureBuild(root);
const dataDir = path.join(root, "e2e", ".output", "data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const result = spawnSync(
  path.join(root, "node_modules", ".bin", "playwright"),
  ["test", "--config", "e2e/playwright.config.ts", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, E2E_CHROMIUM: chromium, E2E_DATA_DIR: dataDir },
  },
);
process.exit(result.status ?? 1);
