import { eq, sql } from "drizzle-orm";

import { systemActor } from "@/lib/audit/record";
import { upsertCall } from "@/lib/calls/upsert-call";
import { sha256Hex } from "@/lib/canonical-json";
import { createIntegration } from "@/lib/integrations/create-integration";
import { parsePbx } from "@/lib/providers/pbx/parse";
import { parseSipgate } from "@/lib/providers/sipgate/parse";
import { parseVcon } from "@/lib/providers/vcon/parse";

import { integrations } from "./schema";
import type { Db } from "./types";

// A living inbox for the demo organisation of the first start: calls in the vendors' own formats
// (the sipgate bundle of seed 000, PBX summaries, vCon), in German, English and French, spread
// over the last four weeks, parsed and stored the way real deliveries are.

type Template = {
  language: "de" | "en" | "fr";
  headline: string;
  summary: string;
  lines: Array<[speaker: "caller" | "callee", text: string]>;
  actions: string[];
  tags: string[];
};

const templates: Template[] = [
  {
    language: "en",
    headline: "Customer asked about product availability and pricing",
    summary:
      "The caller asked whether the new product is available and what it costs. The agent confirmed availability and quoted the promotional price of 49.99 euros including VAT.",
    lines: [
      ["caller", "Hi, I wanted to ask if the new product is available."],
      ["callee", "Yes, it is available and currently on a promotional offer."],
      ["caller", "Great! How much does it cost with the discount?"],
      ["callee", "The discounted price is 49.99 Euros including VAT."],
    ],
    actions: ["Follow up with the customer in 2 days to offer further assistance."],
    tags: ["sales", "pricing"],
  },
  {
    language: "de",
    headline: "Rückfrage zur Rechnung vom Oktober",
    summary:
      "Der Kunde hat auf der Oktoberrechnung eine doppelte Position gefunden. Wir prüfen die Buchung und schicken eine Gutschrift.",
    lines: [
      ["caller", "Guten Tag, auf meiner Rechnung vom Oktober steht die Wartung zweimal."],
      ["callee", "Das tut mir leid, ich schaue sofort nach. Können Sie mir die Rechnungsnummer nennen?"],
      ["caller", "Ja, das ist die 2026-1043."],
      ["callee", "Ich sehe es, das ist ein Fehler. Sie bekommen eine Gutschrift per E-Mail."],
    ],
    actions: [
      "Gutschrift für Rechnung 2026-1043 erstellen",
      "Kunden bitte zurückrufen, wenn die Gutschrift verschickt ist",
    ],
    tags: ["billing", "rechnung"],
  },
  {
    language: "fr",
    headline: "Report du rendez-vous de maintenance",
    summary:
      "La cliente souhaite déplacer l'intervention de jeudi à la semaine prochaine. Le technicien passera mardi matin.",
    lines: [
      ["caller", "Bonjour, je dois annuler le rendez-vous de jeudi, je ne serai pas là."],
      ["callee", "Pas de problème. Mardi prochain à neuf heures, cela vous convient ?"],
      ["caller", "Oui, parfait, merci beaucoup."],
      ["callee", "Je vous rappelle la veille pour confirmer."],
    ],
    actions: ["Confirmer le rendez-vous de mardi par SMS"],
    tags: ["rendez-vous", "maintenance"],
  },
  {
    language: "de",
    headline: "Lieferung verspätet, Ersatzteile fehlen",
    summary:
      "Die Lieferung mit den Ersatzteilen ist nicht im Lager angekommen. Der Spediteur wird kontaktiert, die Kundin erhält morgen ein Update.",
    lines: [
      ["caller", "Hallo, unsere Ersatzteile sollten gestern kommen, aber das Paket ist nicht da."],
      ["callee", "Ich frage beim Spediteur nach und melde mich morgen früh bei Ihnen."],
      ["caller", "Danke, wir brauchen die Teile dringend für die Reparatur."],
    ],
    actions: ["Spediteur wegen Sendung 7781 anrufen", "Kundin morgen bis 10 Uhr informieren"],
    tags: ["delivery", "dringend"],
  },
  {
    language: "en",
    headline: "Password reset for the customer portal",
    summary:
      "The caller could not sign in to the portal. The agent sent a reset link and confirmed the caller can sign in again.",
    lines: [
      ["caller", "I can't get into the customer portal anymore."],
      ["callee", "I've just sent you a reset link by email."],
      ["caller", "Got it, it works now. Thanks!"],
    ],
    actions: [],
    tags: ["support", "portal"],
  },
  {
    language: "fr",
    headline: "Demande de devis pour dix postes",
    summary:
      "Une PME de Lyon demande un devis pour dix postes téléphoniques avec l'assistant IA. Le devis sera envoyé vendredi.",
    lines: [
      ["caller", "Nous voudrions équiper dix postes avec votre assistant."],
      ["callee", "Très bien, je vous prépare un devis détaillé d'ici vendredi."],
      ["caller", "Merci, envoyez-le à la comptabilité s'il vous plaît."],
    ],
    actions: ["Envoyer le devis à la comptabilité avant vendredi"],
    tags: ["sales", "devis"],
  },
];

const names = [
  "Jürgen Müller",
  "Anna Schmidt",
  "Claire Dubois",
  "Tom Baker",
  "Élodie Martin",
  "Sabine Wöhrle",
  "Lukas Becker",
  "Sophie Laurent",
];

async function store(
  db: Db,
  orgId: string,
  integrationId: string | null,
  provider: "sipgate" | "pbx" | "vcon",
  body: Record<string, unknown>,
) {
  const parsed = provider === "sipgate" ? parseSipgate(body) : provider === "pbx" ? parsePbx(body) : parseVcon(body);
  if (!parsed.ok) throw new Error(`demo call refused: ${parsed.error}`);
  const text = JSON.stringify(body);
  await upsertCall(db, {
    orgId,
    integrationId,
    provider,
    call: parsed.call,
    payload: { body, text, contentType: "application/json", hash: sha256Hex(text) },
  });
}

/** About three dozen calls for a new demo organisation, with two integrations that "delivered" them. */
export async function seedDemoCalls(db: Db, orgId: string, now = new Date()): Promise<number> {
  const sipgate = await createIntegration(db, orgId, systemActor, {
    provider: "sipgate",
    name: "Sales hotline (demo)",
  });
  const pbx = await createIntegration(db, orgId, systemActor, { provider: "pbx", name: "Office PBX (demo)" });
  let n = 0;
  for (let i = 0; i < 36; i++) {
    const t = templates[i % templates.length];
    if (!t) continue;
    const start = new Date(now.getTime() - ((i * 19) % 28) * 86_400_000 - (i % 9) * 3_600_000 - 600_000);
    const seconds = 60 + ((i * 37) % 900);
    const caller = `+49 175 ${String(1_000_000 + i * 7919).slice(-7)}`;
    const name = names[i % names.length];
    const kind = i % 3 === 0 ? "pbx" : i % 5 === 4 ? "vcon" : "sipgate";
    if (kind === "sipgate") {
      await store(db, orgId, sipgate.id, "sipgate", {
        callHeadline: t.headline,
        call: {
          id: `demo-${i}`,
          caller,
          callee: "+49 89 12345678",
          startTime: start.getTime(),
          endTime: start.getTime() + seconds * 1000,
          duration: seconds,
          direction: i % 4 === 1 ? "outbound" : "inbound",
        },
        channel: { id: "demo", name: i % 2 ? "Sales Hotline" : "Support" },
        transcriptions: t.lines.map(([speaker, text], k) => ({
          speaker,
          startTime: k * 6000,
          endTime: k * 6000 + 5500,
          text,
        })),
        summary: t.summary,
        note: { content: i % 2 ? "" : "Kunde war sehr freundlich." },
        actionItems: t.actions.map((text, k) => ({ id: `a${k}`, text })),
        smallTalkItems:
          i % 3
            ? []
            : [
                {
                  id: "s1",
                  topic: "Weather",
                  description: "Talked about the sunny weather.",
                  pinned: false,
                  dismissed: false,
                },
              ],
        smartAnswers: [
          { id: "q1", question: "What happens next?", answer: t.actions[0] ?? "Nothing further is needed." },
        ],
      });
    } else if (kind === "pbx") {
      await store(db, orgId, pbx.id, "pbx", {
        call_id: `pbx-demo-${i}`,
        from: caller,
        caller_name: name,
        to: "089 12345678",
        start: start.toISOString(),
        duration: seconds,
        direction: i % 2 ? "in" : "out",
        language: t.language,
        summary: { overview: t.summary, notes: [t.headline], tags: t.tags, action_points: t.actions },
        transcript: t.lines.map(([speaker, text]) => `${speaker === "caller" ? name : "Agent"}: ${text}`).join("\n"),
      });
    } else {
      await store(db, orgId, null, "vcon", {
        vcon: "0.4.0",
        uuid: `0194f000-0000-7000-8000-${String(100000000000 + i).slice(-12)}`,
        created_at: start.toISOString(),
        subject: t.headline,
        parties: [
          { tel: caller, name, role: "customer" },
          { tel: "+498912345678", name: "Switchboard Demo", role: "agent" },
        ],
        dialog: [
          {
            type: "text",
            start: start.toISOString(),
            duration: seconds,
            parties: [0, 1],
            body: t.lines.map(([, text]) => text).join("\n"),
            encoding: "none",
            mediatype: "text/plain",
          },
        ],
        analysis: [{ type: "summary", vendor: "demo", body: t.summary, encoding: "none", dialog: 0 }],
        attachments: [
          { purpose: "tags", start: start.toISOString(), party: 0, dialog: 0, encoding: "json", body: t.tags },
        ],
      });
    }
    n++;
  }
  await db
    .update(integrations)
    .set({
      lastEventAt: now,
      acceptedCount: sql`(select count(*) from calls c where c.integration_id = ${integrations.id})::int`,
    })
    .where(eq(integrations.orgId, orgId));
  return n;
}
