// Browser protections for every page, applied by proxy.ts (the only place a per-request nonce can be
// made before rendering). No "server-only" import: this module runs in the proxy runtime.
//
// - Content-Security-Policy with a fresh nonce per request and 'strict-dynamic': Next.js reads the nonce
//   from the request's CSP header and puts it on its own scripts, so no script runs without it — no
//   'unsafe-inline' for scripts. Styles keep 'unsafe-inline' (React and recharts write style attributes;
//   a style cannot run code). 'unsafe-eval' only in development (React's dev tooling needs it).
// - frame-ancestors 'none' (no clickjacking), base-uri/form-action 'self', object-src 'none'.
// - Static headers for every response, API included (nosniff, Referrer-Policy, X-Frame-Options, HSTS
//   when the request came over https through the TLS proxy) live in next.config.ts `headers()` (see
//   lib/server/security/static-headers.ts), so they are not set twice here.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/server/env";

export interface CspOptions {
  nonce: string;
  dev: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || (request.headers.get("x-forwarded-proto") ?? "").split(",")[0].trim() === "https";
}

/** NextResponse.next() carrying a fresh nonce to the renderer and the matching CSP to the browser. */
export function pageResponse(request: NextRequest): NextResponse {
  const csp = contentSecurityPolicy({ nonce: makeNonce(), dev: env().NODE_ENV === "development", https: isHttps(request) });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}
