"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Options } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { ROLES } from "@/lib/domain/roles";
import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable } from "@/components/ui/data-table";

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  signInMethods: string[];
  lastSignInAt: string | null;
}

const usersKey = ["users", "all"] as const;

export function UserManager({ currentUserId }: { currentUserId: string | null }) {
  const t = useTranslations();
  const client = useQueryClient();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const users = useQuery({ queryKey: usersKey, queryFn: ({ signal }) => apiFetch<{ items: UserRow[] }>("/api/v1/users?all", { signal }) });
  const fail = (error: Error) =>
    setNotice({
      ok: false,
      text: error instanceof ApiError && error.code === "conflict" && error.fields?.role ? t("users.errors.lastAdmin") : error.message,
    });
  const patch = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: string; active?: boolean }) =>
      apiFetch(`/api/v1/users/${id}`, { method: "PATCH", json: body }),
    onSuccess: () => {
      setNotice({ ok: true, text: t("users.saved") });
      void client.invalidateQueries({ queryKey: usersKey });
    },
    onError: fail,
  });
  const signOut = useMutation({
    mutationFn: (user: UserRow) => apiFetch(`/api/v1/users/${user.id}/sign-out`, { method: "POST" }).then(() => user),
    onSuccess: (user) => setNotice({ ok: true, text: t("users.signedOut", { name: user.name }) }),
    onError: fail,
  });

  if (users.isPending) return <p className="text-sm text-slate-500">…</p>;
  if (users.isError) return <p className="field-error">{t("users.loadFailed", { message: users.error.message })}</p>;
  if (users.data.items.length === 0) return <p className="text-sm text-slate-500">{t("users.empty")}</p>;
  return (
    <div className="space-y-2">
      {notice && (
        <p
          role="status"
          data-testid="users-notice"
          className={notice.ok ? "text-sm text-emerald-700 dark:text-emerald-400" : "field-error"}
        >
          {notice.text}
        </p>
      )}
      <DataTable
        className="panel overflow-x-auto"
        uppercase={false}
        head={[t("users.name"), t("users.role"), t("users.method"), t("users.lastSignIn"), t("users.status"), {}]}
      >
        {users.data.items.map((user) => (
          <tr
            key={user.id}
            data-testid={`user-${user.email}`}
            className={`border-t border-slate-100 dark:border-slate-800 ${user.active ? "" : "text-slate-400"}`}
          >
            <td className="px-3 py-2">
              <div className="font-medium">
                {user.name} {user.id === currentUserId && <span className="text-xs text-slate-500">({t("users.you")})</span>}
              </div>
              <div className="text-xs text-slate-500 break-all">{user.email}</div>
            </td>
            <td className="px-3 py-2">
              <select
                aria-label={`${t("users.role")}: ${user.name}`}
                className="input py-1"
                value={user.role}
                disabled={patch.isPending}
                onChange={(e) => patch.mutate({ id: user.id, role: e.target.value })}
              >
                <Options items={ROLES} label={(r) => t(`roles.${r}`)} />
              </select>
            </td>
            <td className="px-3 py-2">{user.signInMethods.map((m) => t(`users.${m as "password" | "sso"}`)).join(" · ") || "—"}</td>
            <td className="px-3 py-2">{user.lastSignInAt ? <RelativeTime iso={user.lastSignInAt} /> : t("users.never")}</td>
            <td className="px-3 py-2">{user.active ? t("users.active") : t("users.inactive")}</td>
            <td className="space-x-3 whitespace-nowrap px-3 py-2 text-right">
              {user.active ? (
                <button
                  type="button"
                  className="text-red-700 hover:underline dark:text-red-400"
                  onClick={() =>
                    window.confirm(t("users.confirmDeactivate", { name: user.name })) && patch.mutate({ id: user.id, active: false })
                  }
                >
                  {t("users.deactivate")}
                </button>
              ) : (
                <button type="button" className="hover:underline" onClick={() => patch.mutate({ id: user.id, active: true })}>
                  {t("users.reactivate")}
                </button>
              )}
              <button type="button" className="hover:underline" onClick={() => signOut.mutate(user)}>
                {t("users.signOutEverywhere")}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
