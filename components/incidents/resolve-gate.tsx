"use client";
// Resolving a P0/P1 from the room's own 해결됨 button (manual section 4): a passing recovery verification
// resolves at once; otherwise this inline step offers to run the verification (and resolve when it
// passes) or to resolve with a reason, which the timeline and the audit log record.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { ErrorNote } from "@/components/ui/field";
import { onSubmitRun } from "@/lib/client/forms";
import { apiFetch, queryKeys } from "@/lib/client/api";
import { pmKeys } from "@/components/postmortems/api";
import type { RecoveryStateDto } from "@/components/postmortems/api";

type RecoveryBatchDto = NonNullable<RecoveryStateDto["latest"]>;

export function ResolveGate({
  incidentId,
  state,
  locale,
  pending,
  onResolve,
  onCancel,
}: {
  incidentId: number;
  state: RecoveryStateDto | undefined;
  locale: "ko" | "en";
  pending: boolean;
  onResolve: (reason?: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("room.resolveGate");
  const tr = useTranslations("postmortems.recovery");
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const run = useMutation({
    mutationFn: () => apiFetch<RecoveryBatchDto>(`/api/v1/incidents/${incidentId}/recovery`, { method: "POST", json: {} }),
    onSuccess: (batch) => {
      void client.invalidateQueries({ queryKey: pmKeys.recovery(incidentId) });
      void client.invalidateQueries({ queryKey: queryKeys.timeline(incidentId) });
      if (batch.ok) onResolve();
    },
  });
  const latest = run.data ?? state?.latest ?? null;
  const titles = new Map((state?.checks ?? []).map((c) => [c.id, c.definition?.title[locale] ?? c.id]));
  const failed = latest ? latest.results.filter((r) => !r.ok).map((r) => titles.get(r.checkId) ?? r.title) : [];

  return (
    <div
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      data-testid="resolve-gate"
      role="group"
      aria-label={t("title")}
    >
      <p className="text-xs">{tr("reasonRequired")}</p>
      <p className="text-xs font-medium" data-testid="resolve-gate-verdict" data-verdict={latest ? (latest.ok ? "pass" : "fail") : "none"}>
        {!latest
          ? tr("never")
          : latest.ok
            ? tr("passed", { passed: latest.passed, total: latest.total })
            : t("failed", { passed: latest.passed, total: latest.total, names: failed.join(", ") })}
      </p>
      <MutationButton
        mutation={run}
        blocked={pending}
        className="btn-primary min-h-11 w-full"
        busyLabel={tr("running")}
        testId="resolve-gate-run"
      >
        {t("runAndResolve")}
      </MutationButton>
      <ErrorNote error={run.error} />
      <form
        className="space-y-2"
        data-testid="resolve-with-reason"
        onSubmit={onSubmitRun(() => {
          if (reason.trim()) onResolve(reason.trim());
        })}
      >
        <label className="block text-xs" htmlFor={`resolve-reason-${incidentId}`}>
          {tr("reasonLabel")}
        </label>
        <textarea
          id={`resolve-reason-${incidentId}`}
          className="input min-h-16"
          value={reason}
          placeholder={t("reasonPlaceholder")}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="flex gap-2">
          <button type="submit" className="btn min-h-11 flex-1" disabled={pending || !reason.trim()}>
            {tr("resolveWithReason")}
          </button>
          <button type="button" className="btn min-h-11" onClick={onCancel}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}
