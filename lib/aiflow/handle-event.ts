import type { Db } from "@/lib/db/types";
import { parseInboundJson } from "@/lib/http/inbound-json";

import { dispatchEvent } from "./dispatch";
import { parseEvent, replyBody } from "./protocol";
import { verifyAiFlowToken, type AiFlowIntegration } from "./verify-token";

// POST /api/aiflow/[integrationId]: one AI Flow event in, its actions out (seed 004's status
// codes: 200 with the action(s), 204 for none, 400 for a bad event, 401 for a wrong token).
// Shared by the custom server's fast path and the Next.js route handler.

export const EVENT_BODY_LIMIT = 256 * 1024;

export type AiFlowHttpResponse = { status: number; body?: unknown };

export const unauthorized: AiFlowHttpResponse = { status: 401, body: { error: "Unauthorized" } };

/** Parses and dispatches one event's text for an integration whose token was checked. */
export async function handleEventText(
  db: Db,
  integration: AiFlowIntegration,
  received: string,
  arrivedAt: number,
): Promise<AiFlowHttpResponse> {
  // The shared gate for inbound JSON: too deep or a number out of range is a 400 naming the field;
  // NUL and lone surrogates are cleaned out of the event and of the text the event log stores.
  const json = parseInboundJson(received);
  if (!json.ok) return { status: 400, body: { error: json.error, field: json.field } };
  const parsed = parseEvent(json.value);
  if (!parsed.ok) return { status: 400, body: { error: parsed.error, field: parsed.field } };
  const outcome = await dispatchEvent(db, integration, parsed.event, arrivedAt, json.text);
  if (!outcome.ok) return { status: outcome.status, body: { error: outcome.error, field: outcome.field } };
  const reply = replyBody(outcome.actions);
  return reply === undefined ? { status: 204 } : { status: 200, body: reply };
}

export type AiFlowHttpRequest = {
  integrationId: string;
  method: string;
  token: string | undefined;
  contentType: string | undefined;
  contentLength: number | undefined;
  readBody: (limit: number) => Promise<string | undefined>;
  arrivedAt: number;
};

export async function handleAiFlowHttp(db: Db, request: AiFlowHttpRequest): Promise<AiFlowHttpResponse> {
  const integration = await verifyAiFlowToken(db, request.integrationId, request.token);
  if (!integration) return unauthorized;
  if (request.method !== "POST") return { status: 405, body: { error: "Send events with POST." } };
  if (request.contentType && !/^application\/(.+\+)?json\b/i.test(request.contentType)) {
    return { status: 415, body: { error: `Send JSON (Content-Type: application/json), not ${request.contentType}.` } };
  }
  if (request.contentLength !== undefined && request.contentLength > EVENT_BODY_LIMIT)
    return { status: 413, body: { error: "The event is larger than 256 KiB." } };
  const text = await request.readBody(EVENT_BODY_LIMIT);
  if (text === undefined) return { status: 413, body: { error: "The event is larger than 256 KiB." } };
  return handleEventText(db, integration, text, request.arrivedAt);
}
