import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

import { cn } from "./cn";

export const inputClasses =
  "block w-full rounded-md border border-border bg-surface px-3 h-9 text-sm text-fg shadow-sm placeholder:text-fg-muted/70 focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 disabled:opacity-60 aria-[invalid=true]:border-danger";

type FieldShell = { label: string; name: string; error?: string; hint?: ReactNode; className?: string };

function FieldFrame({ label, name, error, hint, className, children }: FieldShell & { children: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={name} className="block text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${name}-error`} className="text-sm text-danger" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={`${name}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its error (or hint) right below it. */
export function TextField({
  label,
  name,
  error,
  hint,
  className,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint} className={className}>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : hint ? `${name}-hint` : undefined}
        className={cn(inputClasses, input.readOnly && "bg-surface-muted text-fg-muted")}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  className,
  options,
  ...select
}: FieldShell &
  SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint} className={className}>
      <select id={name} name={name} aria-invalid={error ? true : undefined} className={inputClasses} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
