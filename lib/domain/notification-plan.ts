// Which notifications an incident event sends (manual 3.2 channels, 6.2 escalation roles), and the
// delivery retry policy. Pure: the server writes the planned deliveries to its outbox and a deliverer
// sends them through lib/notify, asking this module when to retry.
import { nextBusinessMoment, DEFAULT_BUSINESS_HOURS, type BusinessHours } from "./business-hours";
import { SEVERITY_CHANNELS, type ChannelKind, type EscalationRole } from "./escalation-matrix";
import { SEVERITY_TARGET_MS, severityRank, type Severity } from "./severity";
import { contactRoleInSentence } from "@/lib/i18n/labels";
import { normalizeEmail, normalizePhone } from "./reach/addresses";
import { personalPages, rulesFor, urgencyOf, type RuleSet } from "./reach/notification-rules";

export { normalizePhone };

export interface LocalizedText {
  ko: string;
  en: string;
}

export type NotificationEvent =
  /** `fireKey` from dueSteps(): distinct for the first notification and each reminder */
  | { kind: "escalation"; role: EscalationRole; fireKey: string; round: number; at: Date }
  | { kind: "declared"; at: Date }
  | { kind: "severity-changed"; from: Severity; to: Severity; at: Date }
  | { kind: "resolved"; at: Date }
  | { kind: "reopened"; at: Date };

export interface ContactEntry {
  role: string;
  name: string;
  phone: string;
  email: string;
  slackHandle: string;
  /** the app user behind the entry (an on-call person), when there is one */
  userId?: string;
  /** that user's Web Push devices (PushSubscription ids): a push step of their rules goes to each */
  pushDevices?: string[];
  /** that user's own notification rules, per urgency they set one (absent: the defaults) */
  rules?: Partial<RuleSet>;
}

/** Where a delivery goes: the manual's channels (3.2), plus Web Push to a person's own devices. */
export type DeliveryChannel = ChannelKind | "push";

export interface IncidentRef {
  id: number | string;
  title: string;
  /** the severity now (after a change, the new one) */
  severity: Severity;
  startedAt: Date;
  /** absolute link to the incident room, shown in Slack and email */
  url?: string;
}

export interface Delivery {
  /** deterministic: incident + event + channel + recipient, so a replayed event never double-sends */
  idempotencyKey: string;
  incidentId: string;
  /** not about one incident: "handoff" (a shift starts), "test-page" (a person checks their contact methods), "insights-report" (the managers' weekly report) */
  event: NotificationEvent["kind"] | "handoff" | "status-update" | "test-page" | "insights-report";
  channel: DeliveryChannel;
  /** slack: channel name ("#emergency"); sms/phone: phone number; email: address; push: the PushSubscription id */
  to: string;
  /** null for a Slack channel message, which reaches the channel, not one person */
  recipient: { role: string; name: string } | null;
  /** Slack handles of the people the message is for */
  mentions: string[];
  severity: Severity;
  subject: LocalizedText;
  message: LocalizedText;
  link?: string;
  /** an acknowledge link (email, SMS: the URL; voice: the keypress; Slack: the button), issued with the page */
  ack?: { url: string; token: string };
  /** hold until then (P3 outside business hours; a personal rule's delay); null = send now */
  notBefore: Date | null;
}

export interface Unreachable {
  role: string;
  name: string;
  channel: ChannelKind;
  reason: string;
}
export interface NotificationPlan {
  deliveries: Delivery[];
  unreachable: Unreachable[];
}

/**
 * Who hears about incident events (declared, severity changed, resolved, reopened): the technical
 * contacts of manual 6.1. The matrix roles are left out on purpose — they hear from the escalation
 * steps at the elapsed times of 6.2, and paging the team lead at declaration would make the 15-minute
 * step meaningless. Callers can pass their own list (e.g. only the DB admin for a deadlock).
 */
export const DEFAULT_ON_CALL_ROLES: readonly string[] = ["system_admin", "db_admin", "network_admin"];

/** A contact role as notifications write it ("팀 리더", "team lead"). */
export const roleLabel = (role: string): LocalizedText => contactRoleInSentence(role);
const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

function texts(incident: IncidentRef, event: NotificationEvent): { subject: LocalizedText; message: LocalizedText } {
  const sev = incident.severity;
  const tag = `#${incident.id} ${incident.title}`;
  const elapsed = minutes(event.at.getTime() - incident.startedAt.getTime());
  switch (event.kind) {
    case "escalation": {
      const who = roleLabel(event.role);
      const ko = event.round > 0 ? ` (재알림 ${event.round}차, 미확인)` : "";
      const en = event.round > 0 ? ` (reminder ${event.round}, not acknowledged)` : "";
      return {
        subject: { ko: `[${sev} 에스컬레이션] ${tag}`, en: `[${sev} escalation] ${tag}` },
        message: {
          ko: `${who.ko} 알림: 장애 발생 후 ${elapsed}분이 지났지만 아직 해결되지 않았습니다${ko}.`,
          en: `Notifying the ${who.en}: still unresolved ${elapsed} min after the start${en}.`,
        },
      };
    }
    case "declared": {
      const target = minutes(SEVERITY_TARGET_MS[sev]);
      return {
        subject: { ko: `[${sev} 장애 선언] ${tag}`, en: `[${sev} declared] ${tag}` },
        message: {
          ko: `${sev} 장애가 선언되었습니다. 해결 목표: ${target}분 이내.`,
          en: `${sev} incident declared. Resolve within ${target} min.`,
        },
      };
    }
    case "severity-changed":
      return {
        subject: { ko: `[심각도 변경 ${event.from}→${event.to}] ${tag}`, en: `[Severity ${event.from}→${event.to}] ${tag}` },
        message: {
          ko: `심각도가 ${event.from}에서 ${event.to}(으)로 변경되었습니다 (발생 후 ${elapsed}분).`,
          en: `Severity changed from ${event.from} to ${event.to} (${elapsed} min after the start).`,
        },
      };
    case "resolved":
      return {
        subject: { ko: `[해결] ${tag}`, en: `[Resolved] ${tag}` },
        message: { ko: `장애가 ${elapsed}분 만에 해결되었습니다.`, en: `Resolved ${elapsed} min after the start.` },
      };
    case "reopened":
      return {
        subject: { ko: `[다시 열림 ${sev}] ${tag}`, en: `[Reopened ${sev}] ${tag}` },
        message: {
          ko: `해결되었던 장애가 다시 열렸습니다 (발생 후 ${elapsed}분).`,
          en: `The incident was reopened (${elapsed} min after the start).`,
        },
      };
  }
}

function eventKey(event: NotificationEvent): string {
  // `at` is the recorded time of the event (its timeline entry), so a replay produces the same key while
  // a second, later change of the same kind (P2→P0, back to P2, P2→P0 again) produces a new one.
  switch (event.kind) {
    case "escalation":
      return `escalation:${event.fireKey}`;
    case "declared":
      return "declared";
    case "severity-changed":
      return `severity:${event.from}>${event.to}@${event.at.toISOString()}`;
    default:
      return `${event.kind}@${event.at.toISOString()}`;
  }
}

export function idempotencyKey(incidentId: number | string, event: NotificationEvent, channel: DeliveryChannel, to: string): string {
  return `incident:${incidentId}|${eventKey(event)}|${channel}|${to}`;
}

/**
 * Phone calls wake people up to act, so they are placed only for events that ask for action
 * (declared, escalation, raised severity, reopened); "resolved" and a lowered severity go by Slack
 * and SMS/email only. A lowered severity also posts in the old severity's Slack channel, because
 * that is where the people who were paged are watching.
 */
function routesFor(incident: IncidentRef, event: NotificationEvent) {
  const routes = [...SEVERITY_CHANNELS[incident.severity].routes];
  const calm = event.kind === "resolved" || (event.kind === "severity-changed" && severityRank(event.to) > severityRank(event.from));
  if (event.kind === "severity-changed" && calm) {
    for (const old of SEVERITY_CHANNELS[event.from].routes) {
      if (old.kind === "slack" && !routes.some((r) => r.kind === "slack" && r.target === old.target)) routes.push(old);
    }
  }
  return calm ? routes.filter((r) => r.kind !== "phone") : routes;
}

export function planNotifications(input: {
  incident: IncidentRef;
  event: NotificationEvent;
  contacts: ContactEntry[];
  onCallRoles?: readonly string[];
  businessHours?: BusinessHours;
}): NotificationPlan {
  const { incident, event } = input;
  const roles = event.kind === "escalation" ? [event.role] : (input.onCallRoles ?? DEFAULT_ON_CALL_ROLES);
  const recipients = input.contacts.filter((c) => roles.includes(c.role));
  const held = SEVERITY_CHANNELS[incident.severity].businessHoursOnly;
  const notBefore = held ? nextBusinessMoment(event.at, input.businessHours ?? DEFAULT_BUSINESS_HOURS) : null;
  const { subject, message } = texts(incident, event);
  const common = {
    incidentId: String(incident.id),
    event: event.kind,
    severity: incident.severity,
    subject,
    message,
    ...(incident.url ? { link: incident.url } : {}),
    notBefore,
  };
  const deliveries = new Map<string, Delivery>();
  const unreachable: Unreachable[] = [];
  const add = (d: Omit<Delivery, "idempotencyKey" | keyof typeof common>, delayMinutes = 0, at: Date | null = notBefore) => {
    // A delayed rule entry has a key of its own (rule lists hold one entry per channel and delay).
    const key = idempotencyKey(incident.id, event, d.channel, d.to) + (delayMinutes > 0 ? `|+${delayMinutes}m` : "");
    // Two contacts sharing a number or address get one message, not two.
    if (!deliveries.has(key)) deliveries.set(key, { idempotencyKey: key, ...common, ...d, notBefore: at });
  };
  // An escalation step pages an app user (on call from a schedule) by their own notification rules, or the defaults;
  // directory entries (no user behind them) get the severity's channels of the manual (3.2).
  const personal = (c: ContactEntry) => event.kind === "escalation" && Boolean(c.userId);

  for (const route of routesFor(incident, event)) {
    if (route.kind === "slack") {
      const mentions = recipients.map((c) => c.slackHandle.trim()).filter(Boolean);
      add({ channel: "slack", to: route.target ?? "#alerts", recipient: null, mentions });
      continue;
    }
    for (const c of recipients) {
      if (personal(c)) continue;
      const to = route.kind === "email" ? normalizeEmail(c.email) : normalizePhone(c.phone);
      if (!to) {
        unreachable.push({
          role: c.role,
          name: c.name,
          channel: route.kind,
          reason: route.kind === "email" ? "no email address" : "no phone number",
        });
        continue;
      }
      add({ channel: route.kind, to, recipient: { role: c.role, name: c.name }, mentions: [] });
    }
  }
  for (const c of recipients.filter(personal)) {
    const { pages, missing } = personalPages(c, rulesFor(c.rules, urgencyOf(incident.severity)), event.at);
    for (const m of missing) unreachable.push({ role: c.role, name: c.name, ...m });
    for (const page of pages) {
      // P3 outside business hours: the later of the hold and the rule's delay
      const at = notBefore && (!page.notBefore || page.notBefore < notBefore) ? notBefore : page.notBefore;
      add({ channel: page.channel, to: page.to, recipient: { role: c.role, name: c.name }, mentions: [] }, page.delayMinutes, at);
    }
  }
  for (const role of roles) {
    if (!recipients.some((c) => c.role === role)) {
      unreachable.push({ role, name: "", channel: "slack", reason: "no contact with this role; only the Slack channel is told" });
    }
  }
  return { deliveries: [...deliveries.values()], unreachable };
}

// ---- Retry policy -------------------------------------------------------------------------------

export type SendResult = { ok: true; providerId?: string } | SendFailure;
export interface SendFailure {
  ok: false;
  retryable: boolean;
  error: string;
  retryAfterMs?: number;
}

/** Fixed, jitter-free delays after attempt 1, 2, …: every instance computes the same next time. */
export const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** a Retry-After beyond this is clamped so one misbehaving endpoint cannot park a delivery for days */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** When to try again after `attempts` attempts, the last at `lastAt`; Retry-After (429) wins when given. */
export function nextAttemptAt(attempts: number, lastAt: Date, retryAfterMs?: number): Date {
  const backoff = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1];
  const delay = retryAfterMs !== undefined && retryAfterMs >= 0 ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : backoff;
  return new Date(lastAt.getTime() + delay);
}

export function isPermanentFailure(attempts: number, lastError: SendFailure): boolean {
  return !lastError.retryable || attempts >= MAX_ATTEMPTS;
}

export type AttemptDecision =
  { state: "sent"; providerId?: string } | { state: "retry"; nextAttemptAt: Date; error: string } | { state: "failed"; error: string };

/** What the outbox records after attempt number `attempts` (1-based) ended at `at` with `result`. */
export function afterAttempt(result: SendResult, attempts: number, at: Date): AttemptDecision {
  if (result.ok) return { state: "sent", ...(result.providerId ? { providerId: result.providerId } : {}) };
  if (isPermanentFailure(attempts, result)) return { state: "failed", error: result.error };
  return { state: "retry", nextAttemptAt: nextAttemptAt(attempts, at, result.retryAfterMs), error: result.error };
}

/**
 * HTTP status → retryable or not. Slack documents 400 invalid_payload, 403 action_prohibited,
 * 404 channel_not_found, 410 channel_is_archived: retrying cannot fix those. 408, 429 and 5xx are transient.
 */
export function classifyHttpFailure(status: number, body: string, retryAfterMs?: number): SendFailure {
  const error = `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ""}`;
  const retryable = status === 408 || status === 429 || status >= 500;
  return { ok: false, retryable, error, ...(status === 429 && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
