// Response headers every answer carries, pages and API alike; wired in next.config.ts `headers()`
// (evaluated at build time, so nothing here may depend on runtime configuration).
// No "server-only": next.config.ts imports it outside React.

type Header = { key: string; value: string };
type HeaderRule = { source: string; has?: { type: "header"; key: string; value?: string }[]; headers: Header[] };

export const STATIC_SECURITY_HEADERS: HeaderRule[] = [
  {
    source: "/:path*",
    headers: [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      // for browsers without CSP frame-ancestors; pages also get frame-ancestors 'none' from proxy.ts
      { key: "X-Frame-Options", value: "DENY" },
    ],
  },
  {
    // JSON, NDJSON, SSE and Markdown exports are never documents to render or frame.
    source: "/api/:path*",
    headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
  },
  {
    // The service worker: always revalidated (a fixed worker reaches every device at its next visit), and under a
    // policy of its own, since it runs outside any page: it fetches only this origin (the acknowledge API).
    source: "/sw.js",
    headers: [
      { key: "Cache-Control", value: "no-cache" },
      { key: "Content-Security-Policy", value: "default-src 'self'; object-src 'none'; base-uri 'none'" },
    ],
  },
  {
    // HSTS only when the request reached the TLS proxy over https (Next.js itself serves plain http).
    source: "/:path*",
    has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
    headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
  },
];
