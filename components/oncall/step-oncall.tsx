"use client";
// Who a pending escalation step will page: the person on call for its role at the step's due time (from the shared
// on-call summary: now and next cover the next handoff). Nothing for a role without a schedule (the contact
// directory is paged, as the step's reachability line says).
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchOnCallSummary } from "@/lib/client/oncall";
import { oncallKeys } from "@/lib/client/query-keys";

export function StepOnCall({ role, dueAt }: { role: string; dueAt: string }) {
  const t = useTranslations("oncall");
  const summary = useQuery({ queryKey: oncallKeys.summary, queryFn: ({ signal }) => fetchOnCallSummary(signal), refetchInterval: 60_000 });
  const item = summary.data?.items.find((i) => i.role === role);
  if (!item) return null;
  const due = Date.parse(dueAt);
  const inNow = !item.now.until || due < Date.parse(item.now.until);
  const inNext = !inNow && (!item.next.until || due < Date.parse(item.next.until));
  if (!inNow && !inNext) return null;
  const user = inNow ? item.now.user : item.next.user;
  return (
    <span
      className={`text-xs ${user ? "text-slate-700 dark:text-slate-200" : "text-amber-800 dark:text-amber-300"}`}
      data-testid={`step-oncall-${role}`}
    >
      {user ? t("onCallAtStep", { name: user.name }) : t("nobodyAtStep")}
    </span>
  );
}
