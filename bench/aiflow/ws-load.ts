// bench/aiflow: calls at once over WebSocket, one socket each, paced like real calls.
import WebSocket from "ws";

import { count, sleep } from "../support";
import type { Call } from "./calls";

const WS_GAP_MS = 50; // after an event that gets no action: no frame to wait for
const WS_FRAME_TIMEOUT_MS = 10_000;

export type WsRun = { seconds: number; sent: number; frames: number; latencies: number[]; errors: Map<string, number> };

function openSocket(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { "X-API-TOKEN": token }, perMessageDeflate: false });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

const frameText = (data: WebSocket.RawData): string =>
  (Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data)
  ).toString("utf8");

/**
 * One call on its own socket: each event 200–600 ms after the previous reply. An event that gets
 * an action waits for its frame (the latency measured); one that gets none is followed after a
 * fixed gap, which then counts as its reply.
 */
async function wsCall(ws: WebSocket, call: Call, stats: WsRun): Promise<void> {
  let waiter: ((text: string, at: number) => void) | undefined;
  ws.on("message", (data) => {
    const at = performance.now();
    stats.frames += 1;
    const w = waiter;
    waiter = undefined;
    if (w) w(frameText(data), at);
    else count(stats.errors, "frame for an event without action");
  });
  for (const event of call) {
    await sleep(200 + Math.random() * 400);
    if (ws.readyState !== WebSocket.OPEN) return void count(stats.errors, "socket closed during the call");
    const sent = performance.now();
    stats.sent += 1;
    if (!event.answers) {
      ws.send(event.body);
      await sleep(WS_GAP_MS);
      continue;
    }
    const frame = await new Promise<{ text: string; at: number } | undefined>((resolve) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, WS_FRAME_TIMEOUT_MS);
      waiter = (text, at) => {
        clearTimeout(timer);
        resolve({ text, at });
      };
      ws.send(event.body);
    });
    if (!frame) {
      count(stats.errors, `no frame within ${WS_FRAME_TIMEOUT_MS / 1000} s`);
      continue;
    }
    stats.latencies.push(frame.at - sent);
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.text);
    } catch {
      count(stats.errors, "frame not JSON");
      continue;
    }
    if (typeof parsed !== "object" || parsed === null) count(stats.errors, "frame not an action");
    else if ("error" in parsed) count(stats.errors, `error frame: ${JSON.stringify(parsed).slice(0, 120)}`);
  }
}

export async function runWebSocket(url: string, token: string, calls: Call[]): Promise<WsRun> {
  const stats: WsRun = { seconds: 0, sent: 0, frames: 0, latencies: [], errors: new Map() };
  const sockets = await Promise.all(
    calls.map(() =>
      openSocket(url, token).catch((error: unknown) => {
        count(stats.errors, `could not open: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }),
    ),
  );
  const started = performance.now();
  await Promise.all(
    calls.map((call, i) => {
      const ws = sockets[i];
      return ws ? wsCall(ws, call, stats) : Promise.resolve();
    }),
  );
  stats.seconds = (performance.now() - started) / 1000;
  await Promise.all(
    sockets.map((ws) =>
      ws && ws.readyState === WebSocket.OPEN
        ? new Promise<void>((resolve) => {
            ws.once("close", () => resolve());
            ws.close(1000);
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000).unref();
          })
        : Promise.resolve(),
    ),
  );
  stats.latencies.sort((a, b) => a - b);
  return stats;
}
