"use client";
// Admins define the recovery checks: HTTP requests (a path on the configured shop) and read-only SQL
// queries (one SELECT; rows returned = inconsistencies). The server validates every definition.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { SQL_DATABASES, type RecoveryCheck, type SqlDatabase } from "@/lib/domain/recovery-checks";
import { fetchRecoveryChecks, pmKeys, type RecoveryCheckDto } from "./api";

interface FormState {
  id: string;
  ko: string;
  en: string;
  kind: "http" | "sql";
  method: "GET" | "POST";
  path: string;
  body: string;
  expectStatus: string;
  expectBodyIncludes: string;
  query: string;
  database: SqlDatabase;
}

const EMPTY: FormState = {
  id: "",
  ko: "",
  en: "",
  kind: "http",
  method: "GET",
  path: "/actuator/health",
  body: "",
  expectStatus: "200",
  expectBodyIncludes: "",
  query: "SELECT ",
  database: "mysql",
};

function toForm(d: RecoveryCheck): FormState {
  const base = { ...EMPTY, id: d.id, ko: d.title.ko, en: d.title.en, kind: d.kind };
  if (d.kind === "sql") return { ...base, query: d.query, database: d.database ?? "mysql" };
  return {
    ...base,
    method: d.method,
    path: d.path,
    body: d.body ? JSON.stringify(d.body, null, 2) : "",
    expectStatus: String(d.expectStatus),
    expectBodyIncludes: d.expectBodyIncludes ?? "",
  };
}

/** The form as a definition; a body that is not JSON is reported like a server field error. */
function toDefinition(f: FormState): { ok: true; value: unknown } | { ok: false; field: string } {
  const title = { ko: f.ko, en: f.en };
  if (f.kind === "sql")
    return { ok: true, value: { id: f.id, kind: "sql", title, database: f.database, query: f.query, expect: "no_rows" } };
  let body: unknown;
  if (f.method === "POST" && f.body.trim()) {
    try {
      body = JSON.parse(f.body);
    } catch {
      return { ok: false, field: "body" };
    }
  }
  return {
    ok: true,
    value: {
      id: f.id,
      kind: "http",
      title,
      method: f.method,
      path: f.path,
      expectStatus: Number(f.expectStatus),
      ...(body !== undefined ? { body } : {}),
      ...(f.expectBodyIncludes ? { expectBodyIncludes: f.expectBodyIncludes } : {}),
    },
  };
}

export function RecoveryChecksEditor() {
  const t = useTranslations("postmortems.checks");
  const client = useQueryClient();
  const [editing, setEditing] = useState<{ mode: "new" | "edit"; form: FormState } | null>(null);
  const list = useQuery({ queryKey: pmKeys.recoveryChecks(), queryFn: ({ signal }) => fetchRecoveryChecks(signal) });
  // Returned, so a mutation stays pending until the list has been refetched.
  const refresh = () => client.invalidateQueries({ queryKey: pmKeys.recoveryChecks() });
  const toggle = useMutation({
    mutationFn: (c: RecoveryCheckDto) => apiFetch(`/api/v1/recovery-checks/${c.id}`, { method: "PATCH", json: { enabled: !c.enabled } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (c: RecoveryCheckDto) => apiFetch(`/api/v1/recovery-checks/${c.id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  // The box follows the click at once (held until the list is refetched), and falls back if the save fails.
  const [switching, setSwitching] = useState<string | null>(null);
  const onToggle = (c: RecoveryCheckDto) => {
    setSwitching(c.id);
    toggle.mutate(c, { onSettled: () => setSwitching(null) });
  };

  if (list.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (list.isError)
    return (
      <p className="text-sm text-red-600" role="alert">
        {t("loadError", { message: list.error.message })}
      </p>
    );
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="recovery-check-list">
        {list.data.items.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2 py-2" data-testid={`check-row-${c.id}`}>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={switching === c.id ? !c.enabled : c.enabled}
                disabled={toggle.isPending}
                onChange={() => onToggle(c)}
                aria-label={t("enabledOf", { id: c.id })}
              />
              <span className="font-medium">{c.definition?.title.ko ?? c.id}</span>
            </label>
            <code className="text-xs text-slate-500">
              {c.definition
                ? c.definition.kind === "http"
                  ? `${c.definition.method} ${c.definition.path}`
                  : `SQL · ${c.definition.database === "postgresql" ? "PostgreSQL" : "MariaDB/MySQL"}`
                : ""}
            </code>
            {c.changesData && (
              <span className="rounded bg-amber-100 px-1 text-[11px] text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                {t("changesData")}
              </span>
            )}
            {c.invalid && <span className="text-xs text-red-600">{t("invalid", { reason: c.invalid })}</span>}
            <span className="ml-auto flex gap-2">
              {c.definition && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => setEditing({ mode: "edit", form: toForm(c.definition as RecoveryCheck) })}
                >
                  {t("edit")}
                </button>
              )}
              <button type="button" className="btn" onClick={() => window.confirm(t("confirmDelete", { id: c.id })) && remove.mutate(c)}>
                {t("delete")}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {(toggle.isError || remove.isError) && (
        <p className="field-error" role="alert">
          {(toggle.error ?? remove.error)?.message}
        </p>
      )}
      {editing ? (
        <CheckForm
          mode={editing.mode}
          initial={editing.form}
          onDone={() => {
            setEditing(null);
            void refresh();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing({ mode: "new", form: EMPTY })} data-testid="add-recovery-check">
          {t("add")}
        </button>
      )}
    </div>
  );
}

function CheckForm({
  mode,
  initial,
  onDone,
  onCancel,
}: {
  mode: "new" | "edit";
  initial: FormState;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("postmortems.checks");
  const [f, setF] = useState(initial);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (definition: unknown) =>
      mode === "new"
        ? apiFetch("/api/v1/recovery-checks", { method: "POST", json: definition })
        : apiFetch(`/api/v1/recovery-checks/${f.id}`, { method: "PATCH", json: { definition } }),
    onSuccess: onDone,
  });
  const server = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const err = (k: string) => localError[k] ?? server[k] ?? server[`definition.${k}`];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = toDefinition(f);
    if (!d.ok) return setLocalError({ [d.field]: t("bodyNotJson") });
    setLocalError({});
    save.mutate(d.value);
  };
  const input = (k: keyof FormState, label: string, props: Record<string, unknown> = {}) => (
    <label className="block text-sm">
      <span className="text-xs text-slate-500">{label}</span>
      <input
        className="input"
        value={f[k]}
        aria-invalid={Boolean(err(k))}
        onChange={(e) => setF({ ...f, [k]: e.target.value })}
        {...props}
      />
      {err(k) && <span className="field-error block">{err(k)}</span>}
    </label>
  );
  return (
    <form
      className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700"
      onSubmit={submit}
      data-testid="recovery-check-form"
    >
      <div className="grid gap-2 sm:grid-cols-3">
        {input("id", t("id"), { disabled: mode === "edit", placeholder: "orders-without-payment" })}
        {input("ko", t("titleKo"))}
        {input("en", t("titleEn"))}
      </div>
      {err("title.ko") && <p className="field-error">{err("title.ko")}</p>}
      <div className="flex gap-4 text-sm">
        {(["http", "sql"] as const).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name="kind" checked={f.kind === k} onChange={() => setF({ ...f, kind: k })} />
            {t(`kind.${k}`)}
          </label>
        ))}
      </div>
      {f.kind === "http" ? (
        <div className="grid gap-2 sm:grid-cols-[8rem_1fr_8rem]">
          <label className="block text-sm">
            <span className="text-xs text-slate-500">{t("method")}</span>
            <select className="input" value={f.method} onChange={(e) => setF({ ...f, method: e.target.value as "GET" | "POST" })}>
              <option>GET</option>
              <option>POST</option>
            </select>
          </label>
          {input("path", t("path"))}
          {input("expectStatus", t("expectStatus"), { inputMode: "numeric" })}
          {f.method === "POST" && (
            <label className="block text-sm sm:col-span-3">
              <span className="text-xs text-slate-500">{t("body")}</span>
              <textarea className="input font-mono" rows={3} value={f.body} onChange={(e) => setF({ ...f, body: e.target.value })} />
              {err("body") && <span className="field-error block">{err("body")}</span>}
              <span className="block text-xs text-amber-700 dark:text-amber-400">{t("postWarning")}</span>
            </label>
          )}
          <div className="sm:col-span-3">{input("expectBodyIncludes", t("expectBodyIncludes"))}</div>
        </div>
      ) : (
        <>
          <label className="block text-sm">
            <span className="text-xs text-slate-500">{t("database")}</span>
            <select
              className="input"
              value={f.database}
              onChange={(e) => setF({ ...f, database: e.target.value as SqlDatabase })}
              data-testid="check-database"
            >
              <Options items={SQL_DATABASES} label={(d) => t(`databases.${d}`)} />
            </select>
            {err("database") && <span className="field-error block">{err("database")}</span>}
          </label>
          <label className="block text-sm">
            <span className="text-xs text-slate-500">{t("query")}</span>
            <textarea
              className="input font-mono"
              rows={5}
              value={f.query}
              aria-invalid={Boolean(err("query"))}
              onChange={(e) => setF({ ...f, query: e.target.value })}
            />
            {err("query") && <span className="field-error block">{err("query")}</span>}
            <span className="block text-xs text-slate-500">{t("queryHint")}</span>
          </label>
        </>
      )}
      {save.isError && Object.keys(server).length === 0 && (
        <p className="field-error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {t("save")}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
