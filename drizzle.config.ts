import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and committed; they are applied at start-up
// (lib/db/migrate.ts), never by drizzle-kit against a live database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  strict: true,
});
