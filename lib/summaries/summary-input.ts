import type { LoadedCall } from "@/lib/calls/stored-call";
import type { ActionItem } from "@/lib/db/schema";

import type { SummarySettings } from "./settings";
import type { SummaryInput, SummaryOutput } from "./types";

/** What a summariser is given about a stored call, with the settings' instructions. */
export function summaryInputFor(
  loaded: LoadedCall,
  settings: Pick<SummarySettings, "baseInstructions" | "language">,
  overrideInstructions?: string | null,
): SummaryInput {
  const { call } = loaded;
  return {
    transcript: call.transcript.map((s) => ({
      text: s.text,
      speaker: s.speaker ?? null,
      speakerRole: s.speakerRole ?? null,
      startMs: s.startMs ?? null,
    })),
    call: {
      direction: call.direction,
      startedAt: call.startedAt ?? new Date(0),
      durationSeconds: call.durationSeconds,
      parties: call.parties.map((p) => ({
        role: p.role,
        ...(p.name ? { name: p.name } : {}),
        ...(p.number ? { number: p.number } : {}),
      })),
      language: call.language,
      channel: call.channel,
    },
    instructions: settings.baseInstructions,
    ...(overrideInstructions ? { overrideInstructions } : {}),
    ...(settings.language ? { language: settings.language } : {}),
  };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** A summariser's answer in the shape a summary version stores, within sensible sizes. */
export function storedOutput(output: SummaryOutput): {
  headline: string;
  summary: string;
  actionItems: ActionItem[];
  tags: string[];
  language: string | null;
} {
  const items = [...new Set(output.actionItems.map((t) => t.trim()).filter(Boolean))].slice(0, 20);
  return {
    headline: clip(output.headline.trim(), 200),
    summary: clip(output.summary.trim(), 10_000),
    actionItems: items.map((text) => ({ text: clip(text, 500), isDone: false })),
    tags: [...new Set(output.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))]
      .slice(0, 8)
      .map((t) => clip(t, 40)),
    language: output.language?.slice(0, 2).toLowerCase() || null,
  };
}
