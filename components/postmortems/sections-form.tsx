"use client";
// The manual's report template (5.1) as the editor's outline: four sections, their fields in order.
import { useMemo } from "react";
import { useLocale } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import { POSTMORTEM_TEMPLATE, type PostmortemFieldKey, type PostmortemSections } from "@/lib/domain/postmortem/template";
import type { PrefillFact } from "@/lib/domain/postmortem/prefill";
import type { ConflictState } from "./draft-session";
import { FieldEditor, type ConflictDecision } from "./field-editor";

interface Props {
  values: PostmortemSections;
  readOnly: boolean;
  onChange: (key: PostmortemFieldKey, value: string) => void;
  facts: PrefillFact[];
  incidentId: number;
  missing: ReadonlySet<string>;
  conflict: ConflictState | null;
  onDecide: (key: PostmortemFieldKey, decision: ConflictDecision) => void;
}

const NO_FACTS: PrefillFact[] = [];

export function SectionsForm({ values, readOnly, onChange, facts, incidentId, missing, conflict, onDecide }: Props) {
  const locale = toLocale(useLocale());
  // Stable per-field arrays, so a keystroke in one field re-renders only that field.
  const factsByField = useMemo(() => {
    const map = new Map<string, PrefillFact[]>();
    for (const f of facts) if (f.field) map.set(f.field, [...(map.get(f.field) ?? []), f]);
    return map;
  }, [facts]);
  return (
    <div className="space-y-4">
      {POSTMORTEM_TEMPLATE.map((section) => (
        <section
          key={section.key}
          className="panel space-y-4 p-4"
          aria-labelledby={`section-${section.key}`}
          data-testid={`section-${section.key}`}
        >
          <h2 id={`section-${section.key}`} className="text-base font-semibold">
            {section.heading[locale]}
          </h2>
          {section.fields.map((field) => {
            const fieldConflict = conflict?.conflicts.find((c) => c.field === field.key);
            return (
              <FieldEditor
                key={field.key}
                field={field}
                value={values[field.key] ?? ""}
                readOnly={readOnly}
                onChange={onChange}
                facts={factsByField.get(field.key) ?? NO_FACTS}
                incidentId={incidentId}
                missing={missing.has(field.key) && !(values[field.key] ?? "").trim()}
                conflict={fieldConflict}
                conflictBy={conflict?.theirs.updatedByName}
                onDecide={onDecide}
              />
            );
          })}
        </section>
      ))}
    </div>
  );
}
