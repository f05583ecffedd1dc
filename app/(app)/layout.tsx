import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/server/session";
import { NavLinks } from "@/components/layout/nav-links";
import { UserMenu } from "@/components/layout/user-menu";
import Link from "next/link";
import { can } from "@/lib/domain/roles";
import { AppProviders } from "@/components/app-providers";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const items = [
    { href: "/incidents", label: t("nav.incidents") },
    { href: "/runbooks", label: t("nav.runbooks") },
    { href: "/metrics", label: t("nav.metrics") },
    { href: "/escalations", label: t("nav.escalations") },
    { href: "/oncall", label: t("nav.oncall") },
    { href: "/postmortems", label: t("nav.postmortems") },
    ...(can(actor.role, "insights.view") ? [{ href: "/insights", label: t("insights.nav") }] : []),
    { href: "/settings", label: t("nav.settings") },
  ];
  return (
    <AppProviders>
      <div className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only">
          {t("app.skip")}
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
            <Link href="/incidents" className="font-semibold tracking-tight">
              Incident Command
            </Link>
            <NavLinks items={items} />
            <UserMenu name={actor.label} role={actor.role} roleLabel={t(`roles.${actor.role}`)} signOutLabel={t("nav.signOut")} />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-5">
          {children}
        </main>
      </div>
    </AppProviders>
  );
}
