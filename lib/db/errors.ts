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
