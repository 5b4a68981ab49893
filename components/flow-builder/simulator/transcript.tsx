"use client";

import { useEffect, useRef, type ReactNode } from "react";

import { cn } from "@/components/ui/cn";
import { plainTextOfSsml, utteranceOf, type AiFlowAction } from "@/lib/aiflow/protocol";
import type { Effect, EffectResult } from "@/lib/flows/session-state";

import type { LogEntry } from "./use-sim-call";

// The call as the caller experiences it: what each side said or pressed, and what happened to
// the call (transfer, hang-up, effects), as chat bubbles and system lines.

type Line = { key: string; side: "caller" | "assistant" | "system" | "warning"; text: ReactNode; note?: string };

function actionLine(action: AiFlowAction): Omit<Line, "key"> {
  switch (action.type) {
    case "speak":
      return {
        side: "assistant",
        text: action.text ?? plainTextOfSsml(action.ssml ?? ""),
        note: action.ssml ? "SSML" : undefined,
      };
    case "audio":
      return { side: "assistant", text: "♪ audio" };
    case "transfer":
      return {
        side: "system",
        text: `Transferred to ${action.target_phone_number} (shown as ${action.caller_id_name})`,
      };
    case "hangup":
      return { side: "system", text: "The assistant hung up" };
    case "barge_in":
      return { side: "system", text: "The assistant interrupted its own playback" };
  }
}

function effectLine(effect: Effect, result: EffectResult, isOffline: boolean): Omit<Line, "key"> {
  const what = effect.kind === "ai" ? "AI reply" : `HTTP ${effect.method} ${effect.url}`;
  if (isOffline)
    return { side: "system", text: `${what}: not run in a member's simulation; the flow takes its fallback path` };
  if (result.kind === "ai")
    return result.error
      ? { side: "warning", text: `${what} failed (${result.error}); the fallback is said` }
      : { side: "system", text: `${what}: the model answered` };
  if (result.kind === "http" && result.ok) return { side: "system", text: `${what} → ${result.status ?? "ok"}` };
  return {
    side: "warning",
    text: `${what} failed${result.error ? `: ${result.error}` : ""}; the flow takes its "failed" exit`,
  };
}

function linesOf(entries: readonly LogEntry[]): Line[] {
  return entries.flatMap((entry): Line[] => {
    const key = String(entry.id);
    if (entry.kind === "effect") return [{ key, ...effectLine(entry.effect, entry.result, entry.isOffline) }];
    if (entry.kind === "reply") {
      return [
        ...entry.actions.map((a, i) => ({ key: `${key}.${i}`, ...actionLine(a) })),
        ...entry.violations.map((v, i): Line => ({
          key: `${key}.v${i}`,
          side: "warning",
          text: `Not sent, it breaks the protocol: ${v}`,
        })),
      ];
    }
    const event = entry.event;
    switch (event.type) {
      case "session_start":
        return [{ key, side: "system", text: `Call from ${event.session.from_phone_number ?? "unknown"}` }];
      case "user_speak":
      case "user_barge_in":
        return [
          {
            key,
            side: "caller",
            text: utteranceOf(event),
            note: event.type === "user_barge_in" || event.barged_in ? "barged in" : undefined,
          },
        ];
      case "dtmf_received":
        return [{ key, side: "caller", text: `Pressed ${event.digit}`, note: "keypad" }];
      case "user_input_timeout":
        return [{ key, side: "system", text: "The caller stayed silent (timeout)" }];
      case "session_end":
        return [
          { key, side: "system", text: `Call ended${event.reason ? ` · ${event.reason.replace(/_/g, " ")}` : ""}` },
        ];
      default:
        return [];
    }
  });
}

const bubble = {
  caller: "ml-auto rounded-br-sm bg-accent text-accent-fg",
  assistant: "mr-auto rounded-bl-sm bg-surface-muted text-fg",
} as const;

export function Transcript({ entries, isBusy }: { entries: readonly LogEntry[]; isBusy: boolean }) {
  const list = useRef<HTMLOListElement>(null);
  const lines = linesOf(entries);
  // Newest last and in view, without scrolling the panel around it.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length]);
  return (
    <ol
      ref={list}
      role="log"
      aria-label="Conversation"
      className="max-h-96 min-h-32 space-y-2 overflow-y-auto rounded-md border border-border bg-surface p-3 text-sm"
    >
      {lines.length === 0 && <li className="py-6 text-center text-fg-muted">Start a call to talk to the draft.</li>}
      {lines.map((line) =>
        line.side === "caller" || line.side === "assistant" ? (
          <li
            key={line.key}
            className={cn(
              "w-fit max-w-[85%] rounded-2xl px-3 py-1.5 break-words whitespace-pre-wrap",
              bubble[line.side],
            )}
          >
            <span className="sr-only">{line.side === "caller" ? "Caller: " : "Assistant: "}</span>
            {line.text}
            {line.note && <span className="ml-1.5 text-xs opacity-75">· {line.note}</span>}
          </li>
        ) : (
          <li
            key={line.key}
            className={cn(
              "px-2 text-center text-xs break-words",
              line.side === "warning" ? "text-warning" : "text-fg-muted",
            )}
          >
            {line.text}
          </li>
        ),
      )}
      {isBusy && (
        <li className="text-xs text-fg-muted" aria-live="off">
          …
        </li>
      )}
    </ol>
  );
}
