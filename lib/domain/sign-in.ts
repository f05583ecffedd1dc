// Pure rules for signing in: throttling delays, SSO claims, group → role mapping, failure classification.
// No I/O and no clock: callers pass `now` and the stored state.
import { ROLES, isRole, type Role } from "./roles";
import { oneOf } from "@/lib/domain/one-of";

// ---------------------------------------------------------------- throttling

export interface ThrottlePolicy {
  /** failures allowed before delays begin */
  free: number;
  /** first delay, doubled with every further failure */
  baseMs: number;
  maxMs: number;
  /** a key with no failure for this long starts over */
  forgetAfterMs: number;
}

/** Per account: five tries, then 2 s, 4 s, 8 s … up to 15 min. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseMs: 2_000, maxMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/** Per client address: an office behind one NAT gets more room, then the same growth. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, baseMs: 2_000, maxMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

/** Milliseconds the key must still wait before the next attempt (0 = may try now). */
export function retryAfterMs(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}

/** The state after one more failure: the count grows (unless forgotten) and so does the wait. */
export function afterFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const fresh = !state || now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterMs;
  const failures = (fresh ? 0 : state.failures) + 1;
  const over = failures - policy.free;
  const delay = over <= 0 ? 0 : Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 30));
  return { failures, lastFailureAt: now, blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null };
}

// ---------------------------------------------------------------- SSO claims

export interface SsoClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

/**
 * Claims from the ID token merged with the userinfo answer (userinfo wins for profile claims, the subject must
 * agree). `email_verified` counts only when it is literally true (or the string "true" some providers send).
 */
export function readClaims(
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown> | null,
  roleClaim: string | null,
): SsoClaims {
  const subject = typeof idToken.sub === "string" ? idToken.sub : "";
  if (userinfo && userinfo.sub !== undefined && userinfo.sub !== subject) {
    throw new Error("userinfo subject differs from the ID token subject");
  }
  const merged: Record<string, unknown> = { ...idToken, ...(userinfo ?? {}), sub: subject };
  const email = typeof merged.email === "string" && merged.email.includes("@") ? merged.email.trim().toLowerCase() : null;
  const verified = merged.email_verified === true || merged.email_verified === "true";
  const name = typeof merged.name === "string" && merged.name.trim() ? merged.name.trim() : null;
  return { subject, email, emailVerified: verified, name, groups: roleClaim ? readGroups(merged, roleClaim) : [] };
}

/** A claim path such as "groups" or "realm_access.roles"; a string or an array of strings. */
function readGroups(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

// ---------------------------------------------------------------- group → role

export type RoleMap = { group: string; role: Role }[];

/** "ic-admins=admin,oncall=responder" → entries; throws with the offending part for a bad value. */
export function parseRoleMap(raw: string): RoleMap {
  const entries: RoleMap = [];
  for (const part of raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.lastIndexOf("=");
    const group = part.slice(0, eq).trim();
    const role = part.slice(eq + 1).trim();
    if (eq <= 0 || !group || !isRole(role)) {
      throw new Error(`OIDC_ROLE_MAP: "${part}" is not group=role with role one of ${ROLES.join(", ")}.`);
    }
    entries.push({ group, role });
  }
  return entries;
}

/** The most powerful role any of the user's groups maps to, else the default. */
export function roleFromGroups(groups: string[], map: RoleMap, fallback: Role): Role {
  let best: Role | null = null;
  for (const { group, role } of map) {
    if (groups.includes(group) && (best === null || ROLES.indexOf(role) < ROLES.indexOf(best))) best = role;
  }
  return best ?? fallback;
}

// ---------------------------------------------------------------- failures shown on the login page

/** What the login page explains; each has a message in ko/en under login.errors.<code>. */
export const SSO_FAILURES = [
  "sso_unreachable",
  "sso_cancelled",
  "sso_misconfigured",
  "sso_unverified",
  "sso_deactivated",
  "sso_email_taken",
  "sso_no_email",
  "sso_already_linked",
  "sso_failed",
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export const isSsoFailure = oneOf(SSO_FAILURES);

/** Maps what went wrong talking to the provider (an error code or message) to what the user is told. */
export function classifyProviderError(
  stage: "signin" | "callback",
  error: { name?: string; message?: string; code?: string; error?: string },
): SsoFailure {
  const text = `${error.code ?? ""} ${error.error ?? ""} ${error.name ?? ""} ${error.message ?? ""}`.toLowerCase();
  if (/access_denied|consent_required|login_required|interaction_required|cancel/.test(text)) return "sso_cancelled";
  if (
    /econnrefused|enotfound|eai_again|econnreset|etimedout|timeout|socket hang up|fetch failed|network|expected 200 ok|unexpected http response status code: 5|server_error|temporarily_unavailable/.test(
      text,
    )
  ) {
    return "sso_unreachable";
  }
  if (
    /invalid_client|unauthorized_client|invalid_grant|redirect_uri|unexpected iss|jwt|signature|aud|invalid_request|unsupported/.test(text)
  )
    return "sso_misconfigured";
  return stage === "signin" ? "sso_unreachable" : "sso_failed";
}
