// The security headers of every response Next.js renders (set by proxy.ts). Pure, so each rule
// is tested without a server.

export type SecurityHeaderOptions = {
  /** Fresh for every request: the only inline scripts that run are the ones Next.js stamps with it. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks in the browser with eval. */
  isDev: boolean;
  /** APP_URL: HSTS and upgrade-insecure-requests only make sense when it is https. */
  appUrl: string;
};

export function contentSecurityPolicy({ nonce, isDev, appUrl }: SecurityHeaderOptions): string {
  const isHttps = appUrl.startsWith("https://");
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts that the nonce'd Next.js runtime loads (page chunks) are trusted;
    // anything injected into the page without the nonce is not, whatever its origin.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDev ? ["'unsafe-eval'"] : [])],
    // React Flow, Radix and recharts position elements with style attributes, which a nonce
    // cannot cover; injected styles cannot run code, injected scripts are what the policy stops.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    // 'self' covers ws: and wss: of this host too (the dev server's hot reload).
    ["connect-src", "'self'"],
    ["media-src", "'self'", "data:", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // Single sign-on leaves through a script (next-auth answers with the provider's URL), not a
    // form post, so the provider needs no place here.
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(isHttps ? [["upgrade-insecure-requests"] satisfies [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export function securityHeaders(
  options: SecurityHeaderOptions,
): { "Content-Security-Policy": string } & Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    // Only when APP_URL is https: a deployment reached over plain http has no https to promise,
    // and the promise would keep its users out for a year.
    ...(options.appUrl.startsWith("https://")
      ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}

/** A nonce for one response: 128 random bits, base64 as CSP expects. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
