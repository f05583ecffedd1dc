import "server-only";
// Cross-site request forgery guard for every mutation made with the sign-in cookie (SameSite=Lax alone
// lets a top-level cross-site form POST through in some browsers and covers no sibling subdomain).
// The rule follows Go's net/http CrossOriginProtection:
//   - GET, HEAD and OPTIONS are never checked (they change nothing);
//   - requests with an Authorization header (API tokens, bearer webhooks) are exempt: a browser cannot
//     attach one cross-site without a CORS preflight this app never answers;
//   - Sec-Fetch-Site "same-origin" or "none" (typed by the user) passes;
//   - otherwise an Origin equal to this app's public origin (NEXTAUTH_URL) or to the Host the request
//     was sent to passes; a browser that said "same-site"/"cross-site" with any other Origin is refused;
//   - neither header (curl, server-to-server, very old browsers) passes: there is no browser to forge.
import { AppError } from "../errors";
import { env } from "../env";
import { securityMessages } from "./messages";
import type { Locale } from "@/lib/i18n/locales";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginVerdict = { ok: true } | { ok: false; origin: string | null };

function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Pure decision over the request's method and headers; `trustedOrigins` are full origins (https://host:port). */
export function crossOriginVerdict(method: string, headers: Headers, trustedOrigins: readonly string[] = []): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  if (headers.has("authorization")) return { ok: true };
  const site = headers.get("sec-fetch-site")?.trim().toLowerCase() ?? null;
  if (site === "same-origin" || site === "none") return { ok: true };
  const origin = headers.get("origin");
  const originHost = origin && origin !== "null" ? hostOf(origin) : null;
  const trustedHosts = trustedOrigins.map(hostOf).filter((h): h is string => h !== null);
  if (originHost && trustedHosts.includes(originHost)) return { ok: true };
  if (site !== null) return { ok: false, origin };
  if (origin === null) return { ok: true };
  const hosts = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]]
    .filter((h): h is string => Boolean(h))
    .map((h) => h.trim().toLowerCase());
  return originHost && hosts.includes(originHost) ? { ok: true } : { ok: false, origin };
}

export function trustedOrigins(): string[] {
  const url = env().NEXTAUTH_URL;
  return url ? [url] : [];
}

/** Throws 403 (forbidden) with a message naming the foreign origin when the request fails the rule above. */
export function requireSameOrigin(request: Request, locale: Locale): void {
  const verdict = crossOriginVerdict(request.method, request.headers, trustedOrigins());
  if (!verdict.ok) {
    throw new AppError("forbidden", securityMessages.crossOrigin(locale, verdict.origin ? verdict.origin.slice(0, 200) : null), undefined, {
      reason: "cross_origin",
    });
  }
}
