"use client";
// The incident room's status page panel: which components the incident affects and how, the stakeholder
// update the commander writes (from a template, in Korean and English) and publishes, the published ones,
// and when the next update is due. Internal notes are written in the timeline, never here.
// On a phone the panel sits between the commander's actions and the timeline, so below lg it folds to one
// line (the last public update's age and the way to write the next) that opens on a tap; from lg it is open.
import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { MutationButton } from "@/components/ui/mutation-button";
import { onSubmitRun } from "@/lib/client/forms";
import { apiFetch, ApiError } from "@/lib/client/api";
import { useNow } from "@/lib/client/use-now";
import { can } from "@/lib/domain/roles";
import { IMPACTS, type Impact } from "@/lib/domain/status/components";
import { UPDATE_STATUSES, type UpdateStatus } from "@/lib/domain/status/updates";
import type { RoomSlotProps } from "@/components/incidents/room-slot-props";
import type { RoomStatusDto } from "@/lib/server/status/room";
import { QueryState } from "@/components/ui/query-state";
import { ErrorNote, Options } from "@/components/ui/field";

export const statusKeys = { room: (id: number) => ["incident", id, "statuspage"] as const };

export function StatusRoomPanel({ incident, role, locale }: RoomSlotProps) {
  const t = useTranslations("statuspage");
  const query = useQuery({
    queryKey: statusKeys.room(incident.id),
    queryFn: ({ signal }) => apiFetch<RoomStatusDto>(`/api/v1/incidents/${incident.id}/updates`, { signal }),
    refetchInterval: 60_000,
  });
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const mayPublish = can(role, "status.publish");
  return (
    <section className="panel text-sm" aria-labelledby="status-heading" data-testid="status-room-panel">
      <button
        type="button"
        className="flex min-h-11 w-full items-center justify-between gap-2 px-3 py-2 text-left lg:hidden"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
        data-testid="status-summary"
      >
        <Summary data={query.data} mayPublish={mayPublish} />
        <span aria-hidden className="text-slate-500">
          {open ? "▴" : "▾"}
        </span>
      </button>
      <div id={bodyId} className={`space-y-3 p-3 lg:block ${open ? "pt-0 lg:pt-3" : "hidden"}`} data-testid="status-panel-body">
        <div className="flex items-center justify-between">
          <h2 id="status-heading" className="text-xs font-semibold uppercase text-slate-500">
            {t("room.title")}
          </h2>
          <a className="text-xs underline" href="/status" target="_blank" rel="noreferrer">
            {t("room.viewPage")}
          </a>
        </div>
        <QueryState query={query} look="room" words={{ loading: t("room.loading") }}>
          {(data) => (
            <Loaded data={data} incidentId={incident.id} locale={locale} mayPublish={mayPublish} mayEdit={can(role, "incident.update")} />
          )}
        </QueryState>
      </div>
    </section>
  );
}

/** The folded panel's one line: "마지막 공개 업데이트 12분 전 · 업데이트 작성", orange once the next update is late. */
function Summary({ data, mayPublish }: { data: RoomStatusDto | undefined; mayPublish: boolean }) {
  const t = useTranslations("statuspage");
  const now = useNow(30_000);
  if (!data) return <span className="text-slate-500">{t("room.loading")}</span>;
  const last = data.updates[0];
  const minutes = last ? Math.max(0, Math.floor((now - new Date(last.publishedAt).getTime()) / 60_000)) : null;
  return (
    <span className={data.reminder.overdue ? "font-medium text-orange-700 dark:text-orange-400" : ""}>
      {minutes === null ? t("room.summaryNone") : t("room.summaryLast", { minutes })}
      {" · "}
      <span className="underline">
        {mayPublish ? (last ? t("room.summaryWrite") : t("room.summaryWriteFirst")) : t("room.summaryShow")}
      </span>
    </span>
  );
}

function Loaded({
  data,
  incidentId,
  locale,
  mayPublish,
  mayEdit,
}: {
  data: RoomStatusDto;
  incidentId: number;
  locale: "ko" | "en";
  mayPublish: boolean;
  mayEdit: boolean;
}) {
  const t = useTranslations("statuspage");
  const fmt = (iso: string) =>
    new Date(iso).toLocaleString(locale === "en" ? "en-GB" : "ko-KR", { timeZone: "Asia/Seoul", dateStyle: "short", timeStyle: "short" });
  return (
    <>
      {data.heldByMaintenance && (
        <p className="rounded bg-sky-50 p-2 font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-200" data-testid="held-by-maintenance">
          {t("room.heldByMaintenance")}
        </p>
      )}
      <p
        data-testid="update-reminder"
        className={data.reminder.overdue ? "font-medium text-orange-700 dark:text-orange-400" : "text-slate-600 dark:text-slate-300"}
      >
        {data.reminder.dueAt
          ? data.reminder.overdue
            ? t("room.reminderOverdue", { time: fmt(data.reminder.dueAt) })
            : t("room.reminderDue", { time: fmt(data.reminder.dueAt) })
          : t("room.noReminder")}
      </p>
      <ImpactEditor data={data} incidentId={incidentId} locale={locale} disabled={!mayEdit} />
      {mayPublish && <PublishForm data={data} incidentId={incidentId} />}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">{t("room.history")}</h3>
        {data.updates.length === 0 ? (
          <p className="text-slate-500">{t("room.none")}</p>
        ) : (
          <ol className="space-y-2" data-testid="published-updates">
            {data.updates.map((u) => (
              <li key={u.id}>
                <strong>{t(`updateStatus.${u.status as UpdateStatus}`)}</strong>{" "}
                <span className="text-slate-500">
                  {fmt(u.publishedAt)} · {u.authorName}
                </span>
                <p className="whitespace-pre-wrap break-words">{u.body[locale]}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}

function ImpactEditor({
  data,
  incidentId,
  locale,
  disabled,
}: {
  data: RoomStatusDto;
  incidentId: number;
  locale: "ko" | "en";
  disabled: boolean;
}) {
  const t = useTranslations("statuspage");
  const client = useQueryClient();
  const [impacts, setImpacts] = useState<Record<string, Impact | "">>(() =>
    Object.fromEntries(data.affected.map((a) => [a.componentId, a.impact])),
  );
  const save = useMutation({
    mutationFn: () =>
      apiFetch<RoomStatusDto>(`/api/v1/incidents/${incidentId}/components`, {
        method: "PUT",
        json: { components: Object.entries(impacts).flatMap(([componentId, impact]) => (impact ? [{ componentId, impact }] : [])) },
      }),
    onSuccess: (next) => client.setQueryData(statusKeys.room(incidentId), next),
  });
  return (
    <fieldset disabled={disabled} data-testid="impact-editor">
      <legend className="mb-1 text-xs font-semibold uppercase text-slate-500">{t("room.affectedComponents")}</legend>
      <ul className="space-y-1">
        {data.components.map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-2">
            <label htmlFor={`impact-${c.id}`}>{locale === "en" ? c.nameEn : c.nameKo}</label>
            <select
              id={`impact-${c.id}`}
              className="input w-auto py-0.5 text-xs"
              value={impacts[c.id] ?? ""}
              onChange={(e) => setImpacts({ ...impacts, [c.id]: e.target.value as Impact | "" })}
            >
              <option value="">{t("state.operational")}</option>
              <Options items={IMPACTS} label={(i) => t(`state.${i}`)} />
            </select>
          </li>
        ))}
      </ul>
      {!disabled && (
        <MutationButton mutation={save} className="btn mt-2 w-full">
          {t("room.saveComponents")}
        </MutationButton>
      )}
      <ErrorNote error={save.error} />
    </fieldset>
  );
}

function PublishForm({ data, incidentId }: { data: RoomStatusDto; incidentId: number }) {
  const t = useTranslations("statuspage");
  const client = useQueryClient();
  const last = data.updates[0]?.status as UpdateStatus | undefined;
  const [status, setStatus] = useState<UpdateStatus>(last && last !== "resolved" ? last : "investigating");
  const [body, setBody] = useState(data.templates[status]);
  const [title, setTitle] = useState(data.publicTitle);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const publish = useMutation({
    mutationFn: () => apiFetch(`/api/v1/incidents/${incidentId}/updates`, { method: "POST", json: { status, body, title } }),
    onSuccess: async () => {
      setErrors({});
      await client.invalidateQueries({ queryKey: ["incident", incidentId] });
    },
    onError: (error) => setErrors(error instanceof ApiError && error.fields ? error.fields : {}),
  });
  return (
    <form
      className="space-y-2 border-t border-slate-200 pt-2 dark:border-slate-700"
      data-testid="publish-form"
      onSubmit={onSubmitRun(() => publish.mutate())}
    >
      <label className="block">
        <span className="text-xs font-medium">{t("room.status")}</span>
        <select
          name="status"
          className="input"
          value={status}
          onChange={(e) => {
            const next = e.target.value as UpdateStatus;
            setStatus(next);
            setBody(data.templates[next]);
          }}
        >
          <Options items={UPDATE_STATUSES} label={(s) => t(`updateStatus.${s}`)} />
        </select>
      </label>
      <p className="text-xs text-slate-500">{t("room.publicTitle")}</p>
      <input
        aria-label={t("room.titleKo")}
        className="input"
        value={title.ko}
        maxLength={200}
        onChange={(e) => setTitle({ ...title, ko: e.target.value })}
      />
      <input
        aria-label={t("room.titleEn")}
        className="input"
        value={title.en}
        maxLength={200}
        onChange={(e) => setTitle({ ...title, en: e.target.value })}
      />
      <label className="block">
        <span className="text-xs font-medium">{t("room.bodyKo")}</span>
        <textarea name="bodyKo" className="input" rows={4} value={body.ko} onChange={(e) => setBody({ ...body, ko: e.target.value })} />
        {errors["body.ko"] && <span className="field-error">{errors["body.ko"]}</span>}
      </label>
      <label className="block">
        <span className="text-xs font-medium">{t("room.bodyEn")}</span>
        <textarea name="bodyEn" className="input" rows={4} value={body.en} onChange={(e) => setBody({ ...body, en: e.target.value })} />
        {errors["body.en"] && <span className="field-error">{errors["body.en"]}</span>}
      </label>
      <p className="text-xs text-slate-500">{t("room.privateNote")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn" onClick={() => setBody(data.templates[status])}>
          {t("room.useTemplate")}
        </button>
        <button type="submit" className="btn-primary" disabled={publish.isPending}>
          {publish.isPending ? t("room.publishing") : t("room.publish")}
        </button>
      </div>
      {!Object.keys(errors).length && <ErrorNote error={publish.error} />}
      {publish.isSuccess && (
        <p role="status" className="text-emerald-700 dark:text-emerald-400">
          {t("room.published")}
        </p>
      )}
    </form>
  );
}
