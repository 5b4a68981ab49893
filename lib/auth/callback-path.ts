const probe = "http://switchboard.invalid";

/**
 * The path, query and fragment of a URL on this site, normalised so that nothing downstream (the
 * browser, the Next.js router, a Location header) can read it as another site's address; or
 * undefined for anything else. Accepts a path ("/demo/calls") or a full URL of `origin`.
 */
export function sameSitePath(value: string | null | undefined, origin?: string): string | undefined {
  if (!value || value.length > 2000) return undefined;
  // Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.com" is "//evil.com":
  // refuse them, then make sure the path really resolves to this site.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, probe);
  } catch {
    return undefined;
  }
  const isOurs = url.origin === probe ? value.startsWith("/") : origin !== undefined && url.origin === origin;
  if (!isOurs) return undefined;
  // Encoded slashes, backslashes and control characters have no use in our routes, and any layer
  // that decodes the path before redirecting ("/%2F%2Fevil.example") would make them another site.
  if (/%(2f|5c|[01][0-9a-f]|7f)/i.test(url.pathname)) return undefined;
  // Resolving dot segments can leave a protocol-relative path ("/.//evil.example" and
  // "/x/../..//evil.example" become "//evil.example"); runs of slashes mean nothing to our routes.
  const pathname = url.pathname.replace(/\/{2,}/g, "/");
  return `${pathname}${url.search}${url.hash}`;
}

/** A safe same-site path to come back to after signing in, or undefined for anything else. */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  const path = sameSitePath(value);
  if (!path || path.startsWith("/sign-in") || path.startsWith("/api/")) return undefined;
  return path;
}
