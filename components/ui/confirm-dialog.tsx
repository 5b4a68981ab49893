"use client";

import { Dialog } from "radix-ui";
import type { ReactNode } from "react";

import { Button, type ButtonVariant } from "./button";

/**
 * Asks before a destructive step. Confirming submits the given form (by id), so the action stays
 * a plain server-action form that works like every other one.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  formId,
  variant = "danger",
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  formId: string;
  variant?: ButtonVariant;
}) {
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-border bg-surface p-5 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-fg">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-2 text-sm text-fg-muted">{description}</div>
          </Dialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Cancel</Button>
            </Dialog.Close>
            <Dialog.Close asChild>
              <Button
                variant={variant}
                onClick={() => {
                  const form = document.getElementById(formId);
                  if (form instanceof HTMLFormElement) form.requestSubmit();
                }}
              >
                {confirmLabel}
              </Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
