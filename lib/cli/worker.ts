// npm run worker: runs the pg-boss job handlers without a web server (pair with WORKERS=off on web processes).
import { bootstrap, describeDatabaseError } from "@/lib/server/bootstrap";

try {
  const runtime = await bootstrap({ jobs: "workers", seed: false });
  console.log(`Switchboard worker running on ${runtime.handle.kind}.`);
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error && error.name === "EnvError" ? error.message : describeDatabaseError(error));
  process.exitCode = 1;
}
