"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { Field, Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { ROLES } from "@/lib/domain/roles";
import { queryKeys } from "@/lib/client/query-keys";

interface TokenRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt?: string | null;
}

export function TokenManager() {
  const t = useTranslations();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState("responder");
  const [days, setDays] = useState("90");
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => apiFetch<{ items: TokenRow[] }>("/api/v1/tokens", { signal }),
  });
  const create = useMutation({
    mutationFn: () =>
      apiFetch<{ token: string }>("/api/v1/tokens", {
        method: "POST",
        json: { name, role, ...(days ? { expiresInDays: Number(days) } : {}) },
      }),
    onSuccess: (data) => {
      setSecret(data.token);
      setName("");
      void client.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
  const fieldError = create.error instanceof ApiError ? (create.error.fields?.name ?? create.error.message) : create.error?.message;
  return (
    <div className="space-y-3 text-sm">
      <form className="flex flex-wrap items-end gap-2" onSubmit={onSubmitRun(() => create.mutate())}>
        <Field label={t("settings.tokenName")} look="compact">
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("settings.tokenRole")} look="compact">
          <select className="input" value={role} onChange={(e) => setRole(e.target.value)}>
            <Options items={ROLES} label={(r) => t(`roles.${r}`)} />
          </select>
        </Field>
        <Field label={t("users.tokenExpiry")} look="compact">
          <select className="input" value={days} onChange={(e) => setDays(e.target.value)}>
            <Options items={["30", "90", "365", ""]} label={(d) => (d ? t("users.days", { days: Number(d) }) : t("users.noExpiry"))} />
          </select>
        </Field>
        <button className="btn-primary" type="submit" disabled={create.isPending}>
          {t("settings.create")}
        </button>
      </form>
      {fieldError && <p className="field-error">{fieldError}</p>}
      {secret && (
        <div className="rounded bg-amber-50 p-2 dark:bg-amber-950/40">
          <p>{t("settings.tokenOnce")}</p>
          <code className="select-all break-all font-mono" data-testid="new-token">
            {secret}
          </code>
        </div>
      )}
      {tokens.data?.items.length === 0 && <p className="text-slate-500">{t("settings.noTokens")}</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <table className="w-full">
          <tbody>
            {tokens.data.items.map((tok) => (
              <tr key={tok.id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1">
                  {tok.name} <code className="text-xs text-slate-500">{tok.prefix}…</code>
                </td>
                <td>{t(`roles.${tok.role}`)}</td>
                <td className="text-xs text-slate-500">
                  {t("settings.lastUsed")}: {tok.lastUsedAt ? new Date(tok.lastUsedAt).toLocaleString() : t("settings.never")}
                  {tok.expiresAt ? ` · ${t("users.expires")}: ${new Date(tok.expiresAt).toLocaleDateString()}` : ""}
                </td>
                <td className="text-right">
                  {tok.revokedAt ? (
                    <span className="text-slate-400">{t("settings.revoked")}</span>
                  ) : (
                    <button className="text-red-700 hover:underline" onClick={() => revoke.mutate(tok.id)}>
                      {t("settings.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
