import { createHash } from "node:crypto";

import { isRecord, type JsonObject } from "./values";

// What kind of document arrived, before any of it is read as a vCon: a signed (JWS) or
// encrypted (JWE) wrapper, which the importer cannot open, or a plain vCon, and by what id the
// call will be known.

export type WrappedForm = "signed" | "encrypted";

const compact = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+$/;

/** JWS or JWE, in JSON (general or flattened) or compact serialisation. */
export function wrappedForm(body: unknown): WrappedForm | undefined {
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (!compact.test(trimmed)) return undefined;
    const parts = trimmed.split(".").length;
    return parts === 3 ? "signed" : parts === 5 ? "encrypted" : undefined;
  }
  if (!isRecord(body)) return undefined;
  if (
    typeof body.ciphertext === "string" &&
    (Array.isArray(body.recipients) || "iv" in body || "encrypted_key" in body)
  )
    return "encrypted";
  if (typeof body.payload === "string" && (Array.isArray(body.signatures) || typeof body.signature === "string"))
    return "signed";
  return undefined;
}

export const wrappedFormMessage: Record<WrappedForm, string> = {
  signed:
    "This is a signed vCon (JWS, with `payload` and `signatures`). The signed form is not accepted: send the plain, unsigned vCon JSON instead.",
  encrypted:
    "This is an encrypted vCon (JWE, with `ciphertext` and `recipients`). The encrypted form is not accepted: decrypt it and send the plain vCon JSON instead.",
};

/** JSON with object keys sorted at every level, so equal documents hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export type Identity =
  { ok: true; vendorCallId: string } | { ok: false; error: string; fields: Record<string, string> };

/**
 * The call's id: the vCon's uuid. Early vCons (0.0.1) often have none; those are still
 * recognisably vCons by their version, so a hash of their content stands in, which makes
 * re-sending the same file idempotent. A document with neither is not taken for a vCon.
 */
export function identify(body: JsonObject): Identity {
  const { uuid, vcon } = body;
  if (typeof uuid === "string" && uuid.trim() !== "") {
    const id = uuid.trim();
    if (id.length > 500)
      return {
        ok: false,
        error: "The vCon's uuid is too long (over 500 characters).",
        fields: { uuid: "is longer than 500 characters" },
      };
    return { ok: true, vendorCallId: id };
  }
  if (typeof uuid === "number" && Number.isFinite(uuid)) return { ok: true, vendorCallId: String(uuid) };
  if (uuid !== undefined && uuid !== null && typeof uuid !== "string") {
    return { ok: false, error: "The vCon's uuid must be a string.", fields: { uuid: "must be a string" } };
  }
  if (typeof vcon === "string" && vcon.trim() !== "") {
    return { ok: true, vendorCallId: `sha256:${createHash("sha256").update(canonicalJson(body)).digest("hex")}` };
  }
  // A skeleton with the keys present but blank is an unfilled template, not a call; say so
  // rather than call the keys missing.
  const isBlank = (value: unknown) => typeof value === "string" && value.trim() === "";
  if (isBlank(uuid) || isBlank(vcon)) {
    const state = { uuid: isBlank(uuid) ? "is empty" : "is missing", vcon: isBlank(vcon) ? "is empty" : "is missing" };
    return {
      ok: false,
      error: `Not recognisable as a vCon: its \`uuid\` ${state.uuid} and its \`vcon\` version ${state.vcon}, so it names no conversation.`,
      fields: state,
    };
  }
  return {
    ok: false,
    error: "Not recognisable as a vCon: it has neither a `vcon` version nor a `uuid`.",
    fields: { uuid: "is missing", vcon: "is missing" },
  };
}
