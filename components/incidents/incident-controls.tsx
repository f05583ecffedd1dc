"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { Options } from "@/components/ui/field";
import { apiFetch, ApiError, queryKeys } from "@/lib/client/api";
import { allowedNextStatuses } from "@/lib/domain/status";
import { SEVERITIES, type Severity } from "@/lib/domain/severity";
import type { IncidentDto } from "@/lib/server/incident-dto";
import { fetchRecovery, pmKeys } from "@/components/postmortems/api";
import { ResolveGate } from "./resolve-gate";

/** P0/P1 are resolved after a passing recovery verification or with a reason (manual section 4). */
const VERIFIED_SEVERITIES: readonly Severity[] = ["P0", "P1"];

interface Change {
  status?: string;
  severity?: Severity;
  commanderId?: string | null;
  reason?: string;
}

export function IncidentControls({
  incident,
  me,
  canAssign,
  locale,
  onConflict,
}: {
  incident: IncidentDto;
  me: string | null;
  canAssign: boolean;
  locale: "ko" | "en";
  onConflict: () => void;
}) {
  const t = useTranslations();
  const client = useQueryClient();
  const [severity, setSeverity] = useState<Severity>(incident.severity);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [gateOpen, setGateOpen] = useState(false);
  const resolved = incident.status === "resolved";
  const gated = VERIFIED_SEVERITIES.includes(incident.severity) && !resolved;
  // Shared with the recovery panel (same key): whether the 해결됨 button may resolve at once.
  const recovery = useQuery({
    queryKey: pmKeys.recovery(incident.id),
    queryFn: ({ signal }) => fetchRecovery(incident.id, signal),
    enabled: gated,
  });
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => apiFetch<{ items: { id: string; name: string; role: string }[] }>("/api/v1/users", { signal }),
    enabled: canAssign,
    staleTime: 60_000,
  });

  const change = useMutation({
    mutationFn: (body: Change) =>
      apiFetch<IncidentDto>(`/api/v1/incidents/${incident.id}`, { method: "PATCH", json: { ...body, version: incident.version } }),
    onSuccess: () => {
      setError(null);
      setReason("");
      setGateOpen(false);
      void client.invalidateQueries({ queryKey: queryKeys.incident(incident.id) });
      void client.invalidateQueries({ queryKey: queryKeys.allIncidents });
    },
    onError: (e, body) => {
      const conflict = e instanceof ApiError && e.status === 409;
      // The server still asks for a verification or a reason (e.g. the latest run failed meanwhile): lead there.
      if (body.status === "resolved" && e instanceof ApiError && e.fields?.reason) {
        setGateOpen(true);
        void client.invalidateQueries({ queryKey: pmKeys.recovery(incident.id) });
      }
      setError({ message: conflict ? t("room.conflict") : e.message, conflict });
      if (conflict) onConflict();
    },
  });

  const next = allowedNextStatuses(incident.status);
  return (
    <section className="panel space-y-4 p-3 text-sm" aria-label={t("room.status")}>
      <div>
        <h2 className="mb-2 text-xs font-semibold uppercase text-slate-500">
          {incident.status === "resolved" ? t("room.reopen") : t("room.moveTo")}
        </h2>
        <div className="flex flex-wrap gap-2">
          {next.map((status) => (
            <button
              key={status}
              type="button"
              className={status === "resolved" ? "btn-primary" : "btn"}
              disabled={change.isPending}
              data-testid={`status-${status}`}
              aria-expanded={status === "resolved" && gated ? gateOpen : undefined}
              onClick={() => {
                if (status === "resolved" && gated && recovery.data?.passing !== true) {
                  setError(null);
                  setGateOpen(true);
                } else change.mutate({ status });
              }}
            >
              {incident.status === "resolved" ? t("room.reopen") : t(`status.${status}`)}
            </button>
          ))}
        </div>
        {gateOpen && gated && (
          <div className="mt-3">
            <ResolveGate
              incidentId={incident.id}
              state={recovery.data}
              locale={locale}
              pending={change.isPending}
              onResolve={(why) => change.mutate({ status: "resolved", ...(why ? { reason: why } : {}) })}
              onCancel={() => setGateOpen(false)}
            />
          </div>
        )}
      </div>

      {!resolved && (
        <form className="space-y-2" onSubmit={onSubmitRun(() => change.mutate({ severity, reason }))}>
          <h2 className="text-xs font-semibold uppercase text-slate-500">{t("room.changeSeverity")}</h2>
          <select
            aria-label={t("room.severity")}
            className="input"
            value={severity}
            onChange={(e) => setSeverity(e.target.value as Severity)}
          >
            <Options items={SEVERITIES} label={(s) => t(`severity.${s}`)} />
          </select>
          <input
            aria-label={t("room.reason")}
            className="input"
            placeholder={t("room.reason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="btn" disabled={change.isPending || severity === incident.severity}>
            {t("room.apply")}
          </button>
        </form>
      )}

      {canAssign && !resolved && (
        <div className="space-y-2">
          <h2 className="text-xs font-semibold uppercase text-slate-500">{t("room.assign")}</h2>
          <select
            aria-label={t("room.assign")}
            className="input"
            value={incident.commander?.id ?? ""}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ commanderId: e.target.value || null })}
          >
            <option value="">{t("incidents.unassigned")}</option>
            <Options items={users.data?.items ?? []} value={(u) => u.id} label={(u) => `${u.name} (${t(`roles.${u.role}`)})`} />
          </select>
          {me && incident.commander?.id !== me && (
            <button type="button" className="btn" onClick={() => change.mutate({ commanderId: me })}>
              {t("room.assignMe")}
            </button>
          )}
        </div>
      )}

      {error && (
        <p
          className={`rounded p-2 ${error.conflict ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200" : "text-red-600"}`}
          data-testid="control-error"
        >
          {error.message}
        </p>
      )}
    </section>
  );
}
