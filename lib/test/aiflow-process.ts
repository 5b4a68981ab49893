// A stand-alone AI Flow server process for the restart test: the same fast-path routes as
// server.ts (without Next.js) on the database the environment names. Prints one JSON line when
// ready: its port and, on the first start, the demo endpoint's path and token.
import { createServer } from "node:http";
import { bootstrap } from "@/lib/server/bootstrap";
import { fastRoutes, findRoute } from "@/lib/server/fast-path";
import { setSessionEndedHandler } from "@/lib/aiflow/dispatch";

setSessionEndedHandler(() => undefined);
const runtime = await bootstrap({ jobs: "off", seed: true });
const server = createServer((req, res) => {
  const found = findRoute(fastRoutes, (req.url ?? "/").split("?")[0] ?? "/");
  if (!found || !found.route.methods.includes(req.method ?? "GET")) return void res.writeHead(404).end();
  found.route.handle(req, res, found.params).catch(() => res.writeHead(500).end());
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;
  console.log(JSON.stringify({ port, aiFlow: runtime.firstStart?.aiFlow ?? null }));
});
