"use client";
// "Write the postmortem": creates it prefilled from the incident, then opens the editor. If someone
// started it a moment earlier, their postmortem is opened instead.
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
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
      <button
        type="button"
        className={className}
        disabled={create.isPending || create.isSuccess}
        onClick={() => create.mutate()}
        data-testid={`write-postmortem-${incidentId}`}
      >
        {create.isPending || create.isSuccess ? t("write.creating") : t("write.button")}
      </button>
      {create.isError && !existingPostmortemId(create.error) && (
        <span className="field-error" role="alert">
          {create.error.message}
        </span>
      )}
    </span>
  );
}
