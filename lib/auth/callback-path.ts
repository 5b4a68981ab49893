/** A safe same-site path to come back to after signing in, or undefined for anything else. */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return undefined;
  return value.slice(0, 2000);
}
