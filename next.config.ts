import type { NextConfig } from "next";

// For every response Next.js serves, static files included. Pages also get a per-request nonce
// Content-Security-Policy and, for an https APP_URL, HSTS from proxy.ts: both depend on the
// request or on run-time settings, and these headers are fixed at build time.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded from node_modules at run time, not bundled: native or WASM code, and the database
  // clients that the custom server shares with Next.js through one process-wide connection.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg-boss", "pg", "drizzle-orm", "@node-rs/argon2"],
  // Type checking is its own step (npm run typecheck, run by CI) over the whole project, tests
  // included; the build does not repeat it, so a test file in progress cannot break `npm start`.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    authInterrupts: true,
    // vCon uploads in the browser (one document per request) may carry inline recordings.
    serverActions: { bodySizeLimit: "26mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
