import { z } from "zod";

// Keyset pagination: a page link carries the sort value and id of the last row shown, so page
// 50 costs what page 1 costs. The cursor is opaque to users and checked on the way back in.

const cursorSchema = z.tuple([z.union([z.number(), z.string().max(40), z.null()]), z.uuid()]);

export type Cursor = { value: number | string | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString("base64url");
}

/** The cursor, or undefined when the text is not one we wrote (edited, truncated, forged). */
export function decodeCursor(text: string, sort: "time" | "duration"): Cursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (!parsed.success) return undefined;
    const [value, id] = parsed.data;
    if (sort === "time" && (typeof value !== "string" || Number.isNaN(Date.parse(value)))) return undefined;
    if (sort === "duration" && value !== null && (typeof value !== "number" || !Number.isInteger(value)))
      return undefined;
    return { value, id };
  } catch {
    return undefined;
  }
}
