// A stand-alone server process for tests that need a real one (restart, body limits, revocation
// across processes, an unreachable database): server.ts's request handling (lib/server/serve.ts)
// with a stand-in for Next.js, on the database the environment names. Prints one JSON line when
// ready: its port and, on the first start, the demo endpoint's path and token.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { sql } from "drizzle-orm";

import { setSessionEndedHandler } from "@/lib/aiflow/dispatch";
import { getDb } from "@/lib/db/client";
import { bootstrap } from "@/lib/server/bootstrap";
import { refuseWhileDatabaseDown, serveFastPath, serveUpgrade, watchNextAnswer } from "@/lib/server/serve";

/** Stands in for Next.js: a page that reads the database, as the app's pages do, and 500 when that fails. */
async function page(_req: IncomingMessage, res: ServerResponse) {
  try {
    await (await getDb()).execute(sql`select count(*) from organisations`);
    res.writeHead(200, { "content-type": "text/html" }).end("<p>a page</p>");
  } catch {
    res.writeHead(500, { "content-type": "text/html" }).end("<p>an error page</p>");
  }
}

setSessionEndedHandler(() => undefined);
const runtime = await bootstrap({ jobs: "off", seed: true });
const server = createServer((req, res) => {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  if (serveFastPath(req, res, pathname)) return;
  if (refuseWhileDatabaseDown(req, res, pathname)) return;
  watchNextAnswer(res);
  void page(req, res);
});
server.on("upgrade", (req, socket, head) => {
  if (!serveUpgrade(req, socket, head, (req.url ?? "/").split("?")[0] ?? "/")) socket.destroy();
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;
  console.log(JSON.stringify({ port, aiFlow: runtime.firstStart?.aiFlow ?? null }));
});
