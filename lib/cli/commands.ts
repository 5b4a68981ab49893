import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { routeNumber } from "@/lib/aiflow/save-config";
import { cliActor } from "@/lib/audit/record";
import { generatePassword } from "@/lib/auth/passwords";
import { roles, type Role } from "@/lib/auth/roles";
import { memberships } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { isAppError } from "@/lib/errors";
import { importFlow } from "@/lib/flows/import-flow";
import { createIntegration } from "@/lib/integrations/create-integration";
import { providerIds, providers } from "@/lib/integrations/providers";
import { listIntegrations } from "@/lib/integrations/queries";
import { findMemberRole } from "@/lib/members/queries";
import { createOrganisation } from "@/lib/orgs/create-org";
import { findOrgBySlug, listAllOrganisations } from "@/lib/orgs/queries";
import { createUser } from "@/lib/users/create-user";
import { findUserByEmail } from "@/lib/users/queries";
import { setPassword } from "@/lib/users/set-password";

export type CliResult = { exitCode: number; stdout: string; stderr: string };
type Out = { out: string[]; appUrl: string };

export const usage = `Usage: npm run admin -- <command> [options]

Commands:
  create-org --name <name> --slug <slug> [--owner <email>]
  create-user --email <email> --org <slug> --role owner|admin|member [--password <password>] [--name <name>]
      Creates the user (or adds an existing one to the organisation). Without --password a
      one-time password is printed once and must be changed at first sign-in.
  set-password --email <email> [--password <password>]
      Sets a new password (a printed one-time password without --password) and signs the user out everywhere.
  create-integration --org <slug> --provider ${providerIds.join("|")} --name <name>
      Prints the hook URL (or the AI Flow endpoint and token) once.
  import-flow --org <slug> --file <flow.json> --name <name> [--draft]
      Creates a flow from its JSON document and publishes it (unless --draft or it has errors).
  route-number --org <slug> --integration <id> --number <+E.164> --flow <flow id>
      Makes the flow answer the AI Flow integration's calls to that number.
  list-orgs [--json]
  list-integrations --org <slug> [--json]
  help`;

export class UsageError extends Error {}

const required = (values: Record<string, string | boolean | undefined>, ...names: string[]) => {
  const missing = names.filter((n) => typeof values[n] !== "string" || values[n] === "");
  if (missing.length) throw new UsageError(`Missing ${missing.map((n) => `--${n}`).join(", ")}.`);
};

const str = (value: string | boolean | undefined): string => (typeof value === "string" ? value : "");

async function orgOrFail(db: Db, slug: string) {
  const org = await findOrgBySlug(db, slug.toLowerCase());
  if (!org) throw new UsageError(`No organisation with the slug "${slug}". See: npm run admin -- list-orgs`);
  return org;
}

const parseRole = (value: string): Role => {
  const role = roles.find((r) => r === value);
  if (!role) throw new UsageError(`--role must be one of ${roles.join(", ")} (got "${value}").`);
  return role;
};

type Command = {
  options: Record<string, { type: "string" | "boolean" }>;
  run: (db: Db, values: Record<string, string | boolean | undefined>, o: Out) => Promise<void>;
};

const commands: Record<string, Command> = {
  "create-org": {
    options: { name: { type: "string" }, slug: { type: "string" }, owner: { type: "string" } },
    async run(db, v, { out }) {
      required(v, "name", "slug");
      const owner = typeof v.owner === "string" ? await findUserByEmail(db, v.owner) : undefined;
      if (typeof v.owner === "string" && !owner)
        throw new UsageError(`No user with the email ${v.owner}. Create it with create-user after the organisation.`);
      const org = await createOrganisation(
        db,
        { name: str(v.name), slug: str(v.slug), ownerUserId: owner?.id },
        cliActor,
      );
      out.push(`Created organisation "${org.name}" (slug ${org.slug}, id ${org.id}).`);
    },
  },
  "create-user": {
    options: {
      email: { type: "string" },
      org: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
    },
    async run(db, v, { out, appUrl }) {
      required(v, "email", "org", "role");
      const role = parseRole(str(v.role));
      const org = await orgOrFail(db, str(v.org));
      await db.transaction(async (tx) => {
        let user = await findUserByEmail(tx, str(v.email));
        let printedPassword: string | undefined;
        if (user) {
          if (await findMemberRole(tx, org.id, user.id))
            throw new UsageError(`${user.email} is already a member of ${org.slug}.`);
          if (typeof v.password === "string")
            throw new UsageError(`${user.email} already exists; use set-password to change the password.`);
        } else {
          printedPassword = typeof v.password === "string" ? undefined : generatePassword();
          user = await createUser(tx, {
            email: str(v.email),
            name: typeof v.name === "string" ? v.name : undefined,
            password: printedPassword ?? str(v.password),
            mustChangePassword: printedPassword !== undefined,
          });
        }
        await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role });
        out.push(`${user.email} is now ${role} of ${org.slug}. Sign in at ${appUrl}/sign-in`);
        if (printedPassword)
          out.push(`One-time password (shown once, to be changed at first sign-in): ${printedPassword}`);
      });
    },
  },
  "set-password": {
    options: { email: { type: "string" }, password: { type: "string" } },
    async run(db, v, { out }) {
      required(v, "email");
      const user = await findUserByEmail(db, str(v.email));
      if (!user) throw new UsageError(`No user with the email ${str(v.email)}.`);
      const oneTime = typeof v.password === "string" ? undefined : generatePassword();
      await setPassword(db, user, oneTime ?? str(v.password), { mustChangePassword: oneTime !== undefined });
      out.push(`Password of ${user.email} set; their other sessions are signed out.`);
      if (oneTime) out.push(`One-time password (shown once, to be changed at first sign-in): ${oneTime}`);
    },
  },
  "create-integration": {
    options: { org: { type: "string" }, provider: { type: "string" }, name: { type: "string" } },
    async run(db, v, { out, appUrl }) {
      required(v, "org", "provider", "name");
      const org = await orgOrFail(db, str(v.org));
      const created = await createIntegration(db, org.id, cliActor, { provider: str(v.provider), name: str(v.name) });
      const url = `${appUrl}${created.path}`;
      out.push(
        `Created ${providers[created.provider].label} integration "${created.name}" (id ${created.id}) in ${org.slug}.`,
      );
      if (providers[created.provider].kind === "aiflow") {
        out.push(
          `Endpoint URL: ${url}`,
          `WebSocket:    ${url.replace(/^http/, "ws")}/ws`,
          `X-API-TOKEN:  ${created.secret}`,
        );
        out.push("The token is shown only now; Switchboard keeps only its hash.");
      } else {
        out.push(
          `Hook URL: ${url}`,
          "The URL contains the key and is shown only now; Switchboard keeps only its hash.",
        );
      }
    },
  },
  "import-flow": {
    options: {
      org: { type: "string" },
      file: { type: "string" },
      name: { type: "string" },
      draft: { type: "boolean" },
    },
    async run(db, v, { out }) {
      required(v, "org", "file", "name");
      const org = await orgOrFail(db, str(v.org));
      let text: string;
      try {
        text = readFileSync(str(v.file), "utf8");
      } catch {
        throw new UsageError(`Cannot read ${str(v.file)}.`);
      }
      const imported = await importFlow(db, org.id, cliActor, { name: str(v.name), text, publish: !v.draft });
      out.push(`Created flow "${str(v.name)}" (id ${imported.flowId}) in ${org.slug}.`);
      if (imported.version) out.push(`Published version ${imported.version}.`);
      else if (imported.issues.length > 0)
        out.push(
          "Not published; fix these first:",
          ...imported.issues.filter((i) => i.severity === "error").map((i) => `  - ${i.message}`),
        );
      else out.push("Saved as a draft.");
    },
  },
  "route-number": {
    options: {
      org: { type: "string" },
      integration: { type: "string" },
      number: { type: "string" },
      flow: { type: "string" },
    },
    async run(db, v, { out }) {
      required(v, "org", "integration", "number", "flow");
      const org = await orgOrFail(db, str(v.org));
      const config = await routeNumber(db, org.id, cliActor, str(v.integration), {
        number: str(v.number).replace(/[^\d+]/g, ""),
        flowId: str(v.flow),
      });
      out.push(
        `Calls to ${str(v.number)} now start on flow ${str(v.flow)}; the integration routes ${config.routes.length} number(s).`,
      );
    },
  },
  "list-orgs": {
    options: { json: { type: "boolean" } },
    async run(db, v, { out }) {
      const orgs = await listAllOrganisations(db);
      if (v.json) return void out.push(JSON.stringify(orgs, null, 2));
      if (orgs.length === 0)
        return void out.push(
          "No organisations yet. Create one: npm run admin -- create-org --name <name> --slug <slug>",
        );
      out.push(
        ...orgs.map(
          (o) => `${o.slug.padEnd(24)} ${o.name.padEnd(32)} ${String(o.members).padStart(3)} member(s)  ${o.id}`,
        ),
      );
    },
  },
  "list-integrations": {
    options: { org: { type: "string" }, json: { type: "boolean" } },
    async run(db, v, { out }) {
      required(v, "org");
      const org = await orgOrFail(db, str(v.org));
      const rows = await listIntegrations(db, org.id);
      if (v.json) return void out.push(JSON.stringify(rows, null, 2));
      if (rows.length === 0)
        return void out.push(`No integrations in ${org.slug} yet. Create one with create-integration.`);
      out.push(
        ...rows.map(
          (i) =>
            `${i.id}  ${i.provider.padEnd(8)} ${i.name.padEnd(28)} ${i.isEnabled ? "enabled " : "disabled"}  last event: ${i.lastEventAt?.toISOString() ?? "never"}`,
        ),
      );
    },
  },
};

/** Runs one admin command against a database. Pure apart from the database: output is returned. */
export async function runAdminCommand(db: Db, argv: string[], appUrl: string): Promise<CliResult> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h")
    return { exitCode: name ? 0 : 2, stdout: name ? `${usage}\n` : "", stderr: name ? "" : `${usage}\n` };
  const command = commands[name];
  if (!command) return { exitCode: 2, stdout: "", stderr: `Unknown command "${name}".\n\n${usage}\n` };
  const out: string[] = [];
  try {
    const { values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false });
    await command.run(db, values, { out, appUrl });
    return { exitCode: 0, stdout: out.length ? `${out.join("\n")}\n` : "", stderr: "" };
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: 2, stdout: "", stderr: `Error: ${error.message}\n` };
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      return { exitCode: 2, stdout: "", stderr: `Error: ${error.message}\n\n${usage}\n` };
    }
    if (isAppError(error)) return { exitCode: 1, stdout: "", stderr: `Error: ${error.message}\n` };
    throw error;
  }
}
