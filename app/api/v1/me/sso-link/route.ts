import { cookies } from "next/headers";
import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { env, oidcConfigured } from "@/lib/server/env";
import { LINK_COOKIE, linkCookieValue } from "@/lib/server/sso";
import { authSecret } from "@/lib/server/auth-options";

/**
 * A signed-in user asks to link their company SSO identity: a signed cookie (10 min, this user only) marks the next
 * SSO sign-in in this browser as a link; the browser then goes through the provider (next-auth signIn("oidc")).
 */
export const POST = apiRoute({}, async ({ actor }) => {
  if (!actor.userId || actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user links their own SSO identity.");
  if (!oidcConfigured()) throw new AppError("conflict", "Company SSO is not configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).");
  (await cookies()).set(LINK_COOKIE, linkCookieValue(actor.userId, authSecret()), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 600,
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https:"),
  });
  return { ok: true };
});
