// Alertmanager webhook payload (version "4", reference/contracts.md section 2): schema, parser and
// severity mapping. Pure. The receiver route answers 2xx fast, stores the raw body, then calls this.
//
// Deduplicate per alert, not per payload: Alertmanager re-sends whole groups on repeat_interval,
// on retries and from HA peers. An alert episode is `fingerprint + startsAt` (the same label set that
// fires again later gets a new startsAt); an event equal to the stored one (same episode, same status)
// is a repeat.
import { z } from "zod";
import { findAlertRule } from "./alert-rules";
import { isSeverity, type Severity } from "./severity";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** Go's zero time: Alertmanager's "no end" while an alert fires. */
const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/i;

const timestamp = z.string().regex(RFC3339, { error: "is not an RFC 3339 timestamp" });
const labelSet = z.record(z.string(), z.string());

const alertSchema = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: timestamp,
  endsAt: timestamp.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1, { error: "must not be empty" }),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.literal("4"),
  receiver: z.string(),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(alertSchema),
  groupKey: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(""),
  truncatedAlerts: z.number().int().nonnegative().default(0),
});
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

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
export function severityFromLabels(
  labels: Record<string, string>,
): { severity: Severity; source: SeveritySource } | null {
  const raw = (labels.severity ?? "").trim();
  const upper = raw.toUpperCase();
  if (isSeverity(upper)) return { severity: upper, source: "label" };
  const alias = SEVERITY_ALIASES[raw.toLowerCase()];
  if (alias) return { severity: alias, source: "label-alias" };
  const rule = labels.alertname ? findAlertRule(labels.alertname) : undefined;
  if (rule) return { severity: rule.severity, source: "rule" };
  return null;
}

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === "object") return "an object";
  return String(input);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(body)";
}

function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "is required";
  if (issue.code === "invalid_value") {
    const expected = issue.values.map((v) => JSON.stringify(v)).join(" or ");
    const what = issue.path?.length === 1 && issue.path[0] === "version" ? "unsupported payload version " : "";
    return `${what}${describeInput(issue.input)}: expected ${expected}`;
  }
  if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${describeInput(issue.input)}`;
  return undefined;
}

function parseTime(value: string): Date {
  return new Date(Date.parse(value));
}

function normalizeAlert(a: AlertmanagerPayload["alerts"][number]): AlertmanagerAlert {
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
  | { ok: true; notification: AlertmanagerNotification }
  | { ok: false; error: string; issues: string[] };

/** Parse a webhook body (the parsed JSON, or its text). Never throws. */
export function safeParseAlertmanagerWebhook(body: unknown): ParseResult {
  let input = body;
  if (typeof body === "string") {
    try {
      input = JSON.parse(body);
    } catch (err) {
      const issues = [`body is not JSON (${err instanceof Error ? err.message : String(err)})`];
      return { ok: false, error: new AlertmanagerPayloadError(issues).message, issues };
    }
  }
  const parsed = alertmanagerPayloadSchema.safeParse(input, { error: issueMessage });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${formatPath(i.path)} ${i.message}`);
    if (parsed.error.issues.length > 5) issues.push(`and ${parsed.error.issues.length - 5} more problems`);
    return { ok: false, error: new AlertmanagerPayloadError(issues).message, issues };
  }
  const p = parsed.data;
  const bad = p.alerts.findIndex((a) => Number.isNaN(Date.parse(a.startsAt)) || GO_ZERO_TIME.test(a.startsAt));
  if (bad >= 0) {
    const issues = [`alerts[${bad}].startsAt is not a valid start time: ${JSON.stringify(p.alerts[bad].startsAt)}`];
    return { ok: false, error: new AlertmanagerPayloadError(issues).message, issues };
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
      alerts: p.alerts.map(normalizeAlert),
    },
  };
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
