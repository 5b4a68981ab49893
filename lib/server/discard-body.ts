import type { IncomingMessage } from "node:http";

// A request refused before its body was read (too large, wrong token) is answered with
// `Connection: close`, and Node destroys the socket once that answer is written. Bytes still on
// the way then make the kernel reset the connection, and most clients report the reset instead
// of our answer. So the rest of the body is read and thrown away first, up to a bound: a client
// that keeps sending past it gets the answer at once and may see the reset.

export const DISCARD_LIMITS = { bytes: 8 * 1024 * 1024, ms: 5000 } as const;

/** Whether body bytes are still on the way. */
export const hasUnreadBody = (req: IncomingMessage): boolean => !req.complete;

/** Reads and drops the rest of the body; resolves when it has ended, or at the limits. */
export function discardBody(
  req: IncomingMessage,
  limits: { bytes: number; ms: number } = DISCARD_LIMITS,
): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", done);
      req.off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > limits.bytes) done();
    };
    const timer = setTimeout(done, limits.ms);
    req.on("data", onData);
    req.once("end", done);
    req.once("close", done);
    req.resume();
  });
}
