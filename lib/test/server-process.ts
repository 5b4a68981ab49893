import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

import { z } from "zod";

// Starts lib/test/aiflow-process.ts (server.ts's request handling without Next.js) as a real
// child process, on its own embedded database or on the PostgreSQL database a URL names.

const root = path.resolve(import.meta.dirname, "../..");
const readyLine = z.object({ port: z.number(), aiFlow: z.object({ path: z.string(), token: z.string() }).nullable() });

export type ServerProcess = z.output<typeof readyLine> & { base: string; stop: () => Promise<void> };

export async function startServerProcess(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "sb-process-"));
  const env = {
    ...process.env,
    ...options.env,
    DATA_DIR: dataDir,
    APP_SECRET: "server-process-test-secret-0123456789abcdef",
    DATABASE_URL: options.databaseUrl ?? "",
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/test/aiflow-process.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const ready = await new Promise<z.output<typeof readyLine> | undefined>((resolve) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve(readyLine.parse(JSON.parse(line)));
    });
    lines.on("close", () => resolve(undefined));
  });
  if (!ready) {
    await stop();
    throw new Error("the server process ended before it was ready");
  }
  return { ...ready, base: `http://127.0.0.1:${ready.port}`, stop };
}
