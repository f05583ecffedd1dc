"use client";
// "Write the postmortem": creates it prefilled from the incident, then opens the editor. If someone
// started it a moment earlier, their postmortem is opened instead.
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { ErrorNote } from "@/components/ui/field";
import { toLocale } from "@/lib/i18n/locales";
import { createPostmortemFor, existingPostmortemId, pmKeys } from "./api";

export function WritePostmortemButton({ incidentId, className = "btn-primary" }: { incidentId: number; className?: string }) {
  const t = useTranslations("postmortems");
  const router = useRouter();
  const client = useQueryClient();
  const locale = toLocale(useLocale());
  const create = useMutation({
    mutationFn: () => createPostmortemFor(incidentId, locale),
    onSuccess: (pm) => {
      void client.invalidateQueries({ queryKey: pmKeys.ofIncident(incidentId) });
      router.push(`/postmortems/${pm.id}`);
    },
    onError: (error) => {
      const existing = existingPostmortemId(error);
      if (existing) router.push(`/postmortems/${existing}`);
    },
  });
  return (
    <span className="inline-flex flex-col gap-1">
      <MutationButton
        mutation={create}
        busy={create.isPending || create.isSuccess}
        className={className}
        busyLabel={t("write.creating")}
        testId={`write-postmortem-${incidentId}`}
      >
        {t("write.button")}
      </MutationButton>
      {!existingPostmortemId(create.error) && <ErrorNote error={create.error} as="span" />}
    </span>
  );
}
