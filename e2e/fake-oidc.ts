// A minimal OpenID Connect provider on loopback for the single sign-on e2e test: a login page
// that asks for an email, the code flow with PKCE accepted, RS256 ID tokens, JWKS and userinfo.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

import { exportJWK, generateKeyPair, SignJWT } from "jose";

const port = Number(process.env.FAKE_OIDC_PORT ?? 3199);
const issuer = `http://localhost:${port}`;
const clientId = process.env.FAKE_OIDC_CLIENT_ID ?? "switchboard-e2e";

const { privateKey, publicKey } = await generateKeyPair("RS256");
const jwk = { ...(await exportJWK(publicKey)), kid: "e2e", alg: "RS256", use: "sig" };
const codes = new Map<string, { email: string }>();
const tokens = new Map<string, string>();

const html = (body: string) => `<!doctype html><html><body style="font-family:sans-serif">${body}</body></html>`;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === "/.well-known/openid-configuration") {
    return json(200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
  }
  if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
  if (url.pathname === "/authorize" && req.method === "GET") {
    const hidden = [...url.searchParams]
      .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
      .join("");
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(
      html(
        `<h1>Test identity provider</h1><form method="post" action="/authorize">${hidden}<label>Email <input name="login" type="email"></label><button>Continue</button></form>`,
      ),
    );
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  if (url.pathname === "/authorize") {
    const code = randomBytes(16).toString("hex");
    codes.set(code, { email: form.get("login") ?? "" });
    const back = new URL(form.get("redirect_uri") ?? "");
    back.searchParams.set("code", code);
    back.searchParams.set("state", form.get("state") ?? "");
    res.writeHead(302, { location: back.toString() });
    return res.end();
  }
  if (url.pathname === "/token") {
    const grant = codes.get(form.get("code") ?? "");
    if (!grant) return json(400, { error: "invalid_grant" });
    codes.delete(form.get("code") ?? "");
    const idToken = await new SignJWT({ email: grant.email, email_verified: true, name: grant.email.split("@")[0] })
      .setProtectedHeader({ alg: "RS256", kid: "e2e" })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(`sub-${grant.email}`)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    const accessToken = randomBytes(16).toString("hex");
    tokens.set(accessToken, grant.email);
    return json(200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken });
  }
  if (url.pathname === "/userinfo") {
    const email = tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    return email
      ? json(200, { sub: `sub-${email}`, email, email_verified: true })
      : json(401, { error: "invalid_token" });
  }
  json(404, { error: "not_found" });
}).listen(port, () => console.log(`fake OIDC provider on ${issuer}`));
