// A mail server on loopback for the e2e tests: accepts every message (no TLS, no auth) and
// lists what it received over HTTP, GET /mails?to=<address>, as [{ to, subject, text }].
import { createServer } from "node:http";

import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.FAKE_SMTP_PORT ?? 3198);
const httpPort = Number(process.env.FAKE_SMTP_HTTP_PORT ?? 3197);

type Mail = { to: string[]; subject: string; text: string };
const mails: Mail[] = [];

/** The body as text: quoted-printable soft breaks joined and =XX bytes decoded. */
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

function parse(raw: string, to: string[]): Mail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
  const isQuotedPrintable = /^Content-Transfer-Encoding: quoted-printable/im.test(head);
  return { to, subject, text: isQuotedPrintable ? decodeQuotedPrintable(body) : body };
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      mails.push(
        parse(
          Buffer.concat(chunks).toString("utf8"),
          session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        ),
      );
      callback();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://localhost:${httpPort}`);
  if (url.pathname !== "/mails") {
    res.writeHead(404).end();
    return;
  }
  const to = url.searchParams.get("to")?.toLowerCase();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(to ? mails.filter((m) => m.to.includes(to)) : mails));
}).listen(httpPort, "127.0.0.1");
