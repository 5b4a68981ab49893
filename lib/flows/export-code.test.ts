import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, expectTypeOf, it } from "vitest";

import { parseEvent } from "@/lib/aiflow/protocol";
import type * as Protocol from "@/lib/aiflow/protocol";

import { compileFlow } from "./compile";
import { receptionFlow } from "./examples/reception";
import { exportFlowAsTypeScript } from "./export-code";
import { assemble } from "./export-code/assemble";
import { checkEvent } from "./export-code/check-event";
import type * as Mirror from "./export-code/protocol-types";
import { isPrivateNetworkAllowed } from "./export-code/server";
import { flowDocumentSchema } from "./schema";

// The code export copies Switchboard's runtime into one file; these are the checks that need no
// process (the exported file running over HTTP is export-code.int.test.ts).

const root = path.resolve(import.meta.dirname, "../..");
const program = compileFlow(flowDocumentSchema.parse(receptionFlow));
const exported = exportFlowAsTypeScript({ flowName: "Reception", version: 3, program });

describe("exportFlowAsTypeScript", () => {
  it("copies the runtime from Switchboard's source, not a second version of it", () => {
    for (const [file, from] of [
      ["lib/flows/runtime.ts", "export function createRuntime"],
      ["lib/flows/run.ts", "export class Run"],
      ["lib/flows/run-event.ts", "function* eventSteps"],
    ] as const) {
      const source = readFileSync(path.join(root, file), "utf8");
      const body = source
        .slice(source.indexOf(from))
        .replace(/^export /gm, "")
        .trim();
      expect(body.length).toBeGreaterThan(500);
      expect(exported).toContain(body);
    }
  });

  it("imports nothing but Node's own modules", () => {
    const imports = exported.match(/^import .*$/gm) ?? [];
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/ from "node:[a-z/]+";$/);
    expect(exported).not.toMatch(/\brequire\(|\bimport\(/);
  });

  it("embeds the published program and starts the server on it", () => {
    const embedded = /const PROGRAM: Program = (\{[\s\S]*?\n\});/.exec(exported)?.[1];
    expect(JSON.parse(embedded ?? "null")).toEqual(program);
    expect(exported.trimEnd().endsWith('serveFromEnv(PROGRAM, "Reception v3", httpRequest);')).toBe(true);
  });

  it("keeps a flow name with line breaks inside the header comment", () => {
    const code = exportFlowAsTypeScript({ flowName: 'Evil\n*/ process.exit(1); //\u2028"name"', version: 1, program });
    const header = code.slice(0, code.indexOf("\nimport "));
    for (const line of header.trim().split("\n")) expect(line.startsWith("//")).toBe(true);
    expect(code).toContain('serveFromEnv(PROGRAM, "Evil */ process.exit(1); // \\"name\\" v1", httpRequest);');
  });

  it("uses Switchboard's outbound policy for HTTP request nodes, and documents ALLOW_PRIVATE_NETWORK", () => {
    for (const [file, from] of [
      ["lib/outbound/address.ts", "export function isPublicAddress"],
      ["lib/outbound/send.ts", "export async function sendOutbound"],
    ] as const) {
      const source = readFileSync(path.join(root, file), "utf8");
      expect(exported).toContain(
        source
          .slice(source.indexOf(from))
          .replace(/^export /gm, "")
          .trim(),
      );
    }
    expect(exported).toMatch(
      /^\/\/ +ALLOW_PRIVATE_NETWORK +on lets HTTP request nodes call private and loopback addresses/m,
    );
    expect(exported).toContain("FLOW_HTTP_ALLOW_PRIVATE");
  });

  it("reads ALLOW_PRIVATE_NETWORK, or its older name FLOW_HTTP_ALLOW_PRIVATE, as Switchboard does", () => {
    expect(isPrivateNetworkAllowed({})).toBe(false);
    expect(isPrivateNetworkAllowed({ ALLOW_PRIVATE_NETWORK: "on" })).toBe(true);
    expect(isPrivateNetworkAllowed({ ALLOW_PRIVATE_NETWORK: "1" })).toBe(true);
    expect(isPrivateNetworkAllowed({ FLOW_HTTP_ALLOW_PRIVATE: "1" })).toBe(true);
    expect(isPrivateNetworkAllowed({ FLOW_HTTP_ALLOW_PRIVATE: "true" })).toBe(true);
    // The new name decides when both are set, as in lib/env.ts.
    expect(isPrivateNetworkAllowed({ ALLOW_PRIVATE_NETWORK: "off", FLOW_HTTP_ALLOW_PRIVATE: "on" })).toBe(false);
    expect(isPrivateNetworkAllowed({ ALLOW_PRIVATE_NETWORK: "", FLOW_HTTP_ALLOW_PRIVATE: "on" })).toBe(true);
  });

  it("refuses to export when a copied file imports code the export does not carry", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sb-export-"));
    try {
      mkdirSync(path.join(dir, "lib"), { recursive: true });
      writeFileSync(path.join(dir, "lib/a.ts"), 'import { getDb } from "@/lib/db/client";\nexport const a = getDb;\n');
      writeFileSync(path.join(dir, "lib/b.ts"), 'import { missing } from "./a";\nexport const b = missing;\n');
      expect(() => assemble([{ path: "lib/a.ts", take: "all" }], dir)).toThrow(
        "lib/a.ts imports @/lib/db/client, which the code export does not contain.",
      );
      writeFileSync(path.join(dir, "lib/a.ts"), "export const a = 1;\n");
      expect(() =>
        assemble(
          [
            { path: "lib/a.ts", take: "all" },
            { path: "lib/b.ts", take: "all" },
          ],
          dir,
        ),
      ).toThrow("lib/b.ts imports missing from ./a");
      expect(() => assemble([{ path: "lib/a.ts", take: "names", names: ["gone"] }], dir)).toThrow(
        "copies gone from lib/a.ts, which no longer declares it",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the protocol without zod", () => {
  it("has the types Switchboard derives from its schemas (checked by the typecheck)", () => {
    expectTypeOf<Mirror.AiFlowEvent>().toEqualTypeOf<Protocol.AiFlowEvent>();
    expectTypeOf<Mirror.AiFlowEventType>().toEqualTypeOf<Protocol.AiFlowEventType>();
    expectTypeOf<Mirror.EventParse>().toEqualTypeOf<Protocol.EventParse>();
    expectTypeOf<Mirror.AiFlowAction>().toEqualTypeOf<Protocol.AiFlowAction>();
    expectTypeOf<Mirror.SpeakAction>().toEqualTypeOf<Protocol.SpeakAction>();
    expectTypeOf<Mirror.BargeIn>().toEqualTypeOf<Protocol.BargeIn>();
    expectTypeOf<Mirror.Tts>().toEqualTypeOf<Protocol.Tts>();
  });

  const session = {
    id: "550e8400-e29b-41d4-a716-446655440000",
    account_id: "account-123",
    phone_number: "+1234567890",
    direction: "inbound",
    from_phone_number: "+9876543210",
    to_phone_number: "+1234567890",
  };
  const s = { id: session.id };
  const events: Array<[string, unknown]> = [
    ["session_start of the seed", { type: "session_start", session }],
    [
      "user_speak of the seed",
      {
        type: "user_speak",
        text: "Hello, I need help",
        session: { id: session.id, account_id: "account-123", phone_number: "+1234567890" },
      },
    ],
    ["a barge-in", { type: "user_speak", text: "Wait", barged_in: true, session: s }],
    [
      "an older user_speak with transcript",
      { type: "user_speak", transcript: "Grüß Gott, Öffnungszeiten?", session: s },
    ],
    [
      "assistant_speak",
      {
        type: "assistant_speak",
        text: "Hello! How can I help?",
        duration_ms: 2000,
        speech_started_at: 1234567890,
        session: s,
      },
    ],
    ["assistant_speech_ended", { type: "assistant_speech_ended", session: s }],
    ["user_input_timeout", { type: "user_input_timeout", session }],
    ["dtmf_received", { type: "dtmf_received", digit: "#", session: s }],
    ["user_barge_in", { type: "user_barge_in", text: "Stop", session: s }],
    ["session_end with a reason", { type: "session_end", reason: "caller_hangup", session: s }],
    ["extra fields", { type: "session_start", session: { ...session, tenant: "x" }, trace: { id: 1 } }],
    ["a session id with spaces around it", { type: "session_start", session: { id: "  abc  " } }],
    ["speech of exactly 20,000 characters", { type: "user_speak", text: "x".repeat(20_000), session: s }],
    ["speech of 20,001 characters", { type: "user_speak", text: "x".repeat(20_001), session: s }],
    ["not an object", null],
    ["an array", [{ type: "session_start", session }]],
    ["no type", { session }],
    ["a type that is no string", { type: 5, session }],
    ["an unknown type", { type: "call_started", session }],
    ["no session", { type: "session_start" }],
    ["a session that is an array", { type: "session_start", session: [] }],
    ["an empty session id", { type: "session_start", session: { id: "   " } }],
    ["a numeric session id", { type: "session_start", session: { id: 5 } }],
    ["a session id of 201 characters", { type: "session_start", session: { id: "x".repeat(201) } }],
    ["a wrong direction", { type: "session_start", session: { id: "a", direction: "sideways" } }],
    ["a numeric account id", { type: "session_start", session: { id: "a", account_id: 5 } }],
    ["a long phone number", { type: "session_start", session: { id: "a", to_phone_number: "1".repeat(65) } }],
    ["user_speak without text", { type: "user_speak", session: s }],
    ["user_speak with numeric text", { type: "user_speak", text: 5, session: s }],
    ["user_speak with barged_in as text and no text", { type: "user_speak", barged_in: "yes", session: s }],
    ["user_barge_in without text", { type: "user_barge_in", session: s }],
    ["dtmf without digit", { type: "dtmf_received", session: s }],
    ["dtmf with two digits", { type: "dtmf_received", digit: "12", session: s }],
    ["negative duration", { type: "assistant_speak", duration_ms: -1, session: s }],
    ["duration as text", { type: "assistant_speak", duration_ms: "1", text: 5, session: s }],
    ["a long end reason", { type: "session_end", reason: "r".repeat(201), session: s }],
    ["a bad session and a bad field", { type: "user_speak", session: { id: "" }, text: 5 }],
  ];

  it.each(events)("accepts and refuses as Switchboard does: %s", (_name, body) => {
    expect(checkEvent(body)).toEqual(parseEvent(body));
  });
});
