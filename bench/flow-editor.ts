// The flow editor with a 500-node flow, in Chromium, on the production server:
//   npm run build && npx tsx bench/flow-editor.ts [--nodes 500] [--runs 5]
// Starts `server.ts` on a fresh embedded database, imports a valid flow of --nodes nodes (the
// one bench/aiflow compiles), signs in and measures, --runs times each:
//  - open: from navigation start to the flow drawn on the canvas (fit to view at the smallest zoom
//    allowed; nodes outside the view are not drawn), read from the browser's own clock;
//  - drag: a node dragged across the canvas for ~2 s in 120 mouse steps, with the frame times
//    the page saw meanwhile (requestAnimationFrame deltas) and the long animation frames the
//    browser reported (PerformanceObserver "long-animation-frame"), at "all in view" zoom and
//    at 100 % zoom.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { chromium, type Page } from "@playwright/test";
import { z } from "zod";

import { callAdminSocket } from "@/lib/server/admin-socket";
import { buildStaleness } from "@/lib/server/ensure-build";

import { chromiumArgs, findChromium } from "../e2e/browser";
import { largeFlow } from "./aiflow/compile";
import { median, percentile, sleep } from "./support";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "500" },
    runs: { type: "string", default: "5" },
    port: { type: "string", default: "3970" },
  },
});
const size = Number(values.nodes);
const runs = Number(values.runs);
const port = Number(values.port);
const base = `http://localhost:${port}`;
const root = path.resolve(import.meta.dirname, "..");

if (buildStaleness(root)) {
  console.error("Build first (npm run build): this measures the production server.");
  process.exit(1);
}
const executablePath = await findChromium();
if (!executablePath) throw new Error("No Chromium found (apt-get install chromium, or CHROMIUM_PATH).");

const dataDir = mkdtempSync(path.join(os.tmpdir(), "sb-editor-bench-"));
const server = spawn(process.execPath, ["--max-semi-space-size=32", "--import", "tsx", "server.ts"], {
  cwd: root,
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    APP_URL: base,
    APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    NODE_ENV: "production",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
server.stderr?.on("data", (d: Buffer) => (output += d.toString()));

async function admin(...argv: string[]) {
  const result = await callAdminSocket(dataDir, argv);
  if (result.exitCode !== 0) throw new Error(`admin ${argv.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

const frameReport = z.object({ frames: z.array(z.number()), long: z.number() });

type Frames = { median: number; p95: number; max: number; frames: number; longFrames: number };

/** Drags the node by its header for ~2 s; the page records every frame meanwhile. */
async function drag(page: Page, nodeId: string): Promise<Frames> {
  const header = page.locator(`[data-testid="canvas-node"][data-node-id="${nodeId}"] > div`).first();
  const box = await header.boundingBox();
  if (!box) throw new Error(`node ${nodeId} not visible`);
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__long = 0;
    window.__stop = false;
    new PerformanceObserver((list) => (window.__long += list.getEntries().length)).observe({ type: "long-animation-frame", buffered: false });
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 120; i++) {
    await page.mouse.move(x + Math.sin(i / 10) * 200, y + i * 2);
    await sleep(16);
  }
  await page.mouse.up();
  const { frames, long } = frameReport.parse(
    await page.evaluate(
      `(() => { window.__stop = true; return { frames: window.__frames.slice(1), long: window.__long }; })()`,
    ),
  );
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    median: median(frames),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? 0,
    frames: frames.length,
    longFrames: long,
  };
}

try {
  const started = Date.now();
  while (
    !(await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (server.exitCode !== null || Date.now() - started > 120_000) throw new Error(`server did not start:\n${output}`);
    await sleep(200);
  }
  await admin("create-org", "--name", "Editor bench", "--slug", "editor-bench");
  const password = "correct horse battery staple 42";
  await admin(
    "create-user",
    "--email",
    "editor@example.com",
    "--org",
    "editor-bench",
    "--role",
    "owner",
    "--password",
    password,
  );
  const file = path.join(dataDir, "flow.json");
  writeFileSync(file, JSON.stringify(largeFlow(size)));
  const imported = await admin("import-flow", "--org", "editor-bench", "--file", file, "--name", `${size} nodes`);
  const flowId = /[0-9a-f-]{36}/.exec(imported)?.[0];
  if (!flowId) throw new Error(imported);

  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}/sign-in?callbackUrl=/editor-bench/flows`);
  await page.getByLabel("Email").fill("editor@example.com");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/editor-bench/"));

  const opens: number[] = [];
  const drawnCounts: number[] = [];
  const dragsAll: Frames[] = [];
  const dragsZoomed: Frames[] = [];
  for (let run = 0; run <= runs; run++) {
    await page.goto(`${base}/editor-bench/flows/${flowId}`);
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="canvas-node"]').length > 0, undefined, {
        timeout: 60_000,
        polling: "raf",
      })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(root, "bench", ".out", "flow-editor-failed.png") });
        console.error(`not drawn at ${page.url()}: ${(await page.locator("body").innerText()).slice(0, 500)}`);
        throw error;
      });
    const opened = await page.evaluate(() => performance.now());
    if (run === 0) continue; // the first open warms the server's and the browser's caches
    opens.push(opened);
    await sleep(500);
    const drawn = await page
      .locator('[data-testid="canvas-node"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id") ?? ""));
    drawnCounts.push(drawn.length);
    const middle = drawn[Math.floor(drawn.length / 2)] ?? "n1";
    dragsAll.push(await drag(page, middle));
    dragsZoomed.push(await zoomedDrag(page, drawn[Math.floor(drawn.length / 3)] ?? "n1"));
  }
  await browser.close();

  const row = (label: string, f: Frames[]) =>
    `${label}: frame median ${median(f.map((x) => x.median)).toFixed(1)} ms, p95 ${median(f.map((x) => x.p95)).toFixed(1)} ms, max ${Math.max(...f.map((x) => x.max)).toFixed(1)} ms, long animation frames per drag ${median(f.map((x) => x.longFrames))}`;
  console.log(`flow-editor: ${size} nodes, ${runs} runs, Chromium ${browser.version()}`);
  console.log(
    `open (navigation → the flow drawn on the canvas, fit to view): median ${median(opens).toFixed(0)} ms, max ${Math.max(...opens).toFixed(0)} ms; nodes drawn at that zoom: ${median(drawnCounts)}`,
  );
  console.log(row(`drag, fit to view (${median(drawnCounts)} nodes drawn)`, dragsAll));
  console.log(row("drag, 100 % zoom", dragsZoomed));
} finally {
  server.kill("SIGTERM");
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}

/** At about 100 % zoom around one node, as an admin edits: only the nodes in view are drawn. */
async function zoomedDrag(page: Page, nodeId: string): Promise<Frames> {
  const scale = async () =>
    z
      .number()
      .parse(
        await page.evaluate(
          `new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform).a`,
        ),
      );
  for (let i = 0; i < 40 && (await scale()) < 0.9; i++) {
    const box = await page.locator(`[data-testid="canvas-node"][data-node-id="${nodeId}"]`).boundingBox();
    if (!box) throw new Error(`node ${nodeId} not drawn`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await sleep(100);
  }
  return drag(page, nodeId);
}
