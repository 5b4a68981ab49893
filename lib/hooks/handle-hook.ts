import { upsertCall } from "@/lib/calls/upsert-call";
import { sha256Hex } from "@/lib/canonical-json";
import { retryOnConflict } from "@/lib/db/retry";
import type { Db } from "@/lib/db/types";
import { parseInboundJson } from "@/lib/http/inbound-json";
import { isUuid } from "@/lib/ids";
import { hookProviders, isHookProvider } from "@/lib/providers/registry";
import { requestAutoSummary } from "@/lib/summaries/auto-summary";

import { recordRefusal } from "./deliveries";
import { countAccepted } from "./delivery-counts";
import { verifyHookKey, type HookIntegration } from "./verify-hook-key";

export const HOOK_BODY_LIMIT = 1024 * 1024;

/** A vendor's request to a hook, independent of the server that received it (Next.js or the fast path). */
export type HookRequest = {
  provider: string;
  key: string;
  method: string;
  contentType: string | undefined;
  contentLength: number | undefined;
  body: AsyncIterable<Uint8Array>;
};

export type HookResponse = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A summary to generate for the call just stored (the caller queues it once the answer is sent). */
  summaryRequest?: { orgId: string; summaryId: string };
};

type Failure = { status: number; code: string; message: string; fields?: Record<string, string> };

const failure = (status: number, code: string, message: string, fields?: Record<string, string>): Failure => ({
  status,
  code,
  message,
  fields,
});

const respond = ({ status, code, message, fields }: Failure): HookResponse => ({
  status,
  body: { error: { code, message, ...(fields ? { fields } : {}) } },
});

const fail = (status: number, code: string, message: string): HookResponse => respond(failure(status, code, message));

const notFound = () =>
  fail(
    404,
    "not_found",
    "No hook at this address. Check the URL: it contains the key shown when the integration was created.",
  );

// JSON under any of its usual labels; text/plain too, as some PBXs label JSON that way. No label: try.
const isJsonType = (type: string | undefined) =>
  !type || /^(application\/([\w.+-]+\+)?json|text\/(plain|json))\b/i.test(type.split(";")[0]?.trim() ?? "");

async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function refuse(db: Db, integration: HookIntegration, refusal: Failure, excerpt?: string): Promise<HookResponse> {
  await recordRefusal(db, integration, {
    status: refusal.status,
    error: refusal.message,
    fields: refusal.fields,
    excerpt,
  });
  return respond(refusal);
}

/**
 * One delivery to POST|PUT /api/hooks/[provider]/[key]. Every refusal happens before anything is
 * written (413 too large, 415/400 not JSON, 404 unknown or disabled key, 422 invalid payload,
 * nested deeper than 64 levels or a number out of range); a 200 means the call is committed.
 */
export async function handleHook(db: Db, request: HookRequest): Promise<HookResponse> {
  if (!isHookProvider(request.provider)) return notFound();
  const provider = hookProviders[request.provider];
  if (!provider.methods.includes(request.method)) {
    return {
      ...fail(405, "method_not_allowed", `Use ${provider.methods.join(" or ")} for this hook.`),
      headers: { allow: provider.methods.join(", ") },
    };
  }
  if (request.contentLength !== undefined && request.contentLength > HOOK_BODY_LIMIT) {
    return fail(413, "payload_too_large", "The body is larger than 1 MiB.");
  }
  const integration = await verifyHookKey(db, request.provider, request.key);
  if (!integration) return notFound();
  if (!integration.isEnabled) {
    await recordRefusal(db, integration, { status: 404, error: "The integration is disabled." });
    return notFound();
  }
  if (!isJsonType(request.contentType)) {
    return refuse(
      db,
      integration,
      failure(415, "unsupported_media_type", `Send JSON (Content-Type: application/json), not ${request.contentType}.`),
    );
  }
  const raw = await readLimited(request.body, HOOK_BODY_LIMIT);
  if (!raw) return refuse(db, integration, failure(413, "payload_too_large", "The body is larger than 1 MiB."));
  const received = raw.toString("utf8");
  const json = parseInboundJson(received);
  if (!json.ok) {
    const refusal =
      json.reason === "syntax"
        ? failure(400, "invalid_json", json.error)
        : failure(422, "invalid_payload", json.error, { [json.field]: json.error });
    return refuse(db, integration, refusal, received);
  }
  // NUL and lone surrogates are gone from here on (no table could hold them); the rest is as sent.
  const { value: body, text } = json;
  const parsed = provider.parse(body);
  if (!parsed.ok) return refuse(db, integration, failure(422, "invalid_payload", parsed.error, parsed.fields), text);

  const result = await upsertCall(db, {
    orgId: integration.orgId,
    integrationId: integration.id,
    provider: request.provider,
    call: parsed.call,
    payload: { body, text, contentType: request.contentType, hash: sha256Hex(received) },
    // Our own vCon exports carry the call's id as uuid: re-importing one updates that call.
    targetCallId:
      request.provider === "vcon" && isUuid(parsed.call.vendorCallId) ? parsed.call.vendorCallId : undefined,
  });
  countAccepted(db, integration.id);
  const summaryId = result.needsSummary
    ? await retryOnConflict(() => requestAutoSummary(db, integration.orgId, result.id))
    : undefined;
  return {
    status: 200,
    body: { id: result.id, created: result.created },
    ...(summaryId ? { summaryRequest: { orgId: integration.orgId, summaryId } } : {}),
  };
}
