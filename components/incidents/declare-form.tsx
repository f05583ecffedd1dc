"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { apiFetch, ApiError } from "@/lib/client/api";
import { SEVERITIES, type Severity } from "@/lib/domain/severity";
import { SCENARIOS, suggestScenarios } from "@/lib/domain/scenarios";
import type { IncidentDto } from "@/lib/server/incident-dto";

export function DeclareForm({ locale }: { locale: "ko" | "en" }) {
  const t = useTranslations();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<Severity>("P1");
  const [scenario, setScenario] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const suggestions = suggestScenarios(`${title} ${description}`).filter((s) => s.slug !== scenario).slice(0, 3);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      const incident = await apiFetch<IncidentDto>("/api/v1/incidents", {
        method: "POST",
        json: { title, severity, description: description || undefined, scenario: scenario || undefined },
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
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("declare.fieldTitle")}</span>
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} className="input" autoFocus
          placeholder={t("declare.titlePlaceholder")} aria-invalid={Boolean(errors.title)} aria-describedby="title-error" maxLength={250} />
        {errors.title && <p id="title-error" className="field-error" data-testid="error-title">{errors.title}</p>}
      </label>

      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t("declare.fieldSeverity")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {SEVERITIES.map((s) => (
            <label key={s} className={`cursor-pointer rounded border p-2 text-sm ${severity === s ? "border-blue-600 ring-2 ring-blue-600" : "border-slate-300 dark:border-slate-700"}`}>
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} className="sr-only" />
              <span className="block font-semibold">{t(`severity.${s}`)}</span>
              <span className="block text-xs text-slate-500">{t(`severity.${s}desc`)}</span>
            </label>
          ))}
        </div>
        {errors.severity && <p className="field-error">{errors.severity}</p>}
      </fieldset>

      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("declare.fieldDescription")}</span>
        <textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} className="input" />
        {errors.description && <p className="field-error">{errors.description}</p>}
      </label>

      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("declare.fieldScenario")}</span>
        <select name="scenario" value={scenario} onChange={(e) => setScenario(e.target.value)} className="input">
          <option value="">{t("declare.noScenario")}</option>
          {SCENARIOS.map((s) => (
            <option key={s.slug} value={s.slug}>{s.section} · {s.title[locale]}</option>
          ))}
        </select>
        {errors.scenario && <p className="field-error">{errors.scenario}</p>}
      </label>
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

      {formError && <p className="field-error" role="status">{formError}</p>}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>{pending ? t("declare.submitting") : t("declare.submit")}</button>
        <button type="button" className="btn" onClick={() => router.back()}>{t("declare.cancel")}</button>
      </div>
    </form>
  );
}
