import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ActionItems } from "@/components/calls/call-detail/action-items";
import { CallHeader } from "@/components/calls/call-detail/call-header";
import { SmallTalkCard, SmartAnswersCard } from "@/components/calls/call-detail/insights-card";
import { PartiesCard } from "@/components/calls/call-detail/parties-card";
import { PayloadsCard } from "@/components/calls/call-detail/payloads-card";
import { SummaryCard } from "@/components/calls/call-detail/summary-card";
import { RegenerateSummary, SummaryVersions } from "@/components/calls/call-detail/summary-versions";
import { Transcript } from "@/components/calls/call-detail/transcript";
import { toTranscriptLines } from "@/components/calls/call-detail/transcript-lines";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { loadCallPage, PAYLOAD_PREVIEW_BYTES } from "@/lib/calls/call-page";
import { flowOfCall } from "@/lib/flows/sessions";
import { isUuid } from "@/lib/ids";
import { listCallSummaries } from "@/lib/summaries/call-summaries";

import { regenerateSummaryAction, setActionItemDoneAction, showSummaryAction } from "./actions";

export const metadata: Metadata = { title: "Call" };

export default async function CallPage({ params }: { params: Promise<{ org: string; callId: string }> }) {
  const { org: slug, callId } = await params;
  const { org, db } = await requireOrgMember(slug);
  if (!isUuid(callId)) notFound();
  const [call, versions = [], flow] = await Promise.all([
    loadCallPage(db, org.id, callId),
    listCallSummaries(db, org.id, callId),
    flowOfCall(db, org.id, callId),
  ]);
  if (!call) notFound();
  const lines = toTranscriptLines(call.transcript, call.direction, call.parties);

  return (
    <div className="space-y-6">
      <CallHeader orgSlug={org.slug} call={call} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <SummaryCard
            summary={call.summary}
            summaryHtml={call.summaryHtml}
            note={call.note}
            shown={versions.find((v) => v.isShown)}
            actions={
              call.transcript.length > 0 ? (
                <RegenerateSummary
                  orgSlug={org.slug}
                  callId={call.id}
                  versions={versions}
                  regenerateAction={regenerateSummaryAction}
                />
              ) : undefined
            }
          >
            <SummaryVersions orgSlug={org.slug} callId={call.id} versions={versions} showAction={showSummaryAction} />
          </SummaryCard>
          {call.actionItems.length > 0 && (
            <Card>
              <CardHeader
                title="Action items"
                description={`${call.openActionItems} of ${call.actionItems.length} open`}
              />
              <div className="px-5 py-1">
                <ActionItems
                  orgSlug={org.slug}
                  callId={call.id}
                  items={call.actionItems}
                  action={setActionItemDoneAction}
                />
              </div>
            </Card>
          )}
          <Card>
            <CardHeader title="Transcript" />
            {lines.length > 0 ? (
              <Transcript lines={lines} />
            ) : (
              <CardBody>
                <p className="text-sm text-fg-muted">The vendor sent no transcript for this call.</p>
              </CardBody>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <PartiesCard parties={call.parties} />
          {flow && (
            <Card>
              <CardHeader title="Answered by" />
              <CardBody className="space-y-1 text-sm">
                <Link href={`/${org.slug}/flows/${flow.flowId}`} className="font-medium text-accent hover:underline">
                  {flow.flowName}
                </Link>
                {flow.version !== null && (
                  <p className="text-fg-muted">
                    Version {flow.version} ·{" "}
                    <a
                      href={`/${org.slug}/flows/${flow.flowId}/export?version=${flow.version}`}
                      className="text-accent hover:underline"
                      download
                    >
                      download it
                    </a>
                  </p>
                )}
              </CardBody>
            </Card>
          )}
          {call.smartAnswers.length > 0 && <SmartAnswersCard answers={call.smartAnswers} />}
          {call.smallTalk.length > 0 && <SmallTalkCard items={call.smallTalk} />}
        </div>
      </div>

      <PayloadsCard payloads={call.payloads} previewBytes={PAYLOAD_PREVIEW_BYTES} />
    </div>
  );
}
