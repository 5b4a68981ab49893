"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

import { Button } from "./button";
import { cn } from "./cn";
import { inputClasses } from "./field";

/** A read-only value (a URL, a token, a password) with a button that copies it. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [isCopied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API unavailable (http on another host): select the text for manual copy.
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          className={cn(inputClasses, "font-mono text-xs")}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={copy} aria-label={`Copy ${label}`}>
          {isCopied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {isCopied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
