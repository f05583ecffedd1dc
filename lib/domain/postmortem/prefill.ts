// Prefills a new postmortem from what the app already recorded, so the team starts from facts instead of
// a blank page. Every prefilled value is also returned as a `fact` naming its source record, so the UI can
// show where a sentence came from and the writer can check it. Pure: times come from the inputs only.
//
// Deliberately NOT prefilled: impact (users/transactions are not known to the app), recovery (how it was
// fixed is the responders' account; the events are already under 대응), and the root-cause and
// improvement fields — those are the analysis the review is for, and prefilling them would let a report
// pass the required-field check without anyone writing it.
import type { Locale } from "@/lib/i18n/locales";
import type { Severity } from "@/lib/domain/severity";
import { SEVERITY_TARGET_MS } from "@/lib/domain/severity";
import { computeSla, describeRemaining } from "@/lib/domain/sla";
import { contactRoleName } from "@/lib/i18n/labels";
import type { LocalizedText, PostmortemFieldKey, PostmortemSections } from "./template";
import { DEFAULT_TIME_ZONE, formatDateTime, parseIso, wallClock } from "./time";
import { diagnosticLine, diagnosticsHeading, type DiagnosticLineInput, type DiagnosticVerdict } from "./diagnostic-lines";
import { verdictName } from "@/lib/i18n/labels";

export type { DiagnosticVerdict };

/** The parts of IncidentDto the prefill reads (structural, so the domain does not import server code). */
export interface PrefillIncident {
  id: number | string;
  title: string;
  severity: Severity;
  /** manual | api | alert */
  source?: string;
  startedAt: string;
  resolvedAt: string | null;
}

/** The parts of TimelineEventDto the prefill reads. */
export interface PrefillTimelineEvent {
  id: string;
  kind: string;
  actorName: string;
  message: string;
  createdAt: string;
  data?: unknown;
}

/**
 * One probe run. `verdict` is as the room showed it ("error" = the probe could not tell, never a warning);
 * `title` is the probe's name in the report's language; the optional reason, error code and address make
 * the 대응 field's short line readable (lib/domain/postmortem/diagnostic-lines.ts).
 */
export interface PrefillDiagnostic extends DiagnosticLineInput {
  id: string;
  ranAt: string;
}

export interface PrefillEscalation {
  id: string;
  /** team_lead | department_head | executive (other roles are shown as given) */
  role: string;
  dueAt: string;
  firedAt: string | null;
  acknowledgedAt?: string | null;
  acknowledgedBy?: string | null;
}

export type FactSourceKind = "incident" | "timeline" | "diagnostic" | "escalation";

export interface PrefillFact {
  key: string;
  label: LocalizedText;
  value: string;
  /** the template field this fact was written into, if any */
  field?: PostmortemFieldKey;
  source: { kind: FactSourceKind; id: string };
}

export interface PrefillInput {
  incident: PrefillIncident;
  timeline: readonly PrefillTimelineEvent[];
  diagnostics?: readonly PrefillDiagnostic[];
  escalations?: readonly PrefillEscalation[];
  locale: Locale;
  /** timeline lines kept from the start and the end of the incident (default 5 + 5) */
  timelineHead?: number;
  timelineTail?: number;
  timeZone?: string;
}

export interface PrefillResult {
  sections: PostmortemSections;
  facts: PrefillFact[];
}

const MESSAGE_MAX = 200;
const MINUTE = 60_000;

const T = {
  ongoing: { ko: "진행 중", en: "ongoing" },
  more: { ko: (n: number) => `… 외 ${n}건`, en: (n: number) => `… ${n} more` },
  minutes: { ko: (n: number) => `${n}분`, en: (n: number) => `${n} min` },
  seconds: { ko: (n: number) => `${n}초`, en: (n: number) => `${n} s` },
  hours: { ko: (n: number) => `${n}시간`, en: (n: number) => `${n} h` },
  met: { ko: (t: string) => `목표 ${t} 이내 달성`, en: (t: string) => `within the ${t} target` },
  breached: { ko: (t: string, by: string) => `목표 ${t}, ${by} 초과`, en: (t: string, by: string) => `target ${t}, breached by ${by}` },
  escalations: { ko: "에스컬레이션:", en: "Escalations:" },
  acked: { ko: (who: string, at: string) => `확인: ${who} ${at}`, en: (who: string, at: string) => `acknowledged by ${who} at ${at}` },
  howDetected: {
    alert: { ko: "알람으로 탐지", en: "Detected by an alert" },
    api: { ko: "API로 선언", en: "Declared via the API" },
    manual: { ko: "수동 선언", en: "Declared manually" },
    other: { ko: "탐지", en: "Detected" },
  },
} as const;

const LABEL = {
  timeWindow: { ko: "발생 시간", en: "Time window" },
  recoveryMinutes: { ko: "복구 시간", en: "Recovery time" },
  severity: { ko: "장애 등급", en: "Severity" },
  sla: { ko: "해결 목표", en: "Resolution target" },
  detection: { ko: "최초 탐지", en: "First detection" },
  diagnostic: { ko: "진단", en: "Diagnostic" },
  escalation: { ko: "에스컬레이션", en: "Escalation" },
} satisfies Record<string, LocalizedText>;

/** One line, bounded: timeline messages may be multi-line notes, which would break the Markdown list. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MESSAGE_MAX ? `${flat.slice(0, MESSAGE_MAX - 1)}…` : flat;
}

/** Targets read the way the manual writes them: 15분, 30분, 2시간, 4시간. */
function formatTarget(ms: number, locale: Locale): string {
  const minutes = Math.round(ms / MINUTE);
  return minutes >= 60 && minutes % 60 === 0 ? T.hours[locale](minutes / 60) : T.minutes[locale](minutes);
}

export function formatTimeWindow(startedAt: Date, resolvedAt: Date | null, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  const start = wallClock(startedAt, timeZone);
  if (!resolvedAt) return `${start.date} ${start.time} - (${T.ongoing[locale]})`;
  const end = wallClock(resolvedAt, timeZone);
  // The manual's "YYYY-MM-DD HH:MM - HH:MM" assumes one day; past midnight the end needs its date too.
  const endText = end.date === start.date ? end.time : `${end.date} ${end.time}`;
  return `${start.date} ${start.time} - ${endText}`;
}

interface TimedEvent {
  event: PrefillTimelineEvent;
  at: Date;
}

function sortedTimeline(timeline: readonly PrefillTimelineEvent[]): TimedEvent[] {
  return timeline
    .map((event, index) => ({ event, at: parseIso(event.createdAt, `Timeline event ${event.id}`), index }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index)
    .map(({ event, at }) => ({ event, at }));
}

/**
 * "- HH:MM actor — message" lines, the first `head` and last `tail` events with "… n more" between:
 * the start and the end of an incident tell the story; the middle is in the incident room.
 * Dates are added only when the incident crosses midnight, where HH:MM alone would be ambiguous.
 */
function timelineExcerpt(events: readonly TimedEvent[], opts: { locale: Locale; head: number; tail: number; timeZone: string }): string {
  if (events.length === 0) return "";
  const days = new Set(events.map((e) => wallClock(e.at, opts.timeZone).date));
  const stamp = (at: Date) => (days.size > 1 ? formatDateTime(at, opts.timeZone) : wallClock(at, opts.timeZone).time);
  const line = (e: TimedEvent) => `- ${stamp(e.at)} ${oneLine(e.event.actorName)} — ${oneLine(e.event.message)}`;
  const head = Math.max(0, opts.head);
  const tail = Math.max(0, opts.tail);
  if (events.length <= head + tail) return events.map(line).join("\n");
  const hidden = events.length - head - tail;
  return [...events.slice(0, head).map(line), `- ${T.more[opts.locale](hidden)}`, ...events.slice(events.length - tail).map(line)].join(
    "\n",
  );
}

/** When recovery began: the first status change to mitigated/resolved, else the resolution time. */
function recoveryStart(events: readonly TimedEvent[], resolvedAt: Date | null): Date | null {
  for (const e of events) {
    const data = e.event.data;
    if (e.event.kind === "status" && typeof data === "object" && data !== null && "to" in data) {
      const to = data.to;
      if (to === "mitigated" || to === "resolved") return e.at;
    }
  }
  return resolvedAt;
}

export function prefillPostmortem(input: PrefillInput): PrefillResult {
  const { incident, locale } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const incidentId = String(incident.id);
  const startedAt = parseIso(incident.startedAt, "Incident startedAt");
  const resolvedAt = incident.resolvedAt === null ? null : parseIso(incident.resolvedAt, "Incident resolvedAt");
  const events = sortedTimeline(input.timeline);
  const sections: PostmortemSections = {};
  const facts: PrefillFact[] = [];
  const fromIncident = { kind: "incident", id: incidentId } as const;

  sections.timeWindow = formatTimeWindow(startedAt, resolvedAt, locale, timeZone);
  facts.push({ key: "timeWindow", label: LABEL.timeWindow, value: sections.timeWindow, field: "timeWindow", source: fromIncident });

  sections.severity = incident.severity;
  facts.push({ key: "severity", label: LABEL.severity, value: incident.severity, field: "severity", source: fromIncident });

  const target = formatTarget(SEVERITY_TARGET_MS[incident.severity], locale);
  if (resolvedAt) {
    // Whole minutes, rounded down, like the SLA countdown (lib/domain/sla.ts) so both screens agree.
    const minutes = Math.max(0, Math.floor((resolvedAt.getTime() - startedAt.getTime()) / MINUTE));
    const sla = computeSla({ severity: incident.severity, startedAt, resolvedAt, now: resolvedAt });
    const over = describeRemaining(sla.remainingMs);
    const overText = over.breachedSeconds !== undefined ? T.seconds[locale](over.breachedSeconds) : T.minutes[locale](over.breachedMinutes);
    const slaText = sla.breached ? T.breached[locale](target, overText) : T.met[locale](target);
    sections.recoveryTime = `${T.minutes[locale](minutes)} (${slaText})`;
    facts.push({
      key: "recoveryMinutes",
      label: LABEL.recoveryMinutes,
      value: T.minutes[locale](minutes),
      field: "recoveryTime",
      source: fromIncident,
    });
    facts.push({ key: "sla", label: LABEL.sla, value: slaText, field: "recoveryTime", source: fromIncident });
  } else {
    facts.push({ key: "recoveryMinutes", label: LABEL.recoveryMinutes, value: T.ongoing[locale], source: fromIncident });
  }

  const how =
    T.howDetected[incident.source === "alert" || incident.source === "api" || incident.source === "manual" ? incident.source : "other"][
      locale
    ];
  const first = events[0];
  if (first) {
    sections.detection = `${formatDateTime(first.at, timeZone)} ${how}: ${oneLine(first.event.actorName)} — ${oneLine(first.event.message)}`;
    facts.push({
      key: "detection",
      label: LABEL.detection,
      value: sections.detection,
      field: "detection",
      source: { kind: "timeline", id: first.event.id },
    });
  } else {
    sections.detection = `${formatDateTime(startedAt, timeZone)} ${how}`;
    facts.push({ key: "detection", label: LABEL.detection, value: sections.detection, field: "detection", source: fromIncident });
  }

  const responseBlocks: string[] = [];
  // Probe results are summarised once, in the diagnostics block below, not again as raw timeline lines.
  const excerpt = timelineExcerpt(
    events.filter((e) => e.event.kind !== "diagnostic"),
    { locale, head: input.timelineHead ?? 5, tail: input.timelineTail ?? 5, timeZone },
  );
  if (excerpt) responseBlocks.push(excerpt);

  // Diagnostics before recovery were part of the response; those after it are the verification evidence.
  const verifyFrom = recoveryStart(events, resolvedAt);
  const diagnostics = [...(input.diagnostics ?? [])]
    .map((d) => ({ d, at: parseIso(d.ranAt, `Diagnostic ${d.id}`) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const during: string[] = [];
  const after: string[] = [];
  // HH:MM reads best; a date only when the runs span more than one day.
  const diagDays = new Set(diagnostics.map(({ at }) => wallClock(at, timeZone).date));
  const stamp = (at: Date) => (diagDays.size > 1 ? formatDateTime(at, timeZone) : wallClock(at, timeZone).time);
  for (const { d, at } of diagnostics) {
    // The fact keeps the probe's full one-line output (its source links to the run); the field gets the short line.
    const text = `${formatDateTime(at, timeZone)} [${verdictName(d.verdict)[locale]}] ${oneLine(d.title)} — ${oneLine(d.summary)}`;
    const isVerification = verifyFrom !== null && at.getTime() >= verifyFrom.getTime();
    (isVerification ? after : during).push(diagnosticLine({ ...d, title: oneLine(d.title) }, stamp(at), locale));
    facts.push({
      key: `diagnostic:${d.id}`,
      label: LABEL.diagnostic,
      value: text,
      field: isVerification ? "verification" : "response",
      source: { kind: "diagnostic", id: d.id },
    });
  }
  if (during.length > 0) responseBlocks.push([diagnosticsHeading(incidentId, locale), ...during].join("\n"));
  if (after.length > 0) sections.verification = [diagnosticsHeading(incidentId, locale), ...after].join("\n");

  const fired = (input.escalations ?? [])
    .filter((e): e is PrefillEscalation & { firedAt: string } => e.firedAt !== null)
    .map((e) => ({ e, at: parseIso(e.firedAt, `Escalation ${e.id}`) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const escalationLines: string[] = [];
  for (const { e, at } of fired) {
    const role = contactRoleName(e.role)[locale];
    const ack =
      e.acknowledgedAt && e.acknowledgedBy
        ? ` (${T.acked[locale](oneLine(e.acknowledgedBy), formatDateTime(parseIso(e.acknowledgedAt, `Escalation ${e.id} ack`), timeZone))})`
        : "";
    const text = `${formatDateTime(at, timeZone)} ${role}${ack}`;
    escalationLines.push(`- ${text}`);
    facts.push({
      key: `escalation:${e.id}`,
      label: LABEL.escalation,
      value: text,
      field: "response",
      source: { kind: "escalation", id: e.id },
    });
  }
  if (escalationLines.length > 0) responseBlocks.push([T.escalations[locale], ...escalationLines].join("\n"));
  if (responseBlocks.length > 0) sections.response = responseBlocks.join("\n\n");

  return { sections, facts };
}
