"use client";

import { Mic, PhoneOff, Send, Timer, Zap } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";

// What the caller can do: speak, stay silent, talk over the assistant, press keys, hang up.

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;

type Props = {
  isDisabled: boolean;
  isPlaying: boolean;
  autoSpeechEnded: boolean;
  onSay: (text: string) => void;
  onBargeIn: (text: string) => void;
  onSilence: () => void;
  onDtmf: (digit: string) => void;
  onHangUp: () => void;
  onSpeechEnded: () => void;
  onAutoSpeechEnded: (value: boolean) => void;
};

export function CallControls(props: Props) {
  const [text, setText] = useState("");
  const { isDisabled } = props;
  const take = () => {
    const said = text.trim();
    setText("");
    return said;
  };
  return (
    <div className="space-y-3">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && !isDisabled) props.onSay(take());
        }}
      >
        <input
          className={inputClasses}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Caller says…"
          aria-label="Caller says"
          maxLength={2000}
          disabled={isDisabled}
        />
        <Button type="submit" disabled={isDisabled || !text.trim()}>
          <Send className="size-4" aria-hidden />
          Send
        </Button>
      </form>

      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={isDisabled}
          onClick={props.onSilence}
          title="No speech before the timeout: user_input_timeout"
        >
          <Timer className="size-4" aria-hidden />
          Silence
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={isDisabled}
          onClick={() => props.onBargeIn(take() || "Wait")}
          title='The caller talks over the assistant: user_speak with barged_in (the text typed, or "Wait")'
        >
          <Zap className="size-4" aria-hidden />
          Barge in
        </Button>
        {!props.autoSpeechEnded && (
          <Button variant="secondary" size="sm" disabled={isDisabled || !props.isPlaying} onClick={props.onSpeechEnded}>
            <Mic className="size-4" aria-hidden />
            Speech ended
          </Button>
        )}
        <Button variant="danger" size="sm" disabled={isDisabled} onClick={props.onHangUp} className="ml-auto">
          <PhoneOff className="size-4" aria-hidden />
          Hang up
        </Button>
      </div>

      <div className="flex items-start gap-3">
        <div role="group" aria-label="Keypad" className="grid w-36 shrink-0 grid-cols-3 gap-1">
          {KEYS.map((key) => (
            <Button
              key={key}
              variant="secondary"
              size="sm"
              className="h-8 px-0 font-mono"
              disabled={isDisabled}
              aria-label={`Digit ${key}`}
              onClick={() => props.onDtmf(key)}
            >
              {key}
            </Button>
          ))}
        </div>
        <div className="space-y-2 text-xs text-fg-muted">
          <label className="flex items-center gap-2 text-sm text-fg">
            <input
              type="checkbox"
              className="size-4 accent-accent"
              checked={props.autoSpeechEnded}
              onChange={(e) => props.onAutoSpeechEnded(e.target.checked)}
            />
            Auto speech ended
          </label>
          <p>
            {props.autoSpeechEnded
              ? "Like the platform: each utterance is played, then assistant_speak and assistant_speech_ended are sent."
              : "Each utterance keeps playing until you press Speech ended; talking now counts as barging in."}
          </p>
          <p className={cn(!props.isPlaying && "invisible")} aria-live="polite">
            {props.isPlaying ? "The assistant is speaking…" : ""}
          </p>
        </div>
      </div>
    </div>
  );
}
