"use client";
// "Test connection" for one target: one read-only probe, its verdict and one-line answer.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/lib/client/api";
import type { TargetKind } from "@/lib/diagnostics/types";
import type { ConnectionTestDto } from "@/lib/server/diagnostics/connection-test";
import { VerdictChip } from "./verdict-chip";
import { MutationButton } from "@/components/ui/mutation-button";

export function TestConnectionButton({ kind, name }: { kind: TargetKind; name: string }) {
  const t = useTranslations("diagnostics.settings");
  const test = useMutation({
    mutationFn: () => apiFetch<ConnectionTestDto>("/api/v1/diagnostics/targets/test", { method: "POST", json: { kind, name } }),
  });
  return (
    <div className="space-y-1">
      <MutationButton mutation={test} className="btn px-2 py-0.5 text-xs" busyLabel={t("testing")} testId={`test-${kind}-${name}`}>
        {t("testButton")}
      </MutationButton>
      {test.data && (
        <p className="flex flex-wrap items-center gap-1 text-xs" data-testid={`test-result-${kind}`}>
          <VerdictChip verdict={test.data.verdict} small />
          <span className="break-words">{test.data.summary}</span>
          <span className="text-slate-500">({test.data.durationMs} ms)</span>
        </p>
      )}
      {test.isError && <p className="text-xs text-red-600">{test.error.message}</p>}
    </div>
  );
}
