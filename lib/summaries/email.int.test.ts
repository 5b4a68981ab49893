import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { normalisedCallSchema } from "@/lib/calls/model";
import { upsertCall } from "@/lib/calls/upsert-call";
import { sha256Hex } from "@/lib/canonical-json";
import type { DbHandle } from "@/lib/db/client";
import { makeOrg, makeUser } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";

import { createMailer, isEmailingSummaries, sendSummaryEmails, setEmailSummaries } from "./email";
import { generateSummary } from "./generate";
import { createSummaryRequests } from "./request-summaries";

/** The mail as text: soft line breaks joined, =XX bytes decoded. */
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

let database: DbHandle;
let smtp: SMTPServer;
let port = 0;
const received: Array<{ to: string[]; raw: string }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const address = smtp.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  await database.close();
});

describe("summary emails", () => {
  it("sends each new summary to the members who asked for them, and to no one else", async () => {
    const db = database.db;
    const org = await makeOrg(db);
    const reader = await makeUser(db, { org, role: "member", email: "reader@example.com" });
    await makeUser(db, { org, role: "admin", email: "quiet@example.com" });
    expect(await isEmailingSummaries(db, org.id, reader.id)).toBe(false);
    await setEmailSummaries(db, org.id, reader.id, true);
    expect(await isEmailingSummaries(db, org.id, reader.id)).toBe(true);

    const call = normalisedCallSchema.parse({
      vendorCallId: "mail-1",
      direction: "inbound",
      parties: [{ role: "caller", number: "+491751234567", name: "Anna Weber" }],
      transcript: [{ speaker: "Anna Weber", text: "Bitte rufen Sie mich morgen wegen der Rechnung 4711 zurück." }],
    });
    const stored = await upsertCall(db, {
      orgId: org.id,
      provider: "vcon",
      call,
      payload: { body: call, hash: sha256Hex("mail-1") },
    });
    const [summaryId] = await createSummaryRequests(db, org.id, {
      callIds: [stored.id],
      isRequested: false,
      actor: { label: "system" },
    });
    await generateSummary(db, { orgId: org.id, summaryId: summaryId ?? "" });

    const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: "Switchboard <switchboard@example.com>" });
    expect(await sendSummaryEmails(db, org.id, summaryId ?? "", mailer)).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["reader@example.com"]);
    const mail = decodeQuotedPrintable(received[0]?.raw ?? "");
    expect(mail).toMatch(/Subject: =\?UTF-8\?Q\?Call_summary/);
    expect(mail).toMatch(/Rechnung 4711 zurück/);
    expect(mail).toMatch(/Built-in \(extractive\)/);
    expect(mail).toContain(`/calls/${stored.id}`);

    // Without SMTP configured, nothing is sent.
    expect(await sendSummaryEmails(db, org.id, summaryId ?? "", null)).toBe(0);
  });
});
