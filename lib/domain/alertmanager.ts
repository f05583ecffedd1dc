// Alertmanager webhook payload (version "4", reference/contracts.md section 2): schema, parser and
// severity mapping. Pure. The receiver route answers 2xx fast, stores the raw body, then calls this.
//
// Deduplicate per alert, not per payload: Alertmanager re-sends whole groups on repeat_interval,
// on retries and from HA peers. An alert episode is `fingerprint + startsAt` (the same label set that
// fires again later gets a new startsAt); an event equal to the stored one (same episode, same status)
// is a repeat.
import { findAlertRule } from "./alert-rules";
import { isSeverity, type Severity } from "./severity";
import { alertSchema, envelopeSchema, GO_ZERO_TIME, quickAlert, type ParsedAlert } from "./alertmanager-schema";
import { alertContent, englishIssues, envelopeContent, IssueCollector, zodIssue, type WebhookIssue } from "./alertmanager-issues";

export { alertmanagerPayloadSchema, type AlertmanagerPayload } from "./alertmanager-schema";
export {
  EN_TEMPLATES,
  formatWebhookIssue,
  formatWebhookRejection,
  payloadContentIssues,
  WEBHOOK_LIMITS,
  type WebhookIssue,
  type WebhookLocale,
} from "./alertmanager-issues";

export type SeveritySource = "label" | "label-alias" | "rule";

export interface AlertmanagerAlert {
  fingerprint: string;
  /** the alert's own status — never the payload's top-level status */
  status: "firing" | "resolved";
  /** labels.alertname ("" if absent) */
  name: string;
  labels: Record<string, string>;
  /** on resolve these are the last firing evaluation's: not current values */
  annotations: Record<string, string>;
  startsAt: Date;
  /** null while firing (Go zero time) */
  endsAt: Date | null;
  generatorURL: string | null;
  severity: Severity | null;
  severitySource: SeveritySource | null;
  /** `fingerprint@startsAt`: one firing episode of one alert; the dedup / incident key */
  episodeKey: string;
}

export interface AlertmanagerNotification {
  receiver: string;
  status: "firing" | "resolved";
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  truncatedAlerts: number;
  alerts: AlertmanagerAlert[];
}

export class AlertmanagerPayloadError extends Error {
  constructor(readonly issues: string[]) {
    super(`Alertmanager payload rejected: ${issues.join("; ")}`);
    this.name = "AlertmanagerPayloadError";
  }
}

const SEVERITY_ALIASES: Record<string, Severity> = { critical: "P1", warning: "P2" };

/**
 * The app's severity for an alert: labels.severity "P0".."P3" as is; "critical" → P1, "warning" → P2;
 * otherwise the manual's rule of that alertname (e.g. HighErrorRate → P0); otherwise null.
 */
export function severityFromLabels(labels: Record<string, string>): { severity: Severity; source: SeveritySource } | null {
  const raw = (labels.severity ?? "").trim();
  const upper = raw.toUpperCase();
  if (isSeverity(upper)) return { severity: upper, source: "label" };
  const alias = SEVERITY_ALIASES[raw.toLowerCase()];
  if (alias) return { severity: alias, source: "label-alias" };
  const rule = labels.alertname ? findAlertRule(labels.alertname) : undefined;
  if (rule) return { severity: rule.severity, source: "rule" };
  return null;
}

function parseTime(value: string): Date {
  return new Date(Date.parse(value));
}

function normalizeAlert(a: ParsedAlert): AlertmanagerAlert {
  const startsAt = parseTime(a.startsAt);
  const endsAt = a.endsAt === undefined || GO_ZERO_TIME.test(a.endsAt) ? null : parseTime(a.endsAt);
  const sev = severityFromLabels(a.labels);
  return {
    fingerprint: a.fingerprint,
    status: a.status,
    name: a.labels.alertname ?? "",
    labels: a.labels,
    annotations: a.annotations,
    startsAt,
    endsAt,
    generatorURL: a.generatorURL ? a.generatorURL : null,
    severity: sev?.severity ?? null,
    severitySource: sev?.source ?? null,
    episodeKey: `${a.fingerprint}@${startsAt.toISOString()}`,
  };
}

export type ParseResult =
  { ok: true; notification: AlertmanagerNotification } | { ok: false; error: string; issues: string[]; problems: WebhookIssue[] };

function failure(problems: WebhookIssue[]): ParseResult & { ok: false } {
  const issues = englishIssues(problems);
  return { ok: false, error: new AlertmanagerPayloadError(issues).message, issues, problems };
}

/**
 * The parse, step by step: it yields after every `slice` alerts, so a server can let other requests in
 * while a 5,000-alert payload is checked (safeParseAlertmanagerWebhook runs it in one go). Structure
 * first (every problem of every alert), then content (sizes, NUL, lone surrogates); nothing is
 * accepted unless both are clean.
 */
export function* parseWebhookSteps(body: unknown, slice = 500): Generator<void, ParseResult> {
  let input = body;
  if (typeof body === "string") {
    try {
      input = JSON.parse(body);
    } catch (err) {
      return failure([{ path: "(body)", code: "notJson", detail: err instanceof Error ? err.message : String(err) }]);
    }
    yield;
  }
  const envelope = envelopeSchema.safeParse(input, { reportInput: true });
  const structural: WebhookIssue[] = envelope.success ? [] : envelope.error.issues.map(zodIssue);
  const raw =
    input !== null && typeof input === "object" && Array.isArray((input as { alerts?: unknown }).alerts)
      ? (input as { alerts: unknown[] }).alerts
      : [];
  const alerts: ParsedAlert[] = [];
  for (let i = 0; i < raw.length; i++) {
    const quick = quickAlert(raw[i]);
    const r = quick ? null : alertSchema.safeParse(raw[i]);
    if (quick) alerts.push(quick);
    else if (r?.success) alerts.push(r.data);
    else if (structural.length < 50) {
      // again with the input kept, only for the messages
      const detailed = alertSchema.safeParse(raw[i], { reportInput: true });
      if (!detailed.success)
        for (const issue of detailed.error.issues) structural.push(zodIssue({ ...issue, path: ["alerts", i, ...issue.path] }));
    }
    if ((i + 1) % slice === 0) yield;
  }
  if (structural.length > 0 || !envelope.success) return failure(structural);
  const c = new IssueCollector();
  envelopeContent(c, envelope.data, alerts.length);
  for (let i = 0; i < alerts.length && !c.full; i++) {
    alertContent(c, alerts[i], i);
    if ((i + 1) % slice === 0) yield;
  }
  if (c.issues.length > 0) return failure(c.issues);
  const p = envelope.data;
  const normalized: AlertmanagerAlert[] = [];
  for (let i = 0; i < alerts.length; i++) {
    normalized.push(normalizeAlert(alerts[i]));
    if ((i + 1) % slice === 0) yield;
  }
  return {
    ok: true,
    notification: {
      receiver: p.receiver,
      status: p.status,
      groupKey: p.groupKey,
      groupLabels: p.groupLabels,
      commonLabels: p.commonLabels,
      commonAnnotations: p.commonAnnotations,
      externalURL: p.externalURL,
      truncatedAlerts: p.truncatedAlerts,
      alerts: normalized,
    },
  };
}

/** Parse a webhook body (the parsed JSON, or its text). Never throws. */
export function safeParseAlertmanagerWebhook(body: unknown): ParseResult {
  const steps = parseWebhookSteps(body, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Parse a webhook body; throws AlertmanagerPayloadError with every problem found. */
export function parseAlertmanagerWebhook(body: unknown): AlertmanagerNotification {
  const r = safeParseAlertmanagerWebhook(body);
  if (!r.ok) throw new AlertmanagerPayloadError(r.issues);
  return r.notification;
}

/** What the receiver stores per alert episode to recognise repeats. */
export interface StoredAlertEvent {
  episodeKey: string;
  status: "firing" | "resolved";
}

/**
 * True when `incoming` adds nothing to what is stored for its episode: same episode and same status
 * (a repeat_interval re-send, a retry, an HA duplicate). A resolved alert for an unknown episode is
 * new (it should create a closed record, not be dropped).
 */
export function isRepeat(stored: StoredAlertEvent | undefined, incoming: StoredAlertEvent): boolean {
  return stored !== undefined && stored.episodeKey === incoming.episodeKey && stored.status === incoming.status;
}

/** What is stored for a fingerprint, as far as deciding what an incoming alert means. */
export interface StoredAlertRow {
  startsAt: Date;
  status: string;
}

/**
 * What an incoming alert does to the stored row of its fingerprint:
 * - "repeat": same episode, same status (a repeat_interval re-send, a retry, an HA duplicate);
 * - "stale": a late message about an older episode, or a firing after the episode's resolve (a re-fire
 *   always has a new startsAt): what is stored stands;
 * - "new": no row yet; "episode": the fingerprint fires again (new startsAt); "change": the same
 *   episode changed status (firing → resolved).
 */
export function decideStore(
  row: StoredAlertRow | undefined,
  alert: Pick<AlertmanagerAlert, "startsAt" | "status">,
): "repeat" | "stale" | "new" | "episode" | "change" {
  if (!row) return "new";
  const sameEpisode = row.startsAt.getTime() === alert.startsAt.getTime();
  if (sameEpisode && row.status === alert.status) return "repeat";
  if (row.startsAt.getTime() > alert.startsAt.getTime() || (sameEpisode && row.status === "resolved")) return "stale";
  return sameEpisode ? "change" : "episode";
}
