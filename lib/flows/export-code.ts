import type { Program } from "./compile";
import { assemble, type Piece } from "./export-code/assemble";

// A published flow as one TypeScript file that answers AI Flow's events over plain Node HTTP,
// without Switchboard or a database: Switchboard's own runtime source, copied in when the file is
// made (not written a second time), its compiled program, and a small server
// (export-code/server.ts). Only Node's built-in modules are imported.

/** run-event.ts calls checkReply, whose rules are zod schemas; an export carries no packages. */
const CHECK_REPLY = `/**
 * Switchboard also checks each action against the protocol's zod schemas (lib/aiflow/protocol.ts)
 * and drops one that breaks them. This file carries no packages, so actions go out as the runtime
 * made them. A published flow makes only valid actions, except a spoken text over 20,000
 * characters (a very long captured answer read back), which Switchboard would drop.
 */
function checkReply(_eventType: AiFlowEventType, _sessionIdOfEvent: string, _actions: readonly unknown[]): string | undefined {
  return undefined;
}`;

/** What the export contains, in order: the protocol, the runtime, the outbound policy and the HTTP request effect, the server. */
const PIECES: readonly Piece[] = [
  { path: "lib/flows/export-code/protocol-types.ts", take: "all" },
  {
    path: "lib/aiflow/protocol.ts",
    take: "names",
    names: ["aiFlowEventTypes", "utteranceOf", "replyBody", "plainTextOfSsml"],
  },
  { path: "checkReply, without zod", take: "text", text: CHECK_REPLY },
  {
    path: "lib/flows/compile.ts",
    take: "names",
    names: ["PROGRAM_FORMAT", "SpeechTemplate", "Next", "ProgramNode", "Program", "normaliseWords"],
  },
  { path: "lib/flows/schema.ts", take: "names", names: ["templatePattern", "renderTemplate"] },
  { path: "lib/flows/session-state.ts", take: "all" },
  { path: "lib/flows/conditions.ts", take: "all" },
  { path: "lib/flows/merge-actions.ts", take: "all" },
  { path: "lib/flows/run.ts", take: "all" },
  { path: "lib/flows/runtime.ts", take: "all" },
  { path: "lib/flows/run-event.ts", take: "all" },
  { path: "lib/summaries/openai.ts", take: "names", names: ["tryParseJson"] },
  { path: "lib/outbound/address.ts", take: "all" },
  { path: "lib/outbound/lookup.ts", take: "all" },
  { path: "lib/outbound/send.ts", take: "all" },
  { path: "lib/aiflow/effects.ts", take: "section", marker: "// ---- HTTP request ----" },
  { path: "lib/flows/export-code/check-event.ts", take: "all" },
  { path: "lib/flows/export-code/server.ts", take: "all" },
];

let cached: { root: string; imports: string[]; code: string } | undefined;

/** The runtime's text, read once per process from the repository (the working directory of `npm start`). */
function runtimeSource(root: string) {
  if (cached?.root !== root) cached = { root, ...assemble(PIECES, root) };
  return cached;
}

const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();

function header(flowName: string, version: number): string {
  const lines = [
    `${oneLine(flowName) || "Flow"}, version ${version}: a sipgate AI Flow assistant exported from Switchboard.`,
    "",
    "Run it (Node 20.19 or later):",
    "  FLOW_API_TOKEN=your-secret npx tsx this-file.ts",
    "and set the assistant's URL in sipgate AI Flow to this server (POST to any path) with the same",
    "secret as its X-API-TOKEN. A wrong or missing token gets 401.",
    "",
    "Environment:",
    "  FLOW_API_TOKEN           required: the X-API-TOKEN sipgate AI Flow sends",
    "  PORT                     the port to listen on (default 3000)",
    "  ALLOW_PRIVATE_NETWORK    on lets HTTP request nodes call private and loopback addresses (off by",
    "                           default; FLOW_HTTP_ALLOW_PRIVATE is its older name)",
    "",
    "What it does: the same event handlers as Switchboard, copied from its source. Events are checked",
    "as Switchboard checks them (400 names the wrong field); a reply is 204 without an action, one",
    "action as an object, several as an array. HTTP request nodes call their URL within the node's",
    "time budget, under Switchboard's outbound policy (no redirects followed, answers up to 1 MB).",
    "Differences: no model comes with the file, so an AI reply node always says its fallback text;",
    "sessions live in this process's memory (lost on restart, forgotten at session_end or after 6",
    "hours without an event); no WebSocket, no call records.",
  ];
  return lines.map((l) => (l ? `// ${l}` : "//")).join("\n");
}

/** One standalone .ts file that serves `program` (a published version's compiled program). */
export function exportFlowAsTypeScript({
  flowName,
  version,
  program,
}: {
  flowName: string;
  version: number;
  program: Program;
}): string {
  const { imports, code } = runtimeSource(process.cwd());
  const label = `${oneLine(flowName) || "Flow"} v${version}`;
  return (
    [
      header(flowName, version),
      imports.join("\n"),
      code,
      `// ---- the flow ----\nconst PROGRAM: Program = ${JSON.stringify(program, null, 2)};`,
      `serveFromEnv(PROGRAM, ${JSON.stringify(label)}, httpRequest);`,
    ].join("\n\n") + "\n"
  );
}
