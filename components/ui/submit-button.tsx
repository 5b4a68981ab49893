"use client";

import { Loader2 } from "lucide-react";
import type { ComponentProps } from "react";

import { useActionPending } from "./action-form";
import { Button } from "./button";

/** A form's submit button that shows progress and blocks double submits. */
export function SubmitButton({
  children,
  pendingText,
  ...props
}: ComponentProps<typeof Button> & { pendingText?: string }) {
  const pending = useActionPending();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props}>
      {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}
