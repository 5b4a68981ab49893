"use client";

import { useId, useRef, useState, type ReactNode } from "react";

import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";

// The inspector's small field components: a label, the control, and the message beside it.

export type FieldErrors = Record<string, string>;

export function Field({
  label,
  error,
  hint,
  children,
  id,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-fg">
        {label}
      </label>
      {children}
      {error ? (
        <p className="text-xs text-danger" role="alert" id={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-fg-muted">{hint}</p>
      ) : null}
    </div>
  );
}

type Common = { label: string; error?: string; hint?: ReactNode; readOnly: boolean };

export function TextInput({
  label,
  error,
  hint,
  readOnly,
  value,
  onChange,
  placeholder,
}: Common & { value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <input
        id={id}
        className={cn(inputClasses, "h-8")}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function NumberInput({
  label,
  error,
  hint,
  readOnly,
  value,
  onChange,
  min,
  max,
  step,
}: Common & {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <input
        id={id}
        type="number"
        className={cn(inputClasses, "h-8")}
        value={value === undefined || Number.isNaN(value) ? "" : value}
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
    </Field>
  );
}

export function Select<T extends string>({
  label,
  error,
  hint,
  readOnly,
  value,
  onChange,
  options,
}: Common & { value: T; onChange: (v: T) => void; options: ReadonlyArray<{ value: T; label: string }> }) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <select
        id={id}
        className={cn(inputClasses, "h-8")}
        value={value}
        disabled={readOnly}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

const openTemplate = /\{\{\s*([A-Za-z0-9_]*)$/;

/**
 * A text area that offers variables: typing `{{` lists the flow's variables, filtered as you
 * type; arrow keys choose, Enter or Tab inserts `{{name}}`, Escape closes.
 */
export function VariableText({
  label,
  error,
  hint,
  readOnly,
  value,
  onChange,
  variables,
  rows = 3,
  placeholder,
}: Common & {
  value: string;
  onChange: (v: string) => void;
  variables: readonly string[];
  rows?: number;
  placeholder?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const matches =
    query === null ? [] : variables.filter((v) => v.toLowerCase().startsWith(query.toLowerCase())).slice(0, 8);

  const refresh = (text: string, caret: number) => {
    const match = openTemplate.exec(text.slice(0, caret));
    setQuery(match ? (match[1] ?? "") : null);
    setIndex(0);
  };
  const insert = (name: string) => {
    const area = ref.current;
    if (!area) return;
    const caret = area.selectionStart;
    const before = value.slice(0, caret).replace(openTemplate, "");
    const after = value.slice(caret).replace(/^[A-Za-z0-9_]*\s*\}\}/, "");
    const next = `${before}{{${name}}}${after}`;
    onChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      const at = before.length + name.length + 4;
      area.setSelectionRange(at, at);
      area.focus();
    });
  };

  return (
    <Field label={label} error={error} hint={hint ?? "Type {{ for variables."} id={id}>
      <div className="relative">
        <textarea
          ref={ref}
          id={id}
          rows={rows}
          className={cn(inputClasses, "h-auto py-1.5")}
          value={value}
          placeholder={placeholder}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-autocomplete="list"
          aria-controls={`${id}-variables`}
          onChange={(e) => {
            onChange(e.target.value);
            refresh(e.target.value, e.target.selectionStart);
          }}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
          onKeyDown={(e) => {
            if (matches.length === 0) return;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setIndex((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
            } else if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              const chosen = matches[index];
              if (chosen) insert(chosen);
            } else if (e.key === "Escape") {
              e.stopPropagation();
              setQuery(null);
            }
          }}
        />
        {matches.length > 0 && (
          <ul
            id={`${id}-variables`}
            role="listbox"
            aria-label="Variables"
            className="absolute z-20 mt-1 max-h-48 w-full overflow-auto rounded-md border border-border bg-surface py-1 text-sm shadow-lg"
          >
            {matches.map((name, i) => (
              <li
                key={name}
                role="option"
                aria-selected={i === index}
                className={cn("cursor-pointer px-3 py-1 font-mono text-xs", i === index && "bg-accent-soft")}
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(name);
                }}
              >
                {`{{${name}}}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Field>
  );
}

/** A list of rows with remove buttons and an add button (branches, options, rules, headers). */
export function ListEditor<T>({
  title,
  items,
  render,
  onAdd,
  onRemove,
  addLabel,
  readOnly,
  error,
}: {
  title: string;
  items: readonly T[];
  render: (item: T, i: number) => ReactNode;
  onAdd: () => void;
  onRemove: (i: number) => void;
  addLabel: string;
  readOnly: boolean;
  error?: string;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-fg">{title}</legend>
      {items.map((item, i) => (
        <div key={i} className="relative space-y-2 rounded-md border border-border p-2 pr-8">
          {render(item, i)}
          {!readOnly && (
            <button
              type="button"
              className="absolute top-1.5 right-1.5 rounded px-1 text-fg-muted hover:bg-surface-muted hover:text-danger"
              aria-label={`Remove ${title.toLowerCase()} ${i + 1}`}
              onClick={() => onRemove(i)}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {error && (
        <p className="text-xs text-danger" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <button type="button" className="text-xs font-medium text-accent hover:underline" onClick={onAdd}>
          + {addLabel}
        </button>
      )}
    </fieldset>
  );
}

/** A fresh id for a branch, option or rule, unique among `taken`. */
export function freshId(prefix: string, taken: readonly string[]): string {
  for (let i = taken.length + 1; ; i++) if (!taken.includes(`${prefix}_${i}`)) return `${prefix}_${i}`;
}

const splitWords = (value: string): string[] =>
  value
    .split(",")
    .map((w) => w.trim())
    .filter((w) => w !== "");

/** Comma-separated words (keywords, phrases): the text stays as typed, the list has no empties. */
export function WordsInput({
  label,
  error,
  hint,
  readOnly,
  words,
  onChange,
  placeholder,
}: Common & { words: readonly string[]; onChange: (v: string[]) => void; placeholder?: string }) {
  const [raw, setRaw] = useState(words.join(", "));
  const shown = splitWords(raw).join("\u0000") === words.join("\u0000") ? raw : words.join(", ");
  return (
    <TextInput
      label={label}
      error={error}
      hint={hint}
      readOnly={readOnly}
      value={shown}
      placeholder={placeholder}
      onChange={(v) => {
        setRaw(v);
        onChange(splitWords(v));
      }}
    />
  );
}
