// GET|POST /api/auth/* – next-auth (credentials and optional OIDC sign-in, sign-out, session)
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

import { getAuthOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, context: Context) {
  return NextAuth(req, context, getAuthOptions());
}

export { handler as GET, handler as POST };
