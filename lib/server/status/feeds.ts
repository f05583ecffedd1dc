import "server-only";
// The Atom feeds (RFC 4287): the whole page's and one per component; public updates only.
import { atomXml, tagId } from "@/lib/domain/status/atom";
import type { Locale } from "@/lib/i18n/locales";
import { feedUpdates } from "./snapshot";
import { listComponents } from "./components";
import { publicBaseUrl } from "./links";
import { statusTranslator } from "./texts";
import { now } from "../clock";

export async function statusFeed(locale: Locale, componentSlug?: string): Promise<Response> {
  const base = publicBaseUrl();
  const authority = new URL(base).hostname;
  // i18n-translator: t = statuspage
  const t = statusTranslator(locale);
  const components = await listComponents();
  const component = componentSlug ? components.find((c) => c.slug === componentSlug) : undefined;
  if (componentSlug && !component) return new Response("Not found", { status: 404 });
  const updates = await feedUpdates(component?.id);
  const names = new Map(components.map((c) => [c.id, locale === "en" ? c.nameEn : c.nameKo]));
  const path = component ? `/status/components/${component.slug}/feed.atom` : "/status/feed.atom";
  const xml = atomXml({
    id: tagId(authority, component ? `status:component:${component.slug}` : "status"),
    title: component ? t("feed.componentTitle", { component: names.get(component.id) ?? component.slug }) : t("feed.title"),
    selfUrl: `${base}${path}?lang=${locale}`,
    pageUrl: `${base}/status?lang=${locale}`,
    updated: updates[0]?.publishedAt ?? now(),
    entries: updates.map((u) => {
      const affected = u.components
        .map((id) => names.get(id))
        .filter(Boolean)
        .join(", ");
      const headline = u.title?.[locale] || (affected ? t("page.genericTitle", { components: affected }) : t("page.serviceDisruption"));
      return {
        id: tagId(authority, `status:update:${u.id}`),
        title: `[${t(`updateStatus.${u.status}`)}] ${headline}`,
        updated: u.publishedAt,
        content: u.body[locale],
        link: `${base}/status?lang=${locale}`,
      };
    }),
  });
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=5" } });
}
