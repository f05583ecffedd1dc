// Every page requires sign-in, except the login page, the public status page and the acknowledge links. API routes answer 401 JSON themselves (lib/server/api.ts), so they are not redirected.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import type { NextFetchEvent, NextRequest } from "next/server";
import { pageResponse } from "@/lib/server/security/page-headers";
import { env } from "@/lib/server/env";

// Signed in: the page, with its per-request CSP nonce (lib/server/security/page-headers.ts).
const signedIn = withAuth((request: NextRequestWithAuth) => pageResponse(request), {
  pages: { signIn: "/login" },
  secret: env().NEXTAUTH_SECRET ?? "incident-command-development-secret-not-for-production",
  callbacks: { authorized: ({ token }) => Boolean(token) },
});

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  // the login page and the public status page (with its feeds) are open to everyone, CSP all the same
  if (/^\/(login|status)(\/|$)/.test(request.nextUrl.pathname)) return pageResponse(request);
  // Acknowledge links from email and SMS: the signed single-use token is the permission (lib/server/reach/ack-links.ts).
  if (/^\/ack\/[^/]+$/.test(request.nextUrl.pathname)) return pageResponse(request);
  return signedIn(request as NextRequestWithAuth, event);
}

export const config = {
  matcher: [
    {
      // Never API routes or server actions: Next reads a body through proxy whole before the route
      // runs, which would defeat the limits enforced while bodies stream in (lib/server/security/body.ts).
      // The PWA's files are public too: Chromium fetches the manifest without cookies, and the service worker's
      // update checks must not be redirected to the login page.
      source: "/((?!api|_next/static|_next/image|favicon.ico|icon.svg|fonts|sw.js|manifest.webmanifest|icons/).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
