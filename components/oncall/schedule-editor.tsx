"use client";
// The schedule editor: layers (members in order, rotation, handoff, start, an optional on-duty window) with a live
// two-week preview of the final rota, and the overrides. Admins and commanders edit; everyone else reads.
import { useMemo, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/client/api";
import { fetchSchedule, type ScheduleDto } from "@/lib/client/oncall";
import { oncallKeys } from "@/lib/client/query-keys";
import { useLiveTopics } from "@/lib/client/use-live";
import { layerInput, toLayer, type LayerInput } from "@/lib/domain/oncall/input";
import type { Rota } from "@/lib/domain/oncall/rota";
import { RotaTimeline } from "./rota-timeline";
import { OverrideForm } from "./override-form";

interface Person {
  id: string;
  name: string;
  /** false: deactivated — skipped in rotations (the next member covers), not offered for new slots */
  active: boolean;
}

interface LayerDraft {
  name: string;
  members: string[];
  kind: "daily" | "weekly" | "hours";
  hours: string;
  handoff: string;
  startDate: string;
  restricted: boolean;
  days: number[];
  windowStart: string;
  windowEnd: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function draftOf(layer: LayerInput): LayerDraft {
  const w = layer.restrictions[0];
  return {
    name: layer.name ?? "",
    members: layer.members,
    kind: layer.rotation.kind,
    hours: layer.rotation.kind === "hours" ? String(layer.rotation.hours) : "12",
    handoff: layer.handoff,
    startDate: layer.startDate,
    restricted: Boolean(w),
    days: w?.days ?? [1, 2, 3, 4, 5],
    windowStart: w?.start ?? "09:00",
    windowEnd: w?.end ?? "18:00",
  };
}

function layerOf(d: LayerDraft): LayerInput {
  return {
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    members: d.members,
    rotation: d.kind === "hours" ? { kind: "hours", hours: Number(d.hours) } : { kind: d.kind },
    handoff: d.handoff,
    startDate: d.startDate,
    restrictions: d.restricted ? [{ days: d.days, start: d.windowStart, end: d.windowEnd }] : [],
  };
}

function blankLayer(today: string): LayerDraft {
  return {
    name: "",
    members: [],
    kind: "weekly",
    hours: "12",
    handoff: "09:00",
    startDate: today,
    restricted: false,
    days: [1, 2, 3, 4, 5],
    windowStart: "09:00",
    windowEnd: "18:00",
  };
}

export function ScheduleEditor({
  scheduleId,
  role,
  people,
  canEdit,
  today,
}: {
  scheduleId: string | null;
  role: string;
  people: Person[];
  canEdit: boolean;
  today: string;
}) {
  const t = useTranslations("oncall");
  const roles = useTranslations("contacts");
  const client = useQueryClient();
  const router = useRouter();
  const existing = useQuery({
    queryKey: oncallKeys.schedule(scheduleId ?? "new"),
    queryFn: ({ signal }) => fetchSchedule(scheduleId!, signal),
    enabled: scheduleId !== null,
  });
  useLiveTopics(["schedules"], () => [oncallKeys.all]);
  const schedule = existing.data ?? null;
  const shownRole = schedule?.role ?? role;

  if (scheduleId && existing.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (scheduleId && existing.isError)
    return (
      <p role="status" className="text-sm text-red-700 dark:text-red-400">
        {t("loadError", { message: existing.error.message })}
      </p>
    );
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("editorTitle", { role: roles(shownRole) })}</h1>
      <LayersForm
        key={schedule ? `${schedule.id}-${schedule.version}` : "new"}
        schedule={schedule}
        role={role}
        people={people}
        canEdit={canEdit}
        today={today}
        onSaved={(saved) => {
          void client.invalidateQueries({ queryKey: oncallKeys.all });
          if (!scheduleId) router.push(`/oncall/${saved.id}`);
        }}
      />
      {schedule && <OverrideForm schedule={schedule} people={people.filter((p) => p.active)} canEdit={canEdit} />}
    </div>
  );
}

function LayersForm({
  schedule,
  role,
  people,
  canEdit,
  today,
  onSaved,
}: {
  schedule: ScheduleDto | null;
  role: string;
  people: Person[];
  canEdit: boolean;
  today: string;
  onSaved: (s: ScheduleDto) => void;
}) {
  const t = useTranslations("oncall");
  const format = useFormatter();
  const [name, setName] = useState(schedule?.name ?? "");
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? "Asia/Seoul");
  const [layers, setLayers] = useState<LayerDraft[]>(schedule ? schedule.layers.map(draftOf) : [blankLayer(today)]);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const active = useMemo(() => new Set(people.filter((p) => p.active).map((p) => p.id)), [people]);

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim() || undefined, timeZone, layers: layers.map(layerOf) };
      return schedule
        ? apiFetch<ScheduleDto>(`/api/v1/schedules/${schedule.id}`, { method: "PATCH", json: { ...body, version: schedule.version } })
        : apiFetch<ScheduleDto>("/api/v1/schedules", { method: "POST", json: { role, ...body } });
    },
    onSuccess: (saved) => {
      setError(null);
      onSaved(saved);
    },
    onError: (e) => setError({ message: e.message, fields: e instanceof ApiError ? (e.fields ?? {}) : {} }),
  });

  // The preview uses only the layers that are complete and valid; the others are skipped until they are.
  const preview: Rota = useMemo(() => {
    const valid = layers.flatMap((d, i) => {
      const parsed = layerInput.safeParse(layerOf(d));
      return parsed.success ? [toLayer(`layer-${i}`, parsed.data)] : [];
    });
    const overrides = (schedule?.overrides ?? []).map((o) => ({
      id: o.id,
      userId: o.userId,
      start: Date.parse(o.start),
      end: Date.parse(o.end),
    }));
    // The same availability rule as the server: deactivated (or unknown) members are skipped, the next one covers.
    const named = new Set([...valid.flatMap((l) => l.members), ...overrides.map((o) => o.userId)]);
    const unavailable = new Set([...named].filter((id) => !active.has(id)));
    return { timeZone, layers: valid, overrides, unavailable };
  }, [layers, timeZone, schedule, active]);
  const [from] = useState(() => Date.now());

  const update = (i: number, patch: Partial<LayerDraft>) => setLayers((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const fieldError = (path: string) => error?.fields[path];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <fieldset disabled={!canEdit || save.isPending} className="panel space-y-3 p-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("name")} strong>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
          </Field>
          <Field label={t("timeZone")} strong error={fieldError("timeZone")}>
            <input
              className="input"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              aria-invalid={Boolean(fieldError("timeZone"))}
            />
          </Field>
        </div>
        {layers.map((layer, i) => (
          <fieldset key={i} className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700" data-testid={`layer-${i}`}>
            <legend className="px-1 text-sm font-semibold">
              {t("layerN", { n: i + 1 })}
              {i > 0 ? ` · ${t("higherWins")}` : ""}
            </legend>
            <div className="grid gap-2 sm:grid-cols-2">
              <Field label={t("layerName")}>
                <input className="input" value={layer.name} onChange={(e) => update(i, { name: e.target.value })} maxLength={80} />
              </Field>
              <div className="text-sm">
                <span className="mb-1 block">{t("members")}</span>
                <ol className="space-y-1">
                  {layer.members.map((m, j) => (
                    <li key={m} className="flex items-center gap-2">
                      <span className="min-w-0 flex-1 truncate">
                        {j + 1}. {names.get(m) ?? m}
                        {!active.has(m) && (
                          <span className="ml-1 text-xs text-amber-800 dark:text-amber-300" data-testid={`member-inactive-${m}`}>
                            {t("memberInactive")}
                          </span>
                        )}
                      </span>
                      <button
                        type="button"
                        className="btn min-h-11 px-2"
                        aria-label={t("removeMember", { name: names.get(m) ?? m })}
                        onClick={() => update(i, { members: layer.members.filter((x) => x !== m) })}
                      >
                        ✕
                      </button>
                    </li>
                  ))}
                </ol>
                <select
                  className="input mt-1"
                  aria-label={t("addMember")}
                  value=""
                  onChange={(e) => e.target.value && update(i, { members: [...layer.members, e.target.value] })}
                >
                  <option value="">{t("addMember")}</option>
                  {people
                    .filter((p) => p.active && !layer.members.includes(p.id))
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
                {fieldError(`layers.${i}.members`) && <span className="field-error">{fieldError(`layers.${i}.members`)}</span>}
              </div>
              <Field label={t("rotation")}>
                <select className="input" value={layer.kind} onChange={(e) => update(i, { kind: e.target.value as LayerDraft["kind"] })}>
                  <option value="daily">{t("daily")}</option>
                  <option value="weekly">{t("weekly")}</option>
                  <option value="hours">{t("everyHours")}</option>
                </select>
              </Field>
              {layer.kind === "hours" && (
                <Field label={t("hours")}>
                  <input
                    className="input"
                    type="number"
                    min={1}
                    max={672}
                    value={layer.hours}
                    onChange={(e) => update(i, { hours: e.target.value })}
                  />
                </Field>
              )}
              <Field label={t("handoff")}>
                <input className="input" type="time" value={layer.handoff} onChange={(e) => update(i, { handoff: e.target.value })} />
              </Field>
              <Field label={t("startDate")}>
                <input className="input" type="date" value={layer.startDate} onChange={(e) => update(i, { startDate: e.target.value })} />
              </Field>
            </div>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" checked={layer.restricted} onChange={(e) => update(i, { restricted: e.target.checked })} />
              {t("restricted")}
            </label>
            {layer.restricted && (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                {WEEKDAYS.map((d) => (
                  <label key={d} className="flex min-h-11 items-center gap-1">
                    <input
                      type="checkbox"
                      checked={layer.days.includes(d)}
                      onChange={(e) =>
                        update(i, { days: e.target.checked ? [...layer.days, d].sort() : layer.days.filter((x) => x !== d) })
                      }
                    />
                    {format.dateTime(new Date(Date.UTC(2026, 0, 4 + d)), { weekday: "short", timeZone: "UTC" })}
                  </label>
                ))}
                <input
                  className="input w-28"
                  type="time"
                  aria-label={t("windowStart")}
                  value={layer.windowStart}
                  onChange={(e) => update(i, { windowStart: e.target.value })}
                />
                <span>–</span>
                <input
                  className="input w-28"
                  type="time"
                  aria-label={t("windowEnd")}
                  value={layer.windowEnd}
                  onChange={(e) => update(i, { windowEnd: e.target.value })}
                />
              </div>
            )}
            {layers.length > 1 && (
              <button type="button" className="btn min-h-11" onClick={() => setLayers((all) => all.filter((_, j) => j !== i))}>
                {t("removeLayer")}
              </button>
            )}
          </fieldset>
        ))}
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn min-h-11" onClick={() => setLayers((all) => [...all, blankLayer(today)])}>
            {t("addLayer")}
          </button>
          <button type="submit" className="btn btn-primary min-h-11" data-testid="save-schedule">
            {save.isPending ? t("saving") : t("save")}
          </button>
        </div>
        {error && (
          <p role="alert" className="field-error" data-testid="schedule-error">
            {error.message}
          </p>
        )}
        {save.isSuccess && !error && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {t("saved")}
          </p>
        )}
      </fieldset>
      <section className="panel p-3">
        <h2 className="mb-2 text-sm font-semibold">{t("previewTitle")}</h2>
        <RotaTimeline rota={preview} names={names} from={from} layerNames={layers.map((l) => l.name)} />
      </section>
    </form>
  );
}
