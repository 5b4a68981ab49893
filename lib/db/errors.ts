type PgErrorFields = { code: string; constraint?: string };

const stringField = (value: object, key: string): string | undefined => {
  const field: unknown = Reflect.get(value, key);
  return typeof field === "string" ? field : undefined;
};

/** The PostgreSQL error under Drizzle's wrapper, from either driver (PGlite or postgres.js). */
function pgError(error: unknown): PgErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const code = stringField(current, "code");
    if (code && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: stringField(current, "constraint") ?? stringField(current, "constraint_name") };
    }
    current = Reflect.get(current, "cause");
  }
  return undefined;
}

/** True when the error is a unique violation (of the named index, when one is given). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  if (pg?.code !== "23505") return false;
  return !constraint || pg.constraint === constraint;
}

/**
 * True when PostgreSQL gave up on the transaction so that another could go on (40001 under
 * serializable or repeatable read, 40P01 a deadlock): running it again from the start is safe.
 */
export function isSerializationFailure(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === "40001" || code === "40P01";
}

/** True when the transaction was chosen as a deadlock's victim (40P01). */
export const isDeadlock = (error: unknown): boolean => pgError(error)?.code === "40P01";

// Connection-level failures: the server is down, refuses connections, restarts, or is too far.
const unavailableSqlStates = /^(08...|57P01|57P02|57P03|53300)$/;
const unavailableNodeCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * True when the database could not be reached or dropped the connection (answer 503 and let the
 * client retry), as opposed to a query the database refused (a bug or bad data).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const code = stringField(current, "code");
    if (code && (unavailableNodeCodes.has(code) || unavailableSqlStates.test(code))) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = Reflect.get(current, "cause");
  }
  return false;
}
