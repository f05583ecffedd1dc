"use client";
// My shifts: what is coming, the calendar URL (Google Calendar, Outlook) and where I am paged when on call.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TitledPanel } from "@/components/ui/panel";
import { apiFetch, ApiError } from "@/lib/client/api";
import { fetchMyShifts } from "@/lib/client/oncall";
import { oncallKeys } from "@/lib/client/query-keys";
import { useLiveTopics } from "@/lib/client/use-live";
import { useShiftTime } from "./use-shift-time";
import { MyReach } from "@/components/reach/my-reach";
import { MyPush } from "@/components/reach/my-push";
import { MyNotificationRulesPanel } from "@/components/reach/my-notification-rules";
import { MyPanel } from "@/components/ui/my-panel";
import { QueryState } from "@/components/ui/query-state";
import { Field, SavedNote } from "@/components/ui/field";
import { onSubmitRun } from "@/lib/client/forms";

export function MyShifts() {
  const t = useTranslations("oncall");
  const roles = useTranslations("contacts");
  const shifts = useQuery({ queryKey: oncallKeys.mine, queryFn: ({ signal }) => fetchMyShifts(signal), refetchInterval: 60_000 });
  useLiveTopics(["schedules"], () => [oncallKeys.all]);
  const when = useShiftTime();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("myShiftsTitle")}</h1>
      <MyPanel id="my-shifts" title={t("next28Days")}>
        <QueryState
          query={shifts}
          look="mine"
          words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}
          empty={{ when: shifts.data?.items.length === 0, text: t("noShifts"), testId: "no-shifts" }}
        >
          {(data) => (
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" data-testid="my-shift-list">
              {data.items.map((s) => (
                <li key={`${s.role}-${s.start}`} className="flex flex-wrap gap-x-3 py-1">
                  <span className="font-medium">{roles(s.role)}</span>
                  <span>
                    {when(s.start)} – {when(s.end)}
                  </span>
                  {s.override && <span className="text-xs text-slate-500">{t("overrideShort")}</span>}
                  {s.covering && (
                    <span className="text-xs text-amber-800 dark:text-amber-300">
                      {t("coveringFor", { name: s.covering.name ?? s.covering.id })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </MyPanel>
      <CalendarFeed />
      <MyReach />
      <MyPush />
      <PagingContactForm />
      <MyNotificationRulesPanel />
    </div>
  );
}

function CalendarFeed() {
  const t = useTranslations("oncall");
  const client = useQueryClient();
  const status = useQuery({
    queryKey: oncallKeys.feed("user", "me"),
    queryFn: ({ signal }) => apiFetch<{ active: boolean }>("/api/v1/me/feed", { signal }),
  });
  const [url, setUrl] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => apiFetch<{ url: string }>("/api/v1/me/feed", { method: "POST" }),
    onSuccess: (data) => {
      setUrl(data.url);
      void client.invalidateQueries({ queryKey: oncallKeys.feed("user", "me") });
    },
  });
  const revoke = useMutation({
    mutationFn: () => apiFetch("/api/v1/me/feed", { method: "DELETE" }),
    onSuccess: () => {
      setUrl(null);
      void client.invalidateQueries({ queryKey: oncallKeys.feed("user", "me") });
    },
  });
  return (
    <TitledPanel id="feed-title" title={t("calendarTitle")} look="small" className="panel space-y-2 p-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("calendarHint")}</p>
      {url && (
        <p className="break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800" data-testid="feed-url">
          {url}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn min-h-11" onClick={() => rotate.mutate()}>
          {status.data?.active ? t("newCalendarUrl") : t("createCalendarUrl")}
        </button>
        {status.data?.active && (
          <button type="button" className="btn min-h-11" onClick={() => revoke.mutate()}>
            {t("revokeCalendarUrl")}
          </button>
        )}
      </div>
    </TitledPanel>
  );
}

function PagingContactForm() {
  const current = useQuery({
    queryKey: oncallKeys.pagingContact,
    queryFn: ({ signal }) => apiFetch<{ phone: string; slackHandle: string }>("/api/v1/me/paging-contact", { signal }),
  });
  if (current.isPending) return null;
  return <PagingContactFields initial={current.data ?? { phone: "", slackHandle: "" }} />;
}

function PagingContactFields({ initial }: { initial: { phone: string; slackHandle: string } }) {
  const t = useTranslations("oncall");
  const client = useQueryClient();
  const [phone, setPhone] = useState(initial.phone);
  const [slackHandle, setSlack] = useState(initial.slackHandle);
  const [fields, setFields] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => apiFetch("/api/v1/me/paging-contact", { method: "PUT", json: { phone, slackHandle } }),
    onSuccess: () => {
      setFields({});
      void client.invalidateQueries({ queryKey: oncallKeys.pagingContact });
    },
    onError: (e) => setFields(e instanceof ApiError ? (e.fields ?? { _: e.message }) : { _: e.message }),
  });
  return (
    <form onSubmit={onSubmitRun(() => save.mutate())} className="panel space-y-2 p-3" noValidate aria-labelledby="paging-title">
      <h2 id="paging-title" className="text-sm font-semibold">
        {t("pagingTitle")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("pagingHint")}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label={t("phone")} error={fields.phone}>
          <input className="input" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+82 10-1234-5678" />
        </Field>
        <Field label={t("slack")} error={fields.slackHandle}>
          <input className="input" value={slackHandle} onChange={(e) => setSlack(e.target.value)} placeholder="U0123ABCD" />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary min-h-11">
        {t("save")}
      </button>
      {save.isSuccess && <SavedNote className="ml-2 text-sm">{t("saved")}</SavedNote>}
    </form>
  );
}
