import { and, desc, eq } from "drizzle-orm";

import { recordAudit, type Actor } from "@/lib/audit/record";
import { summarySettingsVersions, type SummaryProvider, type SummarySettingsRow } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { SecretBoxError } from "@/lib/secret-box";

import { isSameBaseUrl } from "./settings-base-url";
import type { SummarySettingsInput } from "./settings-input";
import { API_KEY_AGAIN, openApiKey, sealApiKey } from "./settings-key";

/** The settings as pages show them: never the API key itself, only whether one is stored. */
export type SummarySettings = {
  version: number;
  baseInstructions: string;
  provider: SummaryProvider;
  baseUrl: string | null;
  model: string | null;
  hasApiKey: boolean;
  apiKeyHint: string | null;
  includeInternal: boolean;
  language: string | null;
  restoredFrom: number | null;
  authorLabel: string | null;
  createdAt: Date | null;
};

export const defaultSummarySettings: SummarySettings = {
  version: 0,
  baseInstructions: "",
  provider: "builtin",
  baseUrl: null,
  model: null,
  hasApiKey: false,
  apiKeyHint: null,
  includeInternal: false,
  language: null,
  restoredFrom: null,
  authorLabel: null,
  createdAt: null,
};

const shown = (row: SummarySettingsRow): SummarySettings => ({
  version: row.version,
  baseInstructions: row.baseInstructions,
  provider: row.provider,
  baseUrl: row.baseUrl,
  model: row.model,
  hasApiKey: row.encryptedApiKey !== null,
  apiKeyHint: row.apiKeyHint,
  includeInternal: row.includeInternal,
  language: row.language,
  restoredFrom: row.restoredFrom,
  authorLabel: row.authorLabel,
  createdAt: row.createdAt,
});

async function newestRow(db: Db, orgId: string): Promise<SummarySettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(summarySettingsVersions)
    .where(eq(summarySettingsVersions.orgId, orgId))
    .orderBy(desc(summarySettingsVersions.version))
    .limit(1);
  return row;
}

async function versionRow(db: Db, orgId: string, version: number): Promise<SummarySettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(summarySettingsVersions)
    .where(and(eq(summarySettingsVersions.orgId, orgId), eq(summarySettingsVersions.version, version)));
  return row;
}

export async function loadSummarySettings(db: Db, orgId: string): Promise<SummarySettings> {
  const row = await newestRow(db, orgId);
  return row ? shown(row) : defaultSummarySettings;
}

/** The settings with the API key opened (only for the base URL it was entered with), for the summariser only (never for a page). */
export async function loadSummaryConfig(
  db: Db,
  orgId: string,
  version?: number,
): Promise<SummarySettings & { apiKey?: string }> {
  const row = version === undefined ? await newestRow(db, orgId) : await versionRow(db, orgId, version);
  if (!row) return defaultSummarySettings;
  const apiKey = row.encryptedApiKey ? openApiKey(row.encryptedApiKey, row.baseUrl) : undefined;
  return { ...shown(row), ...(apiKey ? { apiKey } : {}) };
}

/**
 * The stored API key of the newest settings, for "Test connection" and trying a draft when no
 * new key was typed: only if `baseUrl` is the one it was saved with; for another URL, the admin
 * is asked to enter the key again (beside the key field).
 */
export async function storedApiKeyFor(db: Db, orgId: string, baseUrl: string): Promise<string | undefined> {
  const row = await newestRow(db, orgId);
  if (!row?.encryptedApiKey) return undefined;
  if (!isSameBaseUrl(row.baseUrl, baseUrl)) throw new AppError("bad_request", API_KEY_AGAIN, { apiKey: API_KEY_AGAIN });
  try {
    return openApiKey(row.encryptedApiKey, row.baseUrl);
  } catch (error) {
    // APP_SECRET changed since it was saved: a message beside the key field, not an error page.
    if (error instanceof SecretBoxError) throw new AppError("bad_request", error.message, { apiKey: error.message });
    throw error;
  }
}

export async function listSummarySettingsVersions(db: Db, orgId: string): Promise<SummarySettings[]> {
  const rows = await db
    .select()
    .from(summarySettingsVersions)
    .where(eq(summarySettingsVersions.orgId, orgId))
    .orderBy(desc(summarySettingsVersions.version))
    .limit(200);
  return rows.map(shown);
}

export type SaveOutcome = { saved: SummarySettings } | { conflict: SummarySettings };

type NewVersion = Omit<typeof summarySettingsVersions.$inferInsert, "orgId" | "version" | "authorId" | "authorLabel">;

/**
 * Writes version baseVersion + 1. The primary key (organisation, version) decides between two
 * admins saving at once: the second insert of the same version fails, and so does a save that
 * started from an older version, which is answered with the newest one instead.
 */
async function insertVersion(
  db: Db,
  orgId: string,
  actor: Actor,
  baseVersion: number,
  values: NewVersion,
  action: string,
): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    const before = await newestRow(tx, orgId);
    if ((before?.version ?? 0) !== baseVersion && before) return { conflict: shown(before) };
    const [row] = await tx
      .insert(summarySettingsVersions)
      .values({ ...values, orgId, version: baseVersion + 1, authorId: actor.userId ?? null, authorLabel: actor.label })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const newest = await newestRow(tx, orgId);
      if (!newest) throw new Error("summary settings version conflict without a version");
      return { conflict: shown(newest) };
    }
    const audited = (s: SummarySettings | undefined) => s && { ...s, createdAt: undefined, authorLabel: undefined };
    await recordAudit(tx, {
      orgId,
      actor,
      action,
      targetType: "summary_settings",
      targetId: String(row.version),
      before: audited(before ? shown(before) : undefined) ?? null,
      after: {
        ...audited(shown(row)),
        apiKey:
          row.encryptedApiKey === (before?.encryptedApiKey ?? null)
            ? row.encryptedApiKey
              ? "kept"
              : "none"
            : row.encryptedApiKey
              ? "replaced"
              : "removed",
      },
    });
    return { saved: shown(row) };
  });
}

export async function saveSummarySettings(
  db: Db,
  orgId: string,
  actor: Actor,
  input: SummarySettingsInput,
): Promise<SaveOutcome> {
  const base = input.baseVersion > 0 ? await versionRow(db, orgId, input.baseVersion) : undefined;
  if (input.baseVersion > 0 && !base)
    throw new AppError("bad_request", "The settings you started from do not exist. Reload the page.");
  const isOpenAi = input.provider === "openai";
  const key =
    !isOpenAi || input.removeApiKey
      ? null
      : input.apiKey
        ? { sealed: sealApiKey(input.apiKey, input.baseUrl), hint: input.apiKey.slice(-4) }
        : undefined;
  // The stored key stays with its base URL: moving to another one takes the key again, or an
  // explicit "Remove the stored key".
  if (key === undefined && base?.encryptedApiKey && !isSameBaseUrl(base.baseUrl, input.baseUrl)) {
    const message = `${API_KEY_AGAIN} Or tick “Remove the stored key” to save it without one.`;
    throw new AppError("bad_request", message, { apiKey: message });
  }
  return insertVersion(
    db,
    orgId,
    actor,
    input.baseVersion,
    {
      baseInstructions: input.baseInstructions,
      provider: input.provider,
      baseUrl: isOpenAi ? input.baseUrl.replace(/\/+$/, "") : null,
      model: isOpenAi ? input.model : null,
      encryptedApiKey: key === undefined ? (base?.encryptedApiKey ?? null) : key && key.sealed,
      apiKeyHint: key === undefined ? (base?.apiKeyHint ?? null) : key && key.hint,
      includeInternal: input.includeInternal,
      language: input.language || null,
    },
    "summary_settings.saved",
  );
}

/** Makes an older version the newest again (as a new version), API key included. */
export async function restoreSummarySettings(
  db: Db,
  orgId: string,
  actor: Actor,
  input: { version: number; baseVersion: number },
): Promise<SaveOutcome> {
  const old = await versionRow(db, orgId, input.version);
  if (!old) throw new AppError("not_found", `There is no version ${input.version} to restore.`);
  return insertVersion(
    db,
    orgId,
    actor,
    input.baseVersion,
    {
      baseInstructions: old.baseInstructions,
      provider: old.provider,
      baseUrl: old.baseUrl,
      model: old.model,
      encryptedApiKey: old.encryptedApiKey,
      apiKeyHint: old.apiKeyHint,
      includeInternal: old.includeInternal,
      language: old.language,
      restoredFrom: old.version,
    },
    "summary_settings.restored",
  );
}
