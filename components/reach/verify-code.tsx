"use client";
// Verifying my email address or paging phone with a code sent through it (lib/server/reach/verify.ts): send a code,
// type it back. Slack and push devices are verified by acknowledging a test page instead.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { apiFetch } from "@/lib/client/api";
import type { MethodReadiness, PersonReadiness } from "@/lib/domain/reach/readiness";

/** One row per method a code can verify (email, SMS) that has a value and is not verified yet. */
export function VerifyByCode({ methods, queryKey }: { methods: MethodReadiness[]; queryKey: readonly unknown[] }) {
  const open = methods.filter((m) => (m.channel === "email" || m.channel === "sms") && m.target && !m.verified);
  if (open.length === 0) return null;
  return (
    <ul className="space-y-2" data-testid="verify-by-code">
      {open.map((m) => (
        <CodeRow key={`${m.channel}:${m.target}`} channel={m.channel as "email" | "sms"} target={m.target} queryKey={queryKey} />
      ))}
    </ul>
  );
}

function CodeRow({ channel, target, queryKey }: { channel: "email" | "sms"; target: string; queryKey: readonly unknown[] }) {
  const t = useTranslations("reach.verify");
  const c = useTranslations("reach.channel");
  const client = useQueryClient();
  const [code, setCode] = useState("");
  const base = `/api/v1/me/contact-methods/${channel}`;
  const send = useMutation({
    mutationFn: () => apiFetch<{ expiresAt: string }>(`${base}/code`, { method: "POST" }),
  });
  const confirm = useMutation({
    mutationFn: () => apiFetch<PersonReadiness>(`${base}/confirm`, { method: "POST", json: { code } }),
    onSuccess: (mine) => client.setQueryData(queryKey, mine),
  });
  const inputId = `verify-code-${channel}`;
  return (
    <li className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700" data-testid={`verify-${channel}`}>
      <p className="text-sm">{t("method", { channel: c(channel), target })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="rounded border border-blue-700 px-3 py-1.5 text-sm text-blue-800 disabled:opacity-60 dark:text-blue-300"
          disabled={send.isPending}
          onClick={() => {
            confirm.reset();
            send.mutate();
          }}
        >
          {send.isPending ? t("sending") : send.isSuccess ? t("resend") : t("send")}
        </button>
        {send.isSuccess && (
          <form className="flex flex-wrap items-center gap-2" onSubmit={onSubmitRun(() => confirm.mutate())}>
            <label htmlFor={inputId} className="text-sm">
              {t("codeLabel")}
            </label>
            <input
              id={inputId}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={9}
              className="w-28 rounded border border-slate-300 px-2 py-1 font-mono text-sm tracking-widest dark:border-slate-600 dark:bg-slate-900"
            />
            <button
              type="submit"
              className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white disabled:opacity-60"
              disabled={confirm.isPending}
            >
              {confirm.isPending ? t("confirming") : t("confirm")}
            </button>
          </form>
        )}
      </div>
      {send.isSuccess && !confirm.isError && (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-300" data-testid={`verify-${channel}-sent`}>
          {t("sent", { channel: c(channel) })}
        </p>
      )}
      {(send.isError || confirm.isError) && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400" data-testid={`verify-${channel}-error`}>
          {(send.error ?? confirm.error)?.message}
        </p>
      )}
    </li>
  );
}
