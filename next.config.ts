import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { STATIC_SECURITY_HEADERS } from "./lib/server/security/static-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
  // Lets parallel test runs keep separate builds (NEXT_DIST_DIR=.next-foo); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // nosniff, Referrer-Policy, X-Frame-Options, HSTS behind https; pages' CSP with a nonce is in proxy.ts.
  headers: async () => STATIC_SECURITY_HEADERS,
  experimental: {
    // Server actions read their body with this limit enforced while it streams (Next checks Origin too).
    serverActions: { bodySizeLimit: "64kb" },
    // proxy.ts never sees API routes or server actions (see its matcher); for the page requests it does
    // see, Next buffers at most this much of a body (default 10 MB).
    proxyClientMaxBodySize: "64kb",
  },
};

export default withNextIntl(nextConfig);
