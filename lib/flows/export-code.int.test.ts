import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseEvent, replyBody } from "@/lib/aiflow/protocol";
import { flow } from "@/lib/test/flow-builder";

import { compileFlow, type Program } from "./compile";
import { receptionFlow } from "./examples/reception";
import { exportFlowAsTypeScript } from "./export-code";
import { runEventSync } from "./run-event";
import { createRuntime } from "./runtime";
import { flowDocumentSchema } from "./schema";
import { initialState, type EffectResult, type SessionState } from "./session-state";

// An exported flow run as its header says (`npx tsx file.ts`, FLOW_API_TOKEN set), driven over
// HTTP through recorded calls; every answer must be the one Switchboard's runtime gives.

const root = path.resolve(import.meta.dirname, "../..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
const TOKEN = "exported-flow-secret-0123456789";
const dir = mkdtempSync(path.join(tmpdir(), "sb-code-export-"));
const children: ChildProcess[] = [];

type Running = { port: number; exit: Promise<number | null> };

/** Starts an exported file and waits for its "answers AI Flow events on port N" line. */
async function run(file: string, env: Record<string, string | undefined>): Promise<Running> {
  const child = spawn(process.execPath, [tsxCli, file], {
    cwd: dir,
    env: {
      ...process.env,
      FLOW_API_TOKEN: TOKEN,
      PORT: "0",
      ALLOW_PRIVATE_NETWORK: undefined,
      FLOW_HTTP_ALLOW_PRIVATE: undefined,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // tsx runs the file in a child of its own: both are ended together, by group
  });
  children.push(child);
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  for await (const line of createInterface({ input: child.stdout ?? process.stdin })) {
    const port = /answers AI Flow events on port (\d+)/.exec(line)?.[1];
    if (port) return { port: Number(port), exit };
  }
  throw new Error(`the exported flow did not start (exit ${await exit}): ${stderr.join("")}`);
}

function write(name: string, program: Program, flowName: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, exportFlowAsTypeScript({ flowName, version: 1, program }));
  return file;
}

type Answer = { status: number; body: unknown };

async function post(
  port: number,
  body: unknown,
  options: { token?: string | null; raw?: string } = {},
): Promise<Answer> {
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token === null ? {} : { "x-api-token": token }) },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** What Switchboard answers to the same events: its runtime, one state per session, each reply as sent. */
function runtimeAnswers(
  program: Program,
  events: readonly unknown[],
  effects?: Parameters<typeof runEventSync>[3],
): Answer[] {
  const runtime = createRuntime(program);
  const states = new Map<string, SessionState>();
  return events.map((body) => {
    const parsed = parseEvent(body);
    if (!parsed.ok) throw new Error(parsed.error);
    const id = parsed.event.session.id;
    const outcome = runEventSync(runtime, states.get(id) ?? initialState(), parsed.event, effects);
    states.set(id, outcome.state);
    const reply = replyBody(outcome.actions);
    return reply === undefined
      ? { status: 204, body: undefined }
      : { status: 200, body: JSON.parse(JSON.stringify(reply)) };
  });
}

async function answersOf(port: number, events: readonly unknown[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const event of events) answers.push(await post(port, event));
  return answers;
}

afterAll(async () => {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("the reception flow exported as code", () => {
  const program = compileFlow(flowDocumentSchema.parse(receptionFlow));
  let reception: Running;
  let file: string;

  beforeAll(async () => {
    file = write("reception-v1.ts", program, "Reception");
    reception = await run(file, {});
  }, 60_000);

  const caller = {
    id: "550e8400-e29b-41d4-a716-446655440000",
    account_id: "account-123",
    phone_number: "+4930123456",
    direction: "inbound",
    from_phone_number: "+491701112223",
    to_phone_number: "+4930123456",
  };
  const other = { ...caller, id: "7c0d6a52-1f3e-4c2b-9a51-0c1d2e3f4a5b", from_phone_number: "+4915112345678" };
  const s = { id: caller.id };
  const recorded = [
    { type: "session_start", session: caller },
    { type: "session_start", session: other },
    {
      type: "assistant_speak",
      text: "Welcome to Demo Company.",
      duration_ms: 4200,
      speech_started_at: 1_767_225_600_000,
      session: s,
    },
    { type: "assistant_speech_ended", session: s },
    { type: "user_input_timeout", session: caller },
    { type: "user_speak", text: "agent please", session: { id: other.id } },
    { type: "user_speak", text: "When are you open?", session: s },
    { type: "assistant_speech_ended", session: { id: other.id } },
    { type: "user_speak", text: "yes, one more thing", barged_in: true, session: s },
    { type: "dtmf_received", digit: "7", session: s },
    { type: "session_end", reason: "transferred", session: { id: other.id } },
    { type: "user_barge_in", text: "I would like to leave a message", session: s },
    { type: "user_speak", transcript: "Bitte rufen Sie mich zurück, Grüße aus Köln – Bestellung 4711", session: s },
    { type: "assistant_speech_ended", session: s },
    { type: "session_end", reason: "hangup", session: s },
  ];

  it("answers a recorded call exactly as Switchboard's runtime does", async () => {
    const expected = runtimeAnswers(program, recorded);
    // The recording reaches the flow's ends: its greeting, the message taken, the transfer and hangup.
    expect(expected[0]?.body).toMatchObject({
      type: "speak",
      text: expect.stringContaining("Welcome to Demo Company."),
      user_input_timeout_seconds: 6,
    });
    expect(expected[7]?.body).toMatchObject({ type: "transfer", target_phone_number: "+493012345678" });
    expect(expected[12]?.body).toMatchObject({
      text: "Thank you. We will call you back at +491701112223. Goodbye, and have a nice day.",
    });
    expect(expected[13]?.body).toEqual({ type: "hangup", session_id: caller.id });
    expect(expected.filter((a) => a.status === 204).length).toBeGreaterThanOrEqual(3);

    expect(await answersOf(reception.port, recorded)).toEqual(expected);
  });

  it("forgets a session at session_end", async () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    await post(reception.port, { type: "session_start", session: { ...caller, id } });
    expect(await post(reception.port, { type: "session_end", session: { id } })).toEqual({
      status: 204,
      body: undefined,
    });
    expect(await post(reception.port, { type: "user_speak", text: "hello?", session: { id } })).toEqual({
      status: 400,
      body: { error: `session.id "${id}" has no session: send session_start first.`, field: "session.id" },
    });
  });

  it("refuses a wrong or missing X-API-TOKEN with 401", async () => {
    const start = { type: "session_start", session: caller };
    expect(await post(reception.port, start, { token: "wrong" })).toEqual({
      status: 401,
      body: { error: "Unauthorized" },
    });
    expect(await post(reception.port, start, { token: `${TOKEN}x` })).toEqual({
      status: 401,
      body: { error: "Unauthorized" },
    });
    expect(await post(reception.port, start, { token: null })).toEqual({
      status: 401,
      body: { error: "Unauthorized" },
    });
  });

  it("answers 400 naming the problem for a body that is not JSON or an event that misses a field", async () => {
    const notJson = await post(reception.port, undefined, { raw: '{"type": "session_start", ' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: expect.stringMatching(/^The body is not valid JSON: /), field: "_" });
    expect(await post(reception.port, { type: "user_speak", session: s })).toEqual({
      status: 400,
      body: { error: "text is required.", field: "text" },
    });
    expect(await post(reception.port, { type: "session_start", session: { account_id: "a" } })).toEqual({
      status: 400,
      body: { error: "session.id is required.", field: "session.id" },
    });
  });

  it("typechecks on its own with TypeScript's strict settings", { timeout: 60_000 }, async () => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const args = [
      "--noEmit",
      "--strict",
      "--noUncheckedIndexedAccess",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
    ];
    const types = ["--types", "node", "--typeRoots", path.join(root, "node_modules/@types")];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args, ...types, file], { cwd: dir }).catch(
      (e: { stdout?: string; code?: number }) => ({ stdout: e.stdout ?? "", code: e.code }),
    );
    expect(result.stdout).toBe("");
  });

  it("refuses to start without FLOW_API_TOKEN", async () => {
    const child = spawn(process.execPath, [tsxCli, file], {
      cwd: dir,
      env: { ...process.env, FLOW_API_TOKEN: "", PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("Set FLOW_API_TOKEN");
  });
});

describe("a flow with an HTTP request and an AI reply exported as code", () => {
  const requests: Array<{ method?: string; url?: string; key?: string | string[]; body: string }> = [];
  const customer = { customer: { name: "Jördis Ångström" } };
  let api: Server;
  let exported: Running;
  let program: Program;

  beforeAll(async () => {
    api = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        requests.push({ method: req.method, url: req.url, key: req.headers["x-key"], body });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(customer));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const address = api.address();
    const base = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
    program = compileFlow(
      flow(
        [
          { id: "start", kind: "start", text: "Hello." },
          {
            id: "lookup",
            kind: "http_request",
            method: "POST",
            url: `${base}/customers?number={{caller_number}}`,
            headers: [{ name: "X-Key", value: "key-{{session_id}}" }],
            body: '{"number":"{{caller_number}}"}',
            timeBudgetMs: 3000,
            responseMap: [{ variable: "name", path: "customer.name" }],
          },
          {
            id: "greet",
            kind: "say",
            text: "Good to hear from you, {{name}}.",
            tts: { provider: "eleven_labs", voice: "Rachel" },
          },
          {
            id: "ai",
            kind: "ai_reply",
            instructions: "Help {{name}}.",
            fallback: "Our assistant is resting, {{name}}.",
            timeBudgetMs: 1000,
          },
          { id: "ask", kind: "ask", text: "Anything else?", branches: [{ id: "any", match: "anything" }] },
          { id: "sorry", kind: "hangup", goodbye: "Sorry, we cannot find you." },
          { id: "bye", kind: "hangup" },
        ],
        [
          "start>lookup",
          "lookup.ok>greet",
          "lookup.failed>sorry",
          "greet>ai",
          "ai>ask",
          "ask.any>bye",
          "ask.no_match>bye",
          "ask.no_input>bye",
        ],
      ),
    );
    exported = await run(write("lookup-v1.ts", program, "Lookup"), { ALLOW_PRIVATE_NETWORK: "on" });
  }, 60_000);

  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it("calls the URL as Switchboard would and answers with the fallback where Switchboard asks a model", async () => {
    const id = "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const events = [
      { type: "session_start", session: { id, phone_number: "+4930123456", from_phone_number: "+491709998887" } },
    ];
    const result = (effect: { kind: "ai" | "http" }): EffectResult =>
      effect.kind === "http"
        ? { kind: "http", ok: true, status: 200, json: customer }
        : { kind: "ai", error: "no model" };
    const expected = runtimeAnswers(program, events, result);
    expect(expected[0]?.body).toEqual([
      { type: "speak", session_id: id, text: "Hello." },
      {
        type: "speak",
        session_id: id,
        text: "Good to hear from you, Jördis Ångström.",
        tts: { provider: "eleven_labs", voice: "Rachel" },
      },
      {
        type: "speak",
        session_id: id,
        text: "Our assistant is resting, Jördis Ångström. Anything else?",
        user_input_timeout_seconds: 8,
      },
    ]);

    expect(await answersOf(exported.port, events)).toEqual(expected);
    expect(requests).toEqual([
      { method: "POST", url: "/customers?number=+491709998887", key: `key-${id}`, body: '{"number":"+491709998887"}' },
    ]);
  });
});
