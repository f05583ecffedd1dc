"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { SEVERITIES, type Severity } from "@/lib/domain/severity";
import { TITLE_MAX } from "@/lib/domain/incident-input";
import { SCENARIOS, suggestScenarios } from "@/lib/domain/scenarios";
import type { IncidentDto } from "@/lib/server/incident-dto";
import { ComponentPicker, type PickerComponent } from "@/components/status/component-picker";

export function DeclareForm({ locale, components = [] }: { locale: "ko" | "en"; components?: PickerComponent[] }) {
  const t = useTranslations();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<Severity>("P1");
  const [scenario, setScenario] = useState("");
  const [affected, setAffected] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const suggestions = suggestScenarios(`${title} ${description}`)
    .filter((s) => s.slug !== scenario)
    .slice(0, 3);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      const incident = await apiFetch<IncidentDto>("/api/v1/incidents", {
        method: "POST",
        json: {
          title,
          severity,
          description: description || undefined,
          scenario: scenario || undefined,
          ...(affected.length > 0 ? { components: affected } : {}),
        },
      });
      router.push(`/incidents/${incident.id}`);
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && error.fields) setErrors(error.fields);
      else setFormError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form onSubmit={onSubmit} className="panel space-y-4 p-4" noValidate>
      <div>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t("declare.fieldTitle")}</span>
          <input
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            className="input"
            autoFocus
            placeholder={t("declare.titlePlaceholder")}
            aria-invalid={Boolean(errors.title)}
            aria-describedby="title-error title-count"
            maxLength={TITLE_MAX}
          />
          {errors.title && (
            <p id="title-error" className="field-error" data-testid="error-title">
              {errors.title}
            </p>
          )}
        </label>
        <span
          id="title-count"
          data-testid="title-count"
          className={`mt-1 block text-right text-xs tabular-nums ${title.length >= TITLE_MAX ? "text-orange-700 dark:text-orange-400" : "text-slate-500"}`}
        >
          {t("declare.titleCount", { count: title.length, max: TITLE_MAX })}
        </span>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t("declare.fieldSeverity")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {SEVERITIES.map((s) => (
            <label
              key={s}
              data-selected={severity === s}
              className={`cursor-pointer rounded border p-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-dashed has-[:focus-visible]:outline-slate-900 dark:has-[:focus-visible]:outline-slate-100 ${severity === s ? "border-blue-600 bg-blue-50 ring-2 ring-blue-600 dark:bg-blue-950" : "border-slate-300 dark:border-slate-700"}`}
            >
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="sr-only" />
              <span className="block font-semibold">
                {severity === s ? "✓ " : ""}
                {t(`severity.${s}`)}
              </span>
              <span className="block text-xs text-slate-500">{t(`severity.${s}desc`)}</span>
            </label>
          ))}
        </div>
        {errors.severity && <p className="field-error">{errors.severity}</p>}
      </fieldset>

      <ComponentPicker
        components={components}
        selected={affected}
        onChange={setAffected}
        severity={severity}
        locale={locale}
        error={errors.components}
      />

      <Field label={t("declare.fieldDescription")} strong error={errors.description}>
        <textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} className="input" />
      </Field>

      <Field label={t("declare.fieldScenario")} strong error={errors.scenario}>
        <select name="scenario" value={scenario} onChange={(e) => setScenario(e.target.value)} className="input">
          <option value="">{t("declare.noScenario")}</option>
          <Options items={SCENARIOS} value={(s) => s.slug} label={(s) => `${s.section} · ${s.title[locale]}`} />
        </select>
      </Field>
      {suggestions.length > 0 && (
        <div className="rounded bg-blue-50 p-2 text-sm dark:bg-blue-950/40" data-testid="scenario-suggestions">
          <span className="mr-2">{t("declare.suggested")}</span>
          {suggestions.map((s) => (
            <button type="button" key={s.slug} className="mr-2 underline" onClick={() => setScenario(s.slug)}>
              {s.title[locale]}
            </button>
          ))}
        </div>
      )}

      {formError && (
        <p className="field-error" role="status">
          {formError}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("declare.submitting") : t("declare.submit")}
        </button>
        <button type="button" className="btn" onClick={() => router.back()}>
          {t("declare.cancel")}
        </button>
      </div>
    </form>
  );
}
