import Link from "next/link";
import { connection } from "next/server";

import { buttonClasses } from "@/components/ui/button";

export default async function NotFound() {
  // Rendered per request, never prerendered: a prerendered page's scripts cannot carry the
  // request's CSP nonce (proxy.ts), so the browser would refuse to run them.
  await connection();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="mt-2 max-w-md text-sm text-fg-muted">
        The address may be mistyped, or it belongs to an organisation you are not a member of.
      </p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to your dashboard
      </Link>
    </main>
  );
}
