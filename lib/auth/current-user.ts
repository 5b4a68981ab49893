import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getDb, type Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

import { safeCallbackPath } from "./callback-path";
import { REQUEST_PATH_HEADER } from "./client-ip";
import { findSessionUser, type CurrentUser } from "./sessions";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user of this request, or null. Reads the next-auth JWT and checks its session
 * row, so a signed-out, expired or revoked session is no session, whatever the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  const raw = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: getEnv().authSecret }).catch(() => null);
  if (!token?.sid) return null;
  return (await findSessionUser(await getDb(), token.sid)) ?? null;
});

/** The signed-in user; anyone else is sent to sign in and brought back here afterwards. */
export async function requireUser(options: { allowPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const here = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER));
  if (!user) redirect(here ? `/sign-in?callbackUrl=${encodeURIComponent(here)}` : "/sign-in");
  if (user.mustChangePassword && !options.allowPasswordChange) {
    redirect(here ? `/account/password?next=${encodeURIComponent(here)}` : "/account/password");
  }
  return user;
}

/** The signed-in user and the database, for pages outside an organisation (account, new organisation). */
export async function requireUserContext(
  options: { allowPasswordChange?: boolean } = {},
): Promise<{ user: CurrentUser; db: Db }> {
  const user = await requireUser(options);
  return { user, db: await getDb() };
}
