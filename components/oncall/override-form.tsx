"use client";
// Overrides: someone covers a span (takes a shift, swaps). A short form that fits a phone, and the list of the
// overrides that have not ended, each removable.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Field, Options } from "@/components/ui/field";
import { TitledPanel } from "@/components/ui/panel";
import { apiFetch, ApiError } from "@/lib/client/api";
import type { ScheduleDto } from "@/lib/client/oncall";
import { oncallKeys } from "@/lib/client/query-keys";
import { useShiftTime } from "./use-shift-time";

/** "2026-12-01T09:00" as the browser's datetime-local field shows the instant (its own zone). */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function OverrideForm({
  schedule,
  people,
  canEdit,
}: {
  schedule: ScheduleDto;
  people: { id: string; name: string }[];
  canEdit: boolean;
}) {
  const t = useTranslations("oncall");
  const client = useQueryClient();
  const [userId, setUserId] = useState("");
  const [start, setStart] = useState(() => localInputValue(Math.ceil(Date.now() / 3_600_000) * 3_600_000));
  const [end, setEnd] = useState(() => localInputValue(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 8 * 3_600_000));
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: oncallKeys.all });

  const add = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/schedules/${schedule.id}/overrides`, {
        method: "POST",
        json: { userId, start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      }),
    onSuccess: () => {
      setError(null);
      setUserId("");
      void refresh();
    },
    onError: (e) => setError({ message: e.message, fields: e instanceof ApiError ? (e.fields ?? {}) : {} }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/schedules/${schedule.id}/overrides/${id}`, { method: "DELETE" }),
    onSuccess: () => void refresh(),
  });
  const when = useShiftTime();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!userId) return setError({ message: t("pickPerson"), fields: { userId: t("pickPerson") } });
    add.mutate();
  }

  return (
    <TitledPanel id="overrides-title" title={t("overridesTitle")} look="small" className="panel space-y-3 p-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("overridesHint")}</p>
      {canEdit && (
        <form onSubmit={onSubmit} className="grid gap-2 sm:grid-cols-4 sm:items-end" noValidate data-testid="override-form">
          <Field label={t("who")}>
            <select
              className="input"
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              aria-invalid={Boolean(error?.fields.userId)}
            >
              <option value="">{t("pickPerson")}</option>
              <Options items={people} value={(p) => p.id} label={(p) => p.name} />
            </select>
          </Field>
          <Field label={t("from")}>
            <input className="input" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field label={t("to")}>
            <input
              className="input"
              type="datetime-local"
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              aria-invalid={Boolean(error?.fields.end)}
            />
          </Field>
          <button type="submit" className="btn btn-primary min-h-11" disabled={add.isPending}>
            {t("addOverride")}
          </button>
          {error && (
            <p role="alert" className="field-error sm:col-span-4" data-testid="override-error">
              {error.fields.end ?? error.message}
            </p>
          )}
        </form>
      )}
      {schedule.overrides.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noOverrides")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="override-list">
          {schedule.overrides.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-2 py-1">
              <span className="font-medium">{o.userName ?? o.userId}</span>
              <span className="text-slate-600 dark:text-slate-300">
                {when(o.start)} – {when(o.end)}
              </span>
              {canEdit && (
                <button
                  type="button"
                  className="btn ml-auto min-h-11"
                  onClick={() => remove.mutate(o.id)}
                  aria-label={t("removeOverride", { name: o.userName ?? o.userId })}
                >
                  {t("remove")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </TitledPanel>
  );
}
