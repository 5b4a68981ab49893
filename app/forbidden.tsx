import Link from "next/link";

import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-accent">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Admins only</h1>
      <p className="mt-2 max-w-md text-sm text-fg-muted">
        Your role in this organisation lets you read, not change this. Ask an admin or owner if you need access.
      </p>
      <Link href="/" className={buttonClasses("secondary", "md", "mt-6")}>
        Back to the dashboard
      </Link>
    </main>
  );
}
