import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite is a single-process database: two processes opening the same directory would corrupt
// it. The lock file names the process that holds it so others can talk to it instead.

const lockFile = (dataDir: string) => path.join(dataDir, "pglite.pid");

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
};

/** The pid of a live process holding the embedded database, if any. */
export function pgliteHolder(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile(dataDir), "utf8"), 10);
    return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class DatabaseBusyError extends Error {
  constructor(readonly pid: number) {
    super(
      `The embedded database is in use by another Switchboard process (pid ${pid}). ` +
        "Stop that process, or set DATABASE_URL to share a PostgreSQL database between processes.",
    );
    this.name = "DatabaseBusyError";
  }
}

export function acquirePgliteLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile(dataDir), String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST") || attempt > 2) throw error;
      const holder = pgliteHolder(dataDir);
      if (holder) throw new DatabaseBusyError(holder);
      rmSync(lockFile(dataDir), { force: true }); // left behind by a process that died
    }
  }
  return () => {
    try {
      if (readFileSync(lockFile(dataDir), "utf8") === String(process.pid)) rmSync(lockFile(dataDir));
    } catch {
      // already gone
    }
  };
}
