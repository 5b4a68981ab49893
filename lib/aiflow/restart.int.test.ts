import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";

import { DEMO_FLOW_NUMBER } from "@/lib/db/seed-first-start";

// A server killed in the middle of a call (SIGKILL, no goodbye) and started again: the next
// event continues the session where it was, because its state was committed before each reply.

const root = path.resolve(import.meta.dirname, "../..");
const ready = z.object({ port: z.number(), aiFlow: z.object({ path: z.string(), token: z.string() }).nullable() });
const dataDir = mkdtempSync(path.join(tmpdir(), "sb-restart-"));
let databaseUrl: string | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `sb_restart_${randomBytes(4).toString("hex")}`;
    const sql = postgres(server, { max: 1 });
    await sql.unsafe(`create database ${name}`);
    await sql.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl && process.env.TEST_DATABASE_URL) {
    const sql = postgres(process.env.TEST_DATABASE_URL, { max: 1 });
    await sql.unsafe(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    await sql.end();
  }
});

async function start(): Promise<z.output<typeof ready>> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    APP_SECRET: "restart-test-secret-restart-test-secret-0123",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "" }),
  };
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/test/aiflow-process.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = proc;
  const lines = createInterface({ input: proc.stdout });
  for await (const line of lines) {
    if (line.startsWith("{")) return ready.parse(JSON.parse(line));
  }
  throw new Error("the server process ended before it was ready");
}

it("continues a session after the server was killed mid-call", { timeout: 90_000 }, async () => {
  const first = await start();
  if (!first.aiFlow) throw new Error("the first start did not seed the demo endpoint");
  const url = (port: number) => `http://127.0.0.1:${port}${first.aiFlow?.path}`;
  const headers = { "content-type": "application/json", "x-api-token": first.aiFlow.token };
  const id = randomUUID();
  const post = async (port: number, event: object) => {
    const response = await fetch(url(port), { method: "POST", headers, body: JSON.stringify(event) });
    return { status: response.status, body: response.status === 200 ? await response.json() : undefined };
  };
  const session = { id, phone_number: DEMO_FLOW_NUMBER, from_phone_number: "+491701112223" };
  expect((await post(first.port, { type: "session_start", session })).body).toMatchObject({
    text: expect.stringContaining("Welcome to Demo Company."),
  });
  expect(
    (await post(first.port, { type: "user_speak", text: "I would like to leave a message", session: { id } })).body,
  ).toMatchObject({ text: expect.stringContaining("Please say your message") });

  child?.kill("SIGKILL");
  await new Promise((resolve) => child?.once("exit", resolve));

  const second = await start();
  expect(second.aiFlow).toBeNull(); // the same database: nothing seeded again
  expect(
    (await post(second.port, { type: "user_speak", text: "Please call me about my order", session: { id } })).body,
  ).toMatchObject({
    text: "Thank you. We will call you back at +491701112223. Goodbye, and have a nice day.",
  });
  expect((await post(second.port, { type: "assistant_speech_ended", session: { id } })).body).toEqual({
    type: "hangup",
    session_id: id,
  });
  expect((await post(second.port, { type: "session_end", session: { id } })).status).toBe(204);
});
