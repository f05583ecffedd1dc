"use client";
// Settings → Status page → Webhooks: each delivery of a published update to each webhook, as the outbox recorded
// it (lib/server/status/webhook-deliveries.ts): when, where, the HTTP status or the error, and the attempts.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Options } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api";
import type { DeliveryState } from "@/lib/domain/delivery-state";
import type { UpdateStatus } from "@/lib/domain/status/updates";
import type { WebhookDeliveryDto } from "@/lib/server/status/webhook-deliveries";

const STATE_TEXT: Partial<Record<DeliveryState, string>> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  retrying: "text-amber-800 dark:text-amber-300",
  failed: "text-red-700 dark:text-red-400 font-semibold",
};

export function WebhookDeliveries({ webhooks }: { webhooks: { id: string; url: string }[] }) {
  const t = useTranslations("statuspage");
  const e = useTranslations("escalations");
  const format = useFormatter();
  const [webhookId, setWebhookId] = useState("");
  const query = useQuery({
    queryKey: ["statuspage", "webhook-deliveries", webhookId],
    queryFn: ({ signal }) =>
      apiFetch<{ items: WebhookDeliveryDto[] }>(
        `/api/v1/status/webhooks/deliveries${webhookId ? `?webhookId=${encodeURIComponent(webhookId)}` : ""}`,
        { signal },
      ),
    refetchInterval: 15_000,
  });
  const items = query.data?.items ?? [];
  return (
    <div className="mt-3" data-testid="webhook-deliveries">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-medium">{t("settings.deliveries")}</h4>
        {webhooks.length > 1 && (
          <select
            aria-label={t("settings.deliveriesFor")}
            className="input w-auto max-w-full py-0.5 text-xs"
            value={webhookId}
            onChange={(ev) => setWebhookId(ev.target.value)}
          >
            <option value="">{t("settings.allWebhooks")}</option>
            <Options items={webhooks} value={(w) => w.id} label={(w) => w.url} />
          </select>
        )}
      </div>
      <p className="mb-2 text-xs text-slate-500">{t("settings.deliveriesHint")}</p>
      {query.isError ? (
        <p className="field-error" role="alert">
          {query.error.message}
        </p>
      ) : query.isPending ? null : items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("settings.deliveriesEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 text-sm dark:divide-slate-700 dark:border-slate-700">
          {items.map((d) => (
            <li key={d.id} className="space-y-0.5 p-2" data-testid="webhook-delivery">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <time dateTime={d.lastAttemptAt ?? d.createdAt} className="tabular-nums">
                  {format.dateTime(new Date(d.lastAttemptAt ?? d.createdAt), { dateStyle: "short", timeStyle: "medium" })}
                </time>
                <span className={STATE_TEXT[d.state] ?? "text-slate-600 dark:text-slate-300"}>{e(`delivery.${d.state}`)}</span>
              </div>
              <p className="break-all text-slate-600 dark:text-slate-300">{d.target}</p>
              <p className="text-xs text-slate-500">
                {d.incidentId !== null && `#${d.incidentId} · `}
                {d.updateStatus && `${t(`updateStatus.${d.updateStatus as UpdateStatus}`)} · `}
                <span data-testid="delivery-result">
                  {d.httpStatus !== null
                    ? t("settings.httpStatus", { status: d.httpStatus })
                    : d.attempts > 0
                      ? t("settings.noAnswer")
                      : "—"}
                </span>
                {" · "}
                {t("settings.attempts", { count: d.attempts })}
              </p>
              {d.error && d.state !== "delivered" && <p className="break-all text-xs text-red-700 dark:text-red-400">{d.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
