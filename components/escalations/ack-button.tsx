"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { acknowledgeStep, escalationKeys } from "@/lib/client/escalations";
import { queryKeys } from "@/lib/client/api";
import { MutationButton } from "@/components/ui/mutation-button";

/** Records who acknowledged the step, and when; the board and the room refresh from the answer. */
export function AckButton({ incidentId, stepId, label }: { incidentId: number; stepId: string; label: string }) {
  const t = useTranslations("escalations");
  const client = useQueryClient();
  const ack = useMutation({
    mutationFn: () => acknowledgeStep(incidentId, stepId),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: escalationKeys.board });
      void client.invalidateQueries({ queryKey: queryKeys.incident(incidentId) });
    },
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <MutationButton
        mutation={ack}
        className="btn-primary px-2 py-1 text-xs"
        busyLabel={t("acknowledging")}
        testId="ack-button"
        aria-label={`${t("acknowledge")}: ${label}`}
      >
        {t("acknowledge")}
      </MutationButton>
      {ack.isError && (
        <span role="status" className="text-xs text-red-700 dark:text-red-400">
          {t("ackFailed", { message: ack.error.message })}
        </span>
      )}
    </span>
  );
}
