"use client";
// Which status page components an incident affects, in the declare form; the impact each gets follows the
// severity (shown, so the declarer sees what the page will say once an update is published).
import { useTranslations } from "next-intl";
import type { Severity } from "@/lib/domain/severity";
import { proposedImpact } from "@/lib/domain/status/components";

export interface PickerComponent {
  id: string;
  nameKo: string;
  nameEn: string;
}

export function ComponentPicker(props: {
  components: PickerComponent[];
  selected: string[];
  onChange: (ids: string[]) => void;
  severity: Severity;
  locale: "ko" | "en";
  error?: string;
}) {
  const t = useTranslations("statuspage");
  const { components, selected, onChange, severity, locale } = props;
  if (components.length === 0) return null;
  return (
    <fieldset data-testid="declare-components">
      <legend className="mb-1 text-sm font-medium">{t("room.affectedComponents")}</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        {components.map((c) => (
          <label key={c.id} className="flex items-center gap-1">
            <input
              type="checkbox"
              name="components"
              value={c.id}
              checked={selected.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id))}
            />
            {locale === "en" ? c.nameEn : c.nameKo}
          </label>
        ))}
      </div>
      {selected.length > 0 && (
        <p className="mt-1 text-xs text-slate-500" data-testid="proposed-impact">
          {t("room.proposed", { state: t(`state.${proposedImpact(severity)}`) })}
        </p>
      )}
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  );
}
