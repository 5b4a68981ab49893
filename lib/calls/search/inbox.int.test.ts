import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { normalisedCallSchema, type NormalisedCallInput } from "@/lib/calls/model";
import { upsertCall } from "@/lib/calls/upsert-call";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { makeOrg } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { encodeCursor } from "./cursor";
import { searchInbox } from "./inbox";
import { readInboxParams } from "./params";

let database: DbHandle;
let orgId: string;
let otherOrgId: string;

const base = {
  direction: "inbound",
  parties: [],
  transcript: [],
  actionItems: [],
  smallTalk: [],
  smartAnswers: [],
  tags: [],
} satisfies Partial<NormalisedCallInput>;

async function add(org: string, provider: string, call: NormalisedCallInput) {
  const parsed = normalisedCallSchema.parse({ ...base, ...call });
  return (
    await upsertCall(database.db, {
      orgId: org,
      provider,
      call: parsed,
      payload: { body: call, hash: sha256Hex(JSON.stringify(call)) },
    })
  ).id;
}

const ids: Record<string, string> = {};
const search = async (query: Record<string, string>, org = orgId) => {
  const { params, notices } = readInboxParams(query);
  return searchInbox(database.db, org, params, notices);
};
const found = async (query: Record<string, string>) => (await search(query)).rows.map((r) => r.id);

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await makeOrg(database.db)).id;
  otherOrgId = (await makeOrg(database.db)).id;
  ids.invoice = await add(orgId, "sipgate", {
    vendorCallId: "de-1",
    startedAt: new Date("2026-11-10T09:00:00Z"),
    durationSeconds: 300,
    headline: "Frage zur Rechnung",
    parties: [
      { role: "caller", number: "+491751234567", name: "Jürgen Müller" },
      { role: "callee", number: "+498912345678" },
    ],
    transcript: [
      { speaker: "caller", speakerRole: "caller", text: "Grüß Gott, meine Überweisung ist noch nicht angekommen." },
      { speaker: "callee", speakerRole: "callee", text: "Ich prüfe das sofort für Sie." },
    ],
    actionItems: [{ text: "Zahlungseingang prüfen", isDone: false }],
    tags: ["billing"],
    language: "de",
  });
  ids.french = await add(orgId, "pbx", {
    vendorCallId: "fr-1",
    startedAt: new Date("2026-11-12T15:30:00Z"),
    durationSeconds: 95,
    direction: "outbound",
    summary: "La cliente a demandé une révision de sa facture d'été.",
    parties: [{ role: "caller", number: "+33198765432", name: "Agence Lyon" }],
    transcript: [{ speaker: "Agence", text: "Bonjour, c'est au sujet du rendez-vous de jeudi." }],
    tags: ["billing", "rdv"],
    language: "fr",
  });
  ids.english = await add(orgId, "vcon", {
    vendorCallId: "en-1",
    startedAt: new Date("2026-11-14T11:00:00Z"),
    durationSeconds: 1200,
    headline: "Delivery delayed",
    transcript: [{ speaker: "caller", text: "The parcel with the spare parts never arrived at our warehouse." }],
    actionItems: [{ text: "Call the courier", isDone: true }],
    language: "en",
  });
  await add(otherOrgId, "sipgate", {
    vendorCallId: "other",
    headline: "Rechnung der anderen Firma",
    startedAt: new Date("2026-11-15T00:00:00Z"),
  });
});
afterAll(async () => database.close());

describe("searchInbox", () => {
  it("lists an organisation's calls newest first, and only its own", async () => {
    const result = await search({});
    expect(result.rows.map((r) => r.id)).toEqual([ids.english, ids.french, ids.invoice]);
    expect(result.total).toEqual({ count: 3, isAtLeast: false });
    expect((await search({}, otherOrgId)).rows.map((r) => r.headline)).toEqual(["Rechnung der anderen Firma"]);
  });

  it("finds a call by a word that is only in its transcript, with the passage marked", async () => {
    const result = await search({ q: "warehouse" });
    expect(result.rows.map((r) => r.id)).toEqual([ids.english]);
    expect(result.rows[0]?.snippet).toContain("\uE000warehouse\uE001");
  });

  it("finds German and French words as typed, with or without accents, and by prefix", async () => {
    for (const q of [
      "Überweisung",
      "uberweisung",
      "UEBERWEISUNG".toLowerCase().replace("ue", "ü"),
      "Müller",
      "muller",
      "Rechn",
      "gruss",
    ]) {
      expect(await found({ q }), q).toEqual([ids.invoice]);
    }
    for (const q of ["révision", "revision", "été", "rendez-vous"]) expect(await found({ q }), q).toEqual([ids.french]);
  });

  it("finds a number however it is typed", async () => {
    for (const q of [
      "+49 175 1234567",
      "0175/1234567",
      "0175 1234567",
      "1234567",
      "0049 175 1234567",
      "(0175) 123-45-67",
    ]) {
      expect(await found({ q }), q).toEqual([ids.invoice]);
    }
  });

  it("searches phrases and leaves out excluded words", async () => {
    expect(await found({ q: '"spare parts"' })).toEqual([ids.english]);
    expect(await found({ q: '"parts spare"' })).toEqual([]);
    expect(await found({ q: "billing -révision" })).toEqual([ids.invoice]);
  });

  it("combines filters and sorts by duration", async () => {
    expect(await found({ tag: "billing", direction: "outbound" })).toEqual([ids.french]);
    expect(await found({ from: "2026-11-11", to: "2026-11-14" })).toEqual([ids.english, ids.french]);
    expect(await found({ open: "1" })).toEqual([ids.invoice]);
    expect(await found({ language: "DE" })).toEqual([ids.invoice]);
    expect(await found({ provider: "pbx", q: "facture" })).toEqual([ids.french]);
    expect(await found({ sort: "duration" })).toEqual([ids.english, ids.invoice, ids.french]);
    expect(await found({ sort: "duration", order: "asc" })).toEqual([ids.french, ids.invoice, ids.english]);
  });

  it("pages by keyset without gaps or repeats, in both sorts", async () => {
    for (const sort of ["time", "duration"]) {
      const first = await search({ sort, size: "10" });
      expect(first.rows).toHaveLength(3);
      const small = readInboxParams({ sort, size: "10" }).params;
      const page1 = await searchInbox(database.db, orgId, { ...small, size: 2 });
      expect(page1.nextCursor).toBeDefined();
      const page2 = await searchInbox(database.db, orgId, { ...small, size: 2, cursor: page1.nextCursor });
      expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect(page2.nextCursor).toBeUndefined();
    }
  });

  it("gives the same answers when the newest calls hold too few matches, and counts honestly", async () => {
    const params = (query: Record<string, string>) => readInboxParams(query).params;
    // The newest call (english) does not match: the first window of one call finds nothing.
    const billing = await searchInbox(database.db, orgId, params({ q: "billing" }), [], 1);
    expect(billing.rows.map((r) => r.id)).toEqual([ids.french, ids.invoice]);
    expect(billing.total).toEqual({ count: 2, isAtLeast: false });
    // Two of the first two calls match and fill a page of one: there may be more beyond them.
    const page1 = await searchInbox(database.db, orgId, { ...params({ q: "-Überweisung" }), size: 1 }, [], 2);
    expect(page1.rows.map((r) => r.id)).toEqual([ids.english]);
    expect(page1.total).toEqual({ count: 2, isAtLeast: true });
    const page2 = await searchInbox(
      database.db,
      orgId,
      { ...params({ q: "-Überweisung" }), size: 1, cursor: page1.nextCursor },
      [],
      2,
    );
    expect(page2.rows.map((r) => r.id)).toEqual([ids.french]);
    expect(page2.total).toEqual({ count: 2, isAtLeast: false });
    expect(page2.nextCursor).toBeUndefined();
    expect(
      (await searchInbox(database.db, orgId, params({ q: '"spare parts" -billing' }), [], 1)).rows.map((r) => r.id),
    ).toEqual([ids.english]);
    expect((await searchInbox(database.db, orgId, params({ q: '"parts spare"' }), [], 1)).rows).toEqual([]);
    expect((await searchInbox(database.db, orgId, params({ q: '"noch nicht"' }), [], 1)).total).toEqual({
      count: 1,
      isAtLeast: false,
    });
    for (const sort of ["time", "duration"]) {
      for (const order of ["desc", "asc"]) {
        const whole = await found({ q: "-warehouse", sort, order });
        const narrow = await searchInbox(database.db, orgId, params({ q: "-warehouse", sort, order }), [], 1);
        expect(
          narrow.rows.map((r) => r.id),
          `${sort} ${order}`,
        ).toEqual(whole);
      }
    }
  });

  it("never fails on bad input: it says what it ignored and still answers", async () => {
    const odd = await search({
      q: "a & b | !c :* <->",
      from: "yesterday",
      direction: "sideways",
      size: "100000",
      cursor: "forged",
    });
    expect(odd.rows.length).toBeLessThanOrEqual(100);
    expect(odd.notices.join(" ")).toMatch(/start date/);
    expect(odd.notices.join(" ")).toMatch(/direction/);
    expect(odd.notices.join(" ")).toMatch(/page link is not valid/);
    const nothing = await search({ q: "!!! ???" });
    expect(nothing.rows).toHaveLength(3);
    expect(nothing.notices[0]).toMatch(/Nothing to search for/);
    const forged = await search({ cursor: encodeCursor({ value: "not a date", id: ids.invoice ?? "" }) });
    expect(forged.rows).toHaveLength(3);
  });
});
