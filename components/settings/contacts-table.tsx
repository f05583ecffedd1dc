"use client";
// The contacts directory editor (admins): names, phone numbers, email addresses and Slack handles per
// role (manual 6.1–6.3). The escalation steps and alarm channels resolve their recipients here.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { escalationKeys } from "@/lib/client/escalations";
import { DataTable } from "@/components/ui/data-table";

interface ContactRow {
  id: string;
  role: string;
  name: string;
  phone: string;
  email: string;
  slackHandle: string;
}
type Draft = Omit<ContactRow, "id"> & { id?: string; key: string };

const FIELDS = ["name", "phone", "email", "slackHandle"] as const;
const toDrafts = (rows: ContactRow[]): Draft[] => rows.map((r) => ({ ...r, key: r.id }));

export function ContactsTable({ contacts }: { contacts: ContactRow[] }) {
  const t = useTranslations("contacts");
  const e = useTranslations("escalations.contactsEditor");
  const [rows, setRows] = useState<Draft[]>(() => toDrafts(contacts));
  const [dirty, setDirty] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ items: ContactRow[] }>("/api/v1/contacts", {
        method: "PUT",
        json: { contacts: rows.map(({ key: _key, ...r }) => r) },
      }),
    onSuccess: (data) => {
      setRows(toDrafts(data.items));
      setDirty(false);
      // the paging readiness check (Settings, the board) reads the directory
      void queryClient.invalidateQueries({ queryKey: escalationKeys.readiness });
    },
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const edit = (index: number, patch: Partial<Draft>) => {
    setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    setDirty(true);
  };
  const label = { name: t("name"), phone: t("phone"), email: t("email"), slackHandle: t("slack") };
  const placeholder = { name: t("empty"), phone: "+82 10-1234-5678", email: "lead@example.com", slackHandle: "U0123ABCD" };

  return (
    <form className="space-y-3 text-sm" data-testid="contacts-editor" onSubmit={onSubmitRun(() => save.mutate())}>
      <p className="text-xs text-slate-500">{e("help")}</p>
      <DataTable
        uppercase={false}
        minWidth="min-w-[56rem]"
        cell="pr-2"
        head={[{ label: e("role"), cell: "py-1 pr-2" }, ...FIELDS.map((f) => label[f]), { cell: "" }]}
      >
        {rows.map((row, i) => (
          <tr key={row.key} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`contact-${row.role}`}>
            <td className="w-44 py-1 pr-2">
              <select className="input" aria-label={e("role")} value={row.role} onChange={(ev) => edit(i, { role: ev.target.value })}>
                <Options items={CONTACT_ROLES} label={(r) => t(r)} />
              </select>
            </td>
            {FIELDS.map((f) => {
              const error = fields[`contacts.${i}.${f}`];
              return (
                <td key={f} className="py-1 pr-2">
                  <input
                    className="input"
                    aria-label={`${t(row.role)} ${label[f]}`}
                    aria-invalid={Boolean(error)}
                    value={row[f]}
                    placeholder={placeholder[f]}
                    onChange={(ev) => edit(i, { [f]: ev.target.value })}
                  />
                  {error && <p className="field-error text-xs">{error}</p>}
                </td>
              );
            })}
            <td className="py-1">
              <button
                type="button"
                className="whitespace-nowrap text-xs text-red-700 hover:underline"
                onClick={() => {
                  setRows(rows.filter((_, j) => j !== i));
                  setDirty(true);
                }}
              >
                {e("remove")}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setRows([...rows, { key: `new-${Date.now()}`, role: "team_lead", name: "", phone: "", email: "", slackHandle: "" }]);
            setDirty(true);
          }}
        >
          {e("add")}
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending} data-testid="contacts-save">
          {save.isPending ? e("saving") : e("save")}
        </button>
        {dirty && !save.isPending && <span className="text-xs text-amber-700 dark:text-amber-400">{e("unsaved")}</span>}
        {save.isSuccess && !dirty && (
          <span role="status" className="text-emerald-700 dark:text-emerald-400">
            {e("saved")}
          </span>
        )}
        {save.isError && (
          <span role="status" className="text-red-700 dark:text-red-400">
            {Object.keys(fields).length > 0 ? e("fixFields") : e("error", { message: save.error.message })}
          </span>
        )}
      </div>
    </form>
  );
}
