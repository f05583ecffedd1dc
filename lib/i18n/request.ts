// next-intl without locale routing: the user's saved choice (cookie, set from Settings or the header
// switcher), else the browser's Accept-Language, else Korean.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeFromAcceptLanguage } from "./locales";

export default getRequestConfig(async () => {
  const saved = (await cookies()).get("ic-locale")?.value;
  const locale = isLocale(saved) ? saved : localeFromAcceptLanguage((await headers()).get("accept-language"));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: "Asia/Seoul" };
});
