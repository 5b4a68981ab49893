import type { Metadata } from "next";

import { DraftFeedbackProvider } from "@/components/settings/summaries/draft-feedback";
import { EmailToggle } from "@/components/settings/summaries/email-toggle";
import { SettingsHistory, type HistoryEntry } from "@/components/settings/summaries/history";
import { SummarySettingsForm } from "@/components/settings/summaries/settings-form";
import { TryPanel } from "@/components/settings/summaries/try-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";
import { isEmailConfigured, isEmailingSummaries } from "@/lib/summaries/email";
import { defaultSummarySettings, listSummarySettingsVersions } from "@/lib/summaries/settings";
import { diffSettings } from "@/lib/summaries/settings-diff";
import { MAX_TRY_CALLS, recentCallsToTry } from "@/lib/summaries/try-summaries";

import {
  restoreSummarySettingsAction,
  saveSummarySettingsAction,
  setEmailSummariesAction,
  testConnectionAction,
  trySummariesAction,
} from "./actions";

export const metadata: Metadata = { title: "Summaries" };

const FORM_ID = "summary-settings";

export default async function SummarySettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db, role, user } = await requireOrgMember((await params).org);
  const canEdit = hasRole(role, "admin");
  const [versions, recent, isEmailing] = await Promise.all([
    listSummarySettingsVersions(db, org.id),
    canEdit ? recentCallsToTry(db, org.id) : Promise.resolve([]),
    isEmailingSummaries(db, org.id, user.id),
  ]);
  const settings = versions[0] ?? defaultSummarySettings;
  const history: HistoryEntry[] = versions.map((v, i) => ({
    settings: v,
    diff: diffSettings(versions[i + 1] ?? defaultSummarySettings, v),
  }));

  return (
    <div className="max-w-4xl space-y-6">
      <DraftFeedbackProvider>
        <Card>
          <CardHeader
            title="Summary instructions"
            description={
              canEdit
                ? "How summaries are made for calls that arrive without one, and when someone regenerates one."
                : "How summaries are made. Only admins and owners can change this."
            }
          />
          <CardBody>
            <SummarySettingsForm
              orgSlug={org.slug}
              formId={FORM_ID}
              settings={settings}
              canEdit={canEdit}
              saveAction={saveSummarySettingsAction}
              testAction={testConnectionAction}
            />
          </CardBody>
        </Card>

        {canEdit && (
          <Card>
            <CardHeader
              title="Try before saving"
              description="Run the draft above on recent calls and compare it with what they have now."
            />
            <CardBody>
              <TryPanel formId={FORM_ID} calls={recent} max={MAX_TRY_CALLS} tryAction={trySummariesAction} />
            </CardBody>
          </Card>
        )}
      </DraftFeedbackProvider>

      <Card>
        <CardHeader
          title="History"
          description="Every save is a version with its author; restoring one saves it again as the newest."
        />
        <CardBody>
          <SettingsHistory
            orgSlug={org.slug}
            entries={history}
            currentVersion={settings.version}
            canEdit={canEdit}
            restoreAction={restoreSummarySettingsAction}
          />
        </CardBody>
      </Card>

      {isEmailConfigured() && (
        <Card>
          <CardHeader title="Email" description="Your own choice; it changes nothing for the others." />
          <CardBody>
            <EmailToggle orgSlug={org.slug} isOn={isEmailing} email={user.email} action={setEmailSummariesAction} />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
