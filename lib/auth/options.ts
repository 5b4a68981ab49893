import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { findUserByEmail } from "@/lib/users/queries";

import { sameSitePath } from "./callback-path";
import { clientIp } from "./client-ip";
import { createSession, revokeSession, SESSION_SECONDS } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { encodeInvalid, encodeThrottled } from "./sign-in-messages";

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    uid?: string;
  }
}

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile>[] {
  const oidc = getEnv().oidc;
  if (!oidc) return [];
  return [
    {
      id: "oidc",
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile) => ({
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? null,
      }),
    },
  ];
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration: credentials (and OIDC when configured), JWT sessions backed by a session row. */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    jwt: { maxAge: SESSION_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = req.headers ?? {};
          const userAgent: unknown = Reflect.get(headers, "user-agent");
          const outcome = await signInWithPassword(await getDb(), {
            email: credentials?.email,
            password: credentials?.password,
            ip: clientIp(headers),
            userAgent: typeof userAgent === "string" ? userAgent : undefined,
          });
          if (outcome.kind === "throttled") throw new Error(encodeThrottled(outcome.until, outcome.scope));
          if (outcome.kind === "invalid") throw new Error(encodeInvalid(outcome.attemptsLeft, outcome.limit));
          return {
            id: outcome.user.id,
            email: outcome.user.email,
            name: outcome.user.name,
            sessionId: outcome.sessionId,
          };
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      // Single sign-on admits only people an admin has already added.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = profile?.email?.toLowerCase();
        const verified: unknown = profile ? Reflect.get(profile, "email_verified") : undefined;
        if (!email || verified === false) return "/sign-in?error=NoAccount";
        return (await findUserByEmail(await getDb(), email)) ? true : "/sign-in?error=NoAccount";
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        if (account?.provider === "oidc" && user.email) {
          const db = await getDb();
          const known = await findUserByEmail(db, user.email);
          if (!known) return token;
          const session = await createSession(db, known.id);
          return { ...token, sub: known.id, uid: known.id, sid: session.id };
        }
        return { ...token, uid: user.id, sid: user.sessionId };
      },
      // next-auth's default accepts any path starting with "/", so "/.//evil.example" came back
      // as "//evil.example" resolved against our origin and the browser went elsewhere. Every
      // callbackUrl it is handed (password sign-in, single sign-on, sign-out) ends on this site.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${sameSitePath(url, baseUrl) ?? "/"}`;
      },
      session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(await getDb(), token.sid);
      },
    },
  };
  return cached;
}
