import { wrapClient, type RawClient } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";

/** The same database through a Drizzle client that counts the statements it sends. */
export async function countingDb(raw: RawClient): Promise<{ db: Db; statements: () => number }> {
  let count = 0;
  const counting = <T extends object>(client: T, method: string): T =>
    new Proxy(client, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property === method && typeof value === "function") {
          return (...args: unknown[]) => {
            count += 1;
            return Reflect.apply(value, target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  // Drizzle sends every statement through PGlite's query() and postgres.js's unsafe().
  const client: RawClient =
    raw.kind === "pglite"
      ? { kind: "pglite", client: counting(raw.client, "query") }
      : { ...raw, client: counting(raw.client, "unsafe") };
  return { db: await wrapClient(client), statements: () => count };
}
