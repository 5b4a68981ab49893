import { PhoneCall } from "lucide-react";

export function Logo({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-fg ${className ?? ""}`}>
      <span className="flex size-7 items-center justify-center rounded-md bg-accent text-accent-fg">
        <PhoneCall className="size-4" aria-hidden />
      </span>
      Switchboard
    </span>
  );
}
