import "server-only";
// next-auth configuration: credentials sign-in against bcrypt hashes (throttled, same work for unknown emails),
// optional company OIDC bound to (issuer, subject), JWT sessions that carry the user's id and session version.
// The role, name and "still allowed?" come from the database on every request (lib/server/users.ts sessionUser).
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import bcrypt from "bcryptjs";
import { prisma } from "./db";
import { env, oidcConfigured, passwordSignInAllowed } from "./env";
import { now } from "./clock";
import { writeAudit } from "./audit";
import { clientAddress, recordSignInFailure, recordSignInSuccess, signInWaitMs } from "./sign-in-throttle";
import { bumpSessionVersion, sessionUser } from "./users";
import { LINK_COOKIE, noteFailure, readLinkCookie, resolveSsoSignIn } from "./sso";
import { classifyProviderError, readClaims, type SsoClaims } from "@/lib/domain/sign-in";

/** Compared against when the email has no password, so unknown and known emails cost the same bcrypt work. */
const DUMMY_HASH = "$2b$10$G4yBmKnSDs.YtFJKqoOsF.wCYOBOS4JtZuNGyotw/HyEwiMQ00RFG";

/** Errors the login form turns into a message (login.errors.<code>). */
export const CREDENTIAL_ERRORS = { throttled: "throttled", deactivated: "deactivated", passwordDisabled: "password_disabled" } as const;

type SignedInUser = User & { sv?: number };

export async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> },
): Promise<SignedInUser | null> {
  const email = credentials?.email?.trim().toLowerCase().slice(0, 320) ?? "";
  const password = credentials?.password ?? "";
  if (!email || !password) return null;
  const address = clientAddress(req.headers);
  const at = now();
  if ((await signInWaitMs(email, address, at)) > 0) {
    await auditFailure(email, null, address, "throttled", at);
    throw new Error(CREDENTIAL_ERRORS.throttled);
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  const reason =
    !user || !user.passwordHash
      ? "unknown_account"
      : !matches
        ? "wrong_password"
        : !user.active
          ? "deactivated"
          : !passwordSignInAllowed(email)
            ? "password_disabled"
            : null;
  if (reason || !user) {
    await recordSignInFailure(email, address, at);
    await auditFailure(email, user?.id ?? null, address, reason ?? "unknown_account", at);
    // Only someone who knows the password learns why it was refused.
    if (reason === "deactivated") throw new Error(CREDENTIAL_ERRORS.deactivated);
    if (reason === "password_disabled") throw new Error(CREDENTIAL_ERRORS.passwordDisabled);
    return null;
  }
  await recordSignInSuccess(email);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: at } });
  return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
}

async function auditFailure(email: string, userId: string | null, address: string, reason: string, at: Date) {
  await writeAudit(
    prisma,
    { kind: "user", userId, tokenId: null, label: email, role: "viewer" },
    {
      action: "auth.sign_in_failed",
      entity: "user",
      entityId: userId ?? email,
      after: { email, address, reason },
      at,
    },
  );
}

type IcProfile = Record<string, unknown> & { sub: string; __claims: SsoClaims; __issuer: string };

function oidcProvider() {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth" as const,
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: e.OIDC_SCOPE } },
    idToken: true,
    checks: ["pkce", "state"] as ("pkce" | "state")[],
    httpOptions: { timeout: 10_000 },
    // Claims come from the (validated) ID token and from the userinfo endpoint, whichever has them.
    userinfo: {
      async request(context: { tokens: object; client: object }) {
        // At run time these are openid-client's TokenSet (already validated by client.callback) and Client.
        const tokens = context.tokens as { claims(): Record<string, unknown>; access_token?: string };
        const client = context.client as { userinfo(t: unknown): Promise<Record<string, unknown>> };
        const idClaims = tokens.claims();
        let info: Record<string, unknown> | null = null;
        if (tokens.access_token) {
          try {
            info = await client.userinfo(tokens);
          } catch (error) {
            console.warn(
              `[auth] userinfo request failed, using the ID token only: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
        const claims = readClaims(idClaims, info, env().OIDC_ROLE_CLAIM ?? null);
        return {
          ...idClaims,
          ...(info ?? {}),
          sub: claims.subject,
          __claims: claims,
          __issuer: typeof idClaims.iss === "string" ? idClaims.iss : String(e.OIDC_ISSUER),
        };
      },
    },
    profile(profile: IcProfile) {
      return { id: profile.sub, email: profile.__claims.email ?? "", name: profile.__claims.name ?? profile.__claims.email ?? profile.sub };
    },
  };
}

/** The user id a pending "link my SSO" request is for, if the browser is still signed in as that user. */
async function pendingLinkUser(secret: string): Promise<string | null> {
  // Outside a Next.js request (tests driving next-auth directly) there are no cookies and so no link request.
  let jar: Awaited<ReturnType<typeof cookies>>;
  try {
    jar = await cookies();
  } catch {
    return null;
  }
  const uid = readLinkCookie(jar.get(LINK_COOKIE)?.value, secret);
  if (!uid) return null;
  jar.delete(LINK_COOKIE);
  const token = await currentSessionToken();
  return token?.uid === uid ? uid : null;
}

/** The decoded session cookie of this request (next-auth splits large cookies into .0, .1, … chunks). */
export async function currentSessionToken() {
  const jar = await cookies();
  for (const base of ["__Secure-next-auth.session-token", "next-auth.session-token"]) {
    const whole = jar.get(base)?.value;
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${base}.`))
      .sort((a, b) => Number(a.name.slice(base.length + 1)) - Number(b.name.slice(base.length + 1)))
      .map((c) => c.value)
      .join("");
    const raw = whole ?? (chunks || null);
    if (raw) return decode({ token: raw, secret: authSecret() }).catch(() => null);
  }
  return null;
}

export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? devSecret();
}

export function authOptions(): NextAuthOptions {
  const secret = authSecret();
  return {
    secret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: authorizeCredentials,
      }),
      ...(oidcConfigured() ? [oidcProvider()] : []),
    ],
    logger: {
      error(code, metadata) {
        const error = (
          metadata && typeof metadata === "object" && "error" in metadata ? (metadata as { error: unknown }).error : metadata
        ) as { name?: string; message?: string; code?: string; error?: string } | undefined;
        const base = {
          ...(error ?? {}),
          name: error?.name,
          message: `${error?.message ?? ""} ${(metadata as { error_description?: string })?.error_description ?? ""}`,
        };
        if (code === "SIGNIN_OAUTH_ERROR") noteFailure(classifyProviderError("signin", base), `${code}: ${base.message.trim()}`);
        else if (code === "OAUTH_CALLBACK_ERROR" || code === "OAUTH_CALLBACK_HANDLER_ERROR")
          noteFailure(classifyProviderError("callback", base), `${code}: ${base.message.trim()}`);
        else console.error(`[auth] ${code}`, error?.message ?? "");
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const p = profile as IcProfile | undefined;
        if (!p?.__claims) {
          noteFailure("sso_failed", "no claims from the provider");
          return "/login?error=sso_failed";
        }
        const result = await resolveSsoSignIn(p.__issuer, p.__claims, await pendingLinkUser(secret));
        if (!result.ok) {
          noteFailure(result.failure, result.detail);
          // Refused SSO sign-ins (e.g. someone else's email, unverified) are security events admins can review.
          await writeAudit(
            prisma,
            { kind: "user", userId: null, tokenId: null, label: `sso:${p.__claims.email ?? p.__claims.subject}`, role: "viewer" },
            {
              action: "auth.sso_refused",
              entity: "userIdentity",
              entityId: `${p.__issuer}#${p.__claims.subject}`.slice(0, 500),
              after: { reason: result.failure, detail: result.detail, email: p.__claims.email, emailVerified: p.__claims.emailVerified },
              at: now(),
            },
          ).catch(() => undefined);
          return `/login?error=${result.failure}`;
        }
        Object.assign(user, { __icUserId: result.userId, sv: result.sessionVersion });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const u = user as SignedInUser & { __icUserId?: string };
          token.uid = account?.provider === "oidc" ? u.__icUserId : u.id;
          token.sv = u.sv ?? 0;
          token.sso = account?.provider === "oidc";
          if (account?.provider === "oidc" && account.id_token) token.idToken = account.id_token;
          delete token.picture;
        }
        return token;
      },
      async session({ session, token }) {
        // The account decides on every request (cached briefly): deactivated, signed out or a new role.
        const uid = typeof token.uid === "string" ? token.uid : null;
        const user = uid ? await sessionUser(uid) : null;
        if (!user || !user.active || user.sessionVersion !== (token.sv ?? 0)) return { expires: session.expires } as typeof session;
        session.user = { id: user.id, role: user.role, name: user.name, email: user.email };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        // Sign-out ends the account's sessions on every device, not only this cookie.
        if (typeof token?.uid === "string") await bumpSessionVersion(token.uid).catch(() => undefined);
      },
    },
  };
}

/** Local development without NEXTAUTH_SECRET still works; production must set it (scripts/start.sh does). */
function devSecret(): string {
  if (env().NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET must be set in production.");
  return "incident-command-development-secret-not-for-production";
}
