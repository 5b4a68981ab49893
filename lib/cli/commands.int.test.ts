import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { signInWithPassword } from "@/lib/auth/sign-in";
import { runAdminCommand } from "@/lib/cli/commands";
import type { DbHandle } from "@/lib/db/client";
import { auditEntries, integrations, memberships, organisations, users } from "@/lib/db/schema";
import { echoFlow } from "@/lib/flows/examples/echo";
import { findMemberRole } from "@/lib/members/queries";
import { findMembershipBySlug, findOrgBySlug } from "@/lib/orgs/queries";
import { makeOrg, makeUser, TEST_PASSWORD } from "@/lib/test/fixtures";
import { createTestDatabase } from "@/lib/test/test-db";
import { findUserByEmail } from "@/lib/users/queries";

let database: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const APP_URL = "http://sb.test";
const admin = (...argv: string[]) => runAdminCommand(database.db, argv, APP_URL);
const hex = () => randomBytes(4).toString("hex");
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const signsIn = async (email: string, password: string) =>
  (await signInWithPassword(database.db, { email, password, ip: "10.5.0.1" })).kind === "signed-in";
const oneTimePassword = (stdout: string) => {
  const match = /One-time password \(shown once, to be changed at first sign-in\): (\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no one-time password in: ${stdout}`);
  return match[1];
};

const rowCounts = async () => ({
  organisations: (await database.db.select({ n: count() }).from(organisations))[0]?.n,
  users: (await database.db.select({ n: count() }).from(users))[0]?.n,
  memberships: (await database.db.select({ n: count() }).from(memberships))[0]?.n,
  integrations: (await database.db.select({ n: count() }).from(integrations))[0]?.n,
  audit: (await database.db.select({ n: count() }).from(auditEntries))[0]?.n,
});

describe("create-org", () => {
  it("creates an organisation, optionally with an existing user as owner", async () => {
    const slug = `acme-${hex()}`;
    const result = await admin("create-org", "--name", "Acme Support", "--slug", slug);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    const org = await findOrgBySlug(database.db, slug);
    expect(org?.name).toBe("Acme Support");
    expect(result.stdout).toBe(`Created organisation "Acme Support" (slug ${slug}, id ${org?.id}).\n`);

    const owner = await makeUser(database.db);
    const owned = `owned-${hex()}`;
    expect(
      (await admin("create-org", "--name", "Owned", "--slug", owned, "--owner", owner.email.toUpperCase())).exitCode,
    ).toBe(0);
    expect(await findMembershipBySlug(database.db, owned, owner.id)).toMatchObject({ role: "owner" });
  });
});

describe("create-user", () => {
  it("with --password creates a member who signs in with it", async () => {
    const org = await makeOrg(database.db);
    const email = `cli-${hex()}@example.com`;
    const result = await admin(
      "create-user",
      "--email",
      email,
      "--org",
      org.slug,
      "--role",
      "admin",
      "--password",
      "operator chose this 1",
      "--name",
      "Ada",
    );
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${email} is now admin of ${org.slug}. Sign in at ${APP_URL}/sign-in\n`,
      stderr: "",
    });
    const user = await findUserByEmail(database.db, email);
    expect(user).toMatchObject({ name: "Ada", mustChangePassword: false });
    expect(user && (await findMemberRole(database.db, org.id, user.id))).toBe("admin");
    expect(await signsIn(email, "operator chose this 1")).toBe(true);
  });

  it("without --password prints a one-time password that signs in and must be changed", async () => {
    const org = await makeOrg(database.db);
    const email = `otp-${hex()}@example.com`;
    const result = await admin("create-user", "--email", email, "--org", org.slug, "--role", "member");
    expect(result.exitCode).toBe(0);
    const password = oneTimePassword(result.stdout);
    expect(await signsIn(email, password)).toBe(true);
    expect((await findUserByEmail(database.db, email))?.mustChangePassword).toBe(true);
  });

  it("adds an existing user to another organisation, but not twice and without changing their password", async () => {
    const first = await makeOrg(database.db, "First");
    const second = await makeOrg(database.db, "Second");
    const user = await makeUser(database.db, { org: first, role: "member" });
    const added = await admin("create-user", "--email", user.email, "--org", second.slug, "--role", "owner");
    expect(added.exitCode).toBe(0);
    expect(added.stdout).not.toContain("One-time password");
    expect(await findMemberRole(database.db, second.id, user.id)).toBe("owner");
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);

    const again = await admin("create-user", "--email", user.email, "--org", first.slug, "--role", "admin");
    expect(again).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: `Error: ${user.email} is already a member of ${first.slug}.\n`,
    });
    expect(await findMemberRole(database.db, first.id, user.id)).toBe("member");

    const third = await makeOrg(database.db, "Third");
    const withPassword = await admin(
      "create-user",
      "--email",
      user.email,
      "--org",
      third.slug,
      "--role",
      "member",
      "--password",
      "a new passphrase 55",
    );
    expect(withPassword.exitCode).toBe(2);
    expect(withPassword.stderr).toMatch(/already exists; use set-password/);
    expect(await findMemberRole(database.db, third.id, user.id)).toBeUndefined();
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(true);
  });
});

describe("set-password", () => {
  it("sets the given password", async () => {
    const user = await makeUser(database.db);
    const result = await admin("set-password", "--email", user.email, "--password", "reset by operator 12");
    expect(result).toEqual({
      exitCode: 0,
      stdout: `Password of ${user.email} set; their other sessions are signed out.\n`,
      stderr: "",
    });
    expect(await signsIn(user.email, "reset by operator 12")).toBe(true);
    expect(await signsIn(user.email, TEST_PASSWORD)).toBe(false);
  });

  it("without --password prints a one-time password that must be changed", async () => {
    const user = await makeUser(database.db);
    const result = await admin("set-password", "--email", user.email);
    expect(result.exitCode).toBe(0);
    expect(await signsIn(user.email, oneTimePassword(result.stdout))).toBe(true);
    expect((await findUserByEmail(database.db, user.email))?.mustChangePassword).toBe(true);
  });
});

describe("create-integration", () => {
  const storedRow = async (id: string) => {
    const [row] = await database.db.select().from(integrations).where(eq(integrations.id, id));
    if (!row) throw new Error("integration row missing");
    return row;
  };

  it("for a hook provider prints the hook URL with a key that is stored only as its hash", async () => {
    const org = await makeOrg(database.db);
    const result = await admin(
      "create-integration",
      "--org",
      org.slug,
      "--provider",
      "sipgate",
      "--name",
      "Front desk",
    );
    expect(result.exitCode).toBe(0);
    const match = /Hook URL: http:\/\/sb\.test\/api\/hooks\/sipgate\/(sbk_[A-Za-z0-9_-]{43})\n/.exec(result.stdout);
    const idMatch = /integration "Front desk" \(id ([0-9a-f-]{36})\) in /.exec(result.stdout);
    if (!match?.[1] || !idMatch?.[1]) throw new Error(`unexpected output: ${result.stdout}`);
    const secret = match[1];

    const row = await storedRow(idMatch[1]);
    expect(row).toMatchObject({ orgId: org.id, provider: "sipgate", name: "Front desk", isEnabled: true });
    expect(row.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
  });

  it("for AI Flow prints the endpoint and an sbt_ token that is stored only as its hash", async () => {
    const org = await makeOrg(database.db);
    const result = await admin("create-integration", "--org", org.slug, "--provider", "aiflow", "--name", "Voice bot");
    expect(result.exitCode).toBe(0);
    const endpoint = /Endpoint URL: (http:\/\/sb\.test\/api\/aiflow\/([0-9a-f-]{36}))\n/.exec(result.stdout);
    const token = /X-API-TOKEN: +(sbt_[A-Za-z0-9_-]{43})\n/.exec(result.stdout);
    if (!endpoint?.[1] || !endpoint[2] || !token?.[1]) throw new Error(`unexpected output: ${result.stdout}`);
    expect(result.stdout).toContain(`WebSocket:    ws://sb.test/api/aiflow/${endpoint[2]}/ws\n`);

    const row = await storedRow(endpoint[2]);
    expect(row).toMatchObject({ orgId: org.id, provider: "aiflow", name: "Voice bot" });
    expect(row.secretHash).toBe(sha256(token[1]));
    expect(JSON.stringify(row)).not.toContain(token[1].slice(4));
  });
});

describe("import-flow and route-number", () => {
  it("imports a flow document, publishes it, and routes a number of an AI Flow integration to it", async () => {
    const org = await makeOrg(database.db);
    const dir = mkdtempSync(path.join(tmpdir(), "sb-flow-"));
    const file = path.join(dir, "echo.json");
    writeFileSync(file, JSON.stringify(echoFlow));
    const imported = await admin("import-flow", "--org", org.slug, "--file", file, "--name", "Echo");
    expect(imported.exitCode).toBe(0);
    const flowId = /Created flow "Echo" \(id ([0-9a-f-]{36})\)/.exec(imported.stdout)?.[1];
    expect(imported.stdout).toContain("Published version 1.");
    const created = await admin("create-integration", "--org", org.slug, "--provider", "aiflow", "--name", "Bot");
    const integrationId = /\/api\/aiflow\/([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    if (!flowId || !integrationId) throw new Error(imported.stdout + created.stdout);
    const routed = await admin(
      "route-number",
      "--org",
      org.slug,
      "--integration",
      integrationId,
      "--number",
      "+49 30 123456",
      "--flow",
      flowId,
    );
    expect(routed).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining("Calls to +49 30 123456 now start on flow"),
    });
    const [row] = await database.db
      .select({ config: integrations.config })
      .from(integrations)
      .where(eq(integrations.id, integrationId));
    expect(row?.config).toMatchObject({ routes: [{ number: "+4930123456", flowId }] });

    // A broken document is named, a flow of another organisation cannot be routed.
    writeFileSync(
      file,
      JSON.stringify({ ...echoFlow, nodes: [{ id: "x", kind: "teleport", position: { x: 0, y: 0 } }] }),
    );
    const bad = await admin("import-flow", "--org", org.slug, "--file", file, "--name", "Bad");
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("nodes.0.kind");
    const other = await makeOrg(database.db);
    const foreign = await admin(
      "route-number",
      "--org",
      other.slug,
      "--integration",
      integrationId,
      "--number",
      "+4930999999",
      "--flow",
      flowId,
    );
    expect(foreign.exitCode).not.toBe(0);
  });
});

describe("listing", () => {
  const orgList = z.array(
    z.object({ id: z.string(), slug: z.string(), name: z.string(), members: z.number(), createdAt: z.string() }),
  );
  const integrationList = z.array(
    z.object({ id: z.string(), provider: z.string(), name: z.string(), isEnabled: z.boolean() }).loose(),
  );

  it("list-orgs prints every organisation, also as JSON", async () => {
    const org = await makeOrg(database.db, "Listed");
    await makeUser(database.db, { org, role: "owner" });
    await makeUser(database.db, { org, role: "member" });
    const text = await admin("list-orgs");
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${org.slug} +Listed +2 member\\(s\\)  ${org.id}$`, "m"));

    const json = await admin("list-orgs", "--json");
    expect(json.exitCode).toBe(0);
    const orgs = orgList.parse(JSON.parse(json.stdout));
    expect(orgs.find((o) => o.slug === org.slug)).toMatchObject({ id: org.id, name: "Listed", members: 2 });
  });

  it("list-integrations shows one organisation's integrations, never their secrets", async () => {
    const org = await makeOrg(database.db);
    const other = await makeOrg(database.db);
    expect((await admin("list-integrations", "--org", org.slug)).stdout).toMatch(/^No integrations in .* yet/);
    const created = await admin("create-integration", "--org", org.slug, "--provider", "pbx", "--name", "Main PBX");
    await admin("create-integration", "--org", other.slug, "--provider", "vcon", "--name", "Elsewhere");
    const key = /\/api\/hooks\/pbx\/(sbk_\S+)/.exec(created.stdout)?.[1];
    if (!key) throw new Error(`unexpected output: ${created.stdout}`);

    const text = await admin("list-integrations", "--org", org.slug);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/pbx +Main PBX +enabled +last event: never/);
    expect(text.stdout).not.toContain("Elsewhere");

    const json = await admin("list-integrations", "--org", org.slug, "--json");
    const rows = integrationList.parse(JSON.parse(json.stdout));
    expect(rows.map((r) => [r.provider, r.name])).toEqual([["pbx", "Main PBX"]]);
    expect(json.stdout).not.toContain(key.slice(4));
    expect(json.stdout).not.toContain(sha256(key));
  });
});

describe("errors", () => {
  it("help prints the usage; no command at all is an error", async () => {
    expect(await admin("help")).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("Usage: npm run admin") });
    expect(await admin()).toMatchObject({
      exitCode: 2,
      stdout: "",
      stderr: expect.stringContaining("Usage: npm run admin"),
    });
  });

  it("exit non-zero with a message naming the problem, and write nothing", async () => {
    const org = await makeOrg(database.db);
    const existing = await makeUser(database.db);
    const before = await rowCounts();
    const newEmail = `err-${hex()}@example.com`;
    const cases: Array<{ argv: string[]; exitCode: number; stderr: RegExp }> = [
      { argv: ["frobnicate"], exitCode: 2, stderr: /Unknown command "frobnicate"/ },
      {
        argv: ["create-org", "--name", "X", "--slug", `x-${hex()}`, "--colour", "red"],
        exitCode: 2,
        stderr: /--colour/,
      },
      { argv: ["create-org", "--name", "X", `x-${hex()}`], exitCode: 2, stderr: /Error: .*argument/ },
      { argv: ["create-org", "--name", "Only a name"], exitCode: 2, stderr: /Missing --slug/ },
      { argv: ["create-org", "--name", "", "--slug", ""], exitCode: 2, stderr: /Missing --name, --slug/ },
      { argv: ["create-org", "--name", "X", "--slug", "api"], exitCode: 1, stderr: /reserved/ },
      {
        argv: ["create-org", "--name", "X", "--slug", org.slug],
        exitCode: 1,
        stderr: new RegExp(`"${org.slug}" is already taken`),
      },
      {
        argv: ["create-org", "--name", "X", "--slug", `x-${hex()}`, "--owner", "nobody@example.com"],
        exitCode: 2,
        stderr: /No user with the email nobody@example.com/,
      },
      { argv: ["create-user", "--email", newEmail], exitCode: 2, stderr: /Missing --org, --role/ },
      {
        argv: ["create-user", "--email", newEmail, "--org", "no-such-org", "--role", "member"],
        exitCode: 2,
        stderr: /No organisation with the slug "no-such-org"/,
      },
      {
        argv: ["create-user", "--email", newEmail, "--org", org.slug, "--role", "boss"],
        exitCode: 2,
        stderr: /--role must be one of owner, admin, member \(got "boss"\)/,
      },
      {
        argv: ["create-user", "--email", newEmail, "--org", org.slug, "--role", "member", "--password", "password123"],
        exitCode: 1,
        stderr: /password is too weak: .*too common/,
      },
      {
        argv: ["create-user", "--email", "not-an-email", "--org", org.slug, "--role", "member"],
        exitCode: 1,
        stderr: /email: Enter a valid email address/,
      },
      {
        argv: ["set-password", "--email", "nobody@example.com", "--password", "a fine passphrase 1"],
        exitCode: 2,
        stderr: /No user with the email nobody@example.com/,
      },
      {
        argv: ["set-password", "--email", existing.email, "--password", "short"],
        exitCode: 1,
        stderr: /too weak: Use at least 10 characters/,
      },
      {
        argv: ["create-integration", "--org", org.slug, "--provider", "twilio", "--name", "X"],
        exitCode: 1,
        stderr: /Choose one of: sipgate, pbx, vcon, aiflow/,
      },
      {
        argv: ["create-integration", "--org", "no-such-org", "--provider", "sipgate", "--name", "X"],
        exitCode: 2,
        stderr: /No organisation with the slug/,
      },
      {
        argv: ["create-integration", "--org", org.slug, "--provider", "sipgate", "--name", "  "],
        exitCode: 1,
        stderr: /name: Enter a name/,
      },
      {
        argv: ["list-integrations", "--org", "no-such-org"],
        exitCode: 2,
        stderr: /No organisation with the slug "no-such-org"/,
      },
      { argv: ["list-orgs", "--jsn"], exitCode: 2, stderr: /--jsn/ },
    ];
    for (const { argv, exitCode, stderr } of cases) {
      const result = await admin(...argv);
      expect({ argv, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ argv, exitCode, stdout: "" });
      expect(result.stderr, argv.join(" ")).toMatch(stderr);
    }
    expect(await rowCounts()).toEqual(before);
    expect(await signsIn(existing.email, TEST_PASSWORD)).toBe(true);
    expect(await findUserByEmail(database.db, newEmail)).toBeUndefined();
  });
});
