import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "vitest";

import type { NormalisedCall } from "@/lib/calls/model";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { parseVcon } from "@/lib/providers/vcon/parse";

import type { SummaryInput, SummaryOutput, SummaryTranscriptSegment } from "../types";
import { splitSentences } from "./sentences";

// Calls for the summariser's tests (vendor examples parsed the way deliveries are, and the demo
// organisation's German, English and French transcripts from lib/db/demo-calls.ts), and the
// checks every summary must pass.

const root = path.resolve(import.meta.dirname, "../../..");

export function inputOf(call: NormalisedCall, extra: Partial<SummaryInput> = {}): SummaryInput {
  return {
    transcript: call.transcript,
    call: {
      direction: call.direction,
      startedAt: call.startedAt ?? new Date(0),
      durationSeconds: call.durationSeconds ?? null,
      parties: call.parties,
      language: call.language ?? null,
      channel: call.channel ?? null,
    },
    instructions: "",
    ...extra,
  };
}

export function sipgateSeed(): NormalisedCall {
  const parsed = parseSipgate(
    JSON.parse(readFileSync(path.join(root, "lib/providers/sipgate/fixtures/seed-000.json"), "utf8")),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.call;
}

export function vconFixture(file: string): NormalisedCall {
  const parsed = parseVcon(JSON.parse(readFileSync(path.join(root, "lib/providers/vcon/fixtures/dev", file), "utf8")));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.call;
}

export type Line = [speaker: "caller" | "callee", text: string];

export function conversation(
  lines: readonly Line[],
  call: Partial<SummaryInput["call"]> = {},
  extra: Partial<SummaryInput> = {},
): SummaryInput {
  const transcript: SummaryTranscriptSegment[] = lines.map(([speaker, text], k) => ({
    speaker,
    speakerRole: speaker,
    startMs: k * 6000,
    text,
  }));
  return {
    transcript,
    call: {
      direction: "inbound",
      startedAt: new Date(Date.UTC(2026, 10, 2)),
      durationSeconds: lines.length * 6,
      parties: [],
      language: null,
      channel: null,
      ...call,
    },
    instructions: "",
    ...extra,
  };
}

export const demo = {
  billingDe: [
    ["caller", "Guten Tag, auf meiner Rechnung vom Oktober steht die Wartung zweimal."],
    ["callee", "Das tut mir leid, ich schaue sofort nach. Können Sie mir die Rechnungsnummer nennen?"],
    ["caller", "Ja, das ist die 2026-1043."],
    ["callee", "Ich sehe es, das ist ein Fehler. Sie bekommen eine Gutschrift per E-Mail."],
  ],
  appointmentFr: [
    ["caller", "Bonjour, je dois annuler le rendez-vous de jeudi, je ne serai pas là."],
    ["callee", "Pas de problème. Mardi prochain à neuf heures, cela vous convient ?"],
    ["caller", "Oui, parfait, merci beaucoup."],
    ["callee", "Je vous rappelle la veille pour confirmer."],
  ],
  deliveryDe: [
    ["caller", "Hallo, unsere Ersatzteile sollten gestern kommen, aber das Paket ist nicht da."],
    ["callee", "Ich frage beim Spediteur nach und melde mich morgen früh bei Ihnen."],
    ["caller", "Danke, wir brauchen die Teile dringend für die Reparatur."],
  ],
  portalEn: [
    ["caller", "I can't get into the customer portal anymore."],
    ["callee", "I've just sent you a reset link by email."],
    ["caller", "Got it, it works now. Thanks!"],
  ],
  quoteFr: [
    ["caller", "Nous voudrions équiper dix postes avec votre assistant."],
    ["callee", "Très bien, je vous prépare un devis détaillé d'ici vendredi."],
    ["caller", "Merci, envoyez-le à la comptabilité s'il vous plaît."],
  ],
} satisfies Record<string, Line[]>;

// "Caller: ", "Anrufer: ", "Jürgen Müller: ": who said the sentences that follow.
export const LABEL = /(?:^|\s)\p{Lu}\p{L}*(?: \p{Lu}\p{L}*)?:\s/gu;
const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s.!?…,;:]+$/u, "")
    .replace(/\s+/gu, " ");

/** Every sentence of the summary, speaker labels aside, is one the call contains. */
export function expectQuotedFrom(out: SummaryOutput, input: SummaryInput) {
  const transcript = squash(input.transcript.map((s) => s.text).join(" "));
  const sentences = splitSentences(out.summary.replace(LABEL, "\n"));
  expect(sentences.length).toBeGreaterThan(0);
  for (const sentence of sentences) expect(transcript).toContain(squash(sentence));
}

export function expectWellFormed(out: SummaryOutput) {
  expect(out.headline.length).toBeGreaterThan(0);
  expect(out.headline.length).toBeLessThanOrEqual(80);
  expect(out.headline).not.toMatch(/[\s.,;:!-]$/u);
  expect(out.summary.length).toBeLessThanOrEqual(600);
  expect(out.actionItems.length).toBeLessThanOrEqual(8);
  for (const tag of out.tags) expect(tag).toMatch(/^[\p{Ll}][\p{Ll}'-]{3,}$/u);
}
