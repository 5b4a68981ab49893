import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import type * as schema from "./schema";

/** The one database type every lib function takes: a client or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbKind = "pglite" | "postgres";
