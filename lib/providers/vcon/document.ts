import { z } from "zod";

import { parseTimestamp } from "./dates";
import { describe, finiteNumber } from "./values";

// The envelope of a plain vCon as zod sees it. It checks only what the importer relies on and
// what makes a document wrong rather than merely unusual: the four lists are arrays of objects,
// timestamps are readable, durations are numbers, media types read type/subtype, URLs are
// absolute (the faults vcon-server's own invalid fixtures show). Everything else is
// left loose (producers add their own fields) and read defensively where it is used. Party and
// dialog references are checked separately (references.ts) because they need the list lengths.

const timestamp = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return undefined;
    const date = parseTimestamp(value);
    if (!date) ctx.addIssue(`must be a date-time like 2024-05-03T19:20:42Z, not ${describe(value)}`);
    return date;
  })
  .optional();

const seconds = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return undefined;
    const n = finiteNumber(value);
    if (n === undefined) ctx.addIssue(`must be a number of seconds, not ${describe(value)}`);
    else if (n < 0) ctx.addIssue(`must not be negative (got ${n})`);
    return n;
  })
  .optional();

// type "/" subtype (RFC 6838 names), then any parameters: "text/plain; charset=UTF-8", and the
// folded multipart headers email producers copy in as they are.
const mediaTypeForm = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*\s*(?:;[\s\S]*)?$/i;

// An empty string is "not stated", as null is; a string that is not a media type is a fault.
const mediaType = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") ctx.addIssue(`must be a media type string like "audio/wav", not ${describe(value)}`);
    else if (!mediaTypeForm.test(value.trim()))
      ctx.addIssue(`must be a media type like "audio/wav" (type/subtype), not ${describe(value)}`);
    return typeof value === "string" ? value : undefined;
  })
  .optional();

// The importer never fetches URLs, but one that is not a URL at all means the producer wrote
// something else (a file name, a placeholder) where the recording or document should be found.
// Any scheme is accepted: https is usual, but storage producers write s3:// as well.
const urlForm = /^[a-z][a-z0-9+.-]*:\S/i;

const url = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string")
      ctx.addIssue(`must be a URL string like "https://example.com/call.wav", not ${describe(value)}`);
    else if (!urlForm.test(value.trim()) || !URL.canParse(value.trim())) {
      ctx.addIssue(`must be an absolute URL like "https://example.com/call.wav", not ${describe(value)}`);
    }
    return typeof value === "string" ? value.trim() : undefined;
  })
  .optional();

const entry = <T extends z.core.$ZodLooseShape>(what: string, shape: T) =>
  z.looseObject(shape, { error: (issue) => `must be an object (${what}), not ${describe(issue.input)}` });

// null is refused like any other non-array: vcon-server's own invalid fixtures treat a null
// dialog as broken, and importing it as "no dialog" would hide the loss.
const list = <T extends z.ZodType>(what: string, item: T) =>
  z.array(item, { error: (issue) => `must be an array of ${what}, not ${describe(issue.input)}` }).optional();

// What every dialog, analysis and attachment may carry: its media type and where it lives.
const media = { mimetype: mediaType, mediatype: mediaType, url };

export const vconPartySchema = entry("a party", {});

export const vconDialogSchema = entry("a dialog", { start: timestamp, duration: seconds, ...media });

export const vconAnalysisSchema = entry("an analysis", { ...media });

export const vconAttachmentSchema = entry("an attachment", { ...media });

export const vconDocumentSchema = z.looseObject({
  created_at: timestamp,
  updated_at: timestamp,
  parties: list("parties", vconPartySchema),
  dialog: list("dialogs", vconDialogSchema),
  analysis: list("analyses", vconAnalysisSchema),
  attachments: list("attachments", vconAttachmentSchema),
});

export type VconDocument = z.output<typeof vconDocumentSchema>;
export type VconParty = z.output<typeof vconPartySchema>;
export type VconDialog = z.output<typeof vconDialogSchema>;
export type VconAnalysis = z.output<typeof vconAnalysisSchema>;
export type VconAttachment = z.output<typeof vconAttachmentSchema>;

/** The media type under its current name or the legacy one (vCon ≤ 0.0.2 used `mimetype`). */
export const mediaTypeOf = (item: { mediatype?: string; mimetype?: string }): string | undefined =>
  item.mediatype ?? item.mimetype;

/** "dialog[0].parties[1]" from zod's ["dialog", 0, "parties", 1]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "_" : out;
}
