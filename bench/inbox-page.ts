import { spawn } from "node:child_process";

import { z } from "zod";

// The full server render of the inbox page, as a signed-in user's browser gets it: the
// production server is started on the seeded database and the page fetched with a session.

type Options = {
  root: string;
  env: Record<string, string>;
  slug: string;
  user: { email: string; password: string };
  runs: number;
  /** The inbox pages to render, each as a label and its query string. */
  pages: Array<{ label: string; query: string }>;
};

type Timing = { label: string; p50: number; p95: number };

const PORT = 3960;
const base = `http://localhost:${PORT}`;

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const [name, ...value] = (pair ?? "").split("=");
    if (name) jar.set(name.trim(), value.join("="));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(user: Options["user"]): Promise<Map<string, string>> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await csrf.json());
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
  });
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${response.status})`);
  return jar;
}

export async function measurePageRenders(options: Options): Promise<Timing[]> {
  const server = spawn(process.execPath, ["--max-semi-space-size=32", "--import", "tsx", "server.ts"], {
    cwd: options.root,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(PORT),
      APP_URL: base,
      APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  try {
    const started = Date.now();
    while (
      !(await fetch(`${base}/api/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (server.exitCode !== null || Date.now() - started > 120_000)
        throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const jar = await signIn(options.user);
    const timings: Timing[] = [];
    for (const page of options.pages) {
      const url = `${base}/${options.slug}/calls${page.query}`;
      const fetchPage = async () => {
        const response = await fetch(url, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
        const html = await response.text();
        if (response.status !== 200 || !html.includes('data-testid="inbox-row"'))
          throw new Error(`unexpected page ${page.query} (${response.status})`);
      };
      for (let i = 0; i < 3; i++) await fetchPage();
      const samples: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        const t = performance.now();
        await fetchPage();
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)] ?? 0;
      timings.push({ label: page.label, p50: at(50), p95: at(95) });
    }
    return timings;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}
