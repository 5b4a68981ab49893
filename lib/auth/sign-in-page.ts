import { getEnv } from "@/lib/env";

import { safeCallbackPath } from "./callback-path";
import { getCurrentUser } from "./current-user";

/** What the sign-in page needs: whether someone is already signed in, and which methods exist. */
export async function signInPageState(callbackUrl: string | undefined) {
  const oidc = getEnv().oidc;
  return {
    isSignedIn: (await getCurrentUser()) !== null,
    callbackPath: safeCallbackPath(callbackUrl) ?? "/",
    oidcName: oidc?.name,
  };
}
