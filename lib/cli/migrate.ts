// npm run db:migrate: applies the committed migrations in drizzle/ and exits.
import { openDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { describeDatabaseError } from "@/lib/server/bootstrap";

try {
  const handle = await openDatabase();
  try {
    await runMigrations(handle);
    console.log(`Migrations applied (${handle.kind}).`);
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof Error && error.name === "EnvError" ? error.message : describeDatabaseError(error));
  process.exitCode = 1;
}
