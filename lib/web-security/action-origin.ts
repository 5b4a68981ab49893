// Cross-site server action requests are refused before Next.js sees them: Next.js refuses them
// too, but by throwing, which answers 500 and logs an error for every forged request.

type Request = { method: string; pathname: string; headers: Headers; appUrl: string };

/**
 * Whether this is a POST that Next.js would run as a server action (a `Next-Action` header, or a
 * form posted to a page without JavaScript) sent from another site.
 */
export function isCrossSiteActionPost({ method, pathname, headers, appUrl }: Request): boolean {
  if (method !== "POST") return false;
  if (!headers.has("next-action") && pathname.startsWith("/api/")) return false;
  const origin = headers.get("origin");
  // Browsers send Origin with every POST; without one, no browser was tricked into sending it.
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, file:) and anything unparsable
  }
  // The hosts Next.js itself accepts (Host, X-Forwarded-Host), and APP_URL's: a browser cannot
  // set any of these headers on a request another site makes it send.
  const allowed = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]?.trim(), new URL(appUrl).host];
  return !allowed.includes(host);
}
