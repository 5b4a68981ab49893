// npm run admin -- <command>: operator commands, run against the database directly, or through
// the running server when it holds the embedded database.
import { pgliteHolder } from "@/lib/db/pglite-lock";
import { EnvError, getEnv } from "@/lib/env";
import { callAdminSocket } from "@/lib/server/admin-socket";

import { runAdminCommand, usage, type CliResult } from "./commands";

async function main(argv: string[]): Promise<CliResult> {
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0] ?? "")) {
    return {
      exitCode: argv.length === 0 ? 2 : 0,
      stdout: argv.length ? `${usage}\n` : "",
      stderr: argv.length ? "" : `${usage}\n`,
    };
  }
  const env = getEnv();
  if (!env.databaseUrl && pgliteHolder(env.dataDir)) return callAdminSocket(env.dataDir, argv);
  const { bootstrap, describeDatabaseError } = await import("@/lib/server/bootstrap");
  const runtime = await bootstrap({ jobs: "off", seed: false }).catch((error: unknown) => {
    throw new Error(describeDatabaseError(error));
  });
  try {
    return await runAdminCommand(runtime.handle.db, argv, env.appUrl);
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof EnvError || error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
