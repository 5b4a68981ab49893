import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

import { WebSocket, WebSocketServer } from "ws";

import { getDb } from "@/lib/db/client";
import { isDatabaseDown, noteDatabaseError } from "@/lib/server/availability";
import { refuseUpgradeUnavailable } from "@/lib/server/unavailable";

import { EVENT_BODY_LIMIT, handleEventText } from "./handle-event";
import { trackSocket } from "./open-sockets";
import { verifyAiFlowCredential, type AiFlowCredential } from "./verify-token";

// GET /api/aiflow/[integrationId]/ws (upgrade): AI Flow over WebSocket. The token is checked on
// the upgrade (401 before any frame); then each text frame is one event and its actions go back
// on the same socket as one frame (an object, or an array for several). The dispatcher keeps the
// events of a session in order; errors come back as {"error", "field"} frames and the socket
// stays open. Revoking the credential closes the socket (open-sockets.ts).

const server = new WebSocketServer({ noServer: true, maxPayload: EVENT_BODY_LIMIT, perMessageDeflate: false });

const unavailableMessage = "The database is not reachable right now. Try again in a few seconds.";

function refuse(socket: Duplex, status: string, body: string) {
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function aiFlowUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  params: Record<string, string>,
): Promise<void> {
  const db = await getDb();
  const token = req.headers["x-api-token"];
  let credential: AiFlowCredential | undefined;
  try {
    credential = await verifyAiFlowCredential(
      db,
      params.integrationId ?? "",
      typeof token === "string" ? token : undefined,
    );
  } catch (error) {
    if (!noteDatabaseError(error)) throw error;
    return refuseUpgradeUnavailable(socket);
  }
  if (!credential) return refuse(socket, "401 Unauthorized", JSON.stringify({ error: "Unauthorized" }));
  const { integration } = credential;
  const opened = credential;
  server.handleUpgrade(req, socket, head, (ws) => {
    const open = trackSocket(db, ws, opened);
    const reply = (body: unknown) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(body));
    };
    ws.on("message", (data, isBinary) => {
      const arrivedAt = performance.now();
      // Revoked: the socket is closing; what still arrives is neither handled nor stored.
      if (open.isRevoked) return;
      if (isDatabaseDown()) return reply({ error: unavailableMessage });
      if (isBinary) return reply({ error: "Send each event as a JSON text frame.", field: "_" });
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString("utf8")
        : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString("utf8");
      handleEventText(db, integration, text, arrivedAt)
        .then((result) => {
          if (result.body !== undefined) reply(result.body);
        })
        .catch((error: unknown) => {
          if (noteDatabaseError(error)) return reply({ error: unavailableMessage });
          console.error("[aiflow] ws event failed", error);
          reply({ error: "Something went wrong on our side." });
        });
    });
    ws.on("error", () => ws.terminate());
  });
}
