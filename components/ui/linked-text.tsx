"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { linkify } from "@/lib/domain/linkify";

/** An in-app chart path ("/metrics?signal=…&at=…#signal-…") is long and unreadable: it reads 차트 / chart. */
const isChartPath = (href: string) => href === "/metrics" || href.startsWith("/metrics?") || href.startsWith("/metrics#");

/** Free text with its in-app paths and http(s) URLs clickable (see lib/domain/linkify.ts). */
export function LinkedText({ text }: { text: string }) {
  const t = useTranslations("timeline");
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === "text" ? (
          part.text
        ) : part.external ? (
          <a
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            className="break-all text-blue-700 underline dark:text-blue-400"
          >
            {part.text}
          </a>
        ) : isChartPath(part.href) ? (
          <Link key={i} href={part.href} title={part.text} className="text-blue-700 underline dark:text-blue-400" data-testid="chart-link">
            {t("chart")}
          </Link>
        ) : (
          <Link key={i} href={part.href} className="break-all text-blue-700 underline dark:text-blue-400">
            {part.text}
          </Link>
        ),
      )}
    </>
  );
}
