import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { findAckLink } from "@/lib/server/reach/ack-links";
import { now } from "@/lib/server/clock";
import { AckOpener } from "@/components/reach/ack-opener";
import { AckResult } from "@/components/reach/ack-result";

export const dynamic = "force-dynamic";
export const metadata = { title: "Acknowledge", robots: { index: false } };

// An acknowledge link from email or SMS, opened without a session. The page itself changes nothing: the opener
// posts once the page runs in a browser, so a mail scanner that only fetches the link acknowledges nothing.
export default async function AckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("reach.page");
  const locale = await getLocale();
  const link = await findAckLink(token.slice(0, 200));
  const at = now();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      {!link ? (
        <AckResult locale={locale} outcome={{ state: "invalid" }} />
      ) : link.usedAt ? (
        <AckResult locale={locale} outcome={{ state: "used", by: link.usedBy ?? "", at: link.usedAt.toISOString() }} />
      ) : link.expiresAt <= at ? (
        <AckResult locale={locale} outcome={{ state: "expired", at: link.expiresAt.toISOString() }} />
      ) : (
        <AckOpener token={token} locale={locale} />
      )}
      <Link href="/incidents" className="text-sm text-blue-700 underline dark:text-blue-300">
        {t("openApp")}
      </Link>
    </main>
  );
}
