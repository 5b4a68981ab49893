import { isDatabaseUnavailable } from "@/lib/db/errors";

const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof statusByCode;

/**
 * The one error type lib functions throw for outcomes a caller must show: its message is written
 * for the person who sent the request, and `fields` names the inputs that were wrong.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof Error && error.name === "AppError";

export const notFound = (what = "Not found") => new AppError("not_found", what);

/** How long a client is asked to wait (Retry-After) while the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () =>
  new AppError("unavailable", "The database is not reachable right now. Try again in a few seconds.");

/** Body of every JSON error response: `{ error: { code, message, fields? } }`. */
export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
}

/**
 * Maps any thrown value to an HTTP response; unexpected errors are logged, never shown. A database
 * that cannot be reached is a 503 the client may retry, not a 500.
 */
export function errorResponse(error: unknown): Response {
  const known = isAppError(error) ? error : isDatabaseUnavailable(error) ? databaseUnavailable() : undefined;
  if (known) {
    const headers: Record<string, string> =
      known.code === "unavailable" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {};
    return Response.json(errorBody(known), { status: known.status, headers });
  }
  console.error(error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Try again." } },
    { status: 500 },
  );
}
