import type { ParseResult } from "@/lib/calls/model";

import { parsePbx } from "./pbx/parse";
import { parseSipgate } from "./sipgate/parse";
import { parseVcon } from "./vcon/parse";

// Push vendors: they call our hook with one call's payload. Pull vendors (SIPSIM, Yeastar) will
// sit beside these with a client that fetches payloads and hands them to the same upsert.
export const hookProviders = {
  sipgate: { methods: ["POST"], parse: parseSipgate },
  pbx: { methods: ["POST", "PUT"], parse: parsePbx },
  vcon: { methods: ["POST"], parse: parseVcon },
} satisfies Record<string, { methods: string[]; parse: (body: unknown) => ParseResult }>;

export type HookProviderId = keyof typeof hookProviders;

export const isHookProvider = (value: string): value is HookProviderId => Object.hasOwn(hookProviders, value);
