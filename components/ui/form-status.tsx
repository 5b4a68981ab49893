import type { ActionState } from "@/lib/auth/org-action";

import { Alert } from "./alert";

/** The outcome of a form's last submit: its error, or its success message. */
export function FormStatus({ state }: { state: ActionState<unknown> }) {
  if (!state) return null;
  if (!state.ok) return <Alert tone="error">{state.error}</Alert>;
  return state.message ? <Alert tone="success">{state.message}</Alert> : null;
}
