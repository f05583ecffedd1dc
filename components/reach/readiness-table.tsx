"use client";
// Admins: everybody on call in the next 7 days, their verified contact methods and their last acknowledged test page.
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { apiFetch } from "@/lib/client/api";
import type { OnCallReadiness } from "@/lib/server/reach/readiness";
import { formatAckTime } from "./ack-result";
import { MethodList } from "./method-list";
import { QueryState, STATE_LOOKS } from "@/components/ui/query-state";

/**
 * What "trusted" means here: a method counts once it is verified; one with a value but no verification still gets
 * paged (stopping it could leave a step reaching nobody), and is named as a warning so someone verifies it.
 */
function Unverified({ methods }: { methods: OnCallReadiness["methods"] }) {
  const t = useTranslations("reach");
  const open = methods.filter((m) => m.target && !m.verified);
  if (open.length === 0) return null;
  return (
    <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="readiness-unverified">
      <span aria-hidden>⚠ </span>
      {t("readiness.unverified", { methods: open.map((m) => t(`channel.${m.channel}`)).join(", ") })}
    </p>
  );
}

/** "Nobody is on call" is news, not a hint: it reads in the page's own colour. */
const READINESS_LOOK = { ...STATE_LOOKS.mine, emptyClass: "" };

export function ReadinessTable() {
  const t = useTranslations("reach.readiness");
  const roles = useTranslations("contacts");
  const locale = useLocale();
  const data = useQuery({
    queryKey: ["reach", "readiness"],
    queryFn: ({ signal }) => apiFetch<{ people: OnCallReadiness[] }>("/api/v1/oncall/readiness", { signal }),
    refetchInterval: 30_000,
  });
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("help")}</p>
      <QueryState
        query={data}
        look={READINESS_LOOK}
        words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}
        empty={{ when: data.data?.people.length === 0, text: t("nobody") }}
      >
        {({ people }) => (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700" data-testid="readiness-people">
            {people.map((p) => (
              <li key={p.userId} className="space-y-1 py-2" data-testid={`readiness-${p.userId}`}>
                <div className="flex flex-wrap gap-x-3 text-sm">
                  <span className="font-medium">{p.name}</span>
                  <span>{p.roles.map((r) => roles(r)).join(", ")}</span>
                  <span className="text-slate-500">{t("from", { at: formatAckTime(p.firstShiftAt, locale) })}</span>
                </div>
                <MethodList methods={p.methods} />
                <Unverified methods={p.methods} />
                <p className="text-xs" data-testid="readiness-last-ack">
                  {p.lastTestAckAt ? t("lastAck", { at: formatAckTime(p.lastTestAckAt, locale) }) : t("neverAcked")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
