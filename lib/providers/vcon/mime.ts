// Email dialogs carry the raw MIME message as their body. A transcript line wants the readable
// text: the first text/plain part, else the text of the first text/html part.

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : "";
  const body = m ? raw.slice(m.index + m[0].length) : raw;
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const boundaryOf = (contentType: string | undefined): string | undefined =>
  contentType ? /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(contentType)?.[1] : undefined;

function decodeTransfer(body: string, encoding: string | undefined): string {
  const enc = encoding?.toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const soft = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === "=" && /^[0-9a-f]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        for (const b of Buffer.from(soft.charAt(i), "utf8")) bytes.push(b);
      }
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

function findText(body: string, boundary: string, depth: number): { plain?: string; html?: string } {
  const found: { plain?: string; html?: string } = {};
  if (depth > 5) return found;
  for (const raw of body.split(`--${boundary}`).slice(1)) {
    if (raw.startsWith("--")) break;
    const part = splitPart(raw.replace(/^\r?\n/, ""));
    const type = part.headers.get("content-type")?.toLowerCase() ?? "text/plain";
    const nested = boundaryOf(part.headers.get("content-type"));
    if (type.startsWith("multipart/") && nested) {
      const inner = findText(part.body, nested, depth + 1);
      found.plain ??= inner.plain;
      found.html ??= inner.html;
    } else if (type.startsWith("text/plain") && found.plain === undefined) {
      found.plain = decodeTransfer(part.body, part.headers.get("content-transfer-encoding"));
    } else if (type.startsWith("text/html") && found.html === undefined) {
      found.html = decodeTransfer(part.body, part.headers.get("content-transfer-encoding"));
    }
    if (found.plain !== undefined) break;
  }
  return found;
}

/** Readable text of a multipart MIME body, or undefined when it is not one. */
export function mimeText(body: string, mediaType: string | undefined): string | undefined {
  const boundary = boundaryOf(mediaType) ?? /^\s*--([^\s]+)\r?\n/.exec(body)?.[1];
  if (!boundary || !(mediaType?.toLowerCase().startsWith("multipart/") ?? /content-type:/i.test(body)))
    return undefined;
  const found = findText(body, boundary, 0);
  if (found.plain !== undefined) return found.plain.trim();
  return found.html !== undefined ? htmlText(found.html) : undefined;
}

/** Readable text of a whole email (message/rfc822): headers dropped, parts resolved. */
export function messageText(raw: string): string {
  const part = splitPart(raw);
  const type = part.headers.get("content-type");
  if (type?.toLowerCase().startsWith("multipart/")) return mimeText(part.body, type) ?? part.body.trim();
  const body = decodeTransfer(part.body, part.headers.get("content-transfer-encoding"));
  return type?.toLowerCase().startsWith("text/html") ? htmlText(body) : body.trim();
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Plain text of an HTML fragment, keeping line breaks; only for display in a transcript. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (!code.startsWith("#")) return entities[code.toLowerCase()] ?? whole;
      const point = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n\s*\n+/g, "\n\n")
    .trim();
}
