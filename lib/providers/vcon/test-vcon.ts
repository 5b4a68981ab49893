import type { NormalisedCall, ParseResult } from "@/lib/calls/model";

import { parseVcon } from "./parse";

// Shared by the vCon tests: a small, valid vCon 0.4.0 of a German support call that each test
// bends into the variant it is about.

export type TestVcon = Record<string, unknown> & {
  parties: Record<string, unknown>[];
  dialog: Record<string, unknown>[];
  analysis: Record<string, unknown>[];
  attachments: Record<string, unknown>[];
};

export function testVcon(): TestVcon {
  return {
    vcon: "0.4.0",
    uuid: "0194a3f2-7c1e-8a2b-9c3d-4e5f60718293",
    created_at: "2025-01-15T10:05:00Z",
    parties: [
      { tel: "+4930123456", name: "Anna Schmidt", role: "customer" },
      { tel: "+4989987654", name: "Jürgen Müller", mailto: "j.mueller@example.de", role: "agent" },
    ],
    dialog: [
      {
        type: "recording",
        start: "2025-01-15T10:00:00Z",
        duration: 125.4,
        parties: [0, 1],
        mediatype: "audio/wav",
        url: "https://example.com/recordings/call.wav",
      },
    ],
    analysis: [],
    attachments: [],
  };
}

/** A transcript analysis of the test call's recording. */
export const transcriptAnalysis = (body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: "transcript",
  dialog: 0,
  vendor: "test",
  body,
  ...extra,
});

export function importOk(body: unknown): NormalisedCall {
  const result = parseVcon(body);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.call;
}

export function importRefused(body: unknown): { error: string; fields: Record<string, string> } {
  const result: ParseResult = parseVcon(body);
  if (result.ok) throw new Error("expected a refusal, got a call");
  return { error: result.error, fields: result.fields ?? {} };
}
