"use client";
// The manual's prevention checklists (5.2: code review, pre-deploy), each item with who checked it, when.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import {
  PREVENTION_CHECKLISTS,
  PREVENTION_SECTION_TITLE,
  checklistProgress,
  type ChecklistItemKey,
} from "@/lib/domain/postmortem/checklists";
import { RelativeTime } from "@/components/ui/relative-time";
import { pmKeys, toggleChecklist, type PostmortemDto } from "./api";

export function ChecklistsPanel({ pm, canEdit }: { pm: PostmortemDto; canEdit: boolean }) {
  const t = useTranslations("postmortems.checklists");
  const locale = toLocale(useLocale());
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: ({ key, checked }: { key: ChecklistItemKey; checked: boolean }) => toggleChecklist(pm.id, key, checked),
    // The box follows the click at once; who/when arrive with the server's answer, or the tick rolls back.
    onMutate: async ({ key, checked }) => {
      await client.cancelQueries({ queryKey: pmKeys.postmortem(pm.id), exact: true });
      const previous = client.getQueryData<PostmortemDto>(pmKeys.postmortem(pm.id));
      client.setQueryData<PostmortemDto>(pmKeys.postmortem(pm.id), (old) =>
        old ? { ...old, checklist: { ...old.checklist, [key]: { checked } } } : old,
      );
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) client.setQueryData(pmKeys.postmortem(pm.id), context.previous);
    },
    onSuccess: ({ checklist }) => {
      client.setQueryData<PostmortemDto>(pmKeys.postmortem(pm.id), (old) => (old ? { ...old, checklist } : old));
    },
  });
  // The click, held in React state from the event handler on: the optimistic cache update above lands
  // only after an await, and until then the controlled box would snap back for a moment.
  const [clicked, setClicked] = useState<{ key: ChecklistItemKey; checked: boolean } | null>(null);
  const onToggle = (key: ChecklistItemKey, checked: boolean) => {
    setClicked({ key, checked });
    toggle.mutate({ key, checked }, { onSettled: () => setClicked(null) });
  };
  const progress = checklistProgress(pm.checklist);
  return (
    <section className="panel space-y-3 p-3" aria-labelledby="checklists-heading" data-testid="checklists">
      <h2 id="checklists-heading" className="flex items-baseline justify-between text-xs font-semibold uppercase text-slate-500">
        {PREVENTION_SECTION_TITLE[locale]}
        <span className="font-normal normal-case tabular-nums">{t("progress", progress)}</span>
      </h2>
      {PREVENTION_CHECKLISTS.map((list) => (
        <fieldset key={list.key} className="space-y-1.5">
          <legend className="mb-1 text-sm font-medium">{list.title[locale]}</legend>
          {list.items.map((item) => {
            const mark = pm.checklist[item.key];
            const checked = clicked?.key === item.key ? clicked.checked : mark?.checked === true;
            return (
              <label key={item.key} className="flex items-start gap-2 text-sm" data-testid={`check-${item.key}`}>
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={checked}
                  disabled={!canEdit || toggle.isPending}
                  onChange={(e) => onToggle(item.key, e.target.checked)}
                />
                <span>
                  {item.label[locale]}
                  {checked && mark?.by && (
                    <span className="block text-xs text-slate-500" data-testid={`checked-by-${item.key}`}>
                      {t("checkedBy", { name: mark.by })} {mark.at && <RelativeTime iso={mark.at} />}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </fieldset>
      ))}
      {toggle.isError && (
        <p className="field-error" role="alert">
          {toggle.error.message}
        </p>
      )}
    </section>
  );
}
