import type { MetadataRoute } from "next";
import { createTranslator } from "use-intl/core";
import ko from "@/lib/i18n/messages/ko.json";
import en from "@/lib/i18n/messages/en.json";

// The web app manifest (/manifest.webmanifest): installable from Chromium and, added to the Home Screen, able to take
// Web Push on iOS. One manifest serves everyone, so it speaks the app's default language (Korean) and says the
// English name in the description. The icons: the SVG mark, and PNGs (scripts/gen-icons.mjs) for launchers
// that want raster sizes (Chromium asks for 192 and 512).
export default function manifest(): MetadataRoute.Manifest {
  const t = createTranslator({ locale: "ko", messages: ko, namespace: "app.manifest" }); // i18n-translator: t = app.manifest
  const e = createTranslator({ locale: "en", messages: en, namespace: "app.manifest" }); // i18n-translator: e = app.manifest
  return {
    id: "/",
    name: t("name"),
    short_name: t("shortName"),
    description: `${t("description")} (${e("name")}: ${e("description")})`,
    lang: "ko",
    dir: "ltr",
    start_url: "/incidents",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#dc2626",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
