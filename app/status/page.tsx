import type { Metadata } from "next";
import { StatusPage } from "@/components/status/status-page";
import { publicStatus } from "@/lib/server/status/snapshot";
import { statusLocale } from "@/lib/server/status/locale";

// Rendered per request on the server (the CSP nonce is per request); the data comes from a 5 s cache.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Status",
  alternates: { types: { "application/atom+xml": "/status/feed.atom" } },
};

export default async function Page({ searchParams }: { searchParams: Promise<{ lang?: string }> }) {
  const locale = statusLocale((await searchParams).lang);
  return <StatusPage status={await publicStatus()} locale={locale} />;
}
