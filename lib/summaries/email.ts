import { and, eq } from "drizzle-orm";

import { callTitle } from "@/lib/calls/call-page";
import { formatNumber } from "@/lib/calls/phone";
import { calls, callSummaries, memberships, organisations, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { getEnv } from "@/lib/env";
import { configuredMailer, type Mailer } from "@/lib/mail/mailer";

import { producerLabel } from "./call-summaries";

// The mailer moved to lib/mail, shared with invitations and password resets; re-exported for
// the summary code and its tests.
export { configuredMailer, createMailer, isEmailConfigured, type Mailer } from "@/lib/mail/mailer";

/** Turns "email me summaries of calls" on or off for one member of one organisation. */
export async function setEmailSummaries(db: Db, orgId: string, userId: string, isOn: boolean): Promise<void> {
  await db
    .update(memberships)
    .set({ emailSummaries: isOn })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function isEmailingSummaries(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ on: memberships.emailSummaries })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.on ?? false;
}

/**
 * Sends a summary just shown on a call to every member of the organisation who asked for them.
 * Returns how many were sent; nothing when SMTP is not configured.
 */
export async function sendSummaryEmails(
  db: Db,
  orgId: string,
  summaryId: string,
  mailer: Mailer | null = configuredMailer(),
): Promise<number> {
  if (!mailer) return 0;
  const [row] = await db
    .select({
      summary: callSummaries.summary,
      headline: callSummaries.headline,
      actionItems: callSummaries.actionItems,
      producer: callSummaries.producer,
      producerKind: callSummaries.producerKind,
      callId: calls.id,
      startedAt: calls.startedAt,
      direction: calls.direction,
      parties: calls.parties,
      orgSlug: organisations.slug,
      orgName: organisations.name,
    })
    .from(callSummaries)
    .innerJoin(calls, and(eq(calls.orgId, callSummaries.orgId), eq(calls.id, callSummaries.callId)))
    .innerJoin(organisations, eq(organisations.id, callSummaries.orgId))
    .where(and(eq(callSummaries.orgId, orgId), eq(callSummaries.id, summaryId), eq(callSummaries.state, "processed")));
  if (!row) return 0;
  const recipients = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.emailSummaries, true)));
  if (recipients.length === 0) return 0;

  const title = callTitle({
    headline: row.headline,
    summary: row.summary,
    parties: row.parties,
    direction: row.direction,
  });
  const who = row.parties
    .map((p) => `${p.role}: ${p.name ?? (p.number ? formatNumber(p.number) : (p.extension ?? "unknown"))}`)
    .join(", ");
  const text = [
    title,
    "",
    `${row.direction} call, ${row.startedAt.toISOString().replace("T", " ").slice(0, 16)} UTC${who ? `, ${who}` : ""}`,
    "",
    row.summary ?? "",
    ...(row.actionItems.length > 0 ? ["", "Action items:", ...row.actionItems.map((a) => `- ${a.text}`)] : []),
    "",
    `Summary: ${producerLabel(row)}. Open the call: ${getEnv().appUrl}/${row.orgSlug}/calls/${row.callId}`,
    "",
    `You get these because you asked for summaries of ${row.orgName}'s calls. Turn them off under Settings → Summaries.`,
  ].join("\n");
  for (const r of recipients) await mailer.send({ to: r.email, subject: `Call summary: ${title}`, text });
  return recipients.length;
}
