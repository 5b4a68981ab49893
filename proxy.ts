// Every request Next.js handles: a per-request nonce Content-Security-Policy and the other
// security headers, and cross-site server action posts refused with 403. (The custom server
// answers /api/aiflow and /api/hooks itself: JSON for machines, no page to protect.)
import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/lib/env";
import { isCrossSiteActionPost } from "@/lib/web-security/action-origin";
import { newNonce, securityHeaders } from "@/lib/web-security/security-headers";

export function proxy(request: NextRequest) {
  const env = getEnv();
  if (
    isCrossSiteActionPost({
      method: request.method,
      pathname: request.nextUrl.pathname,
      headers: request.headers,
      appUrl: env.appUrl,
    })
  ) {
    return new NextResponse("Cross-site requests are not allowed.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const headers = securityHeaders({ nonce: newNonce(), isDev: env.nodeEnv === "development", appUrl: env.appUrl });
  // Next.js reads the nonce from the request's policy and stamps it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files carry no inline scripts; next.config.ts gives them the static headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
