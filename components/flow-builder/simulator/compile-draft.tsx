import { Alert } from "@/components/ui/alert";
import { compileFlow, FlowCompileError, type Program } from "@/lib/flows/compile";
import type { FlowDocument } from "@/lib/flows/schema";

// The draft as a program, or why it cannot run: the same check publishing makes.

export type DraftCompile = { ok: true; program: Program } | { ok: false; message: string; errors: string[] };

export function compileDraft(document: FlowDocument): DraftCompile {
  try {
    return { ok: true, program: compileFlow(document) };
  } catch (error) {
    if (error instanceof FlowCompileError)
      return {
        ok: false,
        message: error.message,
        errors: error.issues.filter((i) => i.severity === "error").map((i) => i.message),
      };
    return { ok: false, message: error instanceof Error ? error.message : String(error), errors: [] };
  }
}

export function CompileErrors({ compiled, what }: { compiled: Extract<DraftCompile, { ok: false }>; what: string }) {
  const shown = compiled.errors.slice(0, 8);
  return (
    <Alert tone="error" title={`The draft does not compile: fix the errors listed to ${what}.`}>
      {shown.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-4 text-xs">
          {shown.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
          {compiled.errors.length > shown.length && <li>and {compiled.errors.length - shown.length} more</li>}
        </ul>
      ) : (
        <p className="text-xs">{compiled.message}</p>
      )}
    </Alert>
  );
}
