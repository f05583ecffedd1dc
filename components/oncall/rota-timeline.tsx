"use client";
// Two weeks of a schedule as the editor shows it: one row per layer, the overrides, and the final rota (what
// escalations use). Computed in the browser with the same rota maths as the server (lib/domain/oncall), so an
// unsaved edit previews at once. The rows scroll sideways on a phone; the final rota is also listed as text.
import { useMemo } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { layerShiftsBetween, shiftsBetween, type Rota, type Shift } from "@/lib/domain/oncall/rota";
import { useShiftTime } from "./use-shift-time";

const DAY = 24 * 3_600_000;
const COLORS = [
  "bg-sky-200 dark:bg-sky-800",
  "bg-emerald-200 dark:bg-emerald-800",
  "bg-violet-200 dark:bg-violet-800",
  "bg-amber-200 dark:bg-amber-800",
  "bg-rose-200 dark:bg-rose-800",
  "bg-teal-200 dark:bg-teal-800",
];

export function RotaTimeline({
  rota,
  names,
  from,
  layerNames,
}: {
  rota: Rota;
  names: Map<string, string>;
  from: number;
  layerNames: string[];
}) {
  const t = useTranslations("oncall");
  const format = useFormatter();
  const to = from + 14 * DAY;
  const colorOf = useMemo(() => {
    const ids = [...new Set(rota.layers.flatMap((l) => l.members).concat(rota.overrides.map((o) => o.userId)))];
    return (id: string | null) => (id ? COLORS[ids.indexOf(id) % COLORS.length] : "bg-transparent");
  }, [rota]);
  const final = useMemo(() => shiftsBetween(rota, from, to), [rota, from, to]);
  const rows: { key: string; label: string; shifts: Shift[] }[] = [
    ...rota.layers.map((layer, i) => ({
      key: layer.id,
      label: layerNames[i] || t("layerN", { n: i + 1 }),
      shifts: layerShiftsBetween(layer, rota.timeZone, from, to, rota.unavailable),
    })),
    {
      key: "overrides",
      label: t("overrides"),
      shifts: rota.overrides
        .filter((o) => o.end > from && o.start < to && !rota.unavailable?.has(o.userId))
        .map((o) => ({
          userId: o.userId,
          start: Math.max(o.start, from),
          end: Math.min(o.end, to),
          source: { kind: "override" as const, overrideId: o.id },
        })),
    },
    { key: "final", label: t("finalRota"), shifts: final },
  ];
  const pct = (ms: number) => `${((ms - from) / (to - from)) * 100}%`;
  // Short enough for 14 labels in the row: "30 월" / "30 M".
  const day = (ms: number) =>
    `${format.dateTime(new Date(ms), { day: "numeric", timeZone: rota.timeZone }).replace(/\D/g, "")} ${format.dateTime(new Date(ms), { weekday: "narrow", timeZone: rota.timeZone })}`;
  const time = useShiftTime(rota.timeZone);
  // A deactivated member's slot, covered by the next one in order: said in words, not only by a colour.
  const coveringId = (s: Shift) => (s.source?.kind === "layer" ? (s.source.covering ?? null) : null);
  const covering = (s: Shift) => {
    const id = coveringId(s);
    return id ? ` · ${t("coveringFor", { name: names.get(id) ?? id })}` : "";
  };

  return (
    <div className="space-y-3" data-testid="rota-timeline">
      <div className="overflow-x-auto">
        <div className="min-w-[640px] text-xs">
          <div className="relative ml-24 h-5 border-b border-slate-200 dark:border-slate-700">
            {Array.from({ length: 14 }, (_, i) => (
              <span key={i} className="absolute top-0 text-slate-500" style={{ left: pct(from + i * DAY) }}>
                {day(from + i * DAY)}
              </span>
            ))}
          </div>
          {rows.map((row) => (
            <div key={row.key} className="flex items-center gap-1 py-1">
              <div className={`w-24 shrink-0 truncate ${row.key === "final" ? "font-semibold" : ""}`}>{row.label}</div>
              <div
                className={`relative h-6 flex-1 rounded ${row.key === "final" ? "bg-red-100 dark:bg-red-950" : "bg-slate-100 dark:bg-slate-800"}`}
                data-testid={`rota-row-${row.key}`}
              >
                {row.shifts
                  .filter((s) => s.userId)
                  .map((s) => (
                    <div
                      key={`${s.start}-${s.userId}`}
                      className={`absolute top-0 h-6 overflow-hidden rounded border border-white px-1 leading-6 dark:border-slate-900 ${colorOf(s.userId)}`}
                      style={{ left: pct(s.start), width: `calc(${pct(s.end)} - ${pct(s.start)})` }}
                      title={`${names.get(s.userId!) ?? s.userId}${covering(s)} · ${time(s.start)} – ${time(s.end)}`}
                      data-covering={coveringId(s) ?? undefined}
                    >
                      {names.get(s.userId!) ?? s.userId}
                      {covering(s)}
                    </div>
                  ))}
              </div>
            </div>
          ))}
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer">{t("finalAsList")}</summary>
        <ol className="mt-1 space-y-0.5" data-testid="final-rota-list">
          {final.map((s) => (
            <li key={s.start} className={s.userId ? "" : "text-red-700 dark:text-red-400"}>
              {time(s.start)} – {time(s.end)} · {s.userId ? (names.get(s.userId) ?? s.userId) : t("nobody")}
              {s.source?.kind === "override" ? ` (${t("overrideShort")})` : ""}
              {covering(s)}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
