import { PhoneIncoming, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { InboxFilters } from "@/components/calls/inbox/inbox-filters";
import { InboxTable } from "@/components/calls/inbox/inbox-table";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole } from "@/lib/auth/roles";
import { inboxFacets } from "@/lib/calls/search/facets";
import { searchInbox } from "@/lib/calls/search/inbox";
import { inboxQueryString, readInboxParams } from "@/lib/calls/search/params";

import { deleteCallsAction, regenerateSummariesAction } from "./actions";

export const metadata: Metadata = { title: "Calls" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CallsPage({ params, searchParams }: Props) {
  const { org, db, role } = await requireOrgMember((await params).org);
  const raw = await searchParams;
  const { params: inbox, notices } = readInboxParams(raw);
  const [result, facets] = await Promise.all([searchInbox(db, org.id, inbox, notices), inboxFacets(db, org.id)]);
  const isAdmin = hasRole(role, "admin");
  const current = inboxQueryString({ ...inbox, cursor: undefined });
  const isFiltered = current !== "";
  const values = Object.fromEntries(new URLSearchParams(current));
  const base = `/${org.slug}/calls`;
  const countText = result.total.isAtLeast
    ? `${result.total.count.toLocaleString("en")}+`
    : result.total.count.toLocaleString("en");

  if (!isFiltered && !inbox.cursor && result.rows.length === 0) {
    return (
      <>
        <PageHeader title="Calls" />
        <EmptyState
          icon={PhoneIncoming}
          title="No calls yet"
          action={
            isAdmin ? (
              <div className="flex gap-2">
                <Link href={`/${org.slug}/settings/integrations`} className={buttonClasses()}>
                  Connect a vendor
                </Link>
                <Link href={`${base}/import`} className={buttonClasses("secondary")}>
                  Import vCon files
                </Link>
              </div>
            ) : undefined
          }
        >
          Calls appear here as soon as a vendor delivers them. Connect a vendor in Settings → Integrations
          {isAdmin ? ", or import vCon files." : " (ask an admin of your organisation)."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Calls"
        description={`${countText} call${result.total.count === 1 ? "" : "s"}${isFiltered ? " match" : ""}`}
        actions={
          isAdmin ? (
            <Link href={`${base}/import`} className={buttonClasses("secondary")}>
              Import vCon
            </Link>
          ) : undefined
        }
      />
      <div className="space-y-4">
        {/* Keyed by the search, so links to another search (Clear, the pages) show its values. */}
        <InboxFilters key={current} orgSlug={org.slug} values={values} facets={facets} isFiltered={isFiltered} />
        {result.notices.map((n) => (
          <Alert key={n} tone="warning">
            {n}
          </Alert>
        ))}
        {result.rows.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title="No calls match"
            action={
              <Link href={base} className={buttonClasses("secondary")}>
                Show all calls
              </Link>
            }
          >
            Try fewer words, another spelling, or a wider date range.
          </EmptyState>
        ) : (
          <InboxTable
            orgSlug={org.slug}
            rows={result.rows}
            highlight={result.highlight}
            searchQuery={current}
            total={result.total}
            canDelete={isAdmin}
            deleteAction={deleteCallsAction}
            regenerateAction={regenerateSummariesAction}
          />
        )}
        <nav className="flex items-center justify-between text-sm" aria-label="Pages">
          {inbox.cursor ? (
            <Link href={`${base}${current}`} className={buttonClasses("secondary", "sm")}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {result.nextCursor && (
            <Link
              href={`${base}${inboxQueryString(inbox, { cursor: result.nextCursor })}`}
              className={buttonClasses("secondary", "sm")}
              rel="next"
            >
              Next page
            </Link>
          )}
        </nav>
      </div>
    </>
  );
}
