import { and, eq, sql, type SQL } from "drizzle-orm";
import type { CountryCode } from "libphonenumber-js";

import { retryOnConflict } from "@/lib/db/retry";
import { callPayloads, calls, transcriptSegments } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { vendorView } from "@/lib/summaries/shown-summary";

import { countRepeat, insertNewCall, type NewCall } from "./insert-new-call";
import { mergeCall } from "./merge";
import type { NormalisedCall, Segment } from "./model";
import { buildSearchDocument, prepareCall } from "./prepare";
import { loadStoredCall, searchColumns } from "./stored-call";

export type UpsertCallInput = {
  orgId: string;
  integrationId?: string | null;
  provider: string;
  call: NormalisedCall;
  /** The payload as received (its text, when at hand, saves serialising it again); stored with the
   * call, and identical re-deliveries are counted, not stored again. */
  payload: { body: unknown; text?: string; contentType?: string; hash: string };
  /** A call of this organisation to merge into regardless of provider: re-imports of our own vCon exports. */
  targetCallId?: string;
  country?: CountryCode;
};

export type UpsertCallResult = {
  id: string;
  created: boolean;
  changed: boolean;
  /** It came with a transcript and without a summary: one should be generated. */
  needsSummary?: boolean;
};

const SEGMENT_BATCH = 1000;

async function writeSegments(tx: Db, orgId: string, callId: string, transcript: Segment[]) {
  for (let i = 0; i < transcript.length; i += SEGMENT_BATCH) {
    await tx.insert(transcriptSegments).values(
      transcript.slice(i, i + SEGMENT_BATCH).map((s, j) => ({
        orgId,
        callId,
        seq: i + j,
        speaker: s.speaker ?? null,
        speakerRole: s.speakerRole ?? null,
        startMs: s.startMs ?? null,
        endMs: s.endMs ?? null,
        text: s.text,
      })),
    );
  }
}

/** Records the payload; true when this exact payload had already been received for the call. */
async function recordPayload(tx: Db, input: UpsertCallInput, callId: string): Promise<boolean> {
  const [row] = await tx
    .insert(callPayloads)
    .values({
      orgId: input.orgId,
      callId,
      integrationId: input.integrationId ?? null,
      provider: input.provider,
      contentType: input.payload.contentType ?? null,
      body: input.payload.body,
      contentHash: input.payload.hash,
    })
    .onConflictDoUpdate({
      target: [callPayloads.orgId, callPayloads.callId, callPayloads.contentHash],
      set: { timesReceived: sql`${callPayloads.timesReceived} + 1`, lastReceivedAt: sql`now()` },
    })
    .returning({ timesReceived: callPayloads.timesReceived });
  return (row?.timesReceived ?? 1) > 1;
}

/** Merges into a call whose row this transaction has locked already (see lockCall). */
async function mergeInto(
  tx: Db,
  input: UpsertCallInput,
  callId: string,
  prepared: ReturnType<typeof prepareCall>,
): Promise<UpsertCallResult> {
  // An exact repeat (vendor retries are common) changes nothing: count it and stop.
  if (await recordPayload(tx, input, callId)) return { id: callId, created: false, changed: false };
  const loaded = await loadStoredCall(tx, input.orgId, callId, { lock: false });
  if (!loaded) throw new Error(`call ${callId} vanished during merge`);
  const view = await vendorView(tx, input.orgId, callId, loaded);
  const merged = mergeCall(view.stored, prepared);
  if (!merged.isChanged) return { id: callId, created: false, changed: false };
  const { replaceTranscript } = merged;
  const call = await view.keep(merged.call);
  const transcript = replaceTranscript ? prepared.transcript : loaded.call.transcript;
  await tx
    .update(calls)
    .set({
      ...call,
      startedAt: call.startedAt ?? undefined, // merging never loses a start time, stored ones are never null
      integrationId: input.integrationId ?? undefined,
      ...searchColumns(call, transcript),
      updatedAt: new Date(),
    })
    .where(and(eq(calls.orgId, input.orgId), eq(calls.id, callId)));
  if (replaceTranscript) {
    await tx
      .delete(transcriptSegments)
      .where(and(eq(transcriptSegments.orgId, input.orgId), eq(transcriptSegments.callId, callId)));
    await writeSegments(tx, input.orgId, callId, prepared.transcript);
  }
  // A transcript that arrives later, for a call that has no summary yet, asks for one too.
  const needsSummary =
    loaded.call.transcript.length === 0 && transcript.length > 0 && !call.summary && loaded.currentSummaryId === null;
  return { id: callId, created: false, changed: true, needsSummary };
}

/**
 * Locks the call's row before anything that depends on it is written. Every writer of a call
 * (merge, action items, summaries shown) takes this lock first: a payload or summary row inserted
 * before it would take a share lock on the call through its foreign key, and two deliveries
 * holding share locks and both asking for the row lock deadlock.
 */
async function lockCall(tx: Db, where: SQL | undefined): Promise<string | undefined> {
  const [row] = await tx.select({ id: calls.id }).from(calls).where(where).for("update");
  return row?.id;
}

const created = (id: string, fields: NewCall["fields"], transcript: Segment[]): UpsertCallResult => ({
  id,
  created: true,
  changed: true,
  needsSummary: !fields.summary && transcript.length > 0,
});

/**
 * The one way a call enters the database, whichever vendor sent it: one call per (organisation,
 * provider, vendor call id). The unique index decides between concurrent deliveries: the first
 * insert wins, every other one locks the call's row and merges into it, one after the other. A
 * transaction PostgreSQL aborts for another's sake is run again.
 */
export async function upsertCall(db: Db, input: UpsertCallInput): Promise<UpsertCallResult> {
  const prepared = prepareCall(input.call, input.country);
  const { transcript, vendorCallId, ...fields } = prepared;
  const newCall: NewCall = {
    orgId: input.orgId,
    integrationId: input.integrationId ?? null,
    provider: input.provider,
    vendorCallId,
    fields,
    search: buildSearchDocument(fields, transcript),
    transcript,
    payload: {
      text: input.payload.text ?? JSON.stringify(input.payload.body),
      contentType: input.payload.contentType ?? null,
      hash: input.payload.hash,
    },
  };
  const byVendorId = and(
    eq(calls.orgId, input.orgId),
    eq(calls.provider, input.provider),
    eq(calls.vendorCallId, vendorCallId),
  );

  // A call deleted between the insert that found it and the merge: start again (rare, hence a few tries).
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!input.targetCallId) {
      const id = await retryOnConflict(() => insertNewCall(db, newCall));
      if (id) return created(id, fields, transcript);
      const repeated = await retryOnConflict(() =>
        countRepeat(db, { orgId: input.orgId, provider: input.provider, vendorCallId, hash: input.payload.hash }),
      );
      if (repeated) return { id: repeated, created: false, changed: false };
    }
    // A call we already have, with a payload new to it: merge, under the call's row lock.
    const result = await retryOnConflict(() =>
      db.transaction(async (tx): Promise<UpsertCallResult | undefined> => {
        if (input.targetCallId) {
          const target = await lockCall(tx, and(eq(calls.orgId, input.orgId), eq(calls.id, input.targetCallId)));
          if (target) return mergeInto(tx, input, target, prepared);
          const id = await insertNewCall(tx, newCall);
          if (id) return created(id, fields, transcript);
        }
        const existing = await lockCall(tx, byVendorId);
        return existing ? mergeInto(tx, input, existing, prepared) : undefined;
      }),
    );
    if (result) return result;
  }
  throw new Error(`call ${vendorCallId} kept vanishing during merge`);
}
