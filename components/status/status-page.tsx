// The public status page (server component only: no JavaScript needed). Shows public facts only
// (lib/server/status/snapshot.ts decides what they are). It must stay cheap to render, as it is read most when
// the team is busiest: words come from the status catalogue alone (the root layout ships no client provider
// nor catalogue), and the 540 history bars are prebuilt HTML with prebuilt
// tooltips (history-html.ts, history-texts.ts) rather than 540 elements and a translator call each.
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { PublicStatus } from "@/lib/server/status/snapshot";
import type { ComponentState } from "@/lib/domain/status/components";
import { statusTranslator } from "@/lib/server/status/texts";
import { historyTexts } from "@/lib/server/status/history-texts";
import { historyBarsHtml } from "@/lib/server/status/history-html";

const STATE_TEXT: Record<ComponentState, string> = {
  operational: "text-emerald-700 dark:text-emerald-400",
  degraded_performance: "text-amber-700 dark:text-amber-300",
  partial_outage: "text-orange-700 dark:text-orange-400",
  major_outage: "text-red-700 dark:text-red-400",
  under_maintenance: "text-sky-700 dark:text-sky-300",
};

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
function timeFormat(locale: Locale): Intl.DateTimeFormat {
  let fmt = dateFormats.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ko-KR", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Seoul" });
    dateFormats.set(locale, fmt);
  }
  return fmt;
}

export function StatusPage({ status, locale }: { status: PublicStatus; locale: Locale }) {
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  const history = historyTexts(locale);
  const fmt = timeFormat(locale);
  const time = (iso: string) => fmt.format(new Date(iso));
  const names = new Map(status.components.map((c) => [c.id, c.name[locale]]));
  const componentList = (ids: string[]) =>
    ids
      .map((id) => names.get(id))
      .filter(Boolean)
      .join(", ");
  const other: Locale = locale === "en" ? "ko" : "en";
  return (
    <main className="mx-auto max-w-3xl px-4 py-6" lang={locale}>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t("page.title")}</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("page.subtitle")}</p>
        </div>
        <nav className="flex gap-3 text-sm">
          <a className="underline" href={`/status?lang=${other}`} hrefLang={other}>
            {t("page.language")}
          </a>
          <a className="underline" href={`/status/feed.atom?lang=${locale}`} type="application/atom+xml">
            {t("page.feed")}
          </a>
        </nav>
      </header>

      <section
        aria-live="polite"
        data-testid="overall"
        className={`mb-6 rounded border px-4 py-3 font-medium ${status.overall === "operational" ? "border-emerald-300" : "border-orange-300"}`}
      >
        {status.overall === "operational" ? t("page.allOperational") : t("page.overall", { state: history.state[status.overall] })}
        <span className="ml-2 text-xs font-normal text-slate-500">{t("page.updated", { time: time(status.generatedAt) })}</span>
      </section>

      <PagePart id="incidents" title={t("page.activeIncidents")}>
        {status.incidents.length === 0 && <p className="text-sm text-slate-500">{t("page.noIncidents")}</p>}
        {status.incidents.map((i) => {
          const affected = componentList(i.components.map((c) => c.componentId));
          const title = i.title?.[locale] || (affected ? t("page.genericTitle", { components: affected }) : t("page.serviceDisruption"));
          return (
            <article key={i.id} className="mb-4 rounded border border-slate-200 p-3 dark:border-slate-700" data-testid="public-incident">
              <h3 className="font-semibold">{title}</h3>
              {affected && <p className="text-sm text-slate-500">{t("page.affected", { components: affected })}</p>}
              <ol className="mt-2 space-y-2">
                {i.updates.map((u) => (
                  <li key={u.id} className="text-sm">
                    <strong>{t(`updateStatus.${u.status}`)}</strong> <span className="text-slate-500">{time(u.publishedAt)}</span>
                    <p className="whitespace-pre-wrap break-words">{u.body[locale]}</p>
                  </li>
                ))}
              </ol>
            </article>
          );
        })}
      </PagePart>

      <PagePart id="components" title={t("page.components")}>
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
          {status.components.map((c) => (
            <li key={c.id} className="p-3" data-testid={`component-${c.slug}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{c.name[locale]}</span>
                <span className={`text-sm font-medium ${STATE_TEXT[c.state]}`} data-testid="component-state">
                  {history.state[c.state]}
                </span>
              </div>
              {/* the bars' shared classes sit on the row (*:); the bars themselves are prebuilt, escaped HTML (history-html.ts) */}
              <div
                className="mt-2 flex h-6 gap-px *:flex-1 *:rounded-sm"
                role="img"
                aria-label={`${t("page.history")} · ${t("page.uptime", { percent: c.uptime })}`}
                dangerouslySetInnerHTML={{ __html: historyBarsHtml(c.history, locale) }}
              />
              <div className="mt-1 flex justify-between text-xs text-slate-500">
                <span>{t("page.daysAgo")}</span>
                <span>{t("page.uptime", { percent: c.uptime })}</span>
                <span>{t("page.today")}</span>
              </div>
              <a className="text-xs underline" href={`/status/components/${c.slug}/feed.atom?lang=${locale}`} type="application/atom+xml">
                {t("page.componentFeed", { component: c.name[locale] })}
              </a>
            </li>
          ))}
        </ul>
      </PagePart>

      <PagePart id="maintenance" title={t("page.maintenance")}>
        {status.maintenance.length === 0 && <p className="text-sm text-slate-500">{t("page.noMaintenance")}</p>}
        {status.maintenance.map((m) => (
          <article key={m.id} className="mb-2 rounded border border-sky-200 p-3 text-sm dark:border-sky-800">
            <h3 className="font-semibold">
              {m.title[locale]} {m.active && <span className="text-sky-700 dark:text-sky-300">· {t("page.maintenanceActive")}</span>}
            </h3>
            <p>{t("page.window", { start: time(m.startsAt), end: time(m.endsAt) })}</p>
            <p className="text-slate-500">{t("page.affected", { components: componentList(m.components) })}</p>
          </article>
        ))}
      </PagePart>

      <PagePart id="subscribe" title={t("page.subscribe")}>
        <form method="post" action="/api/status/subscribe" className="space-y-2">
          <input type="hidden" name="locale" value={locale} />
          <label className="block text-sm">
            {t("page.email")}
            <input
              name="email"
              type="email"
              required
              maxLength={254}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            />
          </label>
          <fieldset className="flex flex-wrap gap-3 text-sm">
            <legend className="sr-only">{t("page.components")}</legend>
            <span>{t("page.allComponents")}:</span>
            {status.components.map((c) => (
              <label key={c.id} className="flex items-center gap-1">
                <input type="checkbox" name="components" value={c.id} />
                {c.name[locale]}
              </label>
            ))}
          </fieldset>
          <p className="text-xs text-slate-500">{t("page.subscribeHint")}</p>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white dark:bg-slate-100 dark:text-slate-900">
            {t("page.subscribeButton")}
          </button>
        </form>
      </PagePart>
    </main>
  );
}

/** One titled part of the public page, named by its heading for screen readers. */
function PagePart({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="mb-8" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function StatusMessage({ locale, message, children }: { locale: Locale; message: string; children?: ReactNode }) {
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  return (
    <main className="mx-auto max-w-xl px-4 py-10" lang={locale}>
      <h1 className="mb-4 text-2xl font-semibold">{t("page.title")}</h1>
      <p className="mb-4" role="status">
        {message}
      </p>
      {children}
      <a className="underline" href={`/status?lang=${locale}`}>
        {t("page.back")}
      </a>
    </main>
  );
}
