import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { env } from "@/lib/server/env";
import { endSessionEndpoint } from "@/lib/server/sso";
import { currentSessionToken } from "@/lib/server/auth-options";

/**
 * Where the browser goes after signing out: the provider's end_session_endpoint for an SSO session (RP-initiated
 * logout, so a shared war-room machine does not sign straight back in), else the login page. The session itself is
 * ended by next-auth's sign-out, which the browser calls next.
 */
export const POST = apiRoute({}, async ({ actor, request }) => {
  // An API token has no browser session to end (and no cookies to read): revoke the token instead.
  if (actor.kind === "token")
    throw new AppError("bad_request", "API tokens have no session to sign out of; revoke the token in Settings instead.");
  const origin = env().NEXTAUTH_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
  const login = `${origin}/login`;
  const token = await currentSessionToken();
  if (!token?.sso) return { url: "/login" };
  const endpoint = await endSessionEndpoint();
  if (!endpoint) return { url: "/login" };
  const url = new URL(endpoint);
  if (typeof token.idToken === "string") url.searchParams.set("id_token_hint", token.idToken);
  url.searchParams.set("client_id", env().OIDC_CLIENT_ID ?? "");
  url.searchParams.set("post_logout_redirect_uri", login);
  return { url: url.toString() };
});
