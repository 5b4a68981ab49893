import { htmlText, messageText, mimeText } from "./mime";
import { label } from "./values";

// Inline bodies are decided by what they are, not by their `encoding` label: producers write
// objects under "none", stringified JSON under "json" or under no label at all, and leave the
// label out entirely. Recording bodies (audio) are never decoded.

// An object or array; a JSON string literal only when the label says JSON, so that prose which
// happens to start with a quotation mark stays as written.
const looksLikeJson = (s: string, isLabelledJson: boolean): boolean =>
  (isLabelledJson ? /^\s*[[{"]/ : /^\s*[[{]/).test(s);

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function fromBase64Url(s: string): string | undefined {
  if (!/^[A-Za-z0-9_\-+/=\s]*$/.test(s)) return undefined;
  const decoded = Buffer.from(s.replace(/\s+/g, ""), "base64url").toString("utf8");
  // Binary content (an image attachment) decodes to replacement characters; that is not text.
  return decoded.includes("\uFFFD") ? undefined : decoded;
}

/**
 * The value an analysis or attachment body stands for: objects and arrays as they are, a string
 * that holds JSON parsed (twice at most, for JSON stringified twice), base64url text decoded,
 * anything else the string itself.
 */
export function decodeBody(body: unknown, encoding: unknown): unknown {
  if (typeof body !== "string") return body;
  let value: string = body;
  if (label(encoding) === "base64url" || label(encoding) === "base64") {
    const decoded = fromBase64Url(value);
    if (decoded === undefined) return undefined;
    value = decoded;
  }
  const isLabelledJson = label(encoding) === "json";
  for (let depth = 0; depth < 2 && looksLikeJson(value, isLabelledJson || depth > 0); depth++) {
    const parsed = tryJson(value);
    if (parsed === undefined) break;
    if (typeof parsed !== "string") return parsed;
    value = parsed;
  }
  return value;
}

/**
 * The readable text of a text dialog body: base64url decoded when so labelled, the text part of a
 * MIME message (email dialogs), HTML reduced to its text, otherwise the string as sent.
 */
export function dialogText(body: string, encoding: unknown, mediaType: string | undefined): string | undefined {
  const enc = label(encoding);
  const raw = enc === "base64url" || enc === "base64" ? fromBase64Url(body) : body;
  if (raw === undefined) return undefined;
  const type = mediaType?.toLowerCase() ?? "";
  if (type.startsWith("multipart/") || (type === "" && /^\s*--\S+\r?\nContent-Type:/i.test(raw))) {
    return mimeText(raw, mediaType) ?? raw;
  }
  if (type.startsWith("message/rfc822")) return messageText(raw);
  return type.startsWith("text/html") ? htmlText(raw) : raw;
}

/** The JSON value of a dialog body when it is structured (a conversation list, for example). */
export function dialogStructure(body: unknown, encoding: unknown): unknown {
  if (typeof body !== "string") return body;
  // A plain text message that happens to start with "[" stays text unless it is labelled JSON.
  return label(encoding) === "json" ? decodeBody(body, encoding) : undefined;
}
