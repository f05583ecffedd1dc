"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { Field } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import type { BusinessHours } from "@/lib/domain/business-hours";

const DAYS = [1, 2, 3, 4, 5, 6, 7];

export function BusinessHoursForm({ initial }: { initial: BusinessHours }) {
  const t = useTranslations("escalations.settings");
  const [hours, setHours] = useState(initial);
  const [holidays, setHolidays] = useState((initial.holidays ?? []).join(", "));
  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ businessHours: BusinessHours }>("/api/v1/escalations/settings", {
        method: "PUT",
        json: { ...hours, holidays: holidays.split(/[\s,]+/).filter(Boolean) },
      }),
    onSuccess: (data) => setHours(data.businessHours),
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const field = (name: string) => (fields[name] ? <p className="field-error">{fields[name]}</p> : null);
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={onSubmitRun(() => save.mutate())}>
      <Field label={t("timeZone")} look="compact" error={fields.timeZone}>
        <input
          className="input w-40"
          value={hours.timeZone}
          aria-invalid={Boolean(fields.timeZone)}
          onChange={(e) => setHours({ ...hours, timeZone: e.target.value })}
        />
      </Field>
      <Field label={t("start")} look="compact" error={fields.start}>
        <input
          className="input w-36"
          type="time"
          value={hours.start}
          aria-invalid={Boolean(fields.start)}
          onChange={(e) => setHours({ ...hours, start: e.target.value })}
        />
      </Field>
      <Field label={t("end")} look="compact" error={fields.end}>
        <input
          className="input w-36"
          type="time"
          value={hours.end}
          aria-invalid={Boolean(fields.end)}
          onChange={(e) => setHours({ ...hours, end: e.target.value })}
        />
      </Field>
      <fieldset>
        <legend className="text-xs text-slate-500">{t("days")}</legend>
        <div className="flex gap-1">
          {DAYS.map((d) => (
            <label key={d} className="flex items-center gap-0.5">
              <input
                type="checkbox"
                checked={hours.days.includes(d)}
                onChange={(e) =>
                  setHours({
                    ...hours,
                    days: e.target.checked ? [...hours.days, d].sort((a, b) => a - b) : hours.days.filter((x) => x !== d),
                  })
                }
              />
              {t(`weekday.${d}`)}
            </label>
          ))}
        </div>
        {field("days")}
      </fieldset>
      <label className="min-w-48 flex-1">
        <span className="block text-xs text-slate-500">{t("holidays")}</span>
        <input className="input" value={holidays} placeholder="2026-12-25, 2027-01-01" onChange={(e) => setHolidays(e.target.value)} />
        {Object.keys(fields).some((k) => k.startsWith("holidays")) && (
          <p className="field-error">{Object.entries(fields).find(([k]) => k.startsWith("holidays"))?.[1]}</p>
        )}
      </label>
      <button className="btn" type="submit" disabled={save.isPending}>
        {t("save")}
      </button>
      {save.isSuccess && (
        <span role="status" className="text-emerald-700 dark:text-emerald-400">
          {t("saved")}
        </span>
      )}
      {save.isError && !(save.error instanceof ApiError && save.error.fields) && (
        <span role="status" className="text-red-700">
          {save.error.message}
        </span>
      )}
    </form>
  );
}
