"use client";

import { createContext, useContext, useTransition, type FormHTMLAttributes } from "react";

const PendingContext = createContext(false);

/** True while the enclosing ActionForm's action runs. */
export const useActionPending = () => useContext(PendingContext);

/**
 * A form that runs a server action without React's automatic form reset, so a refused submit
 * keeps what the user typed next to the error messages.
 */
export function ActionForm({
  action,
  children,
  ...props
}: { action: (formData: FormData) => void } & Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit">) {
  const [isPending, startTransition] = useTransition();
  return (
    <PendingContext.Provider value={isPending}>
      <form
        {...props}
        aria-busy={isPending || undefined}
        onSubmit={(event) => {
          event.preventDefault();
          const formData = new FormData(event.currentTarget);
          startTransition(() => action(formData));
        }}
      >
        {children}
      </form>
    </PendingContext.Provider>
  );
}
