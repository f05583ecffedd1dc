"use client";
// Settings → Status page (admins): the components customers see, the update reminder per severity and the
// outgoing webhooks (secret shown once) with each delivery of theirs.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { apiFetch } from "@/lib/client/api";
import { SEVERITIES, type Severity } from "@/lib/domain/severity";
import type { ComponentDto } from "@/lib/server/status/components";
import { WebhookDeliveries } from "./webhook-deliveries";
import { RemovableRows, RowField, SaveOutcome } from "./row-editor";

const keys = {
  components: ["statuspage", "components"] as const,
  settings: ["statuspage", "settings"] as const,
  webhooks: ["statuspage", "webhooks"] as const,
  maintenance: ["statuspage", "maintenance"] as const,
};

type Row = { id?: string; slug: string; nameKo: string; nameEn: string; archived: boolean };

export function StatusSettingsSection() {
  const t = useTranslations("statuspage");
  return (
    <section className="panel space-y-4 p-4" data-testid="status-settings">
      <h2 className="font-semibold">{t("settings.title")}</h2>
      <ComponentsEditor />
      <Reminders />
      <Webhooks />
      <Maintenance />
    </section>
  );
}

function ComponentsEditor() {
  const t = useTranslations("statuspage");
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keys.components,
    queryFn: ({ signal }) => apiFetch<{ items: ComponentDto[] }>("/api/v1/status/components", { signal }),
  });
  const [rows, setRows] = useState<Row[] | null>(null);
  const current: Row[] =
    rows ?? query.data?.items.map((c) => ({ id: c.id, slug: c.slug, nameKo: c.nameKo, nameEn: c.nameEn, archived: c.archived })) ?? [];
  const save = useMutation({
    mutationFn: () => apiFetch<{ items: ComponentDto[] }>("/api/v1/status/components", { method: "PUT", json: { components: current } }),
    onSuccess: (data) => {
      client.setQueryData(keys.components, data);
      setRows(null);
    },
  });
  const set = (i: number, patch: Partial<Row>) => setRows(current.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">{t("settings.components")}</h3>
      <div className="space-y-2">
        {current.map((r, i) => (
          <div key={r.id ?? `new-${i}`} className="grid grid-cols-2 gap-2 sm:grid-cols-[8rem_1fr_1fr_auto]">
            <RowField row={r} field="slug" label={t("settings.slug")} onChange={(patch) => set(i, patch)} />
            <RowField row={r} field="nameKo" label={t("settings.nameKo")} onChange={(patch) => set(i, patch)} />
            <RowField row={r} field="nameEn" label={t("settings.nameEn")} onChange={(patch) => set(i, patch)} />
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={r.archived} onChange={(e) => set(i, { archived: e.target.checked })} />
              {t("settings.archived")}
            </label>
          </div>
        ))}
      </div>
      <div className="mt-2 flex gap-2">
        <button type="button" className="btn" onClick={() => setRows([...current, { slug: "", nameKo: "", nameEn: "", archived: false }])}>
          {t("settings.add")}
        </button>
        <MutationButton mutation={save} className="btn-primary">
          {t("settings.save")}
        </MutationButton>
      </div>
      <SaveOutcome mutation={save} saved={t("settings.saved")} />
    </div>
  );
}

function Reminders() {
  const t = useTranslations("statuspage");
  const query = useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => apiFetch<{ reminders: Record<Severity, number | null> }>("/api/v1/status/settings", { signal }),
  });
  const [values, setValues] = useState<Record<Severity, string> | null>(null);
  const current =
    values ?? (Object.fromEntries(SEVERITIES.map((s) => [s, String(query.data?.reminders[s] ?? "")])) as Record<Severity, string>);
  const save = useMutation({
    mutationFn: () =>
      apiFetch("/api/v1/status/settings", {
        method: "PUT",
        json: Object.fromEntries(SEVERITIES.map((s) => [s, current[s].trim() === "" ? null : Number(current[s])])),
      }),
  });
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">{t("settings.reminders")}</h3>
      <div className="flex flex-wrap gap-2">
        {SEVERITIES.map((s) => (
          <label key={s} className="flex items-center gap-1 text-sm">
            {s}
            <input
              className="input w-20"
              inputMode="numeric"
              value={current[s]}
              onChange={(e) => setValues({ ...current, [s]: e.target.value })}
            />
          </label>
        ))}
        <MutationButton mutation={save} className="btn">
          {t("settings.save")}
        </MutationButton>
      </div>
      <SaveOutcome mutation={save} saved={t("settings.saved")} />
    </div>
  );
}

function Webhooks() {
  const t = useTranslations("statuspage");
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keys.webhooks,
    queryFn: ({ signal }) => apiFetch<{ items: { id: string; url: string }[] }>("/api/v1/status/webhooks", { signal }),
  });
  const [url, setUrl] = useState("");
  const create = useMutation({
    mutationFn: () => apiFetch<{ secret: string }>("/api/v1/status/webhooks", { method: "POST", json: { url } }),
    onSuccess: async () => {
      setUrl("");
      await client.invalidateQueries({ queryKey: keys.webhooks });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/status/webhooks/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">{t("settings.webhooks")}</h3>
      <p className="mb-2 text-xs text-slate-500">{t("settings.signatureDoc")}</p>
      <RemovableRows items={query.data?.items} removeLabel={t("settings.remove")} onRemove={remove.mutate} className="break-all">
        {(w) => w.url}
      </RemovableRows>
      <div className="flex gap-2">
        <RowField row={{ url }} field="url" label={t("settings.webhookUrl")} onChange={(p) => setUrl(p.url)} placeholder="https://" />
        <MutationButton mutation={create} className="btn">
          {t("settings.addWebhook")}
        </MutationButton>
      </div>
      <SaveOutcome mutation={create} />
      {create.data && (
        <p role="status" className="mt-1 break-all font-mono text-xs">
          {t("settings.secretOnce", { secret: create.data.secret })}
        </p>
      )}
      <WebhookDeliveries webhooks={query.data?.items ?? []} />
    </div>
  );
}

interface WindowDto {
  id: string;
  title: { ko: string; en: string };
  components: string[];
  startsAt: string;
  endsAt: string;
  active: boolean;
}

/** datetime-local in Asia/Seoul (the app's default zone) → ISO 8601 */
const seoul = (local: string) => (local ? `${local}:00+09:00` : "");

function Maintenance() {
  const t = useTranslations("statuspage");
  const client = useQueryClient();
  const components = useQuery({
    queryKey: keys.components,
    queryFn: ({ signal }) => apiFetch<{ items: ComponentDto[] }>("/api/v1/status/components", { signal }),
  });
  const list = useQuery({
    queryKey: keys.maintenance,
    queryFn: ({ signal }) => apiFetch<{ items: WindowDto[] }>("/api/v1/status/maintenance", { signal }),
  });
  const [form, setForm] = useState({ ko: "", en: "", components: [] as string[], start: "", end: "" });
  const create = useMutation({
    mutationFn: () =>
      apiFetch("/api/v1/status/maintenance", {
        method: "POST",
        json: { title: { ko: form.ko, en: form.en }, components: form.components, startsAt: seoul(form.start), endsAt: seoul(form.end) },
      }),
    onSuccess: async () => {
      setForm({ ko: "", en: "", components: [], start: "", end: "" });
      await client.invalidateQueries({ queryKey: keys.maintenance });
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/status/maintenance/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.maintenance }),
  });
  const name = (id: string) => components.data?.items.find((c) => c.id === id)?.nameKo ?? id;
  return (
    <div data-testid="maintenance-settings">
      <h3 className="mb-1 text-sm font-medium">{t("settings.maintenance")}</h3>
      <p className="mb-2 text-xs text-slate-500">{t("settings.maintenanceHint")}</p>
      <RemovableRows items={list.data?.items} removeLabel={t("settings.remove")} onRemove={cancel.mutate} className="flex-wrap">
        {(w) => (
          <span>
            {w.title.ko} · {w.components.map(name).join(", ")} · {new Date(w.startsAt).toLocaleString()} –{" "}
            {new Date(w.endsAt).toLocaleString()}
          </span>
        )}
      </RemovableRows>
      <div className="grid gap-2 sm:grid-cols-2">
        <RowField row={form} field="ko" label={t("settings.maintenanceKo")} onChange={(p) => setForm({ ...form, ...p })} />
        <RowField row={form} field="en" label={t("settings.maintenanceEn")} onChange={(p) => setForm({ ...form, ...p })} />
        <label className="text-sm">
          {t("settings.starts")}
          <input type="datetime-local" className="input" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />
        </label>
        <label className="text-sm">
          {t("settings.ends")}
          <input type="datetime-local" className="input" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />
        </label>
      </div>
      <div className="mt-2 flex flex-wrap gap-3 text-sm">
        {components.data?.items
          .filter((c) => !c.archived)
          .map((c) => (
            <label key={c.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={form.components.includes(c.id)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    components: e.target.checked ? [...form.components, c.id] : form.components.filter((id) => id !== c.id),
                  })
                }
              />
              {c.nameKo}
            </label>
          ))}
      </div>
      <MutationButton mutation={create} className="btn mt-2">
        {t("settings.addMaintenance")}
      </MutationButton>
      <SaveOutcome mutation={create} />
    </div>
  );
}
