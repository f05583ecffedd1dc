// next-intl without locale routing: the user's saved choice (cookie, set from Settings), else the
// browser's Accept-Language, else Korean. Messages: the shared file plus one file per feature.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "./locales";

const FEATURES = [
  "diagnostics",
  "metrics",
  "escalations",
  "postmortems",
  "security",
  "users",
  "oncall",
  "statuspage",
  "apiErrors",
  "insights",
  "reach",
] as const;

async function loadMessages(locale: Locale) {
  const base = (await import(`./messages/${locale}.json`)).default;
  const features = await Promise.all(FEATURES.map(async (f) => [f, (await import(`./messages/${locale}.${f}.json`)).default] as const));
  return { ...base, ...Object.fromEntries(features.filter(([, m]) => Object.keys(m).length > 0)) };
}

export default getRequestConfig(async ({ locale: explicit }) => {
  // a page that chooses its language itself (the public status page: ?lang=en) passes it explicitly
  if (isLocale(explicit)) return { locale: explicit, messages: await loadMessages(explicit), timeZone: "Asia/Seoul" };
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(saved) ? saved : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Seoul" };
});
