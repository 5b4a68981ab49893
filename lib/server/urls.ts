import { getEnv } from "@/lib/env";

/** A link for people and vendors outside the app: APP_URL plus the path (APP_URL itself for ""). */
export function absoluteUrl(path: string): string {
  const base = getEnv().appUrl;
  if (!path) return base;
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}
