"use client";
// Follow-up action items: owner, due date, horizon (즉시 / 단기 / 장기, the manual's improvement plan)
// and status. Editable after publishing too: tracking them to done is the point of the report.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { Options } from "@/components/ui/field";
import { toLocale } from "@/lib/i18n/locales";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors, onSubmitRun } from "@/lib/client/forms";
import {
  ACTION_ITEM_HORIZONS,
  ACTION_ITEM_STATUSES,
  HORIZON_LABELS,
  ACTION_ITEM_STATUS_LABELS,
  type ActionItemHorizon,
} from "@/lib/domain/postmortem/action-items";
import { wallClock } from "@/lib/domain/postmortem/time";
import { pmKeys, type PostmortemDto } from "./api";
import { ActionItemCells } from "./action-item-cells";
import { DataTable } from "@/components/ui/data-table";

type Item = PostmortemDto["actionItems"][number];

export function ActionItemsPanel({ pm, canEdit }: { pm: PostmortemDto; canEdit: boolean }) {
  const t = useTranslations("postmortems.actionItems");
  const locale = toLocale(useLocale());
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: pmKeys.postmortem(pm.id) });
    void client.invalidateQueries({ queryKey: pmKeys.list() });
  };
  const change = useMutation({
    mutationFn: ({ item, patch }: { item: Item; patch: Record<string, string> }) =>
      apiFetch(`/api/v1/postmortems/${pm.id}/action-items/${item.id}`, { method: "PATCH", json: patch }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (item: Item) => apiFetch(`/api/v1/postmortems/${pm.id}/action-items/${item.id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });

  return (
    <section className="panel space-y-3 p-4" aria-labelledby="action-items-heading" data-testid="action-items">
      <h2 id="action-items-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      {pm.actionItems.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="action-items-empty">
          {t("empty")}
        </p>
      ) : (
        <DataTable
          cell="py-1 pr-2"
          head={[t("colTitle"), t("colOwner"), t("colDue"), t("colHorizon"), t("colStatus"), canEdit && { cell: "py-1" }]}
        >
          {pm.actionItems.map((item) => (
            <tr
              key={item.id}
              className="border-t border-slate-100 dark:border-slate-800"
              data-testid="action-item"
              data-overdue={item.overdue}
            >
              <ActionItemCells item={item} cell="py-1.5 pr-2" overdueLabel={t("overdue")} locale={locale} />
              <td className="py-1.5 pr-2">
                {canEdit ? (
                  <select
                    className="input py-0.5"
                    aria-label={t("statusOf", { title: item.title })}
                    value={item.status}
                    disabled={change.isPending}
                    onChange={(e) => change.mutate({ item, patch: { status: e.target.value } })}
                  >
                    <Options items={ACTION_ITEM_STATUSES} label={(s) => ACTION_ITEM_STATUS_LABELS[s][locale]} />
                  </select>
                ) : (
                  ACTION_ITEM_STATUS_LABELS[item.status][locale]
                )}
              </td>
              {canEdit && (
                <td className="py-1.5 text-right">
                  <button
                    type="button"
                    className="text-xs text-red-700 underline dark:text-red-400"
                    disabled={remove.isPending}
                    onClick={() => window.confirm(t("confirmDelete", { title: item.title })) && remove.mutate(item)}
                  >
                    {t("delete")}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {(change.isError || remove.isError) && (
        <p className="field-error" role="alert">
          {(change.error ?? remove.error)?.message}
        </p>
      )}
      {canEdit && <AddActionItem postmortemId={pm.id} onAdded={refresh} />}
    </section>
  );
}

function AddActionItem({ postmortemId, onAdded }: { postmortemId: string; onAdded: () => void }) {
  const t = useTranslations("postmortems.actionItems");
  const locale = toLocale(useLocale());
  const empty = { title: "", owner: "", dueDate: "", horizon: "immediate" as ActionItemHorizon };
  const [form, setForm] = useState(empty);
  const add = useMutation({
    mutationFn: () => apiFetch(`/api/v1/postmortems/${postmortemId}/action-items`, { method: "POST", json: form }),
    onSuccess: () => {
      setForm(empty);
      onAdded();
    },
  });
  const fields = fieldErrors(add.error);
  const text = (field: TextField) => ({
    value: form[field],
    error: fields[field],
    onChange: (value: string) => setForm({ ...form, [field]: value }),
  });
  return (
    <form
      className="grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] dark:border-slate-800"
      onSubmit={onSubmitRun(() => add.mutate())}
      data-testid="add-action-item"
    >
      <ItemInput label={t("colTitle")} placeholder={t("titlePlaceholder")} {...text("title")} />
      <ItemInput label={t("colOwner")} placeholder={t("colOwner")} {...text("owner")} />
      <ItemInput label={t("colDue")} type="date" min={wallClock(new Date()).date} {...text("dueDate")} />
      <select
        className="input"
        aria-label={t("colHorizon")}
        value={form.horizon}
        onChange={(e) => setForm({ ...form, horizon: e.target.value as ActionItemHorizon })}
      >
        <Options items={ACTION_ITEM_HORIZONS} label={(h) => HORIZON_LABELS[h][locale]} />
      </select>
      <button type="submit" className="btn" disabled={add.isPending}>
        {t("add")}
      </button>
      {add.isError && !Object.keys(fields).length && <p className="field-error sm:col-span-5">{add.error.message}</p>}
    </form>
  );
}

type TextField = "title" | "owner" | "dueDate";

/** One of the new item's fields: named for screen readers (the table's column heads say it to the eye), the refusal under it. */
function ItemInput({
  label,
  value,
  error,
  onChange,
  ...input
}: {
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: "date";
  min?: string;
}) {
  return (
    <div>
      <input
        className="input"
        aria-label={label}
        value={value}
        aria-invalid={Boolean(error)}
        onChange={(e) => onChange(e.target.value)}
        {...input}
      />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
