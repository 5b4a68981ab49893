const probe = "http://switchboard.invalid";

/** A safe same-site path to come back to after signing in, or undefined for anything else. */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2000 || !value.startsWith("/")) return undefined;
  // Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.com" is "//evil.com":
  // refuse them, then make sure the path really resolves to this site.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, probe);
  } catch {
    return undefined;
  }
  if (url.origin !== probe) return undefined;
  if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
