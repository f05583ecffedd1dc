// The whole OpenID Connect exchange against a real provider (oidc-provider on a local port), driving next-auth's
// core handler with this app's options the way the /api/auth route does: discovery, PKCE, the provider's login and
// consent forms, the code exchange with ID-token validation, userinfo, and our account rules and failure reasons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { decode } from "next-auth/jwt";
import { TestProvider } from "../../e2e/support/oidc";

const APP = "http://localhost:3999";
const idp = new TestProvider(3998, [APP]);
process.env.NEXTAUTH_URL = APP;
process.env.OIDC_ISSUER = idp.issuer;
process.env.OIDC_CLIENT_ID = "incident-command";
process.env.OIDC_CLIENT_SECRET = "e2e-oidc-client-secret-0123456789";
process.env.OIDC_NAME = "Test SSO";
process.env.OIDC_SCOPE = "openid email profile groups";
process.env.OIDC_ROLE_CLAIM = "groups";
process.env.OIDC_ROLE_MAP = "ic-admins=admin,war-room=commander";

// next-auth's framework-neutral core (the route handler's engine); not in the package's export map.
type Res = { redirect?: string; body?: unknown; cookies?: { name: string; value: string }[] };
const { AuthHandler } = createRequire(import.meta.url)(resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (p: { req: never; options: unknown }) => Promise<Res>;
};

// The test process may have read the environment before the variables above were set (setup files).
(await import("@/lib/server/env")).reloadEnv();
const { authOptions, authSecret } = await import("@/lib/server/auth-options");
const { authFailure } = await import("@/lib/server/sso");
const { prisma } = await import("@/lib/server/db");

interface Outcome {
  /** where the browser would be sent at the end */
  location: string;
  failure?: string;
  userId: string | null;
}

/** One browser's SSO sign-in: app → provider (login, consent or cancel) → app callback. */
async function ssoSignIn(login: string, { cancel = false } = {}): Promise<Outcome> {
  const jar: Record<string, string> = {};
  const store: { failure?: never } = {};
  const run = async (req: Record<string, unknown>) => {
    const res = await authFailure.run(store, () =>
      AuthHandler({ req: { ...req, cookies: { ...jar }, headers: { host: "localhost:3999" } } as never, options: authOptions() }),
    );
    for (const c of res.cookies ?? []) jar[c.name] = c.value;
    return res;
  };
  const csrf = await run({ action: "csrf", method: "GET" });
  const start = await run({
    action: "signin",
    providerId: "oidc",
    method: "POST",
    body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, callbackUrl: `${APP}/incidents`, json: "true" },
  });
  let url = String(start.redirect);
  if (!url.startsWith(idp.issuer)) return { location: url, failure: (store as { failure?: string }).failure, userId: null };

  // The provider, as a browser would walk it.
  const idpCookies = new Map<string, string>();
  let init: RequestInit = {};
  for (let hop = 0; hop < 20 && !url.startsWith(APP); hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), cookie: [...idpCookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      idpCookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    init = {};
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    const action = new URL(/action="([^"]+)"/.exec(html)![1], url).toString();
    if (html.includes('name="login"')) {
      if (cancel) {
        url = new URL(/href="([^"]+\/abort)"/.exec(html)![1], url).toString();
        continue;
      }
      init = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "x" }).toString(),
      };
    } else {
      init = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "consent" }).toString(),
      };
    }
    url = action;
  }
  expect(url.startsWith(`${APP}/api/auth/callback/oidc`)).toBe(true);
  const cb = await run({ action: "callback", providerId: "oidc", method: "GET", query: Object.fromEntries(new URL(url).searchParams) });
  const sessionCookie = jar["next-auth.session-token"];
  const token = sessionCookie ? await decode({ token: sessionCookie, secret: authSecret() }) : null;
  return {
    location: String(cb.redirect),
    failure: (store as { failure?: string }).failure,
    userId: (token?.uid as string | undefined) ?? null,
  };
}

beforeAll(async () => {
  await idp.start({ claimsOnlyInUserinfo: false });
});
afterAll(async () => {
  await idp.stop();
});

describe("SSO against a real OpenID provider", () => {
  it("signs in with the claims in the ID token, mapping the groups to a role", async () => {
    idp.accounts.set("p-kim", { email: "p-kim@corp.example", email_verified: true, name: "Kim", groups: ["war-room"] });
    const out = await ssoSignIn("p-kim");
    expect(out.location).toBe(`${APP}/incidents`);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: out.userId! }, include: { identities: true } });
    expect(user).toMatchObject({ email: "p-kim@corp.example", name: "Kim", role: "commander" });
    expect(user.identities[0]).toMatchObject({ issuer: idp.issuer, subject: "p-kim" });
  });

  it("signs in with the claims only in userinfo (the provider's default), and finds the account by subject after an email change", async () => {
    await idp.start({ claimsOnlyInUserinfo: true });
    idp.accounts.set("p-lee", { email: "p-lee@corp.example", email_verified: true, name: "Lee" });
    const first = await ssoSignIn("p-lee");
    expect(first.location).toBe(`${APP}/incidents`);
    expect(first.userId).not.toBeNull();
    idp.accounts.set("p-lee", { email: "p-lee.new@corp.example", email_verified: true, name: "Lee Renamed" });
    const second = await ssoSignIn("p-lee");
    expect(second.userId).toBe(first.userId);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: first.userId! } })).toMatchObject({
      email: "p-lee.new@corp.example",
      name: "Lee",
    });
  });

  it("never yields the password admin's session for an identity carrying the admin's email", async () => {
    idp.accounts.set("p-evil-1", { email: "admin@example.com", email_verified: false, groups: ["ic-admins"] });
    idp.accounts.set("p-evil-2", { email: "admin@example.com", email_verified: true, groups: ["ic-admins"] });
    const one = await ssoSignIn("p-evil-1");
    expect(one).toMatchObject({ location: "/login?error=sso_unverified", userId: null });
    const two = await ssoSignIn("p-evil-2");
    expect(two).toMatchObject({ location: "/login?error=sso_email_taken", userId: null });
    expect(await prisma.auditLog.count({ where: { action: "auth.sso_refused" } })).toBeGreaterThanOrEqual(2);
  });

  it("names the failure: cancelled, misconfigured client, provider unreachable", async () => {
    idp.accounts.set("p-park", { email: "p-park@corp.example", email_verified: true });
    expect((await ssoSignIn("p-park", { cancel: true })).failure).toBe("sso_cancelled");
    await idp.start({ claimsOnlyInUserinfo: true, clientSecret: "not-the-apps-secret" });
    expect(await ssoSignIn("p-park")).toMatchObject({ failure: "sso_misconfigured", userId: null });
    await idp.stop();
    expect(await ssoSignIn("p-park")).toMatchObject({ failure: "sso_unreachable", userId: null });
  });
});
