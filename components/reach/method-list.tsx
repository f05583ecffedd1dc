"use client";
import { useTranslations } from "next-intl";
import type { MethodReadiness } from "@/lib/domain/reach/readiness";

/** Each contact method with its address and whether a test page through it was acknowledged. */
export function MethodList({ methods }: { methods: MethodReadiness[] }) {
  const t = useTranslations("reach");
  return (
    <ul className="flex flex-wrap gap-1 text-xs">
      {methods.map((m) => (
        <li
          key={m.channel}
          data-testid={`method-${m.channel}`}
          data-state={!m.target ? "missing" : m.verified ? "verified" : "unverified"}
          className={`rounded border px-2 py-0.5 ${
            !m.target
              ? "border-slate-300 text-slate-500"
              : m.verified
                ? "border-emerald-600 text-emerald-800 dark:text-emerald-300"
                : "border-amber-600 text-amber-800 dark:text-amber-300"
          }`}
          title={m.target}
        >
          {t(`channel.${m.channel}`)}: {!m.target ? t("state.missing") : m.verified ? t("state.verified") : t("state.unverified")}
        </li>
      ))}
    </ul>
  );
}
