"use client";
// The alerts that need attention now: rules pending or firing, and Alertmanager's firing alerts. A
// firing P0–P2 alert without an incident gets "Open incident" (one click); with one, a link to it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { ErrorNote } from "@/components/ui/field";
import { TitledPanel } from "@/components/ui/panel";
import { formatSignalValue } from "@/lib/domain/alert-rules";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { fetchExternalPage, metricsKeys, openIncidentFrom, type AlertsDto, type ExternalAlertDto, type RuleStateDto } from "./api";
import { RuleStateChip } from "./rule-state";
import { ConditionText } from "./signal-card";

function IncidentLink({ incident }: { incident: { id: number; status: string; isDrill: boolean } }) {
  const t = useTranslations("metrics");
  return (
    <Link
      href={`/incidents/${incident.id}`}
      className="text-sm font-medium text-blue-700 underline dark:text-blue-400"
      data-testid="alert-incident-link"
    >
      {t("alerts.openedAs", { id: incident.id })}
      {incident.isDrill && <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-800 no-underline">{t("drills.tag")}</span>}
    </Link>
  );
}

function OpenButton({ target, name }: { target: { alertId: string } | { fingerprint: string }; name: string }) {
  const t = useTranslations("metrics");
  const router = useRouter();
  const client = useQueryClient();
  const open = useMutation({
    mutationFn: () => openIncidentFrom(target),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: metricsKeys.alerts });
      router.push(`/incidents/${result.incident.id}`);
    },
  });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <MutationButton
        mutation={open}
        busy={open.isPending || open.isSuccess}
        className="btn-danger"
        busyLabel={t("alerts.opening")}
        testId={`open-incident-${name}`}
      >
        {t("alerts.open")}
      </MutationButton>
      <ErrorNote error={open.error} as="span" />
    </span>
  );
}

function RuleAlertRow({ rule, now, locale, canDeclare }: { rule: RuleStateDto; now: number; locale: "ko" | "en"; canDeclare: boolean }) {
  const t = useTranslations("metrics");
  const c = rule.current;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid={`alert-${rule.name}`} data-state={rule.state}>
      <SeverityBadge severity={rule.severity} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">
          <a href={`#signal-${rule.signal}`} className="hover:underline">
            {rule.name}
          </a>{" "}
          <span className="tabular-nums">{c?.value === null || c?.value === undefined ? "" : formatSignalValue(c.value, rule.unit)}</span>
          {rule.team && (
            <span className="ml-2 rounded bg-sky-100 px-1.5 text-xs text-sky-900 dark:bg-sky-900/40 dark:text-sky-200">
              {t("alerts.teamNotice", { team: t(`team.${rule.team}`) })}
            </span>
          )}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          <ConditionText rule={rule} locale={locale} />
        </p>
      </div>
      <RuleStateChip rule={rule} now={now} locale={locale} />
      {c?.incident ? (
        <IncidentLink incident={c.incident} />
      ) : rule.state === "firing" && rule.canOpen && canDeclare && c ? (
        <OpenButton target={{ alertId: c.id }} name={rule.name} />
      ) : null}
    </li>
  );
}

function ExternalRow({ alert, canDeclare }: { alert: ExternalAlertDto; canDeclare: boolean }) {
  const t = useTranslations("metrics");
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid={`external-${alert.fingerprint}`}>
      {alert.severity ? (
        <SeverityBadge severity={alert.severity} />
      ) : (
        <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">{alert.labels.severity ?? "—"}</span>
      )}
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">
          {alert.alertname}{" "}
          <span className="ml-1 rounded bg-slate-100 px-1 text-xs font-normal text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {t("alerts.external")}
          </span>
        </p>
        {alert.summary && <p className="text-xs text-slate-500 dark:text-slate-400">{alert.summary}</p>}
      </div>
      <span className="text-xs text-slate-500">
        <RelativeTime iso={alert.startsAt} />
        {alert.repeats > 0 && ` · ${t("alerts.repeats", { count: alert.repeats })}`}
      </span>
      {alert.incident ? (
        <IncidentLink incident={alert.incident} />
      ) : alert.canOpen && canDeclare ? (
        <OpenButton target={{ fingerprint: alert.fingerprint }} name={alert.alertname} />
      ) : null}
    </li>
  );
}

/** "외 N건 더" with a button that loads the next pages of firing Alertmanager alerts. */
function useMoreExternal(data: AlertsDto) {
  const [extra, setExtra] = useState<{ from: string | null; items: ExternalAlertDto[]; next: string | null }>({
    from: null,
    items: [],
    next: null,
  });
  // a new first page (refetch) starts over
  const current =
    extra.from === data.externalNextCursor ? extra : { from: data.externalNextCursor, items: [], next: data.externalNextCursor };
  const more = useMutation({
    mutationFn: (cursor: string) => fetchExternalPage(cursor),
    onSuccess: (page) => setExtra({ from: current.from, items: [...current.items, ...page.items], next: page.nextCursor }),
  });
  return { items: current.items, next: current.next, more };
}

export function AlertList({ data, now, locale, canDeclare }: { data: AlertsDto; now: number; locale: "ko" | "en"; canDeclare: boolean }) {
  const t = useTranslations("metrics");
  const rank = { firing: 0, pending: 1, inactive: 2 } as const;
  const active = data.rules
    .filter((r) => r.state !== "inactive")
    .sort((a, b) => rank[a.state] - rank[b.state] || a.severity.localeCompare(b.severity));
  // rules that cannot be evaluated need attention too: they are listed, never counted as OK
  const unevaluated = data.rules.filter((r) => r.state === "inactive" && r.evaluation !== "ok");
  const extra = useMoreExternal(data);
  const external = [...data.external, ...extra.items].filter((a) => a.status === "firing");
  const hidden = Math.max(0, data.externalFiring - external.length);
  return (
    <TitledPanel
      id="alerts-heading"
      title={t("alerts.title")}
      look={{ title: "text-sm font-semibold uppercase text-slate-500" }}
      className="panel p-3"
      testId="alert-list"
      headerClass="flex flex-wrap items-center justify-between gap-2"
      aside={
        <span className="text-xs text-slate-500" data-testid="auto-open-mode">
          {data.autoOpen ? t("alerts.autoOn") : t("alerts.autoOff")}
        </span>
      }
    >
      {active.length === 0 && external.length === 0 && unevaluated.length === 0 ? (
        <p className="py-2 text-sm text-slate-500" data-testid="alerts-empty">
          {t("alerts.empty")}
        </p>
      ) : (
        <>
          {active.length === 0 && external.length === 0 && (
            <p className="py-2 text-sm font-medium text-slate-700 dark:text-slate-200" data-testid="alerts-not-all-ok">
              {t("alerts.emptyNotAllOk", { count: unevaluated.length })}
            </p>
          )}
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {active.map((r) => (
              <RuleAlertRow key={r.name} rule={r} now={now} locale={locale} canDeclare={canDeclare} />
            ))}
            {unevaluated.map((r) => (
              <RuleAlertRow key={r.name} rule={r} now={now} locale={locale} canDeclare={false} />
            ))}
            {external.map((a) => (
              <ExternalRow key={a.fingerprint} alert={a} canDeclare={canDeclare} />
            ))}
          </ul>
          {hidden > 0 && (
            <p className="flex flex-wrap items-center gap-2 pt-2 text-sm text-slate-700 dark:text-slate-200" data-testid="alerts-more">
              {t("alerts.more", { count: hidden })}
              {extra.next && (
                <button
                  type="button"
                  className="btn"
                  disabled={extra.more.isPending}
                  onClick={() => extra.next && extra.more.mutate(extra.next)}
                  data-testid="alerts-show-more"
                >
                  {extra.more.isPending ? t("alerts.loadingMore") : t("alerts.showMore")}
                </button>
              )}
              {extra.more.isError && (
                <span className="field-error" role="alert">
                  {t("alerts.moreError", { message: extra.more.error.message })}
                </span>
              )}
            </p>
          )}
        </>
      )}
    </TitledPanel>
  );
}
