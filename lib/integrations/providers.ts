export const providerIds = ["sipgate", "pbx", "vcon", "aiflow"] as const;
export type ProviderId = (typeof providerIds)[number];

type ProviderInfo = { label: string; kind: "hook" | "aiflow"; description: string };

/** The integration kinds an organisation can set up, with how each one reaches us. */
export const providers: Record<ProviderId, ProviderInfo> = {
  sipgate: {
    label: "sipgate AI Assistant",
    kind: "hook",
    description: "Post-call bundles (JSON or vCon) from the sipgate app's AI Assistant webhook.",
  },
  pbx: {
    label: "PBX AI summaries",
    kind: "hook",
    description: "Summary webhook of a PBX with recording-based AI summaries (POST or PUT).",
  },
  vcon: { label: "vCon source", kind: "hook", description: "Any system that posts vCon documents." },
  aiflow: {
    label: "sipgate AI Flow",
    kind: "aiflow",
    description: "Switchboard answers live calls of an AI Flow voice assistant.",
  },
};

export const isProviderId = (value: string): value is ProviderId => providerIds.some((id) => id === value);

/** Where the vendor sends its data: the hook URL (the key is the credential) or the AI Flow endpoint. */
export function endpointPath(provider: ProviderId, integrationId: string, secret?: string): string {
  if (providers[provider].kind === "aiflow") return `/api/aiflow/${integrationId}`;
  return `/api/hooks/${provider}/${secret ?? "…"}`;
}
