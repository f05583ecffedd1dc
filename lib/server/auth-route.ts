import "server-only";
// Helpers of the /api/auth route: the throttle gate before next-auth sees a password, and rewriting next-auth's
// generic error codes (OAuthSignin, OAuthCallback) into the reason noted during the request.
import { getTranslations } from "next-intl/server";
import { now } from "./clock";
import { clientAddress, signInWaitMs } from "./sign-in-throttle";
import type { SsoFailure } from "@/lib/domain/sign-in";

export async function throttledSignIn(req: Request): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  let email: string;
  try {
    const form = await req.clone().formData();
    const value = form.get("email");
    email = (typeof value === "string" ? value : "").trim().toLowerCase().slice(0, 320);
  } catch {
    return null;
  }
  if (!email) return null;
  const waitMs = await signInWaitMs(email, clientAddress(req.headers), now());
  if (waitMs <= 0) return null;
  const seconds = Math.ceil(waitMs / 1000);
  const t = await getTranslations("users.loginErrors");
  return Response.json(
    { error: { code: "too_many_requests", message: t("throttled", { seconds }), retryAfter: seconds } },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

const GENERIC = /[?&]error=(OAuthSignin|OAuthCallback|Callback|OAuthAccountNotLinked|AccessDenied|Configuration)\b/;

/** Sends the browser straight to the login page with the noted reason (Location, or the JSON {url} next-auth's client reads). */
export async function withFailureReason(response: Response, store: { failure?: SsoFailure }): Promise<Response> {
  const failure = store.failure;
  if (!failure) return response;
  const target = (url: string) => new URL(`/login?error=${failure}`, url).toString();
  const location = response.headers.get("location");
  if (location && GENERIC.test(location)) {
    const headers = new Headers(response.headers);
    headers.set("location", target(location));
    return new Response(null, { status: response.status, headers });
  }
  if ((response.headers.get("content-type") ?? "").includes("application/json")) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { url?: unknown } | null;
    if (body && typeof body.url === "string" && GENERIC.test(body.url)) {
      return Response.json({ url: target(body.url) }, { status: response.status, headers: response.headers });
    }
  }
  return response;
}
