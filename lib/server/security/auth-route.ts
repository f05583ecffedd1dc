import "server-only";
// next-auth's own route handler reads the whole body (req.text()/req.json()) before anything else. This
// wrapper goes in front of its POST: same-origin check (next-auth's CSRF token stays as well), the body
// read with its limit enforced while it streams in, NUL / lone surrogates in form fields refused, and
// only then the buffered body handed to next-auth.
import { NextRequest } from "next/server";
import { errorResponse } from "../api";
import { requestLocale } from "./messages";
import { readBodyLimited } from "./body";
import { requireSameOrigin } from "./origin-check";
import { requireSafeJsonText, requireSafeStrings } from "./text-guard";

/** Sign-in forms are a few hundred bytes (email, password, csrfToken, callbackUrl). */
export const AUTH_BODY_LIMIT = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };

export function guardAuthPost(handler: (req: NextRequest, ctx: Context) => Promise<Response>) {
  return async (req: Request, ctx: Context): Promise<Response> => {
    const locale = requestLocale(req.headers);
    try {
      const [action, provider] = (await ctx.params).nextauth ?? [];
      // An identity provider may post its answer back from its own origin (OIDC form_post); the
      // provider's state/PKCE checks protect that callback. Every other POST comes from our pages.
      const providerCallback = action === "callback" && provider !== "credentials";
      if (!providerCallback) requireSameOrigin(req, locale);
      const bytes = await readBodyLimited(req, AUTH_BODY_LIMIT, locale);
      const text = new TextDecoder("utf-8").decode(bytes);
      const type = req.headers.get("content-type") ?? "";
      if (type.includes("application/x-www-form-urlencoded")) requireSafeStrings(new URLSearchParams(text), locale);
      else if (type.includes("application/json")) requireSafeJsonText(text, locale);
      const headers = new Headers(req.headers);
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      return await handler(new NextRequest(req.url, { method: "POST", headers, body: bytes }), ctx);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
