// How two base URLs are compared for the stored API key (settings-key.ts). Free of server
// imports, so the settings form can tell as the admin types that the key will be asked for again.

/** A base URL as compared for the key: scheme and host in lower case, no default port, no trailing slash, no fragment. */
export function normalisedBaseUrl(value: string | null | undefined): string {
  const text = (value ?? "").trim();
  try {
    const url = new URL(text);
    url.hash = "";
    url.pathname = url.pathname.replace(/\/+$/, "");
    return url.toString();
  } catch {
    return text.replace(/\/+$/, "");
  }
}

export const isSameBaseUrl = (a: string | null | undefined, b: string | null | undefined) =>
  normalisedBaseUrl(a) === normalisedBaseUrl(b);
