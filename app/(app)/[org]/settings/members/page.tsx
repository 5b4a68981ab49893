import type { Metadata } from "next";

import { AddMemberForm } from "@/components/settings/add-member-form";
import { MemberRowActions, RevokeInvitationButton } from "@/components/settings/member-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { requireOrgMember } from "@/lib/auth/require-org-member";
import { hasRole, roleLabel } from "@/lib/auth/roles";
import { isEmailConfigured } from "@/lib/mail/mailer";
import { listMembers, listOpenInvitations } from "@/lib/members/queries";

import { addMemberAction, changeRoleAction, removeMemberAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org, db, role, user } = await requireOrgMember((await params).org);
  const isAdmin = hasRole(role, "admin");
  const [members, invitations] = await Promise.all([
    listMembers(db, org.id),
    isAdmin ? listOpenInvitations(db, org.id) : [],
  ]);

  return (
    <div className="space-y-6">
      {isAdmin && (
        <Card>
          <CardHeader
            title="Add a member"
            description="Everyone joins by opening an invitation link and signing in as the invited address, or creating its account there. Until then they are listed under open invitations."
          />
          <CardBody>
            <AddMemberForm
              orgSlug={org.slug}
              canGrantOwner={role === "owner"}
              isEmailConfigured={isEmailConfigured()}
              action={addMemberAction}
            />
          </CardBody>
        </Card>
      )}
      <Card>
        <CardHeader
          title="Members"
          description={`${members.length} ${members.length === 1 ? "person has" : "people have"} access to ${org.name}.`}
        />
        <ul className="divide-y divide-border" aria-label="Members">
          {members.map((m) => (
            <li
              key={m.userId}
              className="flex flex-wrap items-center justify-between gap-3 px-5 py-3"
              data-testid={`member-${m.email}`}
            >
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-fg">
                  {m.name || m.email} {m.userId === user.id && <Badge tone="accent">you</Badge>}
                </p>
                <p className="truncate text-xs text-fg-muted">
                  {m.name ? `${m.email} · ` : ""}last sign-in{" "}
                  {m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "never"}
                </p>
                {m.isAdminCreated && (
                  <p className="mt-1">
                    <Badge tone="warning">Account created by an admin with a one-time password</Badge>
                  </p>
                )}
              </div>
              {isAdmin ? (
                <MemberRowActions
                  orgSlug={org.slug}
                  member={m}
                  isSelf={m.userId === user.id}
                  canManageOwners={role === "owner"}
                  changeRole={changeRoleAction}
                  remove={removeMemberAction}
                />
              ) : (
                <Badge tone={m.role === "member" ? "neutral" : "accent"}>{roleLabel[m.role]}</Badge>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {isAdmin && invitations.length > 0 && (
        <Card>
          <CardHeader
            title="Open invitations"
            description="Not members yet: each joins only by redeeming their link. Revoke one to make its link stop working."
          />
          <ul className="divide-y divide-border" aria-label="Open invitations">
            {invitations.map((i) => (
              <li
                key={i.id}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-3"
                data-testid={`invitation-${i.email}`}
              >
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-fg">{i.email}</p>
                  <p className="text-xs text-fg-muted">
                    {roleLabel[i.role]} · invited by {i.invitedBy ?? "a former member"} · expires{" "}
                    {formatDateTime(i.expiresAt)}
                  </p>
                </div>
                <RevokeInvitationButton
                  orgSlug={org.slug}
                  invitationId={i.id}
                  email={i.email}
                  revoke={revokeInvitationAction}
                />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
