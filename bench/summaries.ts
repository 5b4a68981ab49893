// Throughput of the built-in extractive summariser on one core.
//   npx tsx bench/summaries.ts [--calls 1000] [--warmup 200]
// Generates N deterministic synthetic calls (10–40 transcript segments of real German, English and
// French sentences, some with commitments and requests), summarises a warm-up batch, then times
// summarizeExtractive on every call in this one process and thread, sampling process.memoryUsage()
// as it goes.
import { parseArgs } from "node:util";

import { summarizeExtractive } from "@/lib/summaries/builtin";
import type { SummaryInput, SummaryTranscriptSegment } from "@/lib/summaries/types";

const { values } = parseArgs({
  options: { calls: { type: "string", default: "1000" }, warmup: { type: "string", default: "200" } },
});
const calls = Number(values.calls);
const warmup = Number(values.warmup);

/** mulberry32: the same calls on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Some = readonly [string, ...string[]];
type Lines = {
  open: Some;
  customer: Some;
  agent: Some;
  promise: Some;
  ask: Some;
  close: Some;
  nouns: Some;
  days: Some;
};

const lines: Record<"de" | "en" | "fr", Lines> = {
  de: {
    open: ["Guten Tag, hier ist der Kundenservice, was kann ich für Sie tun?", "Hallo, schön, dass Sie anrufen."],
    customer: [
      "Ich rufe wegen meiner {n} an, da stimmt etwas nicht.",
      "Die {n} ist noch nicht angekommen, obwohl sie für {d} angekündigt war.",
      "Auf der Rechnung steht die {n} zweimal, das kann nicht sein.",
      "Können Sie mir sagen, wann der Techniker wegen der {n} kommt?",
      "Wir brauchen die {n} dringend, sonst steht bei uns alles still.",
      "Ich habe letzte Woche schon einmal wegen der {n} angerufen.",
      "Der Preis für die {n} war im Angebot aber niedriger, nämlich 49.99 Euro.",
      "Mein Zählerstand ist 4711, das habe ich z.B. gestern abgelesen.",
    ],
    agent: [
      "Ich sehe hier Ihre {n} im System, sie wurde am {d} verschickt.",
      "Das tut mir leid, da ist bei der {n} wohl ein Fehler passiert.",
      "Laut Vertrag ist die {n} bis Ende des Jahres kostenlos.",
      "Die Störung betrifft leider mehrere Kunden in Ihrer Region.",
      "Der Spediteur hat die {n} gestern an das falsche Lager geliefert.",
      "Dr. Weber aus der Technik hat sich die {n} schon angesehen.",
    ],
    promise: [
      "Ich schicke Ihnen die Gutschrift für die {n} per E-Mail.",
      "Wir melden uns am {d} wegen der {n} bei Ihnen.",
      "Ich kümmere mich persönlich um die {n}.",
      "Ich frage beim Spediteur nach und rufe Sie am {d} zurück.",
    ],
    ask: [
      "Können Sie bitte prüfen, ob die {n} schon bezahlt ist?",
      "Bitte rufen Sie mich zurück, sobald die {n} da ist.",
    ],
    close: ["Vielen Dank für Ihre Geduld, einen schönen Tag noch.", "Danke, tschüss.", "Okay."],
    nouns: [
      "Bestellung",
      "Lieferung",
      "Rechnung",
      "Wartung",
      "Gutschrift",
      "Kündigung",
      "Überweisung",
      "Ersatzteillieferung",
    ],
    days: ["Montag", "Dienstag", "Freitag", "3. Oktober", "nächsten Mittwoch"],
  },
  en: {
    open: [
      "Hello, thank you for calling customer support, how can I help you today?",
      "Hi, this is Tom from the service team.",
    ],
    customer: [
      "I'm calling about my {n}, something is not right with it.",
      "The {n} has not arrived yet although it was promised for {d}.",
      "My invoice shows the {n} twice, which cannot be correct.",
      "Can you tell me when the engineer will come about the {n}?",
      "We need the {n} urgently, otherwise our whole team is blocked.",
      "I already called last week about the {n}.",
      "The price for the {n} was lower in the quote, only 49.99 euros.",
      "The meter reading is 4711, I checked it e.g. yesterday.",
    ],
    agent: [
      "I can see your {n} in the system, it was shipped on {d}.",
      "I'm sorry, there seems to be a mistake with the {n}.",
      "According to the contract the {n} is free until the end of the year.",
      "The outage unfortunately affects several customers in your area.",
      "The carrier delivered the {n} to the wrong warehouse yesterday.",
      "Mr. Smith from engineering has already looked at the {n}.",
    ],
    promise: [
      "I will send you the credit note for the {n} by email.",
      "We'll get back to you about the {n} on {d}.",
      "I'll call you back on {d} once the {n} is sorted.",
      "Our technician will replace the {n} next week.",
    ],
    ask: ["Could you please check whether the {n} has been paid?", "Please send me the photos of the {n}."],
    close: ["Thank you for your patience, have a great day.", "Thanks, bye.", "Okay."],
    nouns: ["order", "delivery", "invoice", "maintenance", "refund", "cancellation", "transfer", "replacement part"],
    days: ["Monday", "Tuesday", "Friday", "October 3rd", "next Wednesday"],
  },
  fr: {
    open: ["Bonjour, service client, comment puis-je vous aider ?", "Bonjour, merci de votre appel."],
    customer: [
      "Je vous appelle au sujet de ma {n}, il y a un problème.",
      "La {n} n'est pas encore arrivée alors qu'elle était prévue pour {d}.",
      "Sur la facture, la {n} apparaît deux fois, ce n'est pas normal.",
      "Pouvez-vous me dire quand le technicien passera pour la {n} ?",
      "Nous avons besoin de la {n} en urgence, sinon tout est bloqué.",
      "J'ai déjà appelé la semaine dernière pour la {n}.",
      "Le prix de la {n} était plus bas dans le devis, seulement 49,99 euros.",
      "Mon relevé de compteur est 4711, je l'ai vérifié hier… enfin je crois.",
    ],
    agent: [
      "Je vois votre {n} dans le système, elle a été expédiée {d}.",
      "Je suis désolé, il y a visiblement une erreur sur la {n}.",
      "Selon le contrat, la {n} est gratuite jusqu'à la fin de l'année.",
      "La panne touche malheureusement plusieurs clients dans votre région.",
      "Le transporteur a livré la {n} au mauvais entrepôt hier.",
      "M. Martin du service technique a déjà regardé la {n}.",
    ],
    promise: [
      "Je vous envoie l'avoir pour la {n} par e-mail.",
      "Je vous rappelle {d} au sujet de la {n}.",
      "Nous allons remplacer la {n} la semaine prochaine.",
      "Je m'en occupe personnellement.",
    ],
    ask: ["Pouvez-vous vérifier si la {n} a été payée ?", "Merci de m'envoyer les photos de la {n}."],
    close: ["Merci pour votre patience, bonne journée.", "Merci, au revoir.", "D'accord."],
    nouns: [
      "commande",
      "livraison",
      "facture",
      "maintenance",
      "résiliation",
      "pièce de rechange",
      "intervention",
      "garantie",
    ],
    days: ["lundi", "mardi", "vendredi", "le 3 octobre", "mercredi prochain"],
  },
};

function makeCall(i: number): SummaryInput {
  const rand = random(i + 1);
  const pick = (xs: Some): string => xs[Math.floor(rand() * xs.length)] ?? xs[0];
  const lang = (["de", "en", "fr"] as const)[i % 3] ?? "en";
  const l = lines[lang];
  const noun = pick(l.nouns);
  const fill = (s: string) => s.replaceAll("{n}", rand() < 0.7 ? noun : pick(l.nouns)).replaceAll("{d}", pick(l.days));
  const count = 10 + Math.floor(rand() * 31);
  const transcript: SummaryTranscriptSegment[] = [];
  for (let k = 0; k < count; k++) {
    const isAgent = k % 2 === 0;
    const sentences: string[] = [];
    if (k === 0) sentences.push(pick(l.open));
    else if (k >= count - 2) sentences.push(pick(l.close));
    else {
      const n = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < n; j++) {
        const r = rand();
        if (isAgent && r < 0.12) sentences.push(fill(pick(l.promise)));
        else if (!isAgent && r < 0.06) sentences.push(fill(pick(l.ask)));
        else sentences.push(fill(pick(isAgent ? l.agent : l.customer)));
      }
    }
    transcript.push({
      speaker: isAgent ? "Agent" : "Kunde",
      speakerRole: isAgent ? "agent" : "caller",
      startMs: k * 6000,
      text: sentences.join(" "),
    });
  }
  return {
    transcript,
    call: {
      direction: "inbound",
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      durationSeconds: count * 6,
      parties: [],
      language: lang,
      channel: "Support",
    },
    instructions: i % 4 === 0 ? "Focus on pricing and delivery dates." : "",
  };
}

const inputs = Array.from({ length: calls }, (_, i) => makeCall(i));
const segments = inputs.reduce((sum, input) => sum + input.transcript.length, 0);
let sink = 0;
for (const input of inputs.slice(0, warmup)) sink += summarizeExtractive(input).summary.length;

const before = process.memoryUsage();
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const times: number[] = [];
let withActions = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (const [i, input] of inputs.entries()) {
  const t = performance.now();
  const out = summarizeExtractive(input);
  times.push(performance.now() - t);
  sink += out.summary.length;
  if (out.actionItems.length > 0) withActions++;
  if (i % 10 === 0) sample();
}
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
sample();

times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
console.log(
  `${calls.toLocaleString("en")} calls (${segments.toLocaleString("en")} segments, ${(segments / calls).toFixed(1)} per call; German, English, French), one thread, after ${warmup} warm-up calls:`,
);
console.log(
  `  ${((calls / elapsed) * 1000).toFixed(0)} calls/s, mean ${mean.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, max ${times.at(-1)?.toFixed(3)} ms per call`,
);
console.log(
  `  process CPU (user + system, all threads) ${(((cpu.user + cpu.system) / 1000 / elapsed) * 100).toFixed(0)} % of one core over the run, ${((cpu.user + cpu.system) / 1000 / calls).toFixed(3)} ms per call`,
);
console.log(
  `  peak RSS ${mb(peakRss)} MB, peak heap used ${mb(peakHeap)} MB (before the timed run, inputs generated and warmed up: ${mb(before.rss)} MB, ${mb(before.heapUsed)} MB)`,
);
console.log(`  ${withActions} of ${calls} calls with action items (checksum ${sink})`);
console.log(`reproduce: npx tsx bench/summaries.ts --calls ${calls}`);
