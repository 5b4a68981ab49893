import { connect, createServer, type Server, type Socket } from "node:net";

// A TCP proxy a test can cut: it stands between a server process and PostgreSQL, so the test can
// make the database unreachable (and reachable again) without stopping the shared server.

export type CutMode = "refuse" | "hang" | "freeze";

export type TcpProxy = {
  port: number;
  /**
   * "refuse": drop every connection and refuse new ones (a stopped server). "hang": drop them,
   * accept new ones and never answer. "freeze": as hang, and the open ones fall silent too (a
   * network partition: nothing is closed, nothing arrives).
   */
  cut: (mode: CutMode) => Promise<void>;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let isSilent = false;
  let server: Server | undefined;

  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const onConnection = (client: Socket) => {
    track(client);
    if (isSilent) return void client.resume(); // read and dropped, never answered
    const upstream = connect(target.port, target.host);
    track(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    upstream.on("close", () => client.destroy());
    client.on("close", () => {
      upstream.destroy();
      pairs.delete(pair);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        server = s;
        const address = s.address();
        resolve(address && typeof address === "object" ? address.port : 0);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
    pairs.clear();
  };

  const port = await listen(0);
  return {
    port,
    cut: async (mode) => {
      if (mode === "freeze") {
        for (const [client, upstream] of pairs) {
          client.unpipe(upstream);
          upstream.unpipe(client);
          client.on("data", () => undefined); // keeps reading, so the sender's writes succeed and vanish
          upstream.pause();
        }
      } else {
        dropAll();
      }
      isSilent = mode !== "refuse";
      if (mode === "refuse") await stopListening();
    },
    restore: async () => {
      dropAll();
      isSilent = false;
      if (!server) await listen(port);
    },
    close: async () => {
      dropAll();
      await stopListening();
    },
  };
}
