// bench/aiflow: a minimal HTTP/1.1 keep-alive client for the load generator. The load generator
// shares the machine's cores with the servers it measures; node:http's client costs about as
// much CPU per request as a small server does, so this one writes each request with one
// socket.write and reads the reply by Content-Length (or chunks), nothing else. It speaks only
// what both servers answer with: a status line, headers, and a body sized by Content-Length or
// sent chunked.
import net from "node:net";

export type Reply = { status: number; body: string };

const CRLF2 = Buffer.from("\r\n\r\n");

export class KeepAliveConnection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  private readonly ready: Promise<void>;

  constructor(
    port: number,
    private readonly host = "localhost",
  ) {
    this.socket = net.connect({ port, host, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("error", reject);
    });
    this.socket.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (error: Error) => {
      const p = this.pending;
      this.pending = undefined;
      p?.reject(error);
    };
    this.socket.on("error", fail);
    this.socket.on("close", () => fail(new Error("connection closed")));
  }

  /** POSTs one JSON body and resolves with the reply; one request at a time per connection. */
  async post(path: string, headers: Record<string, string>, body: string): Promise<Reply> {
    await this.ready;
    if (this.pending) throw new Error("one request at a time");
    let head = `POST ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`${head}\r\n${body}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0 || !this.pending) return;
    const head = this.buffer.toString("latin1", 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    let bodyStart = end + 4;
    let body: string;
    let consumed: number;
    if (length !== undefined) {
      consumed = bodyStart + Number(length);
      if (this.buffer.length < consumed) return;
      body = this.buffer.toString("utf8", bodyStart, consumed);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: string[] = [];
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", bodyStart);
        if (lineEnd < 0) return;
        const size = parseInt(this.buffer.toString("latin1", bodyStart, lineEnd), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          consumed = lineEnd + 4;
          break;
        }
        parts.push(this.buffer.toString("utf8", lineEnd + 2, lineEnd + 2 + size));
        bodyStart = lineEnd + 2 + size + 2;
      }
      body = parts.join("");
    } else {
      consumed = bodyStart; // 204, 304: no body
      body = "";
    }
    this.buffer = this.buffer.subarray(consumed);
    const p = this.pending;
    this.pending = undefined;
    p.resolve({ status, body });
  }
}
