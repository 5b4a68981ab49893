"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { orgAction } from "@/lib/auth/org-action";
import { roles } from "@/lib/auth/roles";
import { addMember, addMemberSchema, type AddMemberView } from "@/lib/members/add-member";
import { changeMemberRole } from "@/lib/members/change-role";
import { revokeInvitation } from "@/lib/members/invitations";
import { removeMember } from "@/lib/members/remove-member";
import { absoluteUrl } from "@/lib/server/urls";

const membersPath = (slug: string) => `/${slug}/settings/members`;

export const addMemberAction = orgAction<typeof addMemberSchema, AddMemberView>(
  "admin",
  addMemberSchema,
  async ({ db, org, user, role }, input) => {
    const result = await addMember(db, org.id, { userId: user.id, label: user.email, role }, input);
    revalidatePath(membersPath(org.slug));
    const { email, method, token, expiresAt, oneTimePassword, isEmailed } = result;
    return {
      data: {
        email,
        method,
        url: absoluteUrl(`/invite/${token}`),
        expiresAt: expiresAt.toISOString(),
        oneTimePassword,
        isEmailed,
      },
    };
  },
);

const memberRef = z.object({ userId: z.uuid("Unknown member.") });

export const changeRoleAction = orgAction(
  "admin",
  memberRef.extend({ role: z.enum(roles) }),
  async ({ db, org, user, role }, input) => {
    await changeMemberRole(db, org.id, { userId: user.id, label: user.email, role }, input);
    revalidatePath(membersPath(org.slug));
    return { message: "Role changed." };
  },
);

export const removeMemberAction = orgAction("admin", memberRef, async ({ db, org, user, role }, input) => {
  await removeMember(db, org.id, { userId: user.id, label: user.email, role }, input.userId);
  if (input.userId === user.id) redirect("/");
  revalidatePath(membersPath(org.slug));
  return { message: "Member removed." };
});

export const revokeInvitationAction = orgAction(
  "admin",
  z.object({ invitationId: z.uuid() }),
  async ({ db, org, user }, input) => {
    await revokeInvitation(db, org.id, input.invitationId, { userId: user.id, label: user.email });
    revalidatePath(membersPath(org.slug));
    return { message: "Invitation revoked." };
  },
);
