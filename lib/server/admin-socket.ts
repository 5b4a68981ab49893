import { chmodSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

import { z } from "zod";

import type { CliResult } from "@/lib/cli/commands";

// While the server holds the embedded database, the admin CLI cannot open it; it sends its
// arguments here instead and the server runs the command. The socket file is readable by its
// owner only: whoever can use it could read the database files anyway.

export const adminSocketPath = (dataDir: string) => path.join(dataDir, "admin.sock");

const requestSchema = z.object({ argv: z.array(z.string().max(10_000)).max(50) });
const resultSchema = z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string() });

export function startAdminSocket(
  dataDir: string,
  run: (argv: string[]) => Promise<CliResult>,
): Promise<() => Promise<void>> {
  const file = adminSocketPath(dataDir);
  rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 1_000_000) return void socket.destroy();
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      buffer = "";
      void (async () => {
        let result: CliResult;
        try {
          const request = requestSchema.parse(JSON.parse(line));
          result = await run(request.argv);
        } catch (error) {
          result = {
            exitCode: 1,
            stdout: "",
            stderr: `Error: ${error instanceof Error ? error.message : String(error)}\n`,
          };
        }
        socket.end(`${JSON.stringify(result)}\n`);
      })();
    });
    socket.on("error", () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => {
      chmodSync(file, 0o600);
      resolve(
        () =>
          new Promise<void>((done) => {
            server.close(() => done());
            rmSync(file, { force: true });
          }),
      );
    });
  });
}

export function callAdminSocket(dataDir: string, argv: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(adminSocketPath(dataDir));
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on("data", (chunk: string) => (buffer += chunk));
    socket.on("end", () => {
      try {
        resolve(resultSchema.parse(JSON.parse(buffer)));
      } catch (error) {
        reject(error);
      }
    });
    socket.on("error", reject);
  });
}
