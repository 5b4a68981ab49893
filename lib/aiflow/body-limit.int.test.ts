import { randomUUID } from "node:crypto";
import { request } from "node:http";

import { afterAll, beforeAll, expect, it } from "vitest";

import { DEMO_FLOW_NUMBER } from "@/lib/db/seed-first-start";
import { startServerProcess, type ServerProcess } from "@/lib/test/server-process";

// An AI Flow event over 256 KiB sent without Content-Length (chunked): the sender learns why it
// was refused (413 with the JSON error), instead of seeing its connection reset mid-upload.

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function postChunked(bytes: number): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const aiFlow = server.aiFlow;
  if (!aiFlow) throw new Error("the server did not seed the demo endpoint");
  return new Promise((resolve, reject) => {
    const req = request(`${server.base}${aiFlow.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-token": aiFlow.token, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    // A JSON string as long as asked for, in 16 KiB chunks.
    const piece = "x".repeat(16 * 1024);
    req.write(`{"type":"session_start","session":{"id":"${randomUUID()}"},"padding":"`);
    for (let sent = 0; sent < bytes; sent += piece.length) req.write(piece);
    req.end(`"}`);
  });
}

it("answers a chunked event over 256 KiB with 413 and the JSON error, not a reset", { timeout: 30_000 }, async () => {
  const reply = await postChunked(300 * 1024);
  expect(reply.status).toBe(413);
  expect(JSON.parse(reply.body)).toEqual({ error: "The event is larger than 256 KiB." });
  expect(reply.headers.connection).toBe("close");
  // Far over the limit, too: the answer still arrives.
  expect((await postChunked(4 * 1024 * 1024)).status).toBe(413);
});

it("still takes a chunked event under the limit, and the next event on a fresh connection", async () => {
  const aiFlow = server.aiFlow;
  if (!aiFlow) throw new Error("the server did not seed the demo endpoint");
  const id = randomUUID();
  const response = await fetch(`${server.base}${aiFlow.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-token": aiFlow.token },
    body: JSON.stringify({
      type: "session_start",
      session: { id, phone_number: DEMO_FLOW_NUMBER },
      padding: "y".repeat(200 * 1024),
    }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ type: "speak", session_id: id });
});
