import { v7 } from "uuid";
import { z } from "zod";

/** Time-ordered UUIDs keep new rows together in indexes, which matters for large call tables. */
export const newId = (): string => v7();

export const uuidSchema = z.uuid();

/** True when a path segment is a well-formed UUID, so malformed ids answer 404 before any query. */
export const isUuid = (value: string): boolean => uuidSchema.safeParse(value).success;
