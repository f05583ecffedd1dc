"use client";
// Choosing probes for an incident without a scenario, grouped by the system they read.
import { useTranslations } from "next-intl";
import type { ProbeInfo } from "@/lib/diagnostics/registry";
import type { ProbeId } from "@/lib/diagnostics/types";

export function ProbePicker({
  catalog,
  locale,
  picked,
  onChange,
}: {
  catalog: ProbeInfo[];
  locale: "ko" | "en";
  picked: ProbeId[];
  onChange: (ids: ProbeId[]) => void;
}) {
  const t = useTranslations("diagnostics");
  const kinds = [...new Set(catalog.map((p) => p.targetKind))];
  const toggle = (id: ProbeId, on: boolean) => onChange(on ? [...picked, id] : picked.filter((p) => p !== id));
  return (
    <fieldset className="mb-3 rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="probe-picker">
      <legend className="px-1 text-xs text-slate-500">{t("pickProbes")}</legend>
      <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
        {kinds.map((kind) => (
          <div key={kind}>
            <p className="text-xs font-semibold uppercase text-slate-500">{t(`kind.${kind}`)}</p>
            {catalog
              .filter((p) => p.targetKind === kind)
              .map((p) => (
                <label key={p.id} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={picked.includes(p.id)}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    data-testid={`pick-${p.id}`}
                  />
                  {p.title[locale]}
                </label>
              ))}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
