import { existsSync } from "node:fs";

/** Chromium for the e2e tests: CHROMIUM_PATH, Debian's package, or Playwright's own download. */
export async function findChromium(): Promise<string | undefined> {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  const found = candidates.find((p): p is string => Boolean(p) && existsSync(p ?? ""));
  if (found) return found;
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    return existsSync(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
