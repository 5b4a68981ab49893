import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";

import type { CliResult } from "@/lib/cli/commands";
import { adminSocketPath, callAdminSocket, startAdminSocket } from "@/lib/server/admin-socket";

let dataDir: string;
let stop: (() => Promise<void>) | undefined;
let calls: string[][];

async function fakeRun(argv: string[]): Promise<CliResult> {
  calls.push(argv);
  if (argv[0] === "explode") throw new Error("the command blew up");
  return { exitCode: argv[0] === "fail" ? 2 : 0, stdout: `ran ${argv.join(" ")}\n`, stderr: "" };
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sb-sock-"));
  calls = [];
  stop = await startAdminSocket(dataDir, fakeRun);
});
afterEach(async () => {
  await stop?.();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes and returns everything the server answers. */
function sendRaw(payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(adminSocketPath(dataDir));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(payload));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}
const resultSchema = z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string() });
const parseResult = (answer: string): CliResult => resultSchema.parse(JSON.parse(answer));

describe("admin socket", () => {
  it("runs the command in the server and hands back its result", async () => {
    expect(await callAdminSocket(dataDir, ["list-orgs", "--json"])).toEqual({
      exitCode: 0,
      stdout: "ran list-orgs --json\n",
      stderr: "",
    });
    expect(await callAdminSocket(dataDir, ["fail"])).toEqual({ exitCode: 2, stdout: "ran fail\n", stderr: "" });
    expect(calls).toEqual([["list-orgs", "--json"], ["fail"]]);
  });

  it("keeps non-ASCII arguments intact", async () => {
    const name = "Müller & Söhne — 東京 📞";
    expect((await callAdminSocket(dataDir, ["create-org", "--name", name])).stdout).toBe(
      `ran create-org --name ${name}\n`,
    );
  });

  it("is usable by its owner only", () => {
    expect(statSync(adminSocketPath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it("answers a garbage line with exit code 1 without running anything", async () => {
    const garbage = parseResult(await sendRaw("this is not json\n"));
    expect(garbage.exitCode).toBe(1);
    expect(garbage.stderr).toMatch(/^Error: /);
    const wrongShape = parseResult(await sendRaw(`${JSON.stringify({ argv: [1, 2] })}\n`));
    expect(wrongShape.exitCode).toBe(1);
    expect(calls).toEqual([]);
  });

  it("reports a command that throws as exit code 1 with its message", async () => {
    expect(await callAdminSocket(dataDir, ["explode"])).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: "Error: the command blew up\n",
    });
  });

  it("is gone after stopping: the socket file is removed and calls fail", async () => {
    await stop?.();
    stop = undefined;
    expect(existsSync(adminSocketPath(dataDir))).toBe(false);
    await expect(callAdminSocket(dataDir, ["list-orgs"])).rejects.toThrow();
  });

  it("replaces a stale socket file left by a crashed server", async () => {
    await stop?.();
    writeFileSync(adminSocketPath(dataDir), "left over");
    stop = await startAdminSocket(dataDir, fakeRun);
    expect((await callAdminSocket(dataDir, ["help"])).exitCode).toBe(0);
  });
});
