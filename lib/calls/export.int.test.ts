import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cliActor } from "@/lib/audit/record";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { createIntegration } from "@/lib/integrations/create-integration";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { parseVcon } from "@/lib/providers/vcon/parse";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { loadCallRecord, type CallRecord } from "./call-record";
import { callToJson } from "./export-json";
import { callToVcon } from "./export-vcon";
import { normalisedCallSchema, type NormalisedCall, type NormalisedCallInput, type ParseResult } from "./model";
import { upsertCall } from "./upsert-call";

// Exports of calls from every source we take: the vCon must pass the IETF schema and come back
// through our own importer as the very same call; the JSON must carry every field, per tenant.

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const vconDir = "lib/providers/vcon/fixtures/dev";
// The signed and encrypted examples cannot be imported at all.
const vconFiles = readdirSync(path.join(root, vconDir))
  .filter((f) => !/_(signed|encrypted)\.vcon$/.test(f))
  .sort();

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateVcon = ajv.compile(
  JSON.parse(read("lib/providers/vcon/fixtures/schema/vcon_json_schema.ietf-draft-vcon-core.json")),
);

const callOf = (result: ParseResult): NormalisedCall => {
  if (!result.ok) throw new Error(result.error);
  return result.call;
};

// German and French text, an HTML summary, a ticked item, and segments that lack speaker or timing.
const everyField: NormalisedCallInput = {
  vendorCallId: "hand-made-1",
  direction: "outbound",
  startedAt: new Date("2025-03-10T14:02:03.500Z"),
  endedAt: new Date("2025-03-10T14:06:11.500Z"),
  durationSeconds: 248,
  channel: "Vertrieb Süd",
  headline: "Rückruf: Vertragsverlängerung für Müller & Söhne",
  summary: "Kunde möchte verlängern. Le client souhaite un devis en français.",
  summaryHtml:
    '<p>Kunde möchte <b>verlängern</b>.</p><ul><li>Devis à envoyer</li></ul><a href="https://example.de/angebot">Angebot</a>',
  note: '"Bitte Angebot bis Freitag schicken." — Ça marche.',
  language: "de-DE",
  parties: [
    { role: "agent", number: "+49 89 987654", name: "Jürgen Müller", extension: "21", email: "J.Mueller@Example.de" },
    { role: "callee", number: "+33 1 42 68 53 00", name: "Élodie Lefèvre" },
    { role: "assistant", name: "Sophie (KI)" },
  ],
  transcript: [
    { speaker: "Jürgen Müller", speakerRole: "agent", startMs: 0, endMs: 2100, text: "Guten Tag, Frau Lefèvre!" },
    {
      speaker: "Élodie Lefèvre",
      speakerRole: "callee",
      startMs: 2300,
      endMs: 5200,
      text: "Bonjour ! Ich höre Sie gut.",
    },
    { speakerRole: "assistant", startMs: 5400, text: "Ich notiere: Angebot über 1.200 € senden." },
    { text: "[unverständlich]" },
  ],
  actionItems: [
    { text: "Angebot senden", isDone: false },
    { text: "Vertrag prüfen", isDone: true },
  ],
  smallTalk: [
    { topic: "Wetter", description: "Schnee in München", isPinned: true },
    { topic: "Vacances", isDismissed: true },
  ],
  smartAnswers: [
    { question: "Wie lange läuft der Vertrag?", answer: "Bis zum 31.03.2026, ensuite tacite reconduction." },
  ],
  tags: ["team:vertrieb", "priorität:hoch"],
  vendorUpdatedAt: new Date("2025-03-10T15:00:00.000Z"),
};

let database: DbHandle;
let orgId: string;
let otherOrgId: string;
let handMadeId: string;
let integration: { id: string; name: string };
// Every call the tests export, by where it came from; two vCon fixtures share a uuid (a later
// version of one vCon), so both of their names lead to the same call.
const sourceNames = ["sipgate seed-000", ...vconFiles.map((f) => `vcon ${f}`), "hand-made", "minimal"];
const ids = new Map<string, string>();
const idOf = (name: string): string => {
  const id = ids.get(name);
  if (!id) throw new Error(`no call stored for ${name}`);
  return id;
};

async function store(provider: string, call: NormalisedCall, body: unknown, integrationId?: string) {
  const text = JSON.stringify(body);
  const result = await upsertCall(database.db, {
    orgId,
    provider,
    call,
    integrationId,
    payload: { body, hash: sha256Hex(text) },
  });
  return result.id;
}

async function record(id: string): Promise<CallRecord> {
  const found = await loadCallRecord(database.db, orgId, id);
  if (!found) throw new Error(`call ${id} not found`);
  return found;
}

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await makeOrg(database.db, "Export")).id;
  otherOrgId = (await makeOrg(database.db, "Other")).id;
  const created = await createIntegration(database.db, orgId, cliActor, {
    provider: "sipgate",
    name: "Zentrale Berlin",
  });
  integration = { id: created.id, name: created.name };

  const seed: unknown = JSON.parse(read("lib/providers/sipgate/fixtures/seed-000.json"));
  ids.set("sipgate seed-000", await store("sipgate", callOf(parseSipgate(seed)), seed));
  for (const file of vconFiles) {
    const body: unknown = JSON.parse(read(`${vconDir}/${file}`));
    ids.set(`vcon ${file}`, await store("vcon", callOf(parseVcon(body)), body));
  }
  handMadeId = await store("pbx", normalisedCallSchema.parse(everyField), { note: "hand-made" }, integration.id);
  ids.set("hand-made", handMadeId);
  // No parties and no start: the schema's required dialog start and attachment party must still be met.
  const minimal = normalisedCallSchema.parse({ vendorCallId: "minimal-1", tags: ["ohne-teilnehmer"] });
  ids.set("minimal", await store("pbx", minimal, { note: "minimal" }));
});
afterAll(async () => database.close());

describe("vCon export", () => {
  it.each(sourceNames)("validates against the IETF vCon schema: %s", async (name) => {
    const vcon = callToVcon(await record(idOf(name)));
    const isValid = validateVcon(vcon);
    expect(validateVcon.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
  });

  it("is checked by a validator that does refuse a broken vCon", async () => {
    const vcon = callToVcon(await record(handMadeId));
    expect(validateVcon({ ...vcon, uuid: "call-1" })).toBe(false);
    expect(validateVcon({ ...vcon, dialog: [{ type: "text" }] })).toBe(false);
  });

  it("fills the places other vCon readers look at", async () => {
    const r = await record(handMadeId);
    expect(callToVcon(r)).toMatchObject({
      vcon: "0.4.0",
      uuid: r.id,
      created_at: r.createdAt.toISOString(),
      updated_at: "2025-03-10T15:00:00.000Z",
      subject: "Rückruf: Vertragsverlängerung für Müller & Söhne",
      meta: { direction: "outbound" },
      parties: [
        {
          role: "agent",
          tel: "+4989987654",
          name: "Jürgen Müller",
          mailto: "j.mueller@example.de",
          meta: { extension: "21" },
        },
        { role: "callee", tel: "+33142685300", name: "Élodie Lefèvre" },
        { role: "assistant", name: "Sophie (KI)" },
      ],
      dialog: [
        {
          type: "text",
          start: "2025-03-10T14:02:03.500Z",
          duration: 248,
          parties: [0, 1, 2],
          application: "Vertrieb Süd",
          body: "Jürgen Müller: Guten Tag, Frau Lefèvre!\nÉlodie Lefèvre: Bonjour ! Ich höre Sie gut.\nassistant: Ich notiere: Angebot über 1.200 € senden.\n[unverständlich]",
        },
      ],
      attachments: [
        {
          purpose: "tags",
          start: "2025-03-10T14:02:03.500Z",
          party: 0,
          dialog: 0,
          encoding: "json",
          body: ["team:vertrieb", "priorität:hoch"],
        },
      ],
    });
  });

  it("puts the tags of a call without parties into an analysis and dates it by its creation", async () => {
    const r = await record(idOf("minimal"));
    const vcon = callToVcon(r);
    expect(vcon.attachments).toEqual([]);
    expect(vcon.dialog).toEqual([expect.objectContaining({ start: r.createdAt.toISOString(), parties: [] })]);
    expect(vcon.analysis).toContainEqual(
      expect.objectContaining({ type: "tags", vendor: "switchboard", body: ["ohne-teilnehmer"] }),
    );
  });
});

/** What a re-import may legitimately change: the payload list grows and the row is touched. */
function comparable(r: CallRecord): Record<string, unknown> {
  const { payloads: _payloads, updatedAt: _updatedAt, ...rest } = callToJson(r);
  return rest;
}

async function reimport(before: CallRecord) {
  const text = JSON.stringify(callToVcon(before));
  const body: unknown = JSON.parse(text);
  return upsertCall(database.db, {
    orgId,
    provider: "vcon",
    call: callOf(parseVcon(body)),
    payload: { body, contentType: "application/vcon+json", hash: sha256Hex(text) },
    targetCallId: before.id,
  });
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

describe("vCon re-import", () => {
  it.each(sourceNames.filter((n) => n !== "minimal"))("changes nothing: %s", async (name) => {
    const before = await record(idOf(name));
    const result = await reimport(before);
    const after = await record(before.id);
    expect(changedKeys(comparable(before), comparable(after))).toEqual([]);
    expect(comparable(after)).toEqual(comparable(before));
    expect(result).toEqual({ id: before.id, created: false, changed: false });
  });

  it("a call the vendor sent without a start time is dated when received, and re-imports unchanged", async () => {
    const before = await record(idOf("minimal"));
    expect(before.startedAt).toEqual(before.createdAt);
    const result = await reimport(before);
    const after = await record(before.id);
    expect(changedKeys(comparable(before), comparable(after))).toEqual([]);
    expect(result.changed).toBe(false);
    expect(after.tags).toEqual(["ohne-teilnehmer"]);
  });
});

describe("JSON export", () => {
  it("writes every field of the call, in a fixed order, as plain JSON", async () => {
    const id = await store(
      "pbx",
      normalisedCallSchema.parse({ ...everyField, vendorCallId: "hand-made-json" }),
      { n: 1 },
      integration.id,
    );
    const r = await record(id);
    const json = callToJson(r);
    const received = r.payloads[0]?.receivedAt.toISOString();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    // Written in the order the export must keep.
    const expected = {
      id,
      provider: "pbx",
      vendorCallId: "hand-made-json",
      integration: { id: integration.id, name: "Zentrale Berlin" },
      direction: "outbound",
      startedAt: "2025-03-10T14:02:03.500Z",
      endedAt: "2025-03-10T14:06:11.500Z",
      durationSeconds: 248,
      channel: "Vertrieb Süd",
      headline: everyField.headline,
      summary: everyField.summary,
      summaryHtml:
        '<p>Kunde möchte <b>verlängern</b>.</p><ul><li>Devis à envoyer</li></ul><a href="https://example.de/angebot" rel="noopener noreferrer nofollow" target="_blank">Angebot</a>',
      note: everyField.note,
      language: "de-de",
      parties: [
        { role: "agent", number: "+4989987654", name: "Jürgen Müller", extension: "21", email: "j.mueller@example.de" },
        { role: "callee", number: "+33142685300", name: "Élodie Lefèvre", extension: null, email: null },
        { role: "assistant", number: null, name: "Sophie (KI)", extension: null, email: null },
      ],
      actionItems: everyField.actionItems,
      smallTalk: [
        { topic: "Wetter", description: "Schnee in München", isPinned: true, isDismissed: false },
        { topic: "Vacances", description: null, isPinned: false, isDismissed: true },
      ],
      smartAnswers: everyField.smartAnswers,
      tags: ["team:vertrieb", "priorität:hoch"],
      transcript: [
        {
          seq: 0,
          speaker: "Jürgen Müller",
          speakerRole: "agent",
          startMs: 0,
          endMs: 2100,
          text: "Guten Tag, Frau Lefèvre!",
        },
        {
          seq: 1,
          speaker: "Élodie Lefèvre",
          speakerRole: "callee",
          startMs: 2300,
          endMs: 5200,
          text: "Bonjour ! Ich höre Sie gut.",
        },
        {
          seq: 2,
          speaker: null,
          speakerRole: "assistant",
          startMs: 5400,
          endMs: null,
          text: "Ich notiere: Angebot über 1.200 € senden.",
        },
        { seq: 3, speaker: null, speakerRole: null, startMs: null, endMs: null, text: "[unverständlich]" },
      ],
      payloads: [
        {
          id: r.payloads[0]?.id,
          provider: "pbx",
          contentType: null,
          receivedAt: received,
          lastReceivedAt: received,
          timesReceived: 1,
        },
      ],
      vendorUpdatedAt: "2025-03-10T15:00:00.000Z",
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
    expect(json).toEqual(expected);
    expect(Object.keys(json)).toEqual(Object.keys(expected));
  });
});

describe("loadCallRecord", () => {
  it("answers undefined for another organisation's call, and for a call that does not exist", async () => {
    expect(await loadCallRecord(database.db, otherOrgId, handMadeId)).toBeUndefined();
    expect(await loadCallRecord(database.db, orgId, "0194a3f2-0000-7000-8000-000000000000")).toBeUndefined();
  });

  it("does not name another organisation's integration, even when a call points at it", async () => {
    const call = normalisedCallSchema.parse({ vendorCallId: "foreign-integration" });
    const result = await upsertCall(database.db, {
      orgId: otherOrgId,
      provider: "pbx",
      call,
      integrationId: integration.id,
      payload: { body: {}, hash: "h" },
    });
    const foreign = await loadCallRecord(database.db, otherOrgId, result.id);
    expect(foreign?.integration).toBeNull();
    expect(await loadCallRecord(database.db, orgId, result.id)).toBeUndefined();
  });
});
