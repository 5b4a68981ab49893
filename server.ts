// Switchboard's one process: owns the HTTP port, answers the fast paths (health, AI Flow) itself,
// hands everything else to Next.js, and runs the job workers beside it. While the database cannot
// be reached, whatever needs it is answered 503 at once (lib/server/serve.ts).
import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";

import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER, resolveClientAddress, sealClientAddress } from "@/lib/auth/client-ip";
import { runAdminCommand } from "@/lib/cli/commands";
import { EnvError, getEnv } from "@/lib/env";
import { startAdminSocket } from "@/lib/server/admin-socket";
import { bootstrap, describeDatabaseError, type Runtime } from "@/lib/server/bootstrap";
import { ensureBuild } from "@/lib/server/ensure-build";
import { refuseWhileDatabaseDown, serveFastPath, serveUpgrade, watchNextAnswer } from "@/lib/server/serve";

const isDev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: isDev ? "development" : "production" });

function fail(message: string): never {
  console.error(`\nSwitchboard cannot start.\n${message}\n`);
  process.exit(1);
}

// The left-most X-Forwarded-For entry is whatever the client wrote; only the entries the
// operator's proxies appended (TRUST_PROXY of them, from the right) say who connected.
function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  return sealClientAddress(
    resolveClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxyHops),
  );
}

function printFirstStart(runtime: Runtime, appUrl: string) {
  const first = runtime.firstStart;
  if (!first) return;
  const lines = [
    'First start: created the organisation "Demo" and its owner.',
    `  Sign in at  ${appUrl}/sign-in`,
    `  Email       ${first.email}`,
    first.password ? `  Password    ${first.password}` : "  Password    (the existing account's password)",
    "This password is shown only once. Lost it? npm run admin -- set-password --email admin@example.com",
    "",
    "The demo AI Flow assistant answers +49 30 12345600 with the Reception flow:",
    `  Endpoint    ${appUrl}${first.aiFlow.path}  (WebSocket: ${appUrl.replace(/^http/, "ws")}${first.aiFlow.path}/ws)`,
    `  X-API-TOKEN ${first.aiFlow.token}  (shown once)`,
  ];
  console.log(`\n${lines.join("\n")}\n`);
}

async function main() {
  const hasOwnSecret = Boolean(process.env.APP_SECRET?.trim());
  let env: ReturnType<typeof getEnv>;
  try {
    env = getEnv();
  } catch (error) {
    fail(error instanceof EnvError ? error.message : String(error));
  }
  process.env.NEXTAUTH_URL = env.appUrl;
  if (env.databaseUrl && !hasOwnSecret) {
    console.warn(
      `Warning: APP_SECRET is not set; using a generated one from ${env.dataDir}/app-secret. ` +
        "Set APP_SECRET (the same on every process) when several processes share one PostgreSQL.",
    );
  }
  const root = process.cwd();
  if (!isDev) {
    try {
      ensureBuild(root);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }

  const started = performance.now();
  let runtime: Runtime;
  try {
    runtime = await bootstrap({ jobs: env.workersEnabled ? "workers" : "send-only", seed: true });
  } catch (error) {
    fail(error instanceof Error && error.name === "DatabaseBusyError" ? error.message : describeDatabaseError(error));
  }
  const closeAdminSocket =
    runtime.handle.kind === "pglite"
      ? await startAdminSocket(env.dataDir, (argv) => runAdminCommand(runtime.handle.db, argv, env.appUrl))
      : undefined;

  const { default: next } = await import("next");
  const server = createServer();
  const app = next({ dev: isDev, dir: root, hostname: env.host ?? "localhost", port: env.port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();

  server.on("request", (req, res) => {
    // Only this server may say who the client is and which path was asked for.
    req.headers[CLIENT_IP_HEADER] = clientAddress(req, env.trustProxyHops);
    req.headers[REQUEST_PATH_HEADER] = (req.url ?? "/").replace(/([?&])_rsc=[^&]*&?/, "$1").replace(/[?&]$/, "");
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    if (serveFastPath(req, res, pathname)) return;
    if (refuseWhileDatabaseDown(req, res, pathname)) return;
    watchNextAnswer(res);
    void handle(req, res);
  });

  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    if (serveUpgrade(req, socket, head, pathname)) return;
    if (isDev) return void nextUpgrade(req, socket, head); // hot reload
    socket.destroy();
  });

  await new Promise<void>((resolve) => {
    server.once("error", (error: Error & { code?: string }) =>
      fail(
        error.code === "EADDRINUSE"
          ? `Port ${env.port} is already in use. Stop the other program or set PORT to a free port.`
          : error.message,
      ),
    );
    server.listen(env.port, env.host, resolve);
  });
  printFirstStart(runtime, env.appUrl);
  console.log(
    `Switchboard ready on ${env.appUrl} (${isDev ? "development" : "production"}, ${runtime.handle.kind === "pglite" ? `embedded database in ${env.dataDir}` : "PostgreSQL"}, workers ${env.workersEnabled ? "on" : "off"}) in ${Math.round(performance.now() - started)} ms`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down...`);
    const forced = setTimeout(() => process.exit(1), 15_000).unref();
    server.close();
    server.closeAllConnections();
    await closeAdminSocket?.();
    await app.close().catch(() => undefined);
    await runtime.close().catch((error: unknown) => console.error(error));
    clearTimeout(forced);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
