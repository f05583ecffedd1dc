"use client";
// Recovery verification in the incident room (manual section 4): the configured checks, one click to
// run them, the latest results, and for a P0/P1 without a passing run, resolving with a reason.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { apiFetch } from "@/lib/client/api";
import { can } from "@/lib/domain/roles";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import { PROBLEM_KINDS, type ProblemKind } from "@/lib/domain/recovery-account";
import { fetchRecovery, pmKeys, type RecoveryCheckDto, type RecoveryStateDto } from "./api";
import { queryKeys } from "@/lib/client/query-keys";
import { QueryState } from "@/components/ui/query-state";
import { ErrorNote } from "@/components/ui/field";
import { MutationButton } from "@/components/ui/mutation-button";

function describe(check: RecoveryCheckDto): string {
  const d = check.definition;
  if (!d) return "";
  return d.kind === "http" ? `${d.method} ${d.path}` : `SQL · ${d.database === "postgresql" ? "PostgreSQL" : "MariaDB/MySQL"}`;
}

type ResultDto = NonNullable<RecoveryStateDto["latest"]>["results"][number];

/** The refusal of an over-privileged account, as recorded by the runner (roles that may run checks see it). */
function accountRefusal(data: unknown): { user: string; target: string; kinds: ProblemKind[] } | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as { account?: { user?: unknown; problems?: { kind?: unknown }[] }; target?: unknown };
  if (!d.account || !Array.isArray(d.account.problems)) return null;
  const kinds = PROBLEM_KINDS.filter((k) => d.account?.problems?.some((p) => p.kind === k));
  return { user: typeof d.account.user === "string" ? d.account.user : "?", target: typeof d.target === "string" ? d.target : "", kinds };
}

function ResultText({ result }: { result: ResultDto }) {
  const t = useTranslations("postmortems");
  if (result.redacted && result.kind === "sql") {
    if (result.ok || result.rowCount === 0) return <>{t("recovery.redacted.noRows")}</>;
    if (result.rowCount !== undefined) return <>{t("recovery.redacted.rows", { count: result.rowCount })}</>;
    return <>{t("recovery.redacted.incomplete")}</>;
  }
  const refusal = accountRefusal(result.data);
  if (refusal) {
    const kinds = refusal.kinds.map((k) => t(`account.kind.${k}`)).join(", ");
    return <>{t("account.refusedRun", { user: refusal.user, target: refusal.target, kinds })}</>;
  }
  return <>{result.summary}</>;
}

export function RecoveryPanel({ incident, role, locale }: RoomSlotProps) {
  const t = useTranslations("postmortems.recovery");
  const query = useQuery({
    queryKey: pmKeys.recovery(incident.id),
    queryFn: ({ signal }) => fetchRecovery(incident.id, signal),
    refetchInterval: 30_000,
  });
  const canRun = can(role, "diagnostics.run") && incident.status !== "resolved";

  return (
    <TitledPanel id="recovery-heading" title={t("title")} look="room" className="panel space-y-3 p-3 text-sm" testId="recovery-panel">
      <QueryState query={query} look="room" words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}>
        {(state) => (
          <>
            <LatestVerdict state={state} />
            <CheckList state={state} locale={locale} />
            {canRun && <RunChecks state={state} incidentId={incident.id} />}
          </>
        )}
      </QueryState>
    </TitledPanel>
  );
}

/** One click runs the configured checks (and, when asked, the ones that change data). */
function RunChecks({ state, incidentId }: { state: RecoveryStateDto; incidentId: number }) {
  const t = useTranslations("postmortems.recovery");
  const client = useQueryClient();
  const [includeDataChanging, setIncludeDataChanging] = useState(false);
  const run = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/incidents/${incidentId}/recovery`, {
        method: "POST",
        json: includeDataChanging ? { includeDataChanging: true } : {},
      }),
    onSuccess: () => {
      setIncludeDataChanging(false);
      void client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) });
    },
  });
  return (
    <div className="space-y-2">
      {state.checks.some((c) => c.changesData && c.enabled) && (
        <label className="flex items-start gap-2 text-xs">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={includeDataChanging}
            onChange={(e) => setIncludeDataChanging(e.target.checked)}
            data-testid="include-data-changing"
          />
          <span>{t("includeDataChanging")}</span>
        </label>
      )}
      <MutationButton mutation={run} className="btn-primary w-full" busyLabel={t("running")} testId="run-recovery">
        {t("run")}
      </MutationButton>
      <ErrorNote error={run.error} />
    </div>
  );
}

function LatestVerdict({ state }: { state: RecoveryStateDto }) {
  const t = useTranslations("postmortems.recovery");
  const latest = state.latest;
  if (!latest)
    return (
      <p className="text-slate-500" data-testid="recovery-verdict" data-verdict="none">
        {t("never")}
      </p>
    );
  return (
    <p
      className={`font-medium ${latest.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      data-testid="recovery-verdict"
      data-verdict={latest.ok ? "pass" : "fail"}
    >
      {latest.ok
        ? t("passed", { passed: latest.passed, total: latest.total })
        : t("failed", { passed: latest.passed, total: latest.total })}
      <span className="ml-1 text-xs font-normal text-slate-500">
        {latest.actorName} · <RelativeTime iso={latest.ranAt} />
      </span>
    </p>
  );
}

function CheckList({ state, locale }: { state: RecoveryStateDto; locale: "ko" | "en" }) {
  const t = useTranslations("postmortems.recovery");
  const results = new Map((state.latest?.results ?? []).map((r) => [r.checkId, r]));
  return (
    <ul className="space-y-1.5" data-testid="recovery-checks">
      {state.checks.map((check) => {
        const result = results.get(check.id);
        return (
          <li
            key={check.id}
            className={check.enabled ? "" : "opacity-60"}
            data-testid={`recovery-check-${check.id}`}
            data-ok={result ? String(result.ok) : undefined}
          >
            <div className="flex items-baseline gap-1.5">
              <span aria-hidden className={result ? (result.ok ? "text-emerald-600" : "text-red-600") : "text-slate-400"}>
                {result ? (result.ok ? "✓" : "✗") : "·"}
              </span>
              <span className="font-medium">{check.definition?.title[locale] ?? check.id}</span>
              {check.changesData && (
                <span
                  className="rounded bg-amber-100 px-1 text-[11px] text-amber-900 dark:bg-amber-900 dark:text-amber-100"
                  title={t("changesDataHint")}
                >
                  {t("changesData")}
                </span>
              )}
              {!check.enabled && <span className="text-[11px] text-slate-500">{t("disabled")}</span>}
            </div>
            <p className="pl-4 font-mono text-[11px] text-slate-500">
              {check.invalid ? t("invalid", { reason: check.invalid }) : describe(check)}
            </p>
            {result && (
              <p
                className="pl-4 text-xs text-slate-600 dark:text-slate-300"
                data-testid={`recovery-summary-${check.id}`}
                data-redacted={result.redacted ? "true" : undefined}
              >
                <ResultText result={result} />
              </p>
            )}
          </li>
        );
      })}
      {state.latest?.results.some((r) => r.redacted) && (
        <li className="text-[11px] text-slate-500" data-testid="recovery-redacted-hint">
          {t("redacted.hint")}
        </li>
      )}
    </ul>
  );
}
